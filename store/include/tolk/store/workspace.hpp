#pragma once
// The workspace: the local folder (by default ./tolk-data) that holds tolk's embedded stores.
//
//   tolk-data/
//     workspace/        LMDB environment: schema version, creation record
//     termbases/NAME/   one LMDB environment per termbase
//     tms/NAME/         one LMDB environment per translation memory

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/store/lmdb.hpp"

namespace tolk::store {

inline constexpr int kWorkspaceSchemaVersion = 1;

struct WorkspaceInfo {
  std::filesystem::path directory;
  int schema_version = 0;
  std::string created_at;  // ISO 8601, UTC
  std::string created_by;  // "tolk 0.1.0"
  std::vector<std::string> termbases;
  std::vector<std::string> translation_memories;
};

class WorkspaceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Workspace {
 public:
  // Creates the folder and its schema record if needed; opens it otherwise. Refuses a folder
  // written by a newer schema, and a non-empty folder that is not a workspace.
  static Workspace create_or_open(const std::filesystem::path& directory, std::string_view creator);
  // Opens an existing workspace; throws WorkspaceError when there is none.
  static Workspace open_existing(const std::filesystem::path& directory);

  WorkspaceInfo info() const;
  const std::filesystem::path& directory() const { return directory_; }
  std::filesystem::path termbase_directory(std::string_view name) const;
  std::filesystem::path translation_memory_directory(std::string_view name) const;

 private:
  Workspace(std::filesystem::path directory, Environment environment);
  std::filesystem::path directory_;
  Environment environment_;
};

// Names of stores must be usable as folder names everywhere: [A-Za-z0-9._-], not starting with
// a dot, 1 to 64 characters. Throws WorkspaceError otherwise.
void require_valid_store_name(std::string_view name);

}  // namespace tolk::store
