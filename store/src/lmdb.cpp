#include "tolk/store/lmdb.hpp"

#include <sys/statvfs.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <utility>

namespace tolk::store {
namespace {

void check(int code, std::string_view operation) {
  if (code != MDB_SUCCESS)
    throw LmdbError(code, operation);
}

MDB_val to_val(std::string_view bytes) {
  return MDB_val{bytes.size(), const_cast<char*>(bytes.data())};
}

std::string_view to_view(const MDB_val& value) {
  return {static_cast<const char*>(value.mv_data), value.mv_size};
}

std::string store_path(MDB_env* env) {
  const char* path = nullptr;
  if (env == nullptr || mdb_env_get_path(env, &path) != MDB_SUCCESS || path == nullptr)
    return "(unknown folder)";
  return path;
}

std::string store_path(MDB_txn* txn) {
  return txn == nullptr ? std::string("(unknown folder)") : store_path(mdb_txn_env(txn));
}

// Errors that mean the store could not grow: LMDB's map, the disk, a quota, a file size limit
// (RLIMIT_FSIZE), or a short write, which LMDB reports as EIO ("filesystem full?").
bool is_out_of_room(int code) {
  return code == MDB_MAP_FULL || code == ENOSPC || code == EDQUOT || code == EFBIG || code == EIO;
}

std::string room_left(const std::string& directory) {
  struct statvfs file_system {};
  if (statvfs(directory.c_str(), &file_system) != 0)
    return "unknown room left";
  const unsigned long long free_bytes =
      static_cast<unsigned long long>(file_system.f_bavail) * file_system.f_frsize;
  return std::to_string(free_bytes / 1024) + " KiB free on its file system";
}

// A write that failed for want of room names the store and what is left, so that the message
// says what to do (free space, or a larger map) instead of only "Input/output error".
[[noreturn]] void throw_write_error(int code, std::string_view operation, MDB_txn* txn) {
  const std::string directory = store_path(txn);
  if (code == MDB_MAP_FULL) {
    std::size_t map_size = 0;
    MDB_envinfo info{};
    if (txn != nullptr && mdb_env_info(mdb_txn_env(txn), &info) == MDB_SUCCESS)
      map_size = info.me_mapsize;
    throw LmdbError(code, "the store in " + directory + " is full: its map of " +
                              std::to_string(map_size / 1024) + " KiB is used up (" +
                              std::string(operation) + ")");
  }
  if (is_out_of_room(code)) {
    throw LmdbError(code, "cannot write the store in " + directory + " (" + room_left(directory) +
                              "; a full disk or a file size limit?) (" + std::string(operation) +
                              ")");
  }
  throw LmdbError(code, std::string(operation) + " in the store in " + directory);
}

}  // namespace

void check_write(int code, std::string_view operation, MDB_txn* txn) {
  if (code != MDB_SUCCESS)
    throw_write_error(code, operation, txn);
}

std::optional<std::size_t> map_size_from_environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0')
    return std::nullopt;
  const std::string_view text(value);
  std::size_t bytes = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), bytes);
  if (error != std::errc() || end != text.data() + text.size() || bytes < 65536) {
    throw LmdbError(EINVAL, std::string(name) + "='" + std::string(text) +
                                "' is not a map size in bytes (a whole number, at least 65536)");
  }
  return bytes;
}

LmdbError::LmdbError(int code, std::string_view operation)
    : std::runtime_error(std::string(operation) + ": " + mdb_strerror(code)), code_(code) {}

Environment::Environment(MDB_env* env, std::filesystem::path directory, bool read_only)
    : env_(env), directory_(std::move(directory)), read_only_(read_only) {}

Environment Environment::open(const std::filesystem::path& directory, EnvironmentOptions options) {
  if (!options.read_only)
    std::filesystem::create_directories(directory);
  // MDB_NOTLS: read transactions are not tied to threads, so a server can hand them around.
  const unsigned flags = MDB_NOTLS | (options.read_only ? MDB_RDONLY : 0U);
  const auto attempt = [&](unsigned extra_flags, int& code) {
    MDB_env* raw = nullptr;
    check(mdb_env_create(&raw), "mdb_env_create");
    Environment environment(raw, directory, options.read_only);
    check(mdb_env_set_maxdbs(raw, options.max_databases), "mdb_env_set_maxdbs");
    check(mdb_env_set_mapsize(raw, options.map_size), "mdb_env_set_mapsize");
    code = mdb_env_open(raw, directory.c_str(), flags | extra_flags, 0644);
    return environment;  // a failed open is discarded by mdb_env_close, as LMDB asks
  };
  int code = MDB_SUCCESS;
  Environment environment = attempt(0, code);
  if (code == EACCES && options.read_only) {
    // The lock file cannot be created or written: read the store without it.
    environment = attempt(MDB_NOLOCK, code);
  }
  if (code == EACCES || code == EROFS) {
    throw LmdbError(
        code, "cannot open the store in " + directory.string() +
                  (options.read_only ? std::string(" for reading")
                                     : std::string(" for writing (a read-only folder, file system "
                                                   "or copy: copy the store to a folder where you "
                                                   "may write to change it)")));
  }
  if (code != MDB_SUCCESS)
    throw LmdbError(code, "opening the store in " + directory.string());
  return environment;
}

