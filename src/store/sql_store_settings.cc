// Campaign settings in SqlStore: one JSON object per capability key, versioned and audited. The store checks
// only that the value is a JSON object of bounded size; each capability validates its own fields.
#include <nlohmann/json.hpp>

#include "store/sql_store.h"

namespace st::store {
namespace {

constexpr size_t kMaxSettingBytes = 256 * 1024;

Status ValidateKey(const std::string& key) {
  bool ok = !key.empty() && key.size() <= 40;
  for (char ch : key) ok = ok && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_');
  if (!ok) return Status::InvalidInput("setting key '" + key.substr(0, 60) + "' must be 1-40 of [a-z0-9_]");
  return Status::Ok();
}

Setting FromRow(const std::string& key, const SqlRow& r) {
  return Setting{key, r.Text(0), r.Int(1), r.Int(2), r.Text(3)};
}

}  // namespace

Result<std::optional<Setting>> SqlStore::GetSetting(const std::string& key) {
  ST_RETURN_IF_ERROR(ValidateKey(key));
  std::optional<Setting> out;
  ST_RETURN_IF_ERROR(WithConn([&](SqlConn& c) -> Status {
    SqlValue p[] = {key};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT value_json, version, updated_at, updated_by FROM "
                                           "campaign_settings WHERE key = $1",
                                           p));
    if (!rows.empty()) out = FromRow(key, rows[0]);
    return Status::Ok();
  }));
  return out;
}

Result<Setting> SqlStore::PutSetting(const Actor& actor, const std::string& key, const std::string& value_json,
                                     std::int64_t expected_version) {
  if (!campaign::HasPermission(actor.role, campaign::Permission::kManageSettings))
    return Status::Forbidden("role " + std::string(campaign::RoleName(actor.role)) + " may not change settings");
  ST_RETURN_IF_ERROR(ValidateKey(key));
  if (value_json.size() > kMaxSettingBytes)
    return Status::InvalidInput("setting '" + key + "' is larger than 256 KiB");
  auto parsed = nlohmann::json::parse(value_json, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return Status::InvalidInput("setting '" + key + "' must be a JSON object");
  const std::string canonical = parsed.dump();
  Setting after;
  ST_RETURN_IF_ERROR(WithTx(true, [&](SqlConn& c) -> Status {
    SqlValue k[] = {key};
    ST_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT value_json, version, updated_at, updated_by FROM "
                                           "campaign_settings WHERE key = $1",
                                           k));
    const std::int64_t current = rows.empty() ? 0 : rows[0].Int(1);
    if (current != expected_version)
      return Status::Conflict("setting '" + key + "' is at version " + std::to_string(current) + ", you sent " +
                              std::to_string(expected_version));
    const std::string before = rows.empty() ? "" : rows[0].Text(0);
    const std::int64_t now = Now();
    const std::string by = actor.username.empty() ? std::string("system") : actor.username;
    SqlValue v[] = {key, canonical, current + 1, now, by};
    if (rows.empty()) {
      ST_RETURN_IF_ERROR(c.Exec("INSERT INTO campaign_settings (key, value_json, version, updated_at, updated_by) "
                                "VALUES ($1,$2,$3,$4,$5)",
                                v));
    } else {
      ST_RETURN_IF_ERROR(c.Exec("UPDATE campaign_settings SET value_json=$2, version=$3, updated_at=$4, "
                                "updated_by=$5 WHERE key=$1",
                                v));
    }
    after = Setting{key, canonical, current + 1, now, by};
    return AddAudit(c, actor, "setting.update", "setting:" + key, before, canonical);
  }));
  return after;
}

}  // namespace st::store
