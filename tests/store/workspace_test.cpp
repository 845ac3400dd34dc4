#include "tolk/store/workspace.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "temporary_directory.hpp"

using namespace tolk::store;

TEST_CASE("a workspace is created with its schema record and reopened", "[workspace]") {
  tolk::testing::TemporaryDirectory directory;
  const auto folder = directory.path() / "tolk-data";
  {
    const Workspace created = Workspace::create_or_open(folder, "tolk test");
    const WorkspaceInfo info = created.info();
    CHECK(info.schema_version == kWorkspaceSchemaVersion);
    CHECK(info.created_by == "tolk test");
    CHECK(info.created_at.size() == 20);  // 2026-11-23T05:00:00Z
    CHECK(info.termbases.empty());
  }
  const Workspace reopened = Workspace::open_existing(folder);
  CHECK(reopened.info().created_by == "tolk test");
  CHECK(Workspace::create_or_open(folder, "another").info().created_by == "tolk test");
  CHECK(reopened.termbase_directory("legal") == folder / "termbases" / "legal");
}

TEST_CASE("a folder that is no workspace is not taken over", "[workspace]") {
  tolk::testing::TemporaryDirectory directory;
  std::ofstream(directory.path() / "notes.txt") << "mine";
  CHECK_THROWS_AS(Workspace::create_or_open(directory.path(), "tolk"), WorkspaceError);
  CHECK_THROWS_WITH(Workspace::open_existing(directory.path() / "absent"),
                    Catch::Contains("no tolk workspace"));
}

TEST_CASE("store names are safe folder names", "[workspace]") {
  CHECK_NOTHROW(require_valid_store_name("legal-nl_en.ru"));
  CHECK_THROWS_AS(require_valid_store_name("../etc"), WorkspaceError);
  CHECK_THROWS_AS(require_valid_store_name(".hidden"), WorkspaceError);
  CHECK_THROWS_AS(require_valid_store_name(""), WorkspaceError);
  CHECK_THROWS_AS(require_valid_store_name("a/b"), WorkspaceError);
}
