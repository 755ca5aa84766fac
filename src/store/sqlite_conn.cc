// SQLite adapter for SqlConn: the one file that includes sqlite3.h.
#include <sqlite3.h>

#include <chrono>
#include <string>
#include <thread>
#include <unordered_map>

#include "store/sql.h"

namespace st::store {
namespace {

// "$12" → "?12": SQLite binds ?NNN to index NNN, so one SQL text serves both
// back ends. Our statements never contain '$' inside literals.
std::string ToSqlitePlaceholders(std::string_view sql) {
  std::string out(sql);
  for (char& c : out)
    if (c == '$') c = '?';
  return out;
}

Status MapError(sqlite3* db, int rc, std::string_view what) {
  int ext = sqlite3_extended_errcode(db);
  std::string msg = std::string(what) + ": " + sqlite3_errmsg(db);
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      if (ext == SQLITE_CONSTRAINT_FOREIGNKEY) return Status::InvalidInput(msg);
      return Status::Conflict(msg);
    case SQLITE_FULL:
      return Status::ResourceExhausted("store is full: " + msg);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corruption(msg);
    case SQLITE_NOMEM:
      return Status::ResourceExhausted(msg);
    default:
      return Status::IoError(msg);
  }
}

class SqliteConn final : public SqlConn {
 public:
  explicit SqliteConn(sqlite3* db) : db_(db) {}
  ~SqliteConn() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }
  bool healthy() const override { return true; }

  Status ExecScript(std::string_view sql) override {
    std::string text(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (err) sqlite3_free(err);
    if (rc != SQLITE_OK) return MapError(db_, rc, "exec");
    return Status::Ok();
  }

  Result<std::vector<SqlRow>> Query(std::string_view sql, std::span<const SqlValue> params) override {
    sqlite3_stmt* stmt = nullptr;
    std::string key(sql);
    auto it = cache_.find(key);
    if (it != cache_.end()) {
      stmt = it->second;
    } else {
      std::string text = ToSqlitePlaceholders(sql);
      int rc = sqlite3_prepare_v2(db_, text.c_str(), static_cast<int>(text.size()), &stmt, nullptr);
      if (rc != SQLITE_OK) return MapError(db_, rc, "prepare");
      cache_.emplace(std::move(key), stmt);
    }
    // Reset on every exit path so a failed step never leaves a statement
    // holding a read lock.
    struct Resetter {
      sqlite3_stmt* s;
      ~Resetter() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } resetter{stmt};
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1), rc = SQLITE_OK;
      const SqlValue& v = params[i];
      if (auto* n = std::get_if<std::int64_t>(&v)) rc = sqlite3_bind_int64(stmt, idx, *n);
      else if (auto* d = std::get_if<double>(&v)) rc = sqlite3_bind_double(stmt, idx, *d);
      else if (auto* s = std::get_if<std::string>(&v))
        rc = sqlite3_bind_text(stmt, idx, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
      else rc = sqlite3_bind_null(stmt, idx);
      if (rc != SQLITE_OK) return MapError(db_, rc, "bind");
    }
    std::vector<SqlRow> rows;
    const int cols = sqlite3_column_count(stmt);
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return MapError(db_, rc, "step");
      SqlRow row;
      row.values.reserve(cols);
      for (int c = 0; c < cols; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_INTEGER:
            row.values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c)));
            break;
          case SQLITE_FLOAT:
            row.values.emplace_back(sqlite3_column_double(stmt, c));
            break;
          case SQLITE_NULL:
            row.values.emplace_back(std::monostate{});
            break;
          default: {
            const unsigned char* t = sqlite3_column_text(stmt, c);
            row.values.emplace_back(std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(stmt, c)));
          }
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

 private:
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

Result<std::unique_ptr<SqlConn>> OpenSqliteConn(const std::string& path, std::int64_t max_page_count) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Status::IoError("cannot open SQLite store " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db, 1);
  auto conn = std::make_unique<SqliteConn>(db);
  // RELIABILITY.md 2: WAL for concurrent readers; FULL so an acknowledged
  // commit survives power loss; secure_delete so erased people do not linger
  // in free pages; a generous busy timeout for writers queueing behind each other.
  Status s = conn->ExecScript("PRAGMA busy_timeout=10000;");
  if (!s.ok()) return Status(s.code(), "SQLite store " + path + ": " + s.message());
  // Switching a new file to WAL takes an exclusive lock and SQLite returns
  // SQLITE_BUSY without calling the busy handler when several processes open
  // the same new store at once (seen: 2 of 7 runs of 4 concurrent opens), so
  // retry it for as long as the busy timeout would have waited.
  for (int waited_ms = 0;; waited_ms += 10) {
    rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL;", nullptr, nullptr, nullptr);
    if ((rc & 0xff) != SQLITE_BUSY || waited_ms >= 10000) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (rc != SQLITE_OK)
    return Status::IoError("SQLite store " + path + ": journal_mode=WAL: " + sqlite3_errmsg(db));
  std::string pragmas = "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON; PRAGMA foreign_keys=ON;";
  if (max_page_count > 0) pragmas += " PRAGMA max_page_count=" + std::to_string(max_page_count) + ";";
  s = conn->ExecScript(pragmas);
  if (!s.ok()) return Status(s.code(), "SQLite store " + path + ": " + s.message());
  return std::unique_ptr<SqlConn>(std::move(conn));
}

}  // namespace st::store
