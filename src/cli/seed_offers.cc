// Demo offers for `superteam seed` (issue 10): the candidates at stage offer
// get offers in every open state — a draft, one out of band waiting for the
// CEO after HR approved it, an approved one, sent ones with a candidate link —
// with figures from $400k base to a nine-figure sign-on, each with a compute
// promise on the demo fleet. The $100M one also asks for 100,000 B200 at
// Abilene: the CEO's approval is refused by the ledger ("short by …"), and
// the refusal shows on that candidate's timeline while the offer waits.
#include <cstdio>
#include <random>

#include "cli/seed_offers.h"
#include "compute/promise.h"
#include "offers/date.h"

namespace st::cli {

Status SeedOffers(store::Store& store, const store::Actor& ceo, const store::Actor& hr, std::int64_t now,
                  std::uint64_t seed) {
  store::PersonQuery q;
  q.stage = campaign::Stage::kOffer;
  q.limit = 50;
  ST_ASSIGN_OR_RETURN(store::PersonPage page, store.ListPeople(ceo, q));
  std::mt19937_64 rng(seed ^ 0x0ffe25);
  const offers::Day today = offers::DayOfUnix(now);
  int made = 0;
  for (const campaign::Person& p : page.people) {
    offers::OfferTerms t;
    t.base_salary_minor = (400'000 + static_cast<std::int64_t>(rng() % 12) * 50'000) * 100;
    t.target_bonus_bp = 1500;
    t.sign_on_minor = made == 1 ? 10'000'000'000 : (1'000'000 + static_cast<std::int64_t>(rng() % 20) * 250'000) * 100;
    t.sign_on_clawback_months = 24;
    t.equity.value_minor = (4'000'000 + static_cast<std::int64_t>(rng() % 40) * 1'000'000) * 100;
    if (made % 3 == 2) t.equity.vesting.custom_split_bp = {500, 1500, 4000, 4000};
    t.equity.annual_refresher_minor = t.equity.value_minor / 8;
    t.relocation_minor = 5'000'000;
    t.start_day = today + 45 + static_cast<offers::Day>(rng() % 60);
    t.expiry_day = today + 10 + static_cast<offers::Day>(rng() % 10);
    t.title = made % 2 ? "Research Scientist" : "Member of Technical Staff";
    t.location = made % 2 ? "London" : "San Francisco";
    t.team = offers::TeamPromise{static_cast<std::int64_t>(3 + rng() % 10), 0, 4};
    static const char* const kPools[][2] = {{"H100", "Abilene"}, {"B200", "Abilene"}, {"H200", "Dublin"}, {"H100", ""}};
    const auto* pool = kPools[made % 4];
    const bool over_commit = made == 1;
    t.compute = compute::ComputePromise{over_commit ? 100'000 : std::int64_t{256} << (rng() % 5), pool[0],
                                        over_commit ? "Abilene" : pool[1], t.start_day, 0};
    if (over_commit) t.compute->gpu_type = "B200";
    ST_ASSIGN_OR_RETURN(store::OfferRecord o, store.CreateOffer(hr, p.id, t));
    const int state = made % 5;  // 0 draft, 1 waiting for the CEO, 2 approved, 3-4 sent
    if (state >= 1) {
      ST_ASSIGN_OR_RETURN(o, store.SubmitOffer(hr, o.id, o.row_version));
      ST_ASSIGN_OR_RETURN(o, store.ApproveOffer(hr, o.id, o.row_version, "checked against the band"));
    }
    if (over_commit) {
      auto refused = store.ApproveOffer(ceo, o.id, o.row_version, "");
      if (refused.ok()) return Status::Internal("seed: the over-committing offer was approved");
      std::printf("refused as the demo shows it: %s\n", refused.status().message().c_str());
    }
    if (state >= 2) {
      ST_ASSIGN_OR_RETURN(o, store.ApproveOffer(ceo, o.id, o.row_version, ""));
    }
    if (state >= 3) ST_RETURN_IF_ERROR(store.SendOffer(hr, o.id, o.row_version).status());
    ++made;
  }
  std::printf("seeded %d offers (draft, waiting for the CEO, approved, sent)\n", made);
  return Status::Ok();
}

}  // namespace st::cli
