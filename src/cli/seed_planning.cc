// Demo planning settings (issue 12): a $1B 4-year budget, $300M of first-year cash and 60 team slots over
// the seeded pipeline (contacted .. offer), GPU tiers on the demo fleet's H100 pools. With these the
// /planning page and `superteam plan --db` show a plan of the seeded campaign without any input.
#include "cli/seed_planning.h"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace st::cli {

Status SeedPlanning(store::Store& store, const store::Actor& ceo) {
  ST_ASSIGN_OR_RETURN(auto existing, store.GetSetting("planning"));
  if (existing) return Status::Ok();  // the CEO's own settings win
  nlohmann::json j = {{"budget_4y_minor", 100'000'000'000LL},
                      {"budget_first_year_minor", 30'000'000'000LL},
                      {"team_slots", 60},
                      {"office_city", "San Francisco"}};
  ST_RETURN_IF_ERROR(store.PutSetting(ceo, "planning", j.dump(), 0).status());
  std::printf("seeded planning settings ($1B over 4 years, $300M first-year cash, 60 team slots)\n");
  return Status::Ok();
}

}  // namespace st::cli
