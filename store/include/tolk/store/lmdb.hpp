#pragma once
// RAII over LMDB: an environment, transactions, named databases and cursors. Every handle closes
// or aborts itself; a transaction that is not committed is aborted when it goes out of scope, so
// an exception anywhere during a change leaves the store as it was.

#include <lmdb.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tolk::store {

class LmdbError : public std::runtime_error {
 public:
  LmdbError(int code, std::string_view operation);
  int code() const { return code_; }

 private:
  int code_;
};

struct EnvironmentOptions {
  std::size_t map_size = std::size_t{1} << 30;  // upper bound of the store's size; sparse on disk
  unsigned max_databases = 16;
  // MDB_RDONLY: read transactions only, and nothing in the folder is written but LMDB's lock
  // file. A store on a read-only file system is read without a lock file (LMDB does that itself);
  // a store whose lock file cannot be created or written for lack of permission (a copy from a
  // read-only share) is read with MDB_NOLOCK: nobody may write that store while it is read.
  bool read_only = false;
};

// The environment variable `name`, when set and not empty, as a map size in bytes (how the tests
// fill a store up, and how valgrind, which cannot reserve many GiB, runs). Throws LmdbError(EINVAL)
// for a value that is not a whole number of bytes of at least 64 KiB.
std::optional<std::size_t> map_size_from_environment(const char* name);

// For a write through the LMDB API itself (mdb_put, mdb_del in `txn`): throws, unless `code` is
// MDB_SUCCESS, an LmdbError that names the store, and says that it is full (the map) or how much
// room its file system has left when the write ran out of room.
void check_write(int code, std::string_view operation, MDB_txn* txn);

class Environment {
 public:
  // Opens the environment in `directory` (data.mdb and lock.mdb), creating the directory unless
  // read-only. Several processes may open it; LMDB serialises writers and lets readers run. A
  // store that cannot be written (permission, read-only file system) is refused for writing with
  // an LmdbError that names the folder and says so.
  static Environment open(const std::filesystem::path& directory, EnvironmentOptions options = {});

  Environment(Environment&& other) noexcept;
  Environment& operator=(Environment&& other) noexcept;
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;
  ~Environment();

  MDB_env* handle() const { return env_; }
  const std::filesystem::path& directory() const { return directory_; }
  bool read_only() const { return read_only_; }

 private:
  Environment(MDB_env* env, std::filesystem::path directory, bool read_only);
  MDB_env* env_ = nullptr;
  std::filesystem::path directory_;
  bool read_only_ = false;
};

class Transaction {
 public:
  static Transaction begin_read(const Environment& environment);
  // Throws LmdbError(EACCES) naming the store when the environment was opened read-only.
  static Transaction begin_write(const Environment& environment);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&& other) noexcept;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();  // aborts unless committed

  // A commit that fails for want of room (a full disk or quota, a file size limit, LMDB's map)
  // throws an LmdbError naming the store and the room left on its file system; the transaction's
  // changes are then dropped and the store holds what it held before.
  void commit();
  void abort() noexcept;
  MDB_txn* handle() const;
  bool is_write() const { return write_; }

 private:
  Transaction(MDB_txn* txn, bool write) : txn_(txn), write_(write) {}
  MDB_txn* txn_ = nullptr;
  bool write_ = false;
};

enum class OpenMode { existing, create };

// What a database holds under one key: one value, or a sorted set of 32-bit unsigned integers
// (LMDB's MDB_DUPSORT | MDB_DUPFIXED | MDB_INTEGERDUP: posting lists of record numbers, stored
// packed, read back a page at a time).
enum class ValueKind { single, sorted_integers };

// A named database inside an environment. The handle stays valid for the environment's life.
class Database {
 public:
  static Database open(Transaction& transaction, std::string_view name,
                       OpenMode mode = OpenMode::create, ValueKind kind = ValueKind::single);
  // Nothing when the database does not exist yet (a store created by an older version).
  static std::optional<Database> open_if_exists(Transaction& transaction, std::string_view name);

  // The value views the map; it is valid until the transaction ends or writes.
  std::optional<std::string_view> get(const Transaction& transaction, std::string_view key) const;
  void put(Transaction& transaction, std::string_view key, std::string_view value);
  bool erase(Transaction& transaction, std::string_view key);
  std::size_t size(const Transaction& transaction) const;

  // For ValueKind::sorted_integers databases. Adding an integer that is already there, or
  // removing one that is not, is not an error; erase_integer returns whether it was there.
  void add_integer(Transaction& transaction, std::string_view key, std::uint32_t value);
  bool erase_integer(Transaction& transaction, std::string_view key, std::uint32_t value);
  bool contains_integer(const Transaction& transaction, std::string_view key,
                        std::uint32_t value) const;
  // Appends the integers stored under `key`, in ascending order, to `out`; returns how many.
  std::size_t read_integers(const Transaction& transaction, std::string_view key,
                            std::vector<std::uint32_t>& out) const;

  MDB_dbi handle() const { return dbi_; }

 private:
  explicit Database(MDB_dbi dbi) : dbi_(dbi) {}
  MDB_dbi dbi_ = 0;
};

// Walks a database in key order.
class Cursor {
 public:
  Cursor(const Transaction& transaction, const Database& database);
  Cursor(Cursor&& other) noexcept;
  Cursor& operator=(Cursor&&) = delete;
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  ~Cursor();

  struct Entry {
    std::string_view key;
    std::string_view value;
  };
  std::optional<Entry> first();
  std::optional<Entry> next();
  // The next key, skipping the rest of the current key's values (sorted_integers databases).
  std::optional<Entry> next_key();
  // The first entry whose key is >= `key`.
  std::optional<Entry> seek(std::string_view key);

 private:
  std::optional<Entry> move(MDB_cursor_op operation, std::string_view key = {});
  MDB_cursor* cursor_ = nullptr;
};

}  // namespace tolk::store
