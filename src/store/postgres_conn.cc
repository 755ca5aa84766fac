// PostgreSQL adapter for SqlConn: the one file that includes libpq-fe.h.
#include <libpq-fe.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <unordered_map>

#include "store/sql.h"

namespace st::store {
namespace {

// Types are sent explicitly so "$1 = id" compares integers, not text.
constexpr Oid kInt8Oid = 20, kFloat8Oid = 701, kTextOid = 25;

Status MapResultError(PGconn* conn, const PGresult* res, std::string_view what) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg = std::string(what) + ": " + (res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  std::string_view code = state ? state : "";
  if (code == "23505" || code == "40001" || code == "40P01") return Status::Conflict(msg);  // unique, serialization, deadlock
  if (code == "23503" || code == "23502" || code == "23514" || code.starts_with("22")) return Status::InvalidInput(msg);
  if (code == "53100" || code == "53200" || code == "54000") return Status::ResourceExhausted(msg);
  if (code == "XX001" || code == "XX002") return Status::Corruption(msg);
  return Status::IoError(msg);
}

class PostgresConn final : public SqlConn {
 public:
  explicit PostgresConn(PGconn* conn) : conn_(conn) {}
  ~PostgresConn() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::kPostgres; }
  bool healthy() const override { return PQstatus(conn_) == CONNECTION_OK; }

  Status ExecScript(std::string_view sql) override {
    std::string text(sql);
    PGresult* res = PQexec(conn_, text.c_str());
    ExecStatusType st = PQresultStatus(res);
    Status s = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) ? Status::Ok() : MapResultError(conn_, res, "exec");
    PQclear(res);
    return s;
  }

  Result<std::vector<SqlRow>> Query(std::string_view sql, std::span<const SqlValue> params) override {
    std::string text(sql);
    const size_t n = params.size();
    std::vector<std::string> storage(n);
    std::vector<const char*> values(n, nullptr);
    std::vector<Oid> types(n, kTextOid);
    for (size_t i = 0; i < n; ++i) {
      const SqlValue& v = params[i];
      if (auto* x = std::get_if<std::int64_t>(&v)) {
        storage[i] = std::to_string(*x);
        types[i] = kInt8Oid;
      } else if (auto* d = std::get_if<double>(&v)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", *d);
        storage[i] = buf;
        types[i] = kFloat8Oid;
      } else if (auto* s = std::get_if<std::string>(&v)) {
        storage[i] = *s;
      } else {
        types[i] = 0;  // NULL: let the server infer
        continue;
      }
      values[i] = storage[i].c_str();
    }
    // Text parameters are NUL-terminated C strings for libpq; an embedded NUL
    // would silently truncate, so refuse it (PostgreSQL text cannot hold NUL).
    for (size_t i = 0; i < n; ++i)
      if (values[i] && std::strlen(values[i]) != storage[i].size())
        return Status::InvalidInput("text contains a NUL byte");
    // Each distinct statement is prepared once per connection (PQprepare)
    // and then executed by name: the server skips parsing and planning, which
    // halves the cost of the small reads that dominate the API.
    auto it = prepared_.find(text);
    if (it == prepared_.end()) {
      std::string name = "st" + std::to_string(prepared_.size());
      PGresult* prep = PQprepare(conn_, name.c_str(), text.c_str(), static_cast<int>(n), types.data());
      if (PQresultStatus(prep) != PGRES_COMMAND_OK) {
        Status s = MapResultError(conn_, prep, "prepare");
        PQclear(prep);
        return s;
      }
      PQclear(prep);
      it = prepared_.emplace(text, std::move(name)).first;
    }
    PGresult* res = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(n), values.data(), nullptr, nullptr, 0);
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      Status s = MapResultError(conn_, res, "query");
      PQclear(res);
      return s;
    }
    std::vector<SqlRow> rows;
    const int nrows = PQntuples(res), ncols = PQnfields(res);
    rows.reserve(nrows);
    for (int r = 0; r < nrows; ++r) {
      SqlRow row;
      row.values.reserve(ncols);
      for (int c = 0; c < ncols; ++c) {
        if (PQgetisnull(res, r, c)) row.values.emplace_back(std::monostate{});
        else row.values.emplace_back(std::string(PQgetvalue(res, r, c), PQgetlength(res, r, c)));
      }
      rows.push_back(std::move(row));
    }
    PQclear(res);
    return rows;
  }

 private:
  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text → statement name
};

}  // namespace

Result<std::unique_ptr<SqlConn>> OpenPostgresConn(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr) return Status::ResourceExhausted("libpq: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    PQfinish(conn);
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    return Status::IoError("cannot connect to PostgreSQL: " + msg);
  }
  auto c = std::make_unique<PostgresConn>(conn);
  // Quiet NOTICEs ("relation already exists, skipping") and pin UTC.
  Status s = c->ExecScript("SET client_min_messages=WARNING; SET TIME ZONE 'UTC';");
  if (!s.ok()) return s;
  return std::unique_ptr<SqlConn>(std::move(c));
}

Status CheckPostgresDurability(SqlConn& conn) {
  for (const char* setting : {"fsync", "full_page_writes"}) {
    SqlValue p[] = {std::string(setting)};
    ST_ASSIGN_OR_RETURN(auto rows, conn.Query("SELECT current_setting($1)", p));
    if (rows.empty() || rows[0].Text(0) != "on")
      return Status::InvalidInput(std::string("PostgreSQL runs with ") + setting +
                                  "=off; refusing to store campaign data where a crash can lose commits");
  }
  return Status::Ok();
}

}  // namespace st::store