Environment::Environment(Environment&& other) noexcept
    : env_(std::exchange(other.env_, nullptr)),
      directory_(std::move(other.directory_)),
      read_only_(other.read_only_) {}

Environment& Environment::operator=(Environment&& other) noexcept {
  if (this != &other) {
    if (env_)
      mdb_env_close(env_);
    env_ = std::exchange(other.env_, nullptr);
    directory_ = std::move(other.directory_);
    read_only_ = other.read_only_;
  }
  return *this;
}

Environment::~Environment() {
  if (env_)
    mdb_env_close(env_);
}

Transaction Transaction::begin_read(const Environment& environment) {
  MDB_txn* txn = nullptr;
  check(mdb_txn_begin(environment.handle(), nullptr, MDB_RDONLY, &txn), "mdb_txn_begin (read)");
  return Transaction(txn, false);
}

Transaction Transaction::begin_write(const Environment& environment) {
  if (environment.read_only()) {
    throw LmdbError(EACCES, "the store in " + environment.directory().string() +
                                " was opened for reading only, and a change was asked");
  }
  MDB_txn* txn = nullptr;
  const int code = mdb_txn_begin(environment.handle(), nullptr, 0, &txn);
  if (code != MDB_SUCCESS)
    throw LmdbError(code, "starting a change of the store in " + environment.directory().string());
  return Transaction(txn, true);
}

Transaction::Transaction(Transaction&& other) noexcept
    : txn_(std::exchange(other.txn_, nullptr)), write_(other.write_) {}

Transaction& Transaction::operator=(Transaction&& other) noexcept {
  if (this != &other) {
    abort();
    txn_ = std::exchange(other.txn_, nullptr);
    write_ = other.write_;
  }
  return *this;
}

Transaction::~Transaction() {
  abort();
}

void Transaction::commit() {
  MDB_txn* txn = std::exchange(txn_, nullptr);
  if (txn == nullptr)
    throw std::logic_error("commit of a finished transaction");
  if (!write_) {
    check(mdb_txn_commit(txn), "mdb_txn_commit (read)");
    return;
  }
  const std::string directory = store_path(txn);  // the transaction is gone after the commit
  const int code = mdb_txn_commit(txn);           // LMDB frees the transaction even on failure
  if (code == MDB_SUCCESS)
    return;
  if (is_out_of_room(code)) {
    throw LmdbError(code, "cannot write the store in " + directory + " (" + room_left(directory) +
                              "; a full disk or a file size limit?); the changes of this "
                              "transaction were dropped");
  }
  throw LmdbError(code, "committing to the store in " + directory);
}

void Transaction::abort() noexcept {
  if (txn_)
    mdb_txn_abort(std::exchange(txn_, nullptr));
}

MDB_txn* Transaction::handle() const {
  if (txn_ == nullptr)
    throw std::logic_error("use of a finished transaction");
  return txn_;
}

Database Database::open(Transaction& transaction, std::string_view name, OpenMode mode,
                        ValueKind kind) {
  const std::string owned(name);
  MDB_dbi dbi = 0;
  unsigned flags = mode == OpenMode::create ? MDB_CREATE : 0U;
  if (kind == ValueKind::sorted_integers)
    flags |= MDB_DUPSORT | MDB_DUPFIXED | MDB_INTEGERDUP;
  check(mdb_dbi_open(transaction.handle(), owned.c_str(), flags, &dbi),
        "opening database '" + owned + "'");
  return Database(dbi);
}

std::optional<Database> Database::open_if_exists(Transaction& transaction, std::string_view name) {
  const std::string owned(name);
  MDB_dbi dbi = 0;
  const int code = mdb_dbi_open(transaction.handle(), owned.c_str(), 0, &dbi);
  if (code == MDB_NOTFOUND)
    return std::nullopt;
  check(code, "opening database '" + owned + "'");
  return Database(dbi);
}

std::optional<std::string_view> Database::get(const Transaction& transaction,
                                              std::string_view key) const {
  MDB_val k = to_val(key);
  MDB_val v{};
  const int code = mdb_get(transaction.handle(), dbi_, &k, &v);
  if (code == MDB_NOTFOUND)
    return std::nullopt;
  check(code, "mdb_get");
  return to_view(v);
}

void Database::put(Transaction& transaction, std::string_view key, std::string_view value) {
  MDB_val k = to_val(key);
  MDB_val v = to_val(value);
  check_write(mdb_put(transaction.handle(), dbi_, &k, &v, 0), "mdb_put", transaction.handle());
}

