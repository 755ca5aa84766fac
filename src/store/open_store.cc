#include "store/open_store.h"

#include "store/sql_store.h"

namespace st::store {

Result<std::unique_ptr<Store>> OpenStore(const std::string& url, const StoreOptions& options) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    ConnFactory factory = [url]() -> Result<std::unique_ptr<SqlConn>> {
      ST_ASSIGN_OR_RETURN(auto conn, OpenPostgresConn(url));
      ST_RETURN_IF_ERROR(CheckPostgresDurability(*conn));
      return conn;
    };
    ST_ASSIGN_OR_RETURN(auto store, SqlStore::Open(Dialect::kPostgres, std::move(factory), options));
    return std::unique_ptr<Store>(std::move(store));
  }
  std::string path = url.starts_with("sqlite:") ? url.substr(7) : url;
  if (path.empty()) return Status::InvalidInput("store URL '" + url + "': empty SQLite path");
  if (url.find("://") != std::string::npos && !url.starts_with("sqlite:"))
    return Status::InvalidInput("store URL '" + url + "': use sqlite:PATH, a path, or postgresql://…");
  const std::int64_t max_pages = options.sqlite_max_page_count;
  ConnFactory factory = [path, max_pages]() { return OpenSqliteConn(path, max_pages); };
  ST_ASSIGN_OR_RETURN(auto store, SqlStore::Open(Dialect::kSqlite, std::move(factory), options));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace st::store
