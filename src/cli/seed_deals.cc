// The demo's deals: shaped like 2025's acqui-hires (a 49% stake bringing the
// founder as Chief AI Officer; a licence deal hiring the founders and most of
// the research team; an offer to buy a start-up outright), placed on the
// organisations of the demo graph that look most like start-ups.
#include "cli/seed_deals.h"

#include <algorithm>
#include <string>
#include <vector>

namespace st::cli {
namespace {

struct OrgPick {
  std::string name;
  uint32_t researchers = 0;
};

// Start-up-like organisations of the demo corpus (src/demo/vocab_people.cc), present in this graph, largest first.
std::vector<OrgPick> StartUps(const scoring::Ranker& ranker) {
  static const char* kNames[] = {"Mistral AI", "Cohere", "Anthropic", "Allen Institute for Artificial Intelligence",
                                 "Shanghai AI Laboratory", "Vector Institute"};
  scoring::OrgsQuery q;
  q.top = 1000;
  q.pool = 10000;
  std::vector<OrgPick> out;
  auto orgs = ranker.Orgs(q);
  if (!orgs.ok()) return out;
  for (const char* want : kNames)
    for (const auto& o : orgs->orgs)
      if (o.org == want && o.researchers > 0) out.push_back({o.org, o.researchers});
  std::stable_sort(out.begin(), out.end(), [](const OrgPick& a, const OrgPick& b) {
    return a.researchers > b.researchers;
  });
  return out;
}

struct Line {
  const char* role;
  int p_join_permille;
  std::int64_t retention_minor;
};

Result<deals::Deal> Record(store::Store& store, const store::Actor& ceo, const scoring::Ranker& ranker,
                           deals::Deal deal, size_t people, const std::vector<Line>& lines,
                           std::initializer_list<deals::DealStatus> moves) {
  scoring::RankQuery q;
  q.org = deal.org;
  q.top = people;
  ST_ASSIGN_OR_RETURN(auto ranked, ranker.Rank(q));
  for (size_t i = 0; i < ranked.authors.size(); ++i) {
    const auto& a = ranked.authors[i];
    const Line& l = lines[std::min(i, lines.size() - 1)];
    deals::DealPerson p;
    p.author_id = a.author;
    p.name = a.name;
    p.role = l.role;
    p.p_join_permille = l.p_join_permille;
    p.retention_minor = l.retention_minor;
    if (auto cand = store.FindPersonByAuthor(ceo, a.author); cand.ok() && *cand) p.person_id = (*cand)->id;
    deal.people.push_back(std::move(p));
  }
  ST_ASSIGN_OR_RETURN(deals::Deal d, store.CreateDeal(ceo, deal));
  for (deals::DealStatus s : moves) {
    deals::DealPatch patch;
    patch.status = s;
    ST_ASSIGN_OR_RETURN(d, store.UpdateDeal(ceo, d.id, d.version, patch));
  }
  return d;
}

}  // namespace

Status SeedDeals(store::Store& store, const store::Actor& ceo, const scoring::Ranker& ranker) {
  auto existing = store.ListDeals(ceo);
  if (!existing.ok()) return existing.status();
  if (!existing->empty()) return Status::Ok();
  std::vector<OrgPick> orgs = StartUps(ranker);
  if (orgs.size() < 3) return Status::Ok();  // a tiny graph: no deals to show
  using S = deals::DealStatus;
  constexpr std::int64_t kMillion = 100'000'000;  // $1M in cents

  // The largest start-up: a $2.4B licence deal that hires its founders and ~40 researchers.
  deals::Deal licence;
  licence.org = orgs[0].name;
  licence.kind = deals::DealKind::kLicence;
  licence.price = {2'400 * kMillion, offers::Currency::kUsd};
  licence.notes = "Non-exclusive licence to the company's models; the founders and most of the research team join "
                  "us. The company keeps operating for its customers.";
  ST_RETURN_IF_ERROR(Record(store, ceo, ranker, licence, 40,
                            {{"Co-founder, leads our agents team", 900, 50 * kMillion},
                             {"Co-founder, research director", 900, 30 * kMillion},
                             {"Research scientist", 650, 3 * kMillion}},
                            {S::kProposed, S::kNegotiating, S::kSigned, S::kClosed})
                         .status());

  // The next: 49% for $14.3B, its founder-CEO joins as Chief AI Officer with a few lieutenants.
  deals::Deal stake;
  stake.org = orgs[1].name;
  stake.kind = deals::DealKind::kStake;
  stake.price = {14'300 * kMillion, offers::Currency::kUsd};
  stake.stake_bp = 4900;
  stake.notes = "49% non-voting stake; the company stays independent with a new CEO. Its founder-CEO joins us as "
                "Chief AI Officer and brings a handful of researchers.";
  ST_RETURN_IF_ERROR(Record(store, ceo, ranker, stake, 5,
                            {{"Chief AI Officer", 950, 100 * kMillion}, {"Research lead, superintelligence", 600, 20 * kMillion}},
                            {S::kProposed, S::kNegotiating, S::kSigned})
                         .status());

  // The third: an offer to buy it outright.
  deals::Deal acquisition;
  acquisition.org = orgs[2].name;
  acquisition.kind = deals::DealKind::kAcquisition;
  acquisition.price = {1'800 * kMillion, offers::Currency::kUsd};
  acquisition.stake_bp = 10000;
  acquisition.notes = "Offer to buy the company outright; its co-founder is the researcher we want most. "
                      "Counter-party has not answered yet.";
  ST_RETURN_IF_ERROR(Record(store, ceo, ranker, acquisition, 12,
                            {{"Co-founder, chief scientist", 800, 40 * kMillion}, {"Research scientist", 500, 4 * kMillion}},
                            {S::kProposed})
                         .status());
  return Status::Ok();
}

}  // namespace st::cli
