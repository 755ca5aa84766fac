// GET /api/flight-risk: own staff by flight risk × strength, every piece of
// the score shown (watch/flight_risk.h). ceo and hr only: the route is absent
// (403) for recruiters and viewers, and so is the page's nav entry.
//
// FillStaffRiskFacts is the ONE place staff-side facts are gathered
// (docs/watch.md): the staff record (title, last raise, the held grant's
// schedule, its graph link — else a pipeline person of kind "staff" with the
// same name), managers against the "teams" cap, and rival offers on file.
#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "base/names.h"
#include "retention/comparison.h"
#include "retention/staff_csv.h"
#include "scoring/ranker.h"
#include "watch/flight_risk.h"
#include "watch/graph_diff.h"
#include "watch/risk_facts.h"
#include "web/api_context.h"

namespace st::web {
namespace {

using nlohmann::json;

struct StaffRow {
  store::StaffMember member;
  watch::StaffRiskFacts facts;
};

Result<std::vector<StaffRow>> FillStaffRiskFacts(const ApiContext& ctx, const store::Actor& actor) {
  ST_ASSIGN_OR_RETURN(auto staff, ctx.store->ListStaff(actor));
  ST_ASSIGN_OR_RETURN(store::TeamReport team, ctx.store->GetTeamReport(actor));
  std::map<std::int64_t, bool> over_cap;  // manager staff id -> over the cap
  for (const auto& m : team.managers) over_cap[m.manager.id] = m.over_cap;
  // Interim author link: staff kept as pipeline people (kind "staff") with a graph source id.
  std::map<std::string, std::string> author_by_name;
  store::PersonQuery q;
  q.kind = campaign::PersonKind::kStaff;
  q.limit = 1000;
  for (q.offset = 0;; q.offset += q.limit) {
    ST_ASSIGN_OR_RETURN(store::PersonPage page, ctx.store->ListPeople(actor, q));
    for (const auto& p : page.people)
      if (!p.author_source_id.empty()) author_by_name.emplace(NormalizePersonName(p.name), p.author_source_id);
    if (page.people.size() < static_cast<size_t>(q.limit)) break;
  }
  // Rival offers on file: everyone's in one read (one query, one audit row), not one per staff member.
  ST_ASSIGN_OR_RETURN(auto rivals, ctx.store->ListRivalOffers(actor, 0));
  std::set<std::int64_t> with_rival;
  for (const auto& r : rivals) with_rival.insert(r.staff_id);
  std::vector<StaffRow> out;
  for (auto& s : staff) {
    StaffRow r;
    r.facts.staff_id = s.id;
    // The staff record's own graph link (confirmed or suggested; not a rejected one) wins over a
    // pipeline person of the same name. The link holds the graph's author id; the score wants the
    // stable key that survives a new graph version.
    const bool linked = !s.author_id.empty() && (s.link_state == "confirmed" || s.link_state == "suggested");
    if (linked) r.facts.author_id = !s.author_key.empty() ? s.author_key : watch::StableKeyOfLinkedId(ctx.graph.get(), s.author_id);
    if (r.facts.author_id.empty() && s.link_state != "rejected") {
      auto it = author_by_name.find(NormalizePersonName(s.name));
      if (it != author_by_name.end()) r.facts.author_id = it->second;
    }
    r.facts.manager_known = s.manager_staff_id != 0;
    r.facts.manager_over_cap = r.facts.manager_known && over_cap[s.manager_staff_id];
    r.facts.title = s.title;
    r.facts.last_raise_day = s.last_raise_day;
    // The held grant: the day its last tranche vests (0 = no grant on file: unknown).
    if (auto held = retention::HeldEquityFromJson(s.equity_json); held.ok() && *held)
      r.facts.equity_fully_vested_day = retention::FullyVestedDay(**held);
    r.facts.rival_offer_known = true;
    r.facts.rival_offer_on_file = with_rival.count(s.id) > 0;
    r.member = std::move(s);
    out.push_back(std::move(r));
  }
  return out;
}

json PieceJson(const watch::RiskPiece& p) {
  return {{"key", p.key},         {"label", p.label},   {"known", p.known},        {"feature", p.feature},
          {"weight", p.weight},   {"points", p.points}, {"evidence", p.evidence}};
}

}  // namespace

void AddFlightRiskRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kGet,
      .path = "/api/flight-risk",
      .summary = "Own staff by flight risk x strength, each piece of the score with its evidence (ceo, hr)",
      .tag = "watch",
      .access = Access::kPermission,
      .permission = campaign::Permission::kReadCompensation,
      .response = "{as_of_year, weights, staff: [{staff_id, name, team, author_key, author_id, strength, risk, "
                  "risk_x_strength, pieces: [RiskPiece]}]}",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            const store::Actor actor = ActorFor(call);
            watch::FlightRiskWeights weights;
            ST_ASSIGN_OR_RETURN(auto stored_w, ctx.store->GetSetting(std::string(watch::kFlightRiskSettingsKey)));
            if (stored_w) {
              ST_ASSIGN_OR_RETURN(weights, watch::FlightRiskWeights::FromJson(stored_w->value_json));
            }
            watch::WatchSettings settings;
            ST_ASSIGN_OR_RETURN(auto stored_s, ctx.store->GetSetting(std::string(watch::kWatchSettingsKey)));
            if (stored_s) {
              ST_ASSIGN_OR_RETURN(settings, watch::WatchSettings::FromJson(stored_s->value_json));
            }
            ST_ASSIGN_OR_RETURN(auto rows, FillStaffRiskFacts(ctx, actor));

