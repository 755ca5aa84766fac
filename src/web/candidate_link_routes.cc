// /api/offer-link/{token}…: the candidate's private link, without login. The
// token (256 bits, only its hash stored) opens that one offer: its terms and
// value table, the letter as HTML or PDF, accept and decline. Rate-limited per
// token and per address; every visit audited by the store. A wrong, revoked or
// replaced token gets one 404 for all, so a guess learns nothing.
// The page itself is web/offer.html, with the token in the URL fragment
// (never sent to the server by the browser, so never in a log).
#include <nlohmann/json.hpp>

#include "web/api_context.h"
#include "web/http_error.h"
#include "web/offer_json.h"

namespace st::web {
namespace {

using nlohmann::json;

// The limiter keys on a prefix: enough to tell tokens apart, and no full token kept in memory.
std::optional<Reply> Throttled(const ApiContext& ctx, Call& call, const std::string& token) {
  return LinkThrottled(ctx, call, token.substr(0, 16));
}

json CandidateJson(const store::CandidateOffer& c) {
  json out = OfferToJson(c.offer);
  // The candidate sees their offer, not our process: no approvers, chain or band.
  for (const char* k : {"approvals", "chain", "current_step", "band_reason", "in_band", "over_report_cap",
                        "report_cap_note", "created_by", "person_id", "money_visible"})
    out.erase(k);
  out["decided"] = c.offer.state != offers::OfferState::kSent;
  return out;
}

}  // namespace

std::optional<Reply> LinkThrottled(const ApiContext& ctx, Call& call, const std::string& key) {
  if (ctx.link_throttle == nullptr) return std::nullopt;
  if (long wait = ctx.link_throttle->RetryAfter(key, call.client_ip); wait > 0) {
    call.SetHeader("Retry-After", std::to_string(wait));
    Reply r;
    r.status = kRateLimited.http_status;
    r.body = ErrorBody(kRateLimited.code, "too many requests for this link; retry in " + std::to_string(wait) + " s");
    return r;
  }
  ctx.link_throttle->RecordFailure(key, call.client_ip);  // every request counts, not only failures
  return std::nullopt;
}

void AddCandidateLinkRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/offer-link/{token}",
      .summary = "The candidate's view of their offer (no login; the token is the key)",
      .tag = "offer-link",
      .access = Access::kPublic,
      .response = "CandidateOffer; 404 unknown link; 429 too many requests",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            const std::string token = call.path.at("token");
            if (auto r = Throttled(ctx, call, token)) return *r;
            ST_ASSIGN_OR_RETURN(store::CandidateOffer c, ctx.store->OpenOfferLink(token, call.client_ip));
            return Reply::Json(CandidateJson(c));
          },
  });
  for (const char* format : {"html", "pdf"}) {
    table.Add(Route{
        .method = Method::kGet,
        .path = std::string("/api/offer-link/{token}/letter.") + format,
        .summary = std::string("The candidate's offer letter as ") + (format[0] == 'h' ? "HTML" : "PDF"),
        .tag = "offer-link",
        .access = Access::kPublic,
        .response = format[0] == 'h' ? "text/html" : "application/pdf",
        .handler =
            [ctx, f = std::string(format)](Call& call) -> Result<Reply> {
              const std::string token = call.path.at("token");
              if (auto r = Throttled(ctx, call, token)) return *r;
              ST_ASSIGN_OR_RETURN(store::CandidateOffer c, ctx.store->OpenOfferLink(token, call.client_ip));
              ST_ASSIGN_OR_RETURN(LetterFile file, RenderOfferLetter(ctx, c.offer, f));
              Reply r;
              r.body = std::move(file.body);
              r.content_type = file.content_type;
              return r;
            },
    });
  }
  for (bool accept : {true, false}) {
    table.Add(Route{
        .method = Method::kPost,
        .path = std::string("/api/offer-link/{token}/") + (accept ? "accept" : "decline"),
        .summary = accept ? "The candidate accepts the offer" : "The candidate declines the offer",
        .tag = "offer-link",
        .access = Access::kPublic,
        .response = "CandidateOffer; 404 unknown link; 409 already decided or expired; 429",
        .handler =
            [ctx, accept](Call& call) -> Result<Reply> {
              const std::string token = call.path.at("token");
              if (auto r = Throttled(ctx, call, token)) return *r;
              ST_ASSIGN_OR_RETURN(store::CandidateOffer c, ctx.store->DecideOfferLink(token, accept, call.client_ip));
              ctx.hub->Notify();
              return Reply::Json(CandidateJson(c));
            },
        // No session to carry a CSRF token: the unguessable token in the path plays its part, and
        // the adapter still refuses cross-site writes (Origin / Sec-Fetch-Site).
        .csrf_exempt = true,
    });
  }
}

}  // namespace st::web