bool Database::erase(Transaction& transaction, std::string_view key) {
  MDB_val k = to_val(key);
  const int code = mdb_del(transaction.handle(), dbi_, &k, nullptr);
  if (code == MDB_NOTFOUND)
    return false;
  check_write(code, "mdb_del", transaction.handle());
  return true;
}

std::size_t Database::size(const Transaction& transaction) const {
  MDB_stat stat{};
  check(mdb_stat(transaction.handle(), dbi_, &stat), "mdb_stat");
  return stat.ms_entries;
}

void Database::add_integer(Transaction& transaction, std::string_view key, std::uint32_t value) {
  MDB_val k = to_val(key);
  MDB_val v{sizeof value, &value};
  const int code = mdb_put(transaction.handle(), dbi_, &k, &v, MDB_NODUPDATA);
  if (code != MDB_KEYEXIST)
    check_write(code, "mdb_put (integer)", transaction.handle());
}

bool Database::erase_integer(Transaction& transaction, std::string_view key, std::uint32_t value) {
  MDB_val k = to_val(key);
  MDB_val v{sizeof value, &value};
  const int code = mdb_del(transaction.handle(), dbi_, &k, &v);
  if (code == MDB_NOTFOUND)
    return false;
  check_write(code, "mdb_del (integer)", transaction.handle());
  return true;
}

bool Database::contains_integer(const Transaction& transaction, std::string_view key,
                                std::uint32_t value) const {
  MDB_cursor* raw = nullptr;
  check(mdb_cursor_open(transaction.handle(), dbi_, &raw), "mdb_cursor_open");
  const std::unique_ptr<MDB_cursor, decltype(&mdb_cursor_close)> cursor(raw, &mdb_cursor_close);
  MDB_val k = to_val(key);
  MDB_val v{sizeof value, &value};
  const int code = mdb_cursor_get(raw, &k, &v, MDB_GET_BOTH);
  if (code == MDB_NOTFOUND)
    return false;
  check(code, "mdb_cursor_get (both)");
  return true;
}

std::size_t Database::read_integers(const Transaction& transaction, std::string_view key,
                                    std::vector<std::uint32_t>& out) const {
  MDB_cursor* raw = nullptr;
  check(mdb_cursor_open(transaction.handle(), dbi_, &raw), "mdb_cursor_open");
  const std::unique_ptr<MDB_cursor, decltype(&mdb_cursor_close)> cursor(raw, &mdb_cursor_close);
  MDB_val k = to_val(key);
  MDB_val v{};
  int code = mdb_cursor_get(raw, &k, &v, MDB_SET_KEY);
  if (code == MDB_NOTFOUND)
    return 0;
  check(code, "mdb_cursor_get (set)");
  const std::size_t before = out.size();
  // A page of packed integers at a time; memcpy because LMDB does not promise alignment.
  for (code = mdb_cursor_get(raw, &k, &v, MDB_GET_MULTIPLE); code == MDB_SUCCESS;
       code = mdb_cursor_get(raw, &k, &v, MDB_NEXT_MULTIPLE)) {
    const std::size_t count = v.mv_size / sizeof(std::uint32_t);
    const std::size_t at = out.size();
    out.resize(at + count);
    std::memcpy(out.data() + at, v.mv_data, count * sizeof(std::uint32_t));
  }
  if (code != MDB_NOTFOUND)
    check(code, "mdb_cursor_get (multiple)");
  return out.size() - before;
}

Cursor::Cursor(const Transaction& transaction, const Database& database) {
  check(mdb_cursor_open(transaction.handle(), database.handle(), &cursor_), "mdb_cursor_open");
}

Cursor::Cursor(Cursor&& other) noexcept : cursor_(std::exchange(other.cursor_, nullptr)) {}

Cursor::~Cursor() {
  if (cursor_)
    mdb_cursor_close(cursor_);
}

std::optional<Cursor::Entry> Cursor::move(MDB_cursor_op operation, std::string_view key) {
  MDB_val k = to_val(key);
  MDB_val v{};
  const int code = mdb_cursor_get(cursor_, &k, &v, operation);
  if (code == MDB_NOTFOUND)
    return std::nullopt;
  check(code, "mdb_cursor_get");
  return Entry{to_view(k), to_view(v)};
}

std::optional<Cursor::Entry> Cursor::first() {
  return move(MDB_FIRST);
}
std::optional<Cursor::Entry> Cursor::next() {
  return move(MDB_NEXT);
}
std::optional<Cursor::Entry> Cursor::next_key() {
  return move(MDB_NEXT_NODUP);
}
std::optional<Cursor::Entry> Cursor::seek(std::string_view key) {
  return move(MDB_SET_RANGE, key);
}

}  // namespace tolk::store