            const std::int32_t today = static_cast<std::int32_t>(std::time(nullptr) / 86400);
            int year = 0;
            std::unique_ptr<watch::MoveIndex> moves;
            if (ctx.graph) {
              year = watch::LatestYear(*ctx.graph);
              moves = std::make_unique<watch::MoveIndex>(*ctx.graph, settings, year);
            }
            struct Scored {
              json j;
              double key;
            };
            std::vector<Scored> scored;
            for (const StaffRow& r : rows) {
              watch::GraphRiskFacts g;
              graph::AuthorId a = graph::kNone;
              if (ctx.graph && !r.facts.author_id.empty()) {
                a = watch::ResolveAuthorKey(*ctx.graph, r.facts.author_id, r.member.name);
                g = watch::ComputeGraphRiskFacts(*ctx.graph, *moves, a);
              }
              watch::FlightRisk risk = watch::ScoreFlightRisk(r.facts, g, weights, today);
              // Strength from the graph; without a linked author the list uses 1 so risk alone orders them.
              const double strength = (a != graph::kNone && ctx.ranker) ? ctx.ranker->Metrics(a).strength : 0;
              json pieces = json::array();
              for (const auto& p : risk.pieces) pieces.push_back(PieceJson(p));
              json j = {{"staff_id", r.member.id},
                        {"name", r.member.name},
                        {"title", r.member.title},
                        {"team", r.member.team},
                        {"author_key", r.facts.author_id},
                        {"author_id", a == graph::kNone ? json(nullptr) : json(a)},
                        {"strength", strength},
                        {"risk", risk.risk},
                        {"points", risk.points},
                        {"risk_x_strength", risk.risk * (a == graph::kNone ? 1.0 : strength)},
                        {"pieces", std::move(pieces)}};
              scored.push_back({std::move(j), risk.risk * std::max(strength, 1.0)});
            }
            std::stable_sort(scored.begin(), scored.end(), [](const Scored& x, const Scored& y) { return x.key > y.key; });
            json list = json::array();
            for (auto& s : scored) list.push_back(std::move(s.j));
            return Reply::Json({{"as_of_year", year},
                                {"graph_loaded", ctx.graph != nullptr},
                                {"weights", json::parse(weights.ToJson())},
                                {"staff", std::move(list)}});
          },
  });
}

}  // namespace st::web
