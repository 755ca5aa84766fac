// POST /api/retention/links/suggest: links each staff member without a
// confirmed or rejected link to a talent-graph author when the evidence is
// strong (retention/link.h: name, organisation, co-authors among the other
// staff), as a "suggested" link with its confidence and reason; ceo and hr
// confirm or correct it on the Retention page (POST /api/staff/{id}/link).
// The lab's organisations are those the same-name authors of at least two
// staff members currently share.
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "graph/view.h"
#include "retention/link.h"
#include "watch/graph_diff.h"
#include "web/api_context.h"

namespace st::web {
namespace {

using nlohmann::json;

std::string OrgOf(const graph::GraphView& g, graph::AuthorId a) {
  const graph::InstId i = g.AuthorCurrentInstitution(a);
  return i == graph::kNone ? std::string() : std::string(g.InstOrg(i));
}

}  // namespace

void AddRetentionLinkRoutes(RouteTable& table, const ApiContext& ctx) {
  table.Add(Route{
      .method = Method::kPost,
      .path = "/api/retention/links/suggest",
      .summary = "Suggest a talent-graph author for every staff member not yet confirmed or rejected (strong "
                 "evidence only; stored as \"suggested\")",
      .tag = "retention",
      .access = Access::kPermission,
      .permission = campaign::Permission::kEditStaff,
      .response = "{lab_orgs, decisions: [{staff_id, author_id, confidence, reason, suggested}]}; 404 without a graph",
      .handler =
          [ctx](Call& call) -> Result<Reply> {
            if (!ctx.graph) return Status::NotFound("no talent graph loaded (serve --graph)");
            const graph::GraphView& g = *ctx.graph;
            const store::Actor actor = ActorFor(call);
            ST_ASSIGN_OR_RETURN(auto staff, ctx.store->ListStaff(actor));
            // Candidates per staff member, and the organisations they share.
            std::vector<std::vector<retention::AuthorCandidate>> cands(staff.size());
            std::map<std::string, std::set<std::int64_t>> org_staff;
            for (size_t i = 0; i < staff.size(); ++i) {
              std::vector<graph::AuthorId> found = g.FindAuthorsByName(staff[i].name);
              if (found.size() > 20) found.resize(20);
              for (graph::AuthorId a : found) {
                retention::AuthorCandidate c{std::to_string(a), std::string(g.AuthorName(a)), OrgOf(g, a), {}};
                for (const auto& e : g.Coauthors(a)) {
                  if (c.coauthor_names.size() >= 500) break;
                  c.coauthor_names.emplace_back(g.AuthorName(e.author));
                }
                if (!c.org.empty()) org_staff[c.org].insert(staff[i].id);
                cands[i].push_back(std::move(c));
              }
            }
            std::vector<std::string> lab_orgs;
            for (const auto& [org, ids] : org_staff)
              if (ids.size() >= 2) lab_orgs.push_back(org);
            json decisions = json::array();
            for (size_t i = 0; i < staff.size(); ++i) {
              const store::StaffMember& s = staff[i];
              if (s.link_state == "confirmed" || s.link_state == "rejected") continue;
              std::vector<std::string> others;
              for (const auto& o : staff)
                if (o.id != s.id) others.push_back(o.name);
              const retention::LinkDecision d = retention::DecideLink(s.name, cands[i], lab_orgs, others);
              const bool suggest = d.strong();
              if (suggest)
                ST_RETURN_IF_ERROR(
                    ctx.store->SetStaffLink(actor, s.id, {d.author_id, d.confidence, d.reason, "suggested",
                                                          watch::StableKeyOfLinkedId(&g, d.author_id)}).status());
              decisions.push_back({{"staff_id", s.id}, {"name", s.name}, {"author_id", d.author_id},
                                   {"confidence", d.confidence}, {"reason", d.reason}, {"suggested", suggest}});
            }
            if (!decisions.empty()) ctx.hub->Notify();
            return Reply::Json({{"lab_orgs", lab_orgs}, {"decisions", decisions}});
          },
  });
}

}  // namespace st::web
