#include "watch/digest.h"

#include <map>
#include <nlohmann/json.hpp>

#include "watch/settings.h"

namespace st::watch {

std::string DigestText(const std::string& display_name, std::span<const store::StoredAlert> alerts,
                       const std::string& base_url) {
  std::string out = "Hello " + display_name + ",\n\n" + std::to_string(alerts.size()) +
                    (alerts.size() == 1 ? " alert" : " alerts") + " from the talent graph since the last digest:\n\n";
  for (const store::StoredAlert& a : alerts) {
    out += "- " + a.title + "\n";
    nlohmann::json e = nlohmann::json::parse(a.evidence_json, nullptr, false);
    if (e.is_object()) {
      if (e.contains("work_title") && e["work_title"].is_string())
        out += "  paper: " + e["work_title"].get<std::string>() +
               (e.contains("work_source_id") ? " [" + e["work_source_id"].get<std::string>() + "]" : "") + "\n";
      if (e.contains("author_id") && e["author_id"].is_number_integer())
        out += "  profile: " + base_url + "/authors/" + std::to_string(e["author_id"].get<std::int64_t>()) + "\n";
    }
    if (a.person_id > 0) out += "  in the pipeline: " + base_url + "/people/" + std::to_string(a.person_id) + "\n";
  }
  out += "\nAll alerts: " + base_url + "/watch\n";
  return out;
}

Result<DigestReport> SendDigests(store::Store& store, outreach::MailTransport& transport,
                                 const outreach::Address& from, const std::string& base_url, std::int64_t now) {
  DigestReport report;
  WatchSettings settings;
  ST_ASSIGN_OR_RETURN(auto stored, store.GetSetting(std::string(kWatchSettingsKey)));
  if (stored) {
    ST_ASSIGN_OR_RETURN(settings, WatchSettings::FromJson(stored->value_json));
  }
  const std::int64_t cutoff = now / 86400 * 86400 + settings.digest_hour_utc * 3600;
  report.due = now >= cutoff;
  if (!report.due) return report;
  ST_ASSIGN_OR_RETURN(auto users, store.ListUsers());
  for (const store::User& u : users) {
    auto addr = settings.digest_addresses.find(u.username);
    if (u.disabled || addr == settings.digest_addresses.end()) continue;
    ST_ASSIGN_OR_RETURN(auto pending, store.PendingDigest(u.id, 500));
    std::vector<store::StoredAlert> mail;
    for (auto& a : pending)
      if (a.created_at < cutoff) mail.push_back(std::move(a));
    if (mail.empty()) continue;
    ++report.users;
    outreach::OutgoingMessage m;
    m.from = from;
    m.to = {u.display_name, addr->second};
    m.subject = "superteam: " + std::to_string(mail.size()) + (mail.size() == 1 ? " alert" : " alerts") +
                " from the talent graph";
    m.text = DigestText(u.display_name.empty() ? u.username : u.display_name, mail, base_url);
    m.message_id = outreach::NewMessageId(outreach::EmailDomain(from.email));
    m.date = now;
    auto mime = outreach::BuildMime(m);
    if (!mime.ok()) {
      report.errors.push_back(u.username + ": " + mime.status().message());
      continue;
    }
    outreach::SendOutcome o = transport.Send(from.email, addr->second, *mime);
    if (o.kind != outreach::SendOutcome::kAccepted) {
      report.errors.push_back(u.username + ": " + o.detail);
      continue;
    }
    ST_RETURN_IF_ERROR(store.MarkDigested(u.id, mail.back().id, now));
    ++report.sent;
    report.alerts += static_cast<int>(mail.size());
  }
  return report;
}

}  // namespace st::watch
