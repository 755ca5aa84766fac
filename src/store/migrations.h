// Versioned schema migrations for both back ends, applied on open.
//
// Each migration has a number; schema_migrations records the applied ones.
// RunMigrations applies the missing ones in order, each in its own
// transaction, and is idempotent (re-running on an up-to-date store is a
// no-op). Concurrent openers are serialised (SQLite: BEGIN IMMEDIATE;
// PostgreSQL: an advisory transaction lock).
#pragma once

#include "base/status.h"
#include "store/sql.h"

namespace st::store {

// The number of the newest migration this build knows.
int LatestSchemaVersion();

// Applies missing migrations. kCorruption if the store is newer than this
// build (a downgrade would silently drop columns).
Status RunMigrations(SqlConn& conn, std::int64_t now);

// Highest applied migration (0 for an empty store).
Result<int> AppliedSchemaVersion(SqlConn& conn);

}  // namespace st::store
