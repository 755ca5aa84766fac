// /api/retention…: a staff member's pay, the rival offers they hold, the
// 4-year side-by-side, the policy's suggested counter, counter-offers through
// the offers' approval chain, and the outcome. All of it is compensation:
// ceo and hr only (the routes are absent for recruiter and viewer: 403), every
// read of money audited by the store. The graph link (no money) is
// confirmed or corrected by ceo and hr through POST /api/staff/{id}/link.
#include <cstdio>
#include <ctime>
#include <optional>
#include <nlohmann/json.hpp>

#include "offers/terms_json.h"
#include "retention/comparison.h"
#include "retention/policy.h"
#include "scoring/ranker.h"
#include "store/staff_json.h"
#include "watch/graph_diff.h"
#include "web/api_context.h"
#include "web/offer_json.h"

namespace st::web {
namespace {

using campaign::Permission;
using nlohmann::json;

std::string TextOf(const Call& call, const char* key) {
  const json& b = *call.body;
  return b.contains(key) && b[key].is_string() ? b[key].get<std::string>() : std::string();
}

std::int64_t IntOf(const Call& call, const char* key) {
  const json& b = *call.body;
  return b.contains(key) && b[key].is_number_integer() ? b[key].get<std::int64_t>() : 0;
}

Result<offers::Day> DateOf(const Call& call, const char* key) {
  const std::string d = TextOf(call, key);
  if (d.empty()) return 0;
  auto day = offers::ParseDate(d);
  if (!day) return Status::InvalidInput(std::string("field '") + key + "': must be YYYY-MM-DD");
  return *day;
}

Result<offers::OfferTerms> TermsOf(const Call& call) { return offers::TermsFromJson((*call.body)["terms"]); }

std::string Date(offers::Day d) { return d == 0 ? std::string() : offers::FormatDate(d); }

json PayJson(const store::StaffMember& s) {
  json j = store::StaffToJson(s);
  j["base"] = s.base_cents;
  j["currency"] = s.currency;
  j["target_bonus_bp"] = s.target_bonus_bp;
  j["last_raise_date"] = Date(s.last_raise_day);
  j["equity"] = nullptr;
  if (auto e = retention::HeldEquityFromJson(s.equity_json); e.ok() && *e) {
    const retention::HeldEquity& h = **e;
    j["equity"] = json::parse(s.equity_json);
    j["equity"]["unvested_today"] = retention::UnvestedAt(h, offers::DayOfUnix(std::time(nullptr)));
  }
  return j;
}

json RivalJson(const store::RivalOffer& r) {
  json j = {{"id", r.id},           {"staff_id", r.staff_id},       {"company", r.company},
            {"terms", offers::TermsToJson(r.terms)},                {"deadline", Date(r.deadline_day)},
            {"source", r.source},   {"created_by", r.created_by},   {"created_at", r.created_at}};
  if (auto vt = offers::ComputeValueTable(r.terms); vt.ok()) j["value"] = offers::ValueTableToJson(*vt);
  return j;
}

json CounterJson(const store::CounterRecord& c) {
  const json chain = offers::ChainToJson(c.chain);
  json j = {{"id", c.id},
            {"staff_id", c.staff_id},
            {"staff_name", c.staff_name},
            {"rival_offer_id", c.rival_offer_id},
            {"state", offers::OfferStateName(c.state)},
            {"terms_version", c.terms_version},
            {"version", c.row_version},
            {"terms", offers::TermsToJson(c.terms)},
            {"in_band", c.in_band},
            {"band_reason", c.band_reason},
            {"chain", chain},
            {"approvals", ApprovalsToJson(c.approvals)},
            {"current_step", offers::CurrentStep(c.chain, store::ChainApprovals(c.approvals))},
            {"note", c.note},
            {"created_by", c.created_by},
            {"created_at", c.created_at},
            {"updated_at", c.updated_at},
            {"decided_at", c.decided_at}};
  if (auto vt = offers::ComputeValueTable(c.terms); vt.ok()) j["value"] = offers::ValueTableToJson(*vt);
  return j;
}

json SideJson(const retention::Side& s) {
  if (!s.present) return nullptr;
  json years = json::array();
  for (const retention::SideYear& y : s.years)
    years.push_back({{"year", y.year}, {"from", Date(y.from_day)}, {"to", Date(y.to_day)}, {"base", y.base},
                     {"bonus", y.bonus}, {"held_equity", y.held_equity}, {"new_equity", y.new_equity},
                     {"other", y.other}, {"total", y.total}});
  return {{"years", years}, {"four_year", s.four_year}, {"gpus", s.gpus}, {"gpu_type", s.gpu_type}, {"team", s.team}};
}

json ComparisonJson(const retention::Comparison& c) {
  auto arr = [](const std::array<std::int64_t, retention::kYears + 1>& a) {
    return json{{"years", json(std::vector<std::int64_t>(a.begin(), a.begin() + retention::kYears))},
                {"four_year", a[retention::kYears]}};
  };
  return {{"currency", offers::CurrencyCode(c.currency)},
          {"from", Date(c.from_day)},
          {"current", SideJson(c.current)},
          {"rival", SideJson(c.rival)},
          {"counter", SideJson(c.counter)},
          {"rival_minus_current", arr(c.rival_minus_current)},
          {"counter_minus_rival", arr(c.counter_minus_rival)},
          {"counter_minus_current", arr(c.counter_minus_current)}};
}

// What the staff member has with us: pay, held equity, direct reports.
Result<retention::CurrentPackage> PackageOf(const ApiContext& ctx, const store::Actor& actor,
                                            const store::StaffMember& s) {
  retention::CurrentPackage p;
  if (!s.currency.empty()) p.currency = offers::ParseCurrency(s.currency).value_or(offers::Currency::kUsd);
  p.base_minor = s.base_cents;
  p.target_bonus_bp = s.target_bonus_bp;
  ST_ASSIGN_OR_RETURN(p.equity, retention::HeldEquityFromJson(s.equity_json));
  ST_ASSIGN_OR_RETURN(auto staff, ctx.store->ListStaff(actor));
  for (const store::StaffMember& m : staff)
    if (m.manager_staff_id == s.id) ++p.team_size;
  return p;
}

Result<offers::FxTable> FxOf(const ApiContext& ctx) {
  ST_ASSIGN_OR_RETURN(json j, ReadSettings(ctx, std::string(offers::kOfferSettingsKey)));
  ST_ASSIGN_OR_RETURN(offers::OfferSettings s, offers::OfferSettingsFromJson(j));
  return s.fx;
}

template <typename T>
const T* FindId(const std::vector<T>& v, std::int64_t id) {
  for (const T& x : v)
    if (x.id == id) return &x;
  return nullptr;
}

offers::Day Today() { return offers::DayOfUnix(std::time(nullptr)); }

// The policy's strength (0..1) of a staff member from the talent graph: the share of the graph's authors
// with works whose overall strength (ranker.h) is below their linked author's. Absent without a
// confirmed or suggested link, a loaded graph, or when the link's author is not in this version.
struct GraphStrength {
  double strength = -1;
  std::string source;  // for the page: which author and where they stand
};
std::optional<GraphStrength> StrengthFromGraph(const ApiContext& ctx, const store::StaffMember& s) {
  if (!ctx.graph || !ctx.ranker || s.author_id.empty()) return std::nullopt;
  if (s.link_state != "confirmed" && s.link_state != "suggested") return std::nullopt;
  const std::string key = !s.author_key.empty() ? s.author_key : watch::StableKeyOfLinkedId(ctx.graph.get(), s.author_id);
  if (key.empty()) return std::nullopt;
  const graph::AuthorId a = watch::ResolveAuthorKey(*ctx.graph, key, s.name);
  if (a == graph::kNone) return std::nullopt;
  const float mine = ctx.ranker->Metrics(a).strength;
  std::uint64_t with_works = 0, below = 0;
  for (graph::AuthorId i = 0; i < ctx.graph->num_authors(); ++i) {
    if (ctx.graph->AuthorWorks(i).empty()) continue;
    ++with_works;
    if (ctx.ranker->Metrics(i).strength < mine) ++below;
  }
  if (with_works == 0) return std::nullopt;
  GraphStrength g;
  g.strength = static_cast<double>(below) / static_cast<double>(with_works);
  char pct[32];
  std::snprintf(pct, sizeof pct, "%.1f%%", 100.0 * (1.0 - g.strength));
  g.source = "graph: " + std::string(ctx.graph->AuthorName(a)) + " (" + s.link_state + " link, " + key +
             ") is in the top " + pct + " of " + std::to_string(with_works) + " authors by overall strength";
  return g;
}

// The whole case of one staff member: pay, rival offers, counters, outcomes and the side-by-side of the
// newest rival offer with the newest open (else newest) counter — or those named by ?rival= / ?counter=.
Result<json> CaseJson(const ApiContext& ctx, Call& call, std::int64_t id) {
  const store::Actor actor = ActorFor(call);
  ST_ASSIGN_OR_RETURN(store::StaffMember s, ctx.store->GetStaffPay(actor, id));
  ST_ASSIGN_OR_RETURN(auto rivals, ctx.store->ListRivalOffers(actor, id));
  ST_ASSIGN_OR_RETURN(auto counters, ctx.store->ListCounters(actor, id));
  ST_ASSIGN_OR_RETURN(auto outcomes, ctx.store->ListRetentionOutcomes(actor, id));
  ST_ASSIGN_OR_RETURN(auto rival_id, call.QueryInt("rival", 1, INT64_MAX));
  ST_ASSIGN_OR_RETURN(auto counter_id, call.QueryInt("counter", 1, INT64_MAX));
  const store::RivalOffer* rival = rival_id ? FindId(rivals, *rival_id) : rivals.empty() ? nullptr : &rivals[0];
  if (rival_id && !rival) return Status::NotFound("rival offer " + std::to_string(*rival_id) + " is not this person's");
  const store::CounterRecord* counter = nullptr;
  if (counter_id) {
    counter = FindId(counters, *counter_id);
    if (!counter) return Status::NotFound("counter-offer " + std::to_string(*counter_id) + " is not this person's");
  } else {
    for (const auto& c : counters)
      if (offers::IsOfferOpen(c.state) || c.state == offers::OfferState::kAccepted) {
        counter = &c;
        break;
      }
    if (!counter && !counters.empty()) counter = &counters[0];
  }
  ST_ASSIGN_OR_RETURN(retention::CurrentPackage pkg, PackageOf(ctx, actor, s));
  ST_ASSIGN_OR_RETURN(offers::FxTable fx, FxOf(ctx));
  json out = {{"staff", PayJson(s)}, {"rival_offers", json::array()}, {"counters", json::array()},
              {"outcomes", json::array()}};
  for (const auto& r : rivals) out["rival_offers"].push_back(RivalJson(r));
  for (const auto& c : counters) out["counters"].push_back(CounterJson(c));
  for (const auto& o : outcomes)
    out["outcomes"].push_back({{"id", o.id}, {"outcome", o.outcome}, {"to_company", o.to_company},
                               {"counter_id", o.counter_id}, {"at", o.at}});
  auto cmp = retention::Compare(pkg, rival ? std::optional(rival->terms) : std::nullopt,
                                counter ? std::optional(counter->terms) : std::nullopt, Today(), fx);
  if (cmp.ok()) {
    out["comparison"] = ComparisonJson(*cmp);
    out["comparison"]["rival_offer_id"] = rival ? rival->id : 0;
    out["comparison"]["rival_company"] = rival ? rival->company : "";
    out["comparison"]["counter_id"] = counter ? counter->id : 0;
  } else {
    out["comparison"] = nullptr;
    out["comparison_error"] = cmp.status().message();
  }
  return out;
}

Route Money(Method m, std::string path, std::string summary, Permission p, std::vector<Field> body,
            std::string response, Handler h, int success = 200) {
  const bool has_body = !body.empty();
  return Route{.method = m,
               .path = std::move(path),
               .summary = std::move(summary),
               .tag = "retention",
               .access = Access::kPermission,
               .permission = p,
               .body = std::move(body),
               .body_required = has_body,
               .success_status = success,
               .response = std::move(response),
               .handler = std::move(h)};
}

Result<store::CounterAction> ActionOf(const std::string& name) {
  if (name == "submit") return store::CounterAction::kSubmit;
  if (name == "approve") return store::CounterAction::kApprove;
  if (name == "reject") return store::CounterAction::kReject;
  if (name == "present") return store::CounterAction::kPresent;
  if (name == "withdraw") return store::CounterAction::kWithdraw;
  return Status::NotFound("no counter-offer action '" + name.substr(0, 40) + "'");
}

}  // namespace

void AddRetentionLinkRoutes(RouteTable& table, const ApiContext& ctx);  // retention_link_routes.cc

void AddRetentionRoutes(RouteTable& table, const ApiContext& ctx) {
  AddRetentionLinkRoutes(table, ctx);
  table.Add(Money(Method::kGet, "/api/retention/counters",
                  "Counter-offers waiting for an approval of the caller's role (ceo, hr)", Permission::kReadCompensation,
                  {}, "{counters: [Counter]}", [ctx](Call& call) -> Result<Reply> {
                    ST_ASSIGN_OR_RETURN(auto list, ctx.store->ListCounters(ActorFor(call), 0));
                    json out = {{"counters", json::array()}};
                    for (const auto& c : list) out["counters"].push_back(CounterJson(c));
                    return Reply::Json(out);
                  }));
  {
    Route r = Money(Method::kGet, "/api/retention/staff/{id}",
                    "A staff member's case: pay, rival offers, counters, outcomes and the 4-year side-by-side "
                    "(audited)",
                    Permission::kReadCompensation, {},
                    "{staff, rival_offers, counters, outcomes, comparison}", [ctx](Call& call) -> Result<Reply> {
                      ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
                      ST_ASSIGN_OR_RETURN(json out, CaseJson(ctx, call, id));
                      return Reply::Json(out);
                    });
    r.query = {{"rival", FieldType::kInteger, false, "rival offer id (default: the newest)"},
               {"counter", FieldType::kInteger, false, "counter-offer id (default: the open one)"}};
    table.Add(std::move(r));
  }
  table.Add(Money(Method::kPost, "/api/retention/staff/{id}/rival-offers",
                  "Record a rival offer a staff member holds (the offers' terms model)",
                  Permission::kWriteCompensation,
                  {{"company", FieldType::kString, true, "1..200 bytes"},
                   {"terms", FieldType::kObject, true, "offer terms (docs/API.md \"Offers\")"},
                   {"deadline", FieldType::kString, false, "YYYY-MM-DD"},
                   {"source", FieldType::kString, false, "how we know"}},
                  "201 RivalOffer; 400 naming the field", [ctx](Call& call) -> Result<Reply> {
                    ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
                    store::RivalOfferInput in;
                    in.company = TextOf(call, "company");
                    in.source = TextOf(call, "source");
                    ST_ASSIGN_OR_RETURN(in.terms, TermsOf(call));
                    ST_ASSIGN_OR_RETURN(in.deadline_day, DateOf(call, "deadline"));
                    ST_ASSIGN_OR_RETURN(store::RivalOffer r, ctx.store->CreateRivalOffer(ActorFor(call), id, in));
                    ctx.hub->Notify();
                    return Reply::Json(RivalJson(r), 201);
                  }, 201));
  table.Add(Money(Method::kDelete, "/api/retention/rival-offers/{id}", "Delete a rival offer recorded in error",
                  Permission::kWriteCompensation, {}, "204", [ctx](Call& call) -> Result<Reply> {
                    ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
                    ST_RETURN_IF_ERROR(ctx.store->DeleteRivalOffer(ActorFor(call), id));
                    ctx.hub->Notify();
                    return Reply::NoContent();
                  }, 204));
  table.Add(Money(
      Method::kPost, "/api/retention/staff/{id}/counter-suggestion",
      "The policy's counter to a rival offer (settings key \"retention\") with its reasons and the side-by-side; "
      "stores nothing",
      Permission::kReadCompensation,
      {{"rival_offer_id", FieldType::kInteger, true, "the rival offer to answer"},
       {"strength", FieldType::kNumber, false,
        "0..1, used only without a graph link (a linked author's graph percentile wins); absent = unknown (match)"}},
      "{terms, strength, strength_source, beat, target_four_year, reasons, comparison}", [ctx](Call& call) -> Result<Reply> {
        ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
        const store::Actor actor = ActorFor(call);
        ST_ASSIGN_OR_RETURN(store::StaffMember s, ctx.store->GetStaffPay(actor, id));
        ST_ASSIGN_OR_RETURN(auto rivals, ctx.store->ListRivalOffers(actor, id));
        const store::RivalOffer* rival = FindId(rivals, IntOf(call, "rival_offer_id"));
        if (!rival) return Status::InvalidInput("field 'rival_offer_id': not a rival offer of this staff member");
        const json& b = *call.body;
        double strength = b.contains("strength") && b["strength"].is_number() ? b["strength"].get<double>() : -1;
        if (strength > 1) return Status::InvalidInput("field 'strength': 0..1");
        // A linked author's graph score wins over the request's figure; the reply says which was used.
        std::string strength_source = strength < 0 ? "unknown (no graph link): the policy matches" : "the request";
        if (auto g = StrengthFromGraph(ctx, s)) {
          strength = g->strength;
          strength_source = g->source;
        }
        ST_ASSIGN_OR_RETURN(retention::CurrentPackage pkg, PackageOf(ctx, actor, s));
        ST_ASSIGN_OR_RETURN(offers::FxTable fx, FxOf(ctx));
        const offers::Day from = rival->terms.start_day > 0 ? rival->terms.start_day : Today();
        ST_ASSIGN_OR_RETURN(offers::OfferTerms rv, retention::ConvertTerms(rival->terms, pkg.currency, from, fx));
        ST_ASSIGN_OR_RETURN(json sj, ReadSettings(ctx, std::string(retention::kRetentionSettingsKey)));
        ST_ASSIGN_OR_RETURN(retention::RetentionSettings rs, retention::RetentionSettingsFromJson(sj));
        ST_ASSIGN_OR_RETURN(retention::Suggestion sug,
                            retention::SuggestCounter(pkg, rv, strength, rs, Today(), rival->deadline_day));
        ST_ASSIGN_OR_RETURN(retention::Comparison cmp, retention::Compare(pkg, rival->terms, sug.terms, Today(), fx));
        return Reply::Json({{"terms", offers::TermsToJson(sug.terms)},
                            {"strength", strength < 0 ? json(nullptr) : json(strength)},
                            {"strength_source", strength_source},
                            {"beat", sug.beat},
                            {"target_four_year", sug.target_four_year},
                            {"reasons", sug.reasons},
                            {"comparison", ComparisonJson(cmp)}});
      }));
  table.Add(Money(Method::kPost, "/api/retention/staff/{id}/counters",
                  "Draft a counter-offer (one open per staff member); it goes through the offers' approval chain",
                  Permission::kWriteCompensation,
                  {{"terms", FieldType::kObject, true, "offer terms"},
                   {"rival_offer_id", FieldType::kInteger, false, "the rival offer it answers"},
                   {"note", FieldType::kString, false, "why (the policy's reasons)"}},
                  "201 Counter; 409 an open counter exists", [ctx](Call& call) -> Result<Reply> {
                    ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
                    ST_ASSIGN_OR_RETURN(offers::OfferTerms t, TermsOf(call));
                    ST_ASSIGN_OR_RETURN(store::CounterRecord c,
                                        ctx.store->CreateCounter(ActorFor(call), id, IntOf(call, "rival_offer_id"), t,
                                                                 TextOf(call, "note")));
                    ctx.hub->Notify();
                    return Reply::Json(CounterJson(c), 201);
                  }, 201));
  table.Add(Money(Method::kGet, "/api/retention/counters/{id}", "One counter-offer (audited)",
                  Permission::kReadCompensation, {}, "Counter", [ctx](Call& call) -> Result<Reply> {
                    ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
                    ST_ASSIGN_OR_RETURN(store::CounterRecord c, ctx.store->GetCounter(ActorFor(call), id));
                    return Reply::Json(CounterJson(c));
                  }));
  table.Add(Money(Method::kPatch, "/api/retention/counters/{id}",
                  "New terms for a draft or pending counter-offer (approvals voided, back to draft)",
                  Permission::kWriteCompensation,
                  {{"terms", FieldType::kObject, true, "offer terms"},
                   {"version", FieldType::kInteger, true, "version read (409 if it changed since)"}},
                  "Counter; 409 stale version or wrong state", [ctx](Call& call) -> Result<Reply> {
                    ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
                    ST_ASSIGN_OR_RETURN(offers::OfferTerms t, TermsOf(call));
                    ST_ASSIGN_OR_RETURN(store::CounterRecord c,
                                        ctx.store->EditCounter(ActorFor(call), id, IntOf(call, "version"), t));
                    ctx.hub->Notify();
                    return Reply::Json(CounterJson(c));
                  }));
  table.Add(Money(Method::kPost, "/api/retention/counters/{id}/{action}",
                  "submit | approve | reject | present | withdraw a counter-offer (approve: the offers' chain; the "
                  "last approval reserves its compute on the ledger)",
                  Permission::kReadCompensation,
                  {{"version", FieldType::kInteger, true, "version read"},
                   {"note", FieldType::kString, false, "required to reject"}},
                  "Counter; 403 not this step's role; 409 stale version, wrong state or the ledger's shortfall",
                  [ctx](Call& call) -> Result<Reply> {
                    ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
                    ST_ASSIGN_OR_RETURN(store::CounterAction a, ActionOf(call.path.at("action")));
                    ST_ASSIGN_OR_RETURN(store::CounterRecord c,
                                        ctx.store->ActOnCounter(ActorFor(call), id, IntOf(call, "version"), a,
                                                                TextOf(call, "note")));
                    ctx.hub->Notify();
                    return Reply::Json(CounterJson(c));
                  }));
  table.Add(Money(Method::kPost, "/api/retention/staff/{id}/outcome",
                  "Record that a staff member stayed or left (to whom); closes the open counter, kept for the models",
                  Permission::kWriteCompensation,
                  {{"outcome", FieldType::kString, true, "stayed | left"},
                   {"to_company", FieldType::kString, false, "required when left"}},
                  "201 Outcome", [ctx](Call& call) -> Result<Reply> {
                    ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
                    ST_ASSIGN_OR_RETURN(store::RetentionOutcome o,
                                        ctx.store->RecordRetentionOutcome(ActorFor(call), id, TextOf(call, "outcome"),
                                                                          TextOf(call, "to_company")));
                    ctx.hub->Notify();
                    return Reply::Json({{"id", o.id}, {"staff_id", o.staff_id}, {"counter_id", o.counter_id},
                                        {"outcome", o.outcome}, {"to_company", o.to_company}, {"at", o.at}},
                                       201);
                  }, 201));
  table.Add(Money(Method::kPost, "/api/staff/{id}/link",
                  "Confirm, reject or correct a staff member's link to a talent-graph author (ceo, hr)",
                  Permission::kEditStaff,
                  {{"author_id", FieldType::kString, false, "graph author id; \"\" clears"},
                   {"state", FieldType::kString, true, "confirmed | rejected | suggested | \"\""},
                   {"confidence", FieldType::kNumber, false, "0..1 (a person's confirmation: 1)"},
                   {"reason", FieldType::kString, false, "why"}},
                  "Staff", [ctx](Call& call) -> Result<Reply> {
                    ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
                    store::StaffLink l;
                    l.author_id = TextOf(call, "author_id");
                    l.author_key = watch::StableKeyOfLinkedId(ctx.graph.get(), l.author_id);
                    l.state = TextOf(call, "state");
                    l.reason = TextOf(call, "reason");
                    const json& b = *call.body;
                    l.confidence = b.contains("confidence") && b["confidence"].is_number()
                                       ? b["confidence"].get<double>()
                                       : (l.state == "confirmed" ? 1.0 : 0.0);
                    if (l.reason.empty() && l.state == "confirmed") l.reason = "confirmed by " + ActorFor(call).username;
                    ST_ASSIGN_OR_RETURN(store::StaffMember s, ctx.store->SetStaffLink(ActorFor(call), id, l));
                    ctx.hub->Notify();
                    return Reply::Json(store::StaffToJson(s));
                  }));
}

}  // namespace st::web
