// Outreach over the API (issue 9): a person's drafts, threads and messages; writing and editing drafts;
// the CEO's approval queue and "approve & send"; the sending mailbox (ceo only; the password goes in and
// never comes out); WhatsApp click-to-chat; the week's outreach figures by organisation.
// Roles: the store decides who sees what (viewers: that contact happened, without subjects or bodies;
// recruiters: people they own or nobody owns) and audits every view of a thread and every send.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "outreach/draft.h"
#include "outreach/optout.h"
#include "outreach/service.h"
#include "web/api_context.h"
#include "web/json_mapping.h"

namespace st::web {
namespace {

using nlohmann::json;

// Times as the rest of the API gives them: ISO-8601 UTC strings; null for "not yet" (stored as 0).
json At(std::int64_t unix_seconds) { return unix_seconds > 0 ? json(IsoTime(unix_seconds)) : json(nullptr); }

json DraftJson(const outreach::Draft& d) {
  json j = {{"id", d.id},           {"person_id", d.person_id}, {"kind", d.kind},
            {"subject", d.subject}, {"body", d.body},           {"status", d.status},
            {"version", d.version}, {"created_by", d.created_by}, {"updated_by", d.updated_by},
            {"created_at", At(d.created_at)}, {"updated_at", At(d.updated_at)}};
  if (d.thread_id) j["thread_id"] = d.thread_id;
  if (d.message_id) j["message_id"] = d.message_id;
  std::vector<std::string> missing = outreach::UnresolvedFields(d.subject);
  for (const auto& f : outreach::UnresolvedFields(d.body))
    if (std::find(missing.begin(), missing.end(), f) == missing.end()) missing.push_back(f);
  j["unresolved"] = missing;
  return j;
}

// Viewers get messages without subject/body: the keys are absent, not empty.
json MessageJson(const outreach::Message& m, bool with_content) {
  json j = {{"id", m.id},         {"thread_id", m.thread_id}, {"direction", m.direction}, {"channel", m.channel},
            {"kind", m.kind},     {"status", m.status},       {"created_at", At(m.created_at)}, {"sent_at", At(m.sent_at)},
            {"attempts", m.attempts}};
  if (with_content) {
    j["subject"] = m.subject;
    j["body"] = m.body;
    j["from"] = m.from_address;
    j["to"] = m.to_address;
    j["message_id"] = m.message_id;
    j["error"] = m.last_error;
    j["approved_by"] = m.approved_by;
    if (m.status == "retry") j["next_attempt_at"] = At(m.next_attempt_at);
  }
  return j;
}

json ThreadJson(const outreach::Thread& t, bool with_content) {
  json j = {{"id", t.id},         {"state", t.state},           {"time_zone", t.time_zone},
            {"started_at", At(t.started_at)}, {"updated_at", At(t.updated_at)}, {"last_sent_at", At(t.last_sent_at)},
            {"follow_ups", t.follow_ups_queued}, {"pending", t.has_pending}};
  if (with_content) {
    j["to"] = t.to_address;
    j["subject"] = t.first_subject;
    j["stop_reason"] = t.stop_reason;
  }
  return j;
}

json MailboxJson(const outreach::Mailbox& m) {
  // The sealed password never leaves the server; only whether one is set.
  return {{"id", m.id},
          {"display_name", m.display_name},
          {"address", m.address},
          {"reply_to", m.reply_to},
          {"transport", m.transport},
          {"smtp_url", m.smtp_url},
          {"imap_url", m.imap_url},
          {"username", m.username},
          {"password_set", !m.password_sealed.empty()},
          {"ca_file", m.ca_file},
          {"maildir", m.maildir},
          {"last_error", m.last_error},
          {"last_error_at", At(m.last_error_at)},
          {"daily_cap", m.daily_cap},
          {"window_start_hour", m.window_start_hour},
          {"window_end_hour", m.window_end_hour},
          {"version", m.version},
          {"updated_at", At(m.updated_at)}};
}

Result<outreach::OutreachService*> Service(const ApiContext& ctx) {
  if (!ctx.outreach) return Status::NotFound("outreach is not configured on this server (serve --outreach)");
  return ctx.outreach.get();
}

std::string Str(const json& body, const char* key) {
  return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : std::string();
}

// The opt-out link shares the candidate link's limiter (per token prefix and per address).
std::optional<Reply> Throttled(const ApiContext& ctx, Call& call, const std::string& token) {
  return LinkThrottled(ctx, call, "optout:" + token.substr(0, 16));
}

json OptOutJson(const outreach::OptOutView& v) {
  return {{"address", v.masked_address}, {"sender", v.sender_name}, {"opted_out", v.opted_out},
          {"stopped_sequences", v.stopped_sequences}};
}

// Both opt-out POSTs (the page's and RFC 8058's one-click): the address goes on the suppression list and live
// pages hear of it. The throttle and the body check stay with each route.
Result<Reply> OptOutNow(const ApiContext& ctx, Call& call, const std::string& token) {
  ST_ASSIGN_OR_RETURN(outreach::OptOutView v, ctx.store->OptOutLink(token, true, call.client_ip));
  ctx.hub->Notify();
  return Reply::Json(OptOutJson(v));
}

Status RequireCeo(const Call& call, std::string_view what) {
  const store::Actor a = ActorFor(call);
  if (a.role != campaign::Role::kCeo)
    return Status::Forbidden("role " + std::string(campaign::RoleName(a.role)) + " may not " + std::string(what));
  return Status::Ok();
}

}  // namespace

void AddOutreachRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/people/{id}/outreach",
      .summary = "A person's outreach: drafts, threads and messages (viewers: that contact happened, no bodies)",
      .tag = "outreach",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .response = "{drafts: [Draft], threads: [Thread], messages: [Message], suppressed}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            const store::Actor actor = ActorFor(call);
            ST_ASSIGN_OR_RETURN(outreach::PersonOutreach o, ctx.store->GetPersonOutreach(actor, id));
            const bool content = actor.role != campaign::Role::kViewer;
            json out = {{"drafts", json::array()}, {"threads", json::array()}, {"messages", json::array()},
                        {"suppressed", o.suppressed}};
            for (const auto& d : o.drafts) out["drafts"].push_back(DraftJson(d));
            for (const auto& t : o.threads) out["threads"].push_back(ThreadJson(t, content));
            for (const auto& m : o.messages) out["messages"].push_back(MessageJson(m, content));
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/people/{id}/drafts",
      .summary = "Write a first-message draft: from the templates and the graph, or the given subject and body",
      .tag = "outreach",
      .access = Access::kPermission,
      .permission = campaign::Permission::kWritePeople,
      .body = {{"subject", FieldType::kString, false, "given text instead of the template"},
               {"body", FieldType::kString, false, "given text instead of the template"}},
      .success_status = 201,
      .response = "201 Draft",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            const store::Actor actor = ActorFor(call);
            outreach::Draft d;
            if (call.body != nullptr && (call.body->contains("subject") || call.body->contains("body"))) {
              d.person_id = id;
              d.subject = Str(*call.body, "subject");
              d.body = Str(*call.body, "body");
              ST_ASSIGN_OR_RETURN(d, ctx.store->SaveDraft(actor, d, 0));
            } else {
              ST_ASSIGN_OR_RETURN(outreach::OutreachService * service, Service(ctx));
              ST_ASSIGN_OR_RETURN(d, service->GenerateDraft(actor, id));
            }
            ctx.hub->Notify();
            return Reply::Json(DraftJson(d), 201);
          },
  });
  table.Add(Route{
      .method = Method::kPatch,
      .path = "/api/drafts/{id}",
      .summary = "Edit a draft (a new version is kept)",
      .tag = "outreach",
      .access = Access::kPermission,
      .permission = campaign::Permission::kWritePeople,
      .body = {{"version", FieldType::kInteger, true, "the version you read"},
               {"subject", FieldType::kString, false, ""},
               {"body", FieldType::kString, false, ""}},
      .body_required = true,
      .response = "Draft",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            const store::Actor actor = ActorFor(call);
            ST_ASSIGN_OR_RETURN(outreach::Draft d, ctx.store->GetDraft(actor, id));
            if (call.body->contains("subject")) d.subject = Str(*call.body, "subject");
            if (call.body->contains("body")) d.body = Str(*call.body, "body");
            ST_ASSIGN_OR_RETURN(d, ctx.store->SaveDraft(actor, d, (*call.body)["version"].get<std::int64_t>()));
            ctx.hub->Notify();
            return Reply::Json(DraftJson(d));
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/drafts/{id}/versions",
      .summary = "Every saved version of a draft",
      .tag = "outreach",
      .access = Access::kPermission,
      .permission = campaign::Permission::kWritePeople,
      .response = "{versions: [{version, subject, body, actor, at}]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(auto versions, ctx.store->ListDraftVersions(ActorFor(call), id));
            json out = {{"versions", json::array()}};
            for (const auto& v : versions)
              out["versions"].push_back(
                  {{"version", v.version}, {"subject", v.subject}, {"body", v.body}, {"actor", v.actor}, {"at", At(v.at)}});
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/drafts/{id}/approve",
      .summary = "Approve and send as the CEO (ceo only): queued in the outbox, sent by the background loop",
      .tag = "outreach",
      .access = Access::kAnyUser,
      .body = {{"version", FieldType::kInteger, true, "the version you read"}},
      .body_required = true,
      .response = "Message",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_RETURN_IF_ERROR(RequireCeo(call, "approve and send as the CEO"));
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(outreach::OutreachService * service, Service(ctx));
            ST_ASSIGN_OR_RETURN(outreach::Message m,
                                service->Approve(ActorFor(call), id, (*call.body)["version"].get<std::int64_t>()));
            ctx.hub->Notify();
            return Reply::Json(MessageJson(m, true));
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/drafts/{id}/discard",
      .summary = "Discard a draft",
      .tag = "outreach",
      .access = Access::kPermission,
      .permission = campaign::Permission::kWritePeople,
      .body = {{"version", FieldType::kInteger, true, "the version you read"}},
      .body_required = true,
      .success_status = 204,
      .response = "204",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_RETURN_IF_ERROR(
                ctx.store->DiscardDraft(ActorFor(call), id, (*call.body)["version"].get<std::int64_t>()));
            ctx.hub->Notify();
            return Reply::NoContent();
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/outreach/queue",
      .summary = "The CEO's approval queue: drafts waiting, with the candidate's key facts (ceo only)",
      .tag = "outreach",
      .access = Access::kAnyUser,
      .response = "{waiting, items: [{draft, person: {name, org, title, email, stage, citations, h_index, owner}}]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_RETURN_IF_ERROR(RequireCeo(call, "see the approval queue"));
            ST_ASSIGN_OR_RETURN(auto items, ctx.store->ListDraftQueue(ActorFor(call)));
            json out = {{"waiting", items.size()}, {"items", json::array()}};
            for (const auto& q : items)
              out["items"].push_back({{"draft", DraftJson(q.draft)},
                                      {"person",
                                       {{"id", q.draft.person_id}, {"name", q.person_name}, {"org", q.org},
                                        {"title", q.title}, {"email", q.email}, {"stage", q.stage},
                                        {"citations", q.citations ? json(*q.citations) : json(nullptr)},
                                        {"h_index", q.h_index ? json(*q.h_index) : json(nullptr)},
                                        {"owner", q.owner}}}});
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/outreach/mailbox",
      .summary = "The caller's sending mailbox (ceo only); the password is never returned",
      .tag = "outreach",
      .access = Access::kAnyUser,
      .response = "Mailbox without the password, or {configured: false}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_RETURN_IF_ERROR(RequireCeo(call, "read the sending mailbox"));
            const store::Actor actor = ActorFor(call);
            ST_ASSIGN_OR_RETURN(auto m, ctx.store->GetMailbox(actor, actor.user_id));
            if (!m) return Reply::Json(json{{"configured", false}});
            json j = MailboxJson(*m);
            j["configured"] = true;
            return Reply::Json(j);
          },
  });
  table.Add(Route{
      .method = Method::kPatch,
      .path = "/api/outreach/mailbox",
      .summary = "Configure the caller's sending mailbox (ceo only); the password is sealed at rest",
      .tag = "outreach",
      .access = Access::kAnyUser,
      .body = {{"version", FieldType::kInteger, true, "0 to create"},
               {"display_name", FieldType::kString, true, "From's display name"},
               {"address", FieldType::kString, true, ""},
               {"reply_to", FieldType::kString, false, ""},
               {"transport", FieldType::kString, false, "smtp (default) | maildir"},
               {"smtp_url", FieldType::kString, false, "smtp://host:587 (STARTTLS) or smtps://host:465"},
               {"imap_url", FieldType::kString, false, "imap://host:143 (STARTTLS) or imaps://host:993"},
               {"username", FieldType::kString, false, ""},
               {"password", FieldType::kString, false, "omit to keep the stored one"},
               {"ca_file", FieldType::kString, false, ""},
               {"maildir", FieldType::kString, false, ""},
               {"daily_cap", FieldType::kInteger, false, "messages per day; 0 = the campaign's outreach setting"},
               {"window_start_hour", FieldType::kInteger, false, "send window start, candidate's local hour; -1 = setting"},
               {"window_end_hour", FieldType::kInteger, false, "send window end (exclusive); -1 = setting"}},
      .body_required = true,
      .response = "Mailbox without the password",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_RETURN_IF_ERROR(RequireCeo(call, "configure the sending mailbox"));
            ST_ASSIGN_OR_RETURN(outreach::OutreachService * service, Service(ctx));
            const json& b = *call.body;
            outreach::MailboxInput in;
            in.display_name = Str(b, "display_name");
            in.address = Str(b, "address");
            in.reply_to = Str(b, "reply_to");
            if (b.contains("transport")) in.transport = Str(b, "transport");
            in.smtp_url = Str(b, "smtp_url");
            in.imap_url = Str(b, "imap_url");
            in.username = Str(b, "username");
            in.ca_file = Str(b, "ca_file");
            in.maildir = Str(b, "maildir");
            auto int_of = [&](const char* k, int dflt) {
              return b.contains(k) ? static_cast<int>(std::clamp<std::int64_t>(b[k].get<std::int64_t>(), -10, 100000)) : dflt;
            };
            in.daily_cap = int_of("daily_cap", 0);
            in.window_start_hour = int_of("window_start_hour", -1);
            in.window_end_hour = int_of("window_end_hour", -1);
            ST_ASSIGN_OR_RETURN(outreach::Mailbox m, service->ConfigureMailbox(ActorFor(call), in, Str(b, "password"),
                                                                               b["version"].get<std::int64_t>()));
            json j = MailboxJson(m);
            j["configured"] = true;
            return Reply::Json(j);
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/people/{id}/whatsapp",
      .summary = "WhatsApp click-to-chat link with a short version of the newest draft (ceo only; no money in it)",
      .tag = "outreach",
      .access = Access::kAnyUser,
      .query = {{"region", FieldType::kString, false, "country for national numbers, e.g. GB"}},
      .response = "{url, text}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_RETURN_IF_ERROR(RequireCeo(call, "write as the CEO"));
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(outreach::OutreachService * service, Service(ctx));
            ST_ASSIGN_OR_RETURN(std::string url,
                                service->WhatsAppLinkFor(ActorFor(call), id, "", call.Query("region").value_or("")));
            return Reply::Json(json{{"url", url}});
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/people/{id}/whatsapp",
      .summary = "Record \"sent via WhatsApp\" (ceo only); the timeline shows it like an e-mail",
      .tag = "outreach",
      .access = Access::kAnyUser,
      .body = {{"text", FieldType::kString, true, "what was sent"}},
      .body_required = true,
      .success_status = 201,
      .response = "201 Message",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_RETURN_IF_ERROR(RequireCeo(call, "record messages sent as the CEO"));
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(outreach::Message m,
                                ctx.store->RecordWhatsApp(ActorFor(call), id, Str(*call.body, "text")));
            ctx.hub->Notify();
            return Reply::Json(MessageJson(m, true), 201);
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/outreach/sequences",
      .summary = "Each person's sequence state for the pipeline board (no addresses or subjects)",
      .tag = "outreach",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .response = "{sequences: [{person_id, thread_id, state, follow_ups, pending, last_sent_at, started_at}]}",
      .handler =
          [ctx](Call&) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(auto threads, ctx.store->ListLatestThreads());
            json out = {{"sequences", json::array()}};
            for (const auto& t : threads)
              out["sequences"].push_back({{"person_id", t.person_id}, {"thread_id", t.id}, {"state", t.state},
                                          {"follow_ups", t.follow_ups_queued}, {"pending", t.has_pending},
                                          {"last_sent_at", At(t.last_sent_at)}, {"started_at", At(t.started_at)}});
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/outreach/mailbox/test",
      .summary = "Log in to the mailbox's SMTP (and IMAP) server without sending (ceo only)",
      .tag = "outreach",
      .access = Access::kAnyUser,
      .response = "{ok, error}: error worded for the CEO (\"refused the login … check the user name and password\")",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_RETURN_IF_ERROR(RequireCeo(call, "test the sending mailbox"));
            ST_ASSIGN_OR_RETURN(outreach::OutreachService * service, Service(ctx));
            ST_ASSIGN_OR_RETURN(std::string error, service->TestMailbox(ActorFor(call)));
            return Reply::Json(json{{"ok", error.empty()}, {"error", error}});
          },
  });
  // ---- the opt-out link in every message (no login; the token is the key, only its hash is stored)
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/optout/{token}",
      .summary = "What the opt-out page shows: the masked address and whether it is already opted out",
      .tag = "optout",
      .access = Access::kPublic,
      .response = "{address, sender, opted_out}; 404 unknown link; 429 too many requests",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            const std::string token = call.path.at("token");
            if (auto r = Throttled(ctx, call, token)) return *r;
            ST_ASSIGN_OR_RETURN(outreach::OptOutView v, ctx.store->OptOutLink(token, false, call.client_ip));
            return Reply::Json(OptOutJson(v));
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/optout/{token}",
      .summary = "Opt out: the address goes on the suppression list no later campaign can bypass",
      .tag = "optout",
      .access = Access::kPublic,
      .response = "{address, sender, opted_out: true, stopped_sequences}; 404 unknown link; 429",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            const std::string token = call.path.at("token");
            if (auto r = Throttled(ctx, call, token)) return *r;
            return OptOutNow(ctx, call, token);
          },
      // No session to carry a CSRF token: the unguessable token in the path plays its part, and the adapter
      // still refuses cross-site writes (Origin / Sec-Fetch-Site).
      .csrf_exempt = true,
  });
  // RFC 8058 one-click: List-Unsubscribe carries this URL. The provider POSTs the form body; a client that opens
  // it instead is sent to the page, which asks first (mail scanners follow links).
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/optout/{token}/one-click",
      .summary = "A browser that opens the List-Unsubscribe URL: 303 to the opt-out page, which asks first",
      .tag = "optout",
      .access = Access::kPublic,
      .success_status = 303,
      .response = "303 Location: /optout.html#{token}; 404 malformed link",
      .handler =
          [](Call& call) -> Result<Reply> {
            const std::string token = call.path.at("token");
            if (!outreach::IsOptOutToken(token)) return Status::NotFound("no such opt-out link");
            call.SetHeader("Location", "/optout.html#" + token);
            return Reply{303, "", "text/plain; charset=utf-8", {}};
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/optout/{token}/one-click",
      .summary = "RFC 8058 one-click opt-out from the mail provider: body List-Unsubscribe=One-Click "
                 "(form-urlencoded or multipart)",
      .tag = "optout",
      .access = Access::kPublic,
      .response = "{address, sender, opted_out: true, stopped_sequences}; 400 other body; 404 unknown link; 429",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            const std::string token = call.path.at("token");
            if (auto r = Throttled(ctx, call, token)) return *r;
            if (!call.raw_body || !outreach::IsOneClickBody(call.Header("Content-Type"), *call.raw_body))
              return Status::InvalidInput("the body must be List-Unsubscribe=One-Click (RFC 8058), form-urlencoded "
                                          "or multipart/form-data");
            return OptOutNow(ctx, call, token);
          },
      // Sent by the recipient's mail provider, server to server: no session, no CSRF token (the token in the
      // path is the key); browsers' cross-site writes are still refused by the adapter.
      .csrf_exempt = true,
      .raw_body = true,
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/outreach/stats",
      .summary = "This week's first messages sent, reply rate and median time to reply, by organisation",
      .tag = "outreach",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadPeople,
      .query = {{"days", FieldType::kInteger, false, "window, default 7"}},
      .response = "{since, sent, replied, reply_rate_percent, median_reply_seconds (absent without replies), "
                  "by_org: [{org, sent, replied, median_reply_seconds}]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(auto days, call.QueryInt("days", 1, 365));
            const std::int64_t now = std::time(nullptr);
            const std::int64_t since = now - days.value_or(7) * 86400;
            ST_ASSIGN_OR_RETURN(auto stats, ctx.store->GetOutreachStats(since));
            json by_org = json::array();
            std::int64_t sent = 0, replied = 0;
            std::vector<std::int64_t> waits;
            for (const auto& s : stats) {
              sent += s.sent;
              replied += s.replied;
              waits.insert(waits.end(), s.reply_seconds.begin(), s.reply_seconds.end());
              json row = {{"org", s.org}, {"sent", s.sent}, {"replied", s.replied}};
              if (s.median_reply_seconds >= 0) row["median_reply_seconds"] = s.median_reply_seconds;
              by_org.push_back(row);
            }
            json out = {{"since", At(since)}, {"sent", sent}, {"replied", replied}, {"by_org", by_org}};
            std::sort(waits.begin(), waits.end());
            if (!waits.empty()) out["median_reply_seconds"] = outreach::MedianSeconds(waits);
            // Whole percent as an integer: no floating point in the API's counts.
            out["reply_rate_percent"] = sent ? (replied * 100 + sent / 2) / sent : 0;
            return Reply::Json(out);
          },
  });
}

}  // namespace st::web
