// /api/deals…: acqui-hires and investments (issue 13). A deal names an
// organisation of the talent graph and the people it is meant to bring; the
// page compares its talent per dollar with hiring the same people one by one
// (deals/talent.h, using the acceptance model and the campaign's settings).
// Sensitive: ceo (everything) and hr (the deal and its people, without
// prices, stakes, retention or talent per dollar: those keys are absent).
// Every read is audited by the store.
#include <algorithm>
#include <cmath>
#include <ctime>

#include <nlohmann/json.hpp>

#include "campaign/campaign_settings.h"
#include "deals/talent.h"
#include "offers/approval.h"
#include "offers/date.h"
#include "scoring/ranker.h"
#include "web/api_context.h"

namespace st::web {
namespace {

using campaign::Permission;
using deals::Deal;
using deals::DealPerson;
using nlohmann::json;

bool MayReadTerms(const Call& call) {
  return call.principal && campaign::HasPermission(call.principal->role, Permission::kManageDeals);
}

json MoneyJson(std::int64_t minor, offers::Currency c) {
  return {{"minor", minor}, {"currency", offers::CurrencyCode(c)}, {"text", offers::FormatMoney({minor, c})}};
}

// What the graph says about one author: strength, organisation, top topics.
struct GraphFacts {
  bool known = false;
  double strength = 0;
  std::string org, institution;
  std::vector<std::string> topics;
};

GraphFacts FactsOf(const ApiContext& ctx, std::int64_t author, bool with_topics) {
  GraphFacts f;
  if (!ctx.ranker || author < 0 || author >= static_cast<std::int64_t>(ctx.ranker->view().num_authors())) return f;
  const auto a = static_cast<graph::AuthorId>(author);
  f.known = true;
  f.strength = ctx.ranker->Metrics(a).strength;
  if (with_topics) {
    if (auto p = ctx.ranker->Profile(a); p.ok()) {
      f.org = p->org;
      f.institution = p->institution;
      for (size_t i = 0; i < p->top_topics.size() && i < 3; ++i) f.topics.push_back(p->top_topics[i].name);
    }
  }
  return f;
}

// The inputs talent per dollar needs from the campaign's settings.
struct Assumptions {
  deals::DealSettings deal;
  planning::AcceptanceSettings acceptance;
  offers::FxTable fx;
};

Result<Assumptions> LoadAssumptions(const ApiContext& ctx) {
  Assumptions a;
  ST_ASSIGN_OR_RETURN(json d, ReadSettings(ctx, std::string(deals::kDealSettingsKey)));
  ST_ASSIGN_OR_RETURN(a.deal, deals::DealSettings::FromJson(d.dump()));
  ST_ASSIGN_OR_RETURN(json acc, ReadSettings(ctx, "acceptance"));
  ST_ASSIGN_OR_RETURN(a.acceptance, planning::AcceptanceSettings::FromJson(acc.dump()));
  ST_ASSIGN_OR_RETURN(json camp, ReadSettings(ctx, "campaign"));
  ST_ASSIGN_OR_RETURN(auto cs, campaign::CampaignSettingsFromJson(camp));
  ST_RETURN_IF_ERROR(a.acceptance.SetCampaignFactors(cs.mission_clarity, cs.reorganisations_12m));
  ST_ASSIGN_OR_RETURN(json off, ReadSettings(ctx, std::string(offers::kOfferSettingsKey)));
  ST_ASSIGN_OR_RETURN(auto os, offers::OfferSettingsFromJson(off));
  a.fx = os.fx;
  return a;
}

// 1 unit of `c` in USD as an exact ratio, at the rate in force today.
Result<std::pair<std::int64_t, std::int64_t>> UsdRate(const offers::FxTable& fx, offers::Currency c) {
  if (c == offers::Currency::kUsd) return std::make_pair(std::int64_t{1}, std::int64_t{1});
  const offers::Day today = offers::DayOfUnix(std::time(nullptr));
  const offers::FxRate* best = nullptr;
  for (const auto& r : fx.rates())
    if (r.currency == c && r.from_day <= today && (!best || r.from_day > best->from_day)) best = &r;
  if (!best)
    return Status::InvalidInput("currency: no FX rate for " + std::string(offers::CurrencyCode(c)) +
                                " in the offers settings; add one to compare with one-by-one hiring");
  return std::make_pair(best->usd_num, best->usd_den);
}

// The current 4-year package of a candidate in USD cents from their recorded
// compensation (whole units a year), 0 when unknown or not in USD.
std::int64_t CurrentPackage(const campaign::Person& p) {
  if (!p.compensation || p.compensation->currency != "USD") return 0;
  const std::int64_t yearly = p.compensation->current_base.value_or(0) + p.compensation->current_equity.value_or(0);
  if (yearly <= 0 || yearly > 1'000'000'000'000) return 0;
  return yearly * 4 * 100;
}

// The deal as JSON for the caller's role, with the graph's facts per person and
// (for the ceo) talent per dollar beside one-by-one hiring.
Result<json> DealJson(const ApiContext& ctx, const Call& call, const Deal& d, bool detail) {
  const bool terms = MayReadTerms(call);
  json j = {{"id", d.id},
            {"org", d.org},
            {"kind", deals::DealKindName(d.kind)},
            {"status", deals::DealStatusName(d.status)},
            {"notes", d.notes},
            {"version", d.version},
            {"created_by", d.created_by},
            {"created_at", d.created_at},
            {"updated_at", d.updated_at},
            {"graph", ctx.ranker != nullptr}};
  if (terms) {
    j["price"] = MoneyJson(d.price.minor, d.price.currency);
    j["stake_bp"] = d.stake_bp;
    j["stake"] = deals::FormatStake(d.stake_bp);
  }
  deals::TalentInput in;
  in.price_minor = d.price.minor;
  json people = json::array();
  for (const DealPerson& p : d.people) {
    std::int64_t author = p.author_id;
    campaign::Person candidate;
    bool have_candidate = false;
    if (p.person_id > 0) {
      auto got = ctx.store->GetPerson(ActorFor(call), p.person_id, /*with_compensation=*/terms);
      if (got.ok()) {
        candidate = *got;
        have_candidate = true;
        if (author < 0 && candidate.author_id) author = *candidate.author_id;
      }
    }
    GraphFacts g = FactsOf(ctx, author, detail);
    json pj = {{"line", p.line},
               {"person_id", p.person_id},
               {"author_id", p.author_id},
               {"name", p.name},
               {"role", p.role},
               {"notes", p.notes},
               {"p_join", p.p_join_permille / 1000.0},
               {"strength", g.known ? json(g.strength) : json(nullptr)},
               {"topics", g.topics},
               {"current_org", !g.org.empty() ? g.org : (have_candidate ? candidate.org : std::string())}};
    if (have_candidate) pj["stage"] = campaign::StageName(candidate.stage);
    if (terms) pj["retention"] = MoneyJson(p.retention_minor, d.price.currency);
    people.push_back(std::move(pj));
    deals::TalentPerson tp;
    tp.name = p.name;
    tp.value = g.strength;
    tp.value_known = g.known;
    tp.p_join_permille = p.p_join_permille;
    tp.retention_minor = p.retention_minor;
    tp.current_package_4y_minor = have_candidate ? CurrentPackage(candidate) : 0;
    tp.current_lab = !g.org.empty() ? g.org : d.org;
    in.people.push_back(std::move(tp));
  }
  j["people_count"] = d.people.size();
  if (detail) j["people"] = std::move(people);
  if (!terms) return j;

  ST_ASSIGN_OR_RETURN(Assumptions a, LoadAssumptions(ctx));
  auto rate = UsdRate(a.fx, d.price.currency);
  if (!rate.ok()) {
    j["talent_error"] = rate.status().message();
    return j;
  }
  in.usd_num = rate->first;
  in.usd_den = rate->second;
  ST_ASSIGN_OR_RETURN(deals::TalentReport r,
                      deals::EvaluateTalent(in, a.deal, a.acceptance, planning::AcceptanceModel()));
  const auto usd = offers::Currency::kUsd;
  j["talent"] = {{"expected_talent", r.expected_talent},
                 {"expected_people", r.expected_people},
                 {"deal_cost", MoneyJson(r.deal_cost_minor, d.price.currency)},
                 {"deal_cost_usd", MoneyJson(r.deal_cost_usd_minor, usd)},
                 {"deal_talent_per_musd", r.deal_talent_per_musd},
                 {"one_by_one_talent", r.one_by_one_talent},
                 {"one_by_one_cost_usd", MoneyJson(r.one_by_one_cost_usd_minor, usd)},
                 {"one_by_one_talent_per_musd", r.one_by_one_talent_per_musd},
                 {"ratio", r.ratio},
                 {"unknown_value", r.unknown_value},
                 {"assumptions", r.assumptions}};
  if (detail) {
    for (size_t i = 0; i < r.people.size(); ++i) {
      const deals::PersonTalent& t = r.people[i];
      j["people"][i]["expected_value"] = t.expected_value;
      j["people"][i]["one_by_one"] = {{"offer_4y", MoneyJson(t.offer_4y_minor, usd)},
                                      {"p_accept", t.p_accept},
                                      {"cost", MoneyJson(t.one_by_one_cost_minor, usd)}};
    }
  }
  return j;
}

// A deal's fields from a create or change body; `patch` receives what is set.
Result<deals::DealPatch> PatchOf(const json& b) {
  deals::DealPatch p;
  if (b.contains("org")) p.org = b["org"].get<std::string>();
  if (b.contains("notes")) p.notes = b["notes"].get<std::string>();
  if (b.contains("kind")) {
    auto k = deals::ParseDealKind(b["kind"].get<std::string>());
    if (!k) return Status::InvalidInput("kind: one of acquisition, stake, investment, fund_stake, licence");
    p.kind = *k;
  }
  if (b.contains("status")) {
    auto s = deals::ParseDealStatus(b["status"].get<std::string>());
    if (!s) return Status::InvalidInput("status: one of idea, proposed, negotiating, signed, closed, dead");
    p.status = *s;
  }
  if (b.contains("price_minor")) p.price_minor = b["price_minor"].get<std::int64_t>();
  if (b.contains("currency")) {
    auto c = offers::ParseCurrency(b["currency"].get<std::string>());
    if (!c) return Status::InvalidInput("currency: one of USD, EUR, GBP, CHF");
    p.currency = *c;
  }
  if (b.contains("stake_bp")) {
    const auto s = b["stake_bp"].get<std::int64_t>();
    if (s < 0 || s > 10000) return Status::InvalidInput("stake_bp: 0 .. 10000 basis points");
    p.stake_bp = static_cast<int>(s);
  }
  return p;
}

// Checks the organisation against the talent graph when one is loaded.
Status CheckOrg(const ApiContext& ctx, const std::string& org) {
  if (!ctx.ranker || org.empty()) return Status::Ok();
  scoring::RankQuery q;
  q.org = org;
  q.top = 1;
  auto r = ctx.ranker->Rank(q);
  if (!r.ok()) return Status::InvalidInput("org: no organisation '" + org.substr(0, 100) + "' in the talent graph");
  return Status::Ok();
}

// One person line from a body; names come from the candidate or the graph when not given.
Result<DealPerson> PersonOf(const ApiContext& ctx, const json& b, const deals::DealSettings& settings) {
  DealPerson p;
  p.p_join_permille = settings.default_p_join_permille;
  if (b.contains("person_id")) p.person_id = b["person_id"].get<std::int64_t>();
  if (b.contains("author_id")) p.author_id = b["author_id"].get<std::int64_t>();
  if (b.contains("name")) p.name = b["name"].get<std::string>();
  if (b.contains("role")) p.role = b["role"].get<std::string>();
  if (b.contains("notes")) p.notes = b["notes"].get<std::string>();
  if (b.contains("retention_minor")) p.retention_minor = b["retention_minor"].get<std::int64_t>();
  if (b.contains("p_join")) {
    const double v = b["p_join"].get<double>();
    if (!(v >= 0 && v <= 1)) return Status::InvalidInput("p_join: a probability between 0 and 1");
    p.p_join_permille = static_cast<int>(std::lround(v * 1000));
  }
  if (p.author_id >= 0 && ctx.ranker) {
    if (p.author_id >= static_cast<std::int64_t>(ctx.ranker->view().num_authors()))
      return Status::InvalidInput("author_id: no author " + std::to_string(p.author_id) + " in the talent graph");
    if (p.name.empty()) p.name = std::string(ctx.ranker->view().AuthorName(static_cast<graph::AuthorId>(p.author_id)));
  }
  if (p.person_id <= 0 && p.author_id < 0 && p.name.empty())
    return Status::InvalidInput("person_id: give a candidate, a graph author or at least a name");
  return p;
}

const std::vector<Field> kPersonFields = {
    {"person_id", FieldType::kInteger, false, "pipeline candidate"},
    {"author_id", FieldType::kInteger, false, "talent-graph author"},
    {"name", FieldType::kString, false, "defaults to the candidate's or author's name"},
    {"role", FieldType::kString, false, "what they would be: 'Chief AI Officer'"},
    {"p_join", FieldType::kNumber, false, "P(comes with the deal), 0..1 (default: the deals settings)"},
    {"retention_minor", FieldType::kInteger, false, "retention package, minor units of the deal's currency"},
    {"notes", FieldType::kString, false, "personal data: exported and erased with the candidate"},
};

Result<Reply> DealReply(const ApiContext& ctx, const Call& call, const Deal& d, int status = 200) {
  ST_ASSIGN_OR_RETURN(json j, DealJson(ctx, call, d, true));
  return Reply::Json(j, status);
}

}  // namespace

void AddDealsRoutes(RouteTable& table, const ApiContext& ctx) {
  // Before /api/deals/{id}: the first matching route wins.
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/deals/researchers",
      .summary = "An organisation's researchers in the talent graph by strength, with topics (to add to a deal)",
      .tag = "deals",
      .access = Access::kPermission,
      .permission = Permission::kManageDeals,
      .query = {{"org", FieldType::kString, true, "organisation name as the graph spells it"},
                {"top", FieldType::kInteger, false, "how many (1..500, default 50)"}},
      .response = "{org, researchers: [{author_id, name, org, institution, strength, topics}]}; 404 without a graph",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            if (!ctx.ranker) return Status::NotFound("no talent graph is loaded");
            ST_ASSIGN_OR_RETURN(auto top, call.QueryInt("top", 1, 500));
            scoring::RankQuery q;
            q.org = call.Query("org").value_or("");
            q.top = static_cast<size_t>(top.value_or(50));
            auto ranked = ctx.ranker->Rank(q);
            if (!ranked.ok()) return Status::InvalidInput("org: " + ranked.status().message());
            json out = {{"org", q.org}, {"researchers", json::array()}};
            for (const auto& a : ranked->authors) {
              GraphFacts g = FactsOf(ctx, a.author, true);
              out["researchers"].push_back({{"author_id", a.author},
                                            {"name", a.name},
                                            {"org", a.org},
                                            {"institution", a.institution},
                                            {"strength", a.score},
                                            {"topics", g.topics}});
            }
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/deals",
      .summary = "Deals, newest change first (ceo: with prices and talent per dollar; hr: without); audited",
      .tag = "deals",
      .access = Access::kPermission,
      .permission = Permission::kReadDeals,
      .response = "{deals: [Deal without people]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(auto list, ctx.store->ListDeals(ActorFor(call)));
            json out = {{"deals", json::array()}};
            for (const Deal& d : list) {
              ST_ASSIGN_OR_RETURN(json j, DealJson(ctx, call, d, false));
              out["deals"].push_back(std::move(j));
            }
            return Reply::Json(out);
          },
  });
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/deals",
      .summary = "Record a deal on an organisation (ceo)",
      .tag = "deals",
      .access = Access::kPermission,
      .permission = Permission::kManageDeals,
      .body = {{"org", FieldType::kString, true, "organisation of the talent graph"},
               {"kind", FieldType::kString, true, "acquisition | stake | investment | fund_stake | licence"},
               {"status", FieldType::kString, false, "idea (default) | proposed | negotiating"},
               {"price_minor", FieldType::kInteger, false, "the whole consideration, minor units"},
               {"currency", FieldType::kString, false, "USD (default) | EUR | GBP | CHF"},
               {"stake_bp", FieldType::kInteger, false, "basis points bought (acquisition: 10000, the default)"},
               {"notes", FieldType::kString, false, ""}},
      .body_required = true,
      .success_status = 201,
      .response = "Deal; 400 naming the field",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(deals::DealPatch p, PatchOf(*call.body));
            Deal d;
            d.org = p.org.value_or("");
            d.kind = p.kind.value_or(deals::DealKind::kInvestment);
            d.status = p.status.value_or(deals::DealStatus::kIdea);
            if (d.status == deals::DealStatus::kSigned || d.status == deals::DealStatus::kClosed ||
                d.status == deals::DealStatus::kDead)
              return Status::InvalidInput("status: a new deal starts as idea, proposed or negotiating");
            d.price = {p.price_minor.value_or(0), p.currency.value_or(offers::Currency::kUsd)};
            d.stake_bp = p.stake_bp.value_or(d.kind == deals::DealKind::kAcquisition ? 10000 : 0);
            d.notes = p.notes.value_or("");
            ST_RETURN_IF_ERROR(CheckOrg(ctx, d.org));
            ST_ASSIGN_OR_RETURN(Deal created, ctx.store->CreateDeal(ActorFor(call), d));
            return DealReply(ctx, call, created, 201);
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/deals/{id}",
      .summary = "A deal with its people's strength and topics (ceo: also talent per dollar vs one by one); audited",
      .tag = "deals",
      .access = Access::kPermission,
      .permission = Permission::kReadDeals,
      .response = "Deal",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(Deal d, ctx.store->GetDeal(ActorFor(call), id));
            return DealReply(ctx, call, d);
          },
  });
  table.Add(Route{
      .method = Method::kPatch,
      .path = "/api/deals/{id}",
      .summary = "Change a deal's terms, status or notes (ceo); a new version",
      .tag = "deals",
      .access = Access::kPermission,
      .permission = Permission::kManageDeals,
      .body = {{"version", FieldType::kInteger, true, "the version read"},
               {"org", FieldType::kString, false, ""},
               {"kind", FieldType::kString, false, ""},
               {"status", FieldType::kString, false, "idea → proposed → negotiating → signed → closed; dead"},
               {"price_minor", FieldType::kInteger, false, ""},
               {"currency", FieldType::kString, false, ""},
               {"stake_bp", FieldType::kInteger, false, ""},
               {"notes", FieldType::kString, false, ""}},
      .body_required = true,
      .response = "Deal; 409 stale version; 400 naming the field",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(deals::DealPatch p, PatchOf(*call.body));
            if (p.org) ST_RETURN_IF_ERROR(CheckOrg(ctx, *p.org));
            ST_ASSIGN_OR_RETURN(Deal d, ctx.store->UpdateDeal(ActorFor(call), id,
                                                              (*call.body)["version"].get<std::int64_t>(), p));
            return DealReply(ctx, call, d);
          },
  });
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/deals/{id}/versions",
      .summary = "Every kept version of a deal, oldest first (ceo); audited",
      .tag = "deals",
      .access = Access::kPermission,
      .permission = Permission::kManageDeals,
      .response = "{versions: [{version, actor, at, deal}]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(auto versions, ctx.store->ListDealVersions(ActorFor(call), id));
            json out = {{"versions", json::array()}};
            for (const auto& v : versions)
              out["versions"].push_back({{"version", v.version},
                                         {"actor", v.actor},
                                         {"at", v.at},
                                         {"deal", json::parse(v.deal_json, nullptr, false)}});
            return Reply::Json(out);
          },
  });
  std::vector<Field> add_fields = kPersonFields;
  add_fields.insert(add_fields.begin(), Field{"version", FieldType::kInteger, true, "the deal's version read"});
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/deals/{id}/people",
      .summary = "Add a person the deal is meant to bring (ceo); a new version",
      .tag = "deals",
      .access = Access::kPermission,
      .permission = Permission::kManageDeals,
      .body = add_fields,
      .body_required = true,
      .success_status = 201,
      .response = "Deal; 409 stale version or the person already in the deal",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(json ds, ReadSettings(ctx, std::string(deals::kDealSettingsKey)));
            ST_ASSIGN_OR_RETURN(auto settings, deals::DealSettings::FromJson(ds.dump()));
            ST_ASSIGN_OR_RETURN(DealPerson p, PersonOf(ctx, *call.body, settings));
            ST_ASSIGN_OR_RETURN(Deal d, ctx.store->AddDealPerson(ActorFor(call), id,
                                                                 (*call.body)["version"].get<std::int64_t>(), p));
            return DealReply(ctx, call, d, 201);
          },
  });
  table.Add(Route{
      .method = Method::kPatch,
      .path = "/api/deals/{id}/people/{line}",
      .summary = "Change one person's line of a deal (ceo); fields not sent keep their values",
      .tag = "deals",
      .access = Access::kPermission,
      .permission = Permission::kManageDeals,
      .body = add_fields,
      .body_required = true,
      .response = "Deal; 404 no such line; 409 stale version",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(std::int64_t line, call.PathId("line"));
            ST_ASSIGN_OR_RETURN(Deal cur, ctx.store->GetDeal(ActorFor(call), id));
            auto it = std::find_if(cur.people.begin(), cur.people.end(),
                                   [&](const DealPerson& p) { return p.line == line; });
            if (it == cur.people.end())
              return Status::NotFound("deal " + std::to_string(id) + " has no line " + std::to_string(line));
            // The current line as a body, overlaid with what was sent.
            json merged = {{"person_id", it->person_id}, {"author_id", it->author_id}, {"name", it->name},
                           {"role", it->role},           {"notes", it->notes},
                           {"p_join", it->p_join_permille / 1000.0},
                           {"retention_minor", it->retention_minor}};
            for (auto& [k, v] : call.body->items())
              if (k != "version") merged[k] = v;
            ST_ASSIGN_OR_RETURN(DealPerson p, PersonOf(ctx, merged, deals::DealSettings{}));
            ST_ASSIGN_OR_RETURN(Deal d, ctx.store->UpdateDealPerson(ActorFor(call), id,
                                                                    (*call.body)["version"].get<std::int64_t>(),
                                                                    static_cast<int>(line), p));
            return DealReply(ctx, call, d);
          },
  });
  table.Add(Route{
      .method = Method::kDelete,
      .path = "/api/deals/{id}/people/{line}",
      .summary = "Take one person off a deal (ceo); a new version",
      .tag = "deals",
      .access = Access::kPermission,
      .permission = Permission::kManageDeals,
      .query = {{"version", FieldType::kInteger, true, "the deal's version read"}},
      .response = "Deal; 404 no such line; 409 stale version",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            ST_ASSIGN_OR_RETURN(std::int64_t id, call.PathId("id"));
            ST_ASSIGN_OR_RETURN(std::int64_t line, call.PathId("line"));
            ST_ASSIGN_OR_RETURN(auto version, call.QueryInt("version", 1, INT64_MAX));
            if (!version) return Status::InvalidInput("version: required");
            ST_ASSIGN_OR_RETURN(Deal d,
                                ctx.store->RemoveDealPerson(ActorFor(call), id, *version, static_cast<int>(line)));
            return DealReply(ctx, call, d);
          },
  });
}

}  // namespace st::web
