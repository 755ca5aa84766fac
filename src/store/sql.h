// A thin, back-end neutral SQL connection used by SqlStore: run one
// parameterised statement, get rows back. Statements use PostgreSQL-style
// placeholders ($1, $2, …); the SQLite adapter rewrites them to ?1, ?2.
// Only prepared statements with bound parameters exist here (sqlite3_prepare_v2,
// PQprepare/PQexecPrepared, both cached per connection) — no string
// interpolation of values anywhere.
//
// A connection is used by one thread at a time (the pool in SqlStore hands
// them out). Errors are mapped to st::Status by each adapter:
//   unique/foreign-key violation → kConflict, disk full → kResourceExhausted,
//   busy/serialization failure → kConflict, anything else → kIoError.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/status.h"

namespace st::store {

using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;

// One result row. SQLite yields typed values; PostgreSQL yields text, which the
// accessors convert.
struct SqlRow {
  std::vector<SqlValue> values;

  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(values[i]); }
  std::int64_t Int(size_t i) const;        // 0 for NULL
  double Double(size_t i) const;           // 0 for NULL
  std::string Text(size_t i) const;        // "" for NULL
  std::optional<std::int64_t> OptInt(size_t i) const;
};

enum class Dialect { kSqlite, kPostgres };

class SqlConn {
 public:
  virtual ~SqlConn() = default;
  virtual Dialect dialect() const = 0;
  // Runs one statement with bound parameters; returns all rows.
  virtual Result<std::vector<SqlRow>> Query(std::string_view sql, std::span<const SqlValue> params) = 0;
  // Runs statements without parameters (BEGIN, COMMIT, DDL). May contain several statements.
  virtual Status ExecScript(std::string_view sql) = 0;
  // False once the connection is unusable (server gone); the pool drops it.
  virtual bool healthy() const = 0;

  Status Exec(std::string_view sql, std::span<const SqlValue> params) {
    auto r = Query(sql, params);
    return r.ok() ? Status::Ok() : r.status();
  }
};

// Owns nothing beyond the connection; `path` is created if missing.
// max_page_count > 0 caps the file size (the disk-full test).
Result<std::unique_ptr<SqlConn>> OpenSqliteConn(const std::string& path, std::int64_t max_page_count);

// `conninfo` is a libpq URI or key=value string.
Result<std::unique_ptr<SqlConn>> OpenPostgresConn(const std::string& conninfo);

// RELIABILITY.md 2: kInvalidInput unless the server runs with fsync=on and
// full_page_writes=on — a server that can lose commits in a crash is refused.
Status CheckPostgresDurability(SqlConn& conn);

}  // namespace st::store
