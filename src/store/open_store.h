// Picks and opens a Store back end from a URL. Only cli/ calls this.
//
//   "sqlite:PATH" or a bare PATH       → SQLite (file created if missing)
//   "postgresql://…" / "postgres://…"  → PostgreSQL (libpq conninfo URI)
//
// Migrations run on open. Errors: kInvalidInput for an unknown scheme or an
// unsafe server (fsync/full_page_writes off), kIoError if it cannot connect
// or open the file, kCorruption if the SQLite file fails its check.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "store/store.h"

namespace st::store {

Result<std::unique_ptr<Store>> OpenStore(const std::string& url, const StoreOptions& options = {});

}  // namespace st::store
