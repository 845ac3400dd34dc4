#include "tolk/store/lmdb.hpp"

#include <catch2/catch.hpp>

#include "temporary_directory.hpp"

using namespace tolk::store;

TEST_CASE("committed writes are read back", "[lmdb]") {
  tolk::testing::TemporaryDirectory directory;
  const Environment environment = Environment::open(directory.path() / "env");
  {
    Transaction write = Transaction::begin_write(environment);
    Database terms = Database::open(write, "terms");
    terms.put(write, "dezertirstvo", "дезертирство");
    terms.put(write, "desertie", "desertion");
    write.commit();
  }
  Transaction read = Transaction::begin_read(environment);
  const Database terms = Database::open(read, "terms", OpenMode::existing);
  CHECK(terms.get(read, "dezertirstvo") == "дезертирство");
  CHECK_FALSE(terms.get(read, "absent").has_value());
  CHECK(terms.size(read) == 2);
}

TEST_CASE("a transaction that is not committed leaves nothing behind", "[lmdb]") {
  tolk::testing::TemporaryDirectory directory;
  const Environment environment = Environment::open(directory.path());
  {
    Transaction write = Transaction::begin_write(environment);
    Database::open(write, "terms").put(write, "kept", "1");
    write.commit();
  }
  try {
    Transaction write = Transaction::begin_write(environment);
    Database terms = Database::open(write, "terms");
    terms.put(write, "lost", "1");
    throw std::runtime_error("import failed half-way");
  } catch (const std::runtime_error&) {
  }
  Transaction read = Transaction::begin_read(environment);
  const Database terms = Database::open(read, "terms", OpenMode::existing);
  CHECK(terms.get(read, "kept").has_value());
  CHECK_FALSE(terms.get(read, "lost").has_value());
}

TEST_CASE("cursors walk keys in order and seek", "[lmdb]") {
  tolk::testing::TemporaryDirectory directory;
  const Environment environment = Environment::open(directory.path());
  Transaction write = Transaction::begin_write(environment);
  Database index = Database::open(write, "index");
  for (const char* key : {"b", "a", "c", "ca"})
    index.put(write, key, key);
  Cursor cursor(write, index);
  std::string order;
  for (auto entry = cursor.first(); entry; entry = cursor.next())
    order += std::string(entry->key) + ",";
  CHECK(order == "a,b,c,ca,");
  CHECK(cursor.seek("bz")->key == "c");
  CHECK_FALSE(cursor.seek("d").has_value());
}

TEST_CASE("a missing database is reported, not created, when asked to exist", "[lmdb]") {
  tolk::testing::TemporaryDirectory directory;
  const Environment environment = Environment::open(directory.path());
  Transaction read = Transaction::begin_read(environment);
  CHECK_FALSE(Database::open_if_exists(read, "nothing").has_value());
  CHECK_THROWS_AS(Database::open(read, "nothing", OpenMode::existing), LmdbError);
}

TEST_CASE("a read-only environment refuses writes with an LMDB error", "[lmdb]") {
  tolk::testing::TemporaryDirectory directory;
  { Environment::open(directory.path()); }
  const Environment environment =
      Environment::open(directory.path(), EnvironmentOptions{.read_only = true});
  CHECK_THROWS_AS(Transaction::begin_write(environment), LmdbError);
}

TEST_CASE("opening a store in a missing folder read-only fails with the folder named", "[lmdb]") {
  CHECK_THROWS_WITH(
      Environment::open("/nonexistent/tolk-store", EnvironmentOptions{.read_only = true}),
      Catch::Contains("/nonexistent/tolk-store"));
}
