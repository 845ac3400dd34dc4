#include "tolk/store/workspace.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>

namespace tolk::store {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kMetaDatabase = "meta";
constexpr std::string_view kSchemaKey = "schema-version";
constexpr std::string_view kCreatedAtKey = "created-at";
constexpr std::string_view kCreatedByKey = "created-by";

fs::path environment_directory(const fs::path& workspace) {
  return workspace / "workspace";
}

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  const std::size_t length = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(buffer, length);
}

std::vector<std::string> store_names(const fs::path& directory) {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    if (entry.is_directory() && fs::exists(entry.path() / "data.mdb")) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

int parse_schema(std::string_view text) {
  int version = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), version);
  if (error != std::errc() || end != text.data() + text.size()) {
    throw WorkspaceError("corrupt workspace schema record: '" + std::string(text) + "'");
  }
  return version;
}

}  // namespace

Workspace::Workspace(fs::path directory, Environment environment)
    : directory_(std::move(directory)), environment_(std::move(environment)) {}

Workspace Workspace::create_or_open(const fs::path& directory, std::string_view creator) {
  if (fs::exists(directory) && !fs::is_directory(directory)) {
    throw WorkspaceError(directory.string() + " exists and is not a folder");
  }
  const bool is_workspace = fs::exists(environment_directory(directory) / "data.mdb");
  if (!is_workspace && fs::exists(directory) && !fs::is_empty(directory)) {
    throw WorkspaceError(directory.string() +
                         " is not empty and holds no tolk workspace; choose another folder");
  }
  if (is_workspace)
    return open_existing(directory);

  Environment environment = Environment::open(environment_directory(directory));
  Transaction transaction = Transaction::begin_write(environment);
  Database meta = Database::open(transaction, kMetaDatabase);
  meta.put(transaction, kSchemaKey, std::to_string(kWorkspaceSchemaVersion));
  meta.put(transaction, kCreatedAtKey, utc_now_iso8601());
  meta.put(transaction, kCreatedByKey, creator);
  transaction.commit();
  fs::create_directories(directory / "termbases");
  fs::create_directories(directory / "tms");
  return Workspace(directory, std::move(environment));
}

Workspace Workspace::open_existing(const fs::path& directory) {
  if (!fs::exists(environment_directory(directory) / "data.mdb")) {
    throw WorkspaceError("no tolk workspace in " + directory.string() +
                         " (create one with 'tolk init')");
  }
  // Read-only: the workspace record is only written when the workspace is created, and a
  // workspace on a read-only share or CD must still open.
  Environment environment =
      Environment::open(environment_directory(directory), EnvironmentOptions{.read_only = true});
  Workspace workspace(directory, std::move(environment));
  const int schema = workspace.info().schema_version;
  if (schema > kWorkspaceSchemaVersion) {
    throw WorkspaceError(directory.string() + " was written by a newer tolk (schema " +
                         std::to_string(schema) + "); this tolk reads schema " +
                         std::to_string(kWorkspaceSchemaVersion));
  }
  return workspace;
}

WorkspaceInfo Workspace::info() const {
  Transaction transaction = Transaction::begin_read(environment_);
  const auto meta = Database::open_if_exists(transaction, kMetaDatabase);
  if (!meta)
    throw WorkspaceError("corrupt workspace: no meta database in " + directory_.string());
  WorkspaceInfo info;
  info.directory = directory_;
  const auto field = [&](std::string_view key) {
    const auto value = meta->get(transaction, key);
    return value ? std::string(*value) : std::string();
  };
  info.schema_version = parse_schema(field(kSchemaKey));
  info.created_at = field(kCreatedAtKey);
  info.created_by = field(kCreatedByKey);
  info.termbases = store_names(directory_ / "termbases");
  info.translation_memories = store_names(directory_ / "tms");
  return info;
}

void require_valid_store_name(std::string_view name) {
  const bool valid_characters = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
  if (name.empty() || name.size() > 64 || name.front() == '.' || !valid_characters) {
    throw WorkspaceError("invalid store name '" + std::string(name) +
                         "': use 1 to 64 of A-Z a-z 0-9 . _ -, not starting with a dot");
  }
}

fs::path Workspace::termbase_directory(std::string_view name) const {
  require_valid_store_name(name);
  return directory_ / "termbases" / std::string(name);
}

fs::path Workspace::translation_memory_directory(std::string_view name) const {
  require_valid_store_name(name);
  return directory_ / "tms" / std::string(name);
}

}  // namespace tolk::store
