// /api/offers…: build an offer on a person (versions), the approval chain,
// sending with the candidate link, withdrawal, the letter as HTML/PDF, the
// approvals queue, a live value-table preview, and the no-interview path.
// Money keys are absent (not hidden) for roles without compensation rights.
#include <nlohmann/json.hpp>

#include "offers/terms_json.h"
#include "web/api_context.h"
#include "web/json_mapping.h"
#include "web/offer_json.h"

namespace st::web {
namespace {

using campaign::Permission;
using nlohmann::json;

Result<offers::OfferTerms> TermsOf(const Call& call) {
  const json& t = (*call.body)["terms"];
  return offers::TermsFromJson(t);
}

std::int64_t VersionOf(const Call& call) { return (*call.body)["version"].get<std::int64_t>(); }

std::string TextOf(const Call& call, const char* key) {
  const json& b = *call.body;
  return b.contains(key) && b[key].is_string() ? b[key].get<std::string>() : std::string();
}

bool MayReadMoney(const Call& call) {
  return call.principal && campaign::HasPermission(call.principal->role, Permission::kReadCompensation);
}

Route OfferWrite(std::string path, std::string summary, Permission permission, std::vector<Field> body,
                 Handler handler) {
  return Route{.method = Method::kPost,
               .path = std::move(path),
               .summary = std::move(summary),
               .tag = "offers",
               .access = Access::kPermission,
               .permission = permission,
               .body = std::move(body),
               .body_required = true,
               .response = "Offer; 409 stale version or wrong state",
               .handler = std::move(handler)};
}

Reply LetterReply(LetterFile f, const std::string& filename) {
  Reply r;
  r.body = std::move(f.body);
  r.content_type = f.content_type;
  (void)filename;
  return r;
}

}  // namespace

void AddOffersRoutes(RouteTable& table, const ApiContext& ctx) {
  // Registered before /api/offers/{id}: the first matching route wins.
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/offers/approvals",
      .summary = "Offers waiting for an approval of the caller's role (ceo, hr)",
      .tag = "offers",
      .access = Access::kPermission,
      .permission = Permission::kReadCompensation,
      .response = "{offers: [Offer]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(auto list, ctx.store->ListApprovalQueue(ActorFor(call)));
            json out = {{"offers", json::array()}};
            for (const auto& o : list) out["offers"].push_back(OfferToJson(o));
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/offers/preview",
      .summary = "The year-by-year value table of draft terms (the page's live table); stores nothing",
      .tag = "offers",
      .access = Access::kPermission,
      .permission = Permission::kReadCompensation,
      .body = {{"terms", FieldType::kObject, true, "offer terms (docs/API.md)"}},
      .body_required = true,
      .response = "ValueTable; 400 naming the field",
      .handler =
          [](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(offers::OfferTerms terms, TermsOf(call));
            ST_ASSIGN_OR_RETURN(offers::ValueTable table, offers::ComputeValueTable(terms));
            return Reply::Json(offers::ValueTableToJson(table));
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/people/{id}/offers",
      .summary = "A person's offers, newest first (money only for ceo and hr, audited)",
      .tag = "offers",
      .access = Access::kPermission,
      .permission = Permission::kReadPeople,
      .response = "{offers: [Offer]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(auto list, ctx.store->ListOffers(ActorFor(call), id, MayReadMoney(call)));
            json out = {{"offers", json::array()}};
            for (const auto& o : list) out["offers"].push_back(OfferToJson(o));
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/people/{id}/offers",
      .summary = "Draft an offer for a person at stage offer",
      .tag = "offers",
      .access = Access::kPermission,
      .permission = Permission::kWriteCompensation,
      .body = {{"terms", FieldType::kObject, true, "offer terms (docs/API.md)"}},
      .body_required = true,
      .success_status = 201,
      .response = "201 Offer; 400 naming the field; 409 an open offer exists",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(offers::OfferTerms terms, TermsOf(call));
            ST_ASSIGN_OR_RETURN(store::OfferRecord o, ctx.store->CreateOffer(ActorFor(call), id, terms));
            ctx.hub->Notify();
            return Reply::Json(OfferToJson(o), 201);
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/people/{id}/offer-without-meeting",
      .summary = "The no-interview path: to stage offer without a meeting (score ≥ threshold, or the CEO's override)",
      .tag = "offers",
      .access = Access::kPermission,
      .permission = Permission::kWritePeople,
      .body = {{"version", FieldType::kInteger, true, "the person's version read"},
               {"reason", FieldType::kString, false, "why (required for a CEO override; kept in the history)"}},
      .body_required = true,
      .response = "PersonSummary; 403 neither score nor override",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            store::Actor actor = ActorFor(call);
            ST_ASSIGN_OR_RETURN(campaign::Person p, ctx.store->MoveToOfferWithoutMeeting(actor, id, VersionOf(call),
                                                                                          TextOf(call, "reason")));
            ctx.hub->Notify();
            return Reply::Json(PersonToJson(p, actor.role));
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/offers/{id}",
      .summary = "One offer: current version, value table, chain and approvals (money only for ceo and hr, audited)",
      .tag = "offers",
      .access = Access::kPermission,
      .permission = Permission::kReadPeople,
      .response = "Offer",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(store::OfferRecord o, ctx.store->GetOffer(ActorFor(call), id, MayReadMoney(call)));
            return Reply::Json(OfferToJson(o));
          },
  });
  table.Add(Route{
      .method = Method::kPatch,
      .path = "/api/offers/{id}",
      .summary = "Edit an offer: writes a new version; money, compute or team changes void the approvals",
      .tag = "offers",
      .access = Access::kPermission,
      .permission = Permission::kWriteCompensation,
      .body = {{"version", FieldType::kInteger, true, "the offer's version read"},
               {"terms", FieldType::kObject, true, "the complete new terms"}},
      .body_required = true,
      .response = "Offer; 409 stale version or closed offer",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(offers::OfferTerms terms, TermsOf(call));
            ST_ASSIGN_OR_RETURN(store::OfferRecord o, ctx.store->EditOffer(ActorFor(call), id, VersionOf(call), terms));
            ctx.hub->Notify();
            return Reply::Json(OfferToJson(o));
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/offers/{id}/versions",
      .summary = "Every version of an offer, oldest first",
      .tag = "offers",
      .access = Access::kPermission,
      .permission = Permission::kReadPeople,
      .response = "{versions: [OfferVersion]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(auto versions, ctx.store->ListOfferVersions(ActorFor(call), id));
            json out = {{"versions", json::array()}};
            for (const auto& v : versions) out["versions"].push_back(OfferVersionToJson(v, MayReadMoney(call)));
            return Reply::Json(out);
          },
  });
  auto transition = [ctx](auto fn) {
    return [ctx, fn](Call& call) -> Result<Reply> {
      ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
      ST_ASSIGN_OR_RETURN(store::OfferRecord o, fn(ActorFor(call), id, call));
      ctx.hub->Notify();
      return Reply::Json(OfferToJson(o));
    };
  };
  const Field version{"version", FieldType::kInteger, true, "the offer's version read"};
  table.Add(OfferWrite("/api/offers/{id}/submit", "Submit a draft for approval", Permission::kWriteCompensation,
                       {version}, transition([ctx](const store::Actor& a, std::int64_t id, const Call& call) {
                         return ctx.store->SubmitOffer(a, id, VersionOf(call));
                       })));
  table.Add(OfferWrite("/api/offers/{id}/approve",
                       "Approve the current step (its role); the last one reserves the compute promise",
                       Permission::kReadCompensation, {version, {"note", FieldType::kString, false, "comment"}},
                       transition([ctx](const store::Actor& a, std::int64_t id, const Call& call) {
                         return ctx.store->ApproveOffer(a, id, VersionOf(call), TextOf(call, "note"));
                       })));
  table.Add(OfferWrite("/api/offers/{id}/reject", "Reject: back to draft, approvals voided",
                       Permission::kReadCompensation, {version, {"note", FieldType::kString, true, "why"}},
                       transition([ctx](const store::Actor& a, std::int64_t id, const Call& call) {
                         return ctx.store->RejectOffer(a, id, VersionOf(call), TextOf(call, "note"));
                       })));
  table.Add(OfferWrite("/api/offers/{id}/withdraw", "Withdraw an open offer (releases its compute)",
                       Permission::kWriteCompensation, {version, {"reason", FieldType::kString, false, "why"}},
                       transition([ctx](const store::Actor& a, std::int64_t id, const Call& call) {
                         return ctx.store->WithdrawOffer(a, id, VersionOf(call), TextOf(call, "reason"));
                       })));
  table.Add(OfferWrite("/api/offers/{id}/send",
                       "Send an approved offer: issues the candidate's private link (shown once)",
                       Permission::kWriteCompensation, {version}, [ctx](Call& call) -> Result<Reply> {
                         ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
                         ST_ASSIGN_OR_RETURN(store::SentOffer sent,
                                             ctx.store->SendOffer(ActorFor(call), id, VersionOf(call)));
                         ctx.hub->Notify();
                         json out = OfferToJson(sent.offer);
                         out["link"] = {{"token", sent.link_token},
                                        {"url", "/offer.html#" + sent.link_token},
                                        {"expires_at", sent.link_expires_at}};
                         return Reply::Json(out);
                       }));
  for (const char* format : {"html", "pdf"}) {
    table.Add(Route{
        .method = Method::kGet,
        .path = std::string("/api/offers/{id}/letter.") + format,
        .summary = std::string("The offer letter as ") + (format[0] == 'h' ? "HTML" : "PDF") + " (audited)",
        .tag = "offers",
        .access = Access::kPermission,
        .permission = Permission::kReadCompensation,
        .response = format[0] == 'h' ? "text/html" : "application/pdf",
        .handler =
            [ctx, f = std::string(format)](Call& call) -> Result<Reply> {
              ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
              ST_ASSIGN_OR_RETURN(store::OfferRecord o, ctx.store->OfferForLetter(ActorFor(call), id, f));
              ST_ASSIGN_OR_RETURN(LetterFile file, RenderOfferLetter(ctx, o, f));
              call.SetHeader("Content-Disposition",
                             "inline; filename=\"offer-" + std::to_string(id) + "." + f + "\"");
              return LetterReply(std::move(file), "");
            },
    });
  }
}

}  // namespace st::web
