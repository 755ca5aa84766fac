#include "compute/demo_fleet.h"

#include "compute/day.h"

namespace st::compute {

std::vector<FleetRow> DemoFleetRows() {
  struct R {
    const char* site;
    const char* type;
    std::int64_t delta;
    const char* date;
    const char* note;
  };
  static const R kRows[] = {
      {"Columbus", "A100", 40'000, "2023-01-01", "first training cluster"},
      {"Columbus", "H100", 80'000, "2025-01-01", "phase 1"},
      {"Abilene", "H100", 100'000, "2025-06-01", "phase 1"},
      {"Dublin", "H200", 30'000, "2026-01-01", "EU region"},
      {"Abilene", "H200", 50'000, "2026-03-01", "phase 2"},
      {"Abilene", "B200", 60'000, "2026-09-01", "phase 3, liquid cooled"},
      {"Columbus", "A100", -40'000, "2027-01-01", "decommissioned"},
      {"Columbus", "B200", 100'000, "2027-03-01", "phase 2, replaces the A100 halls"},
      {"Dublin", "B200", 40'000, "2027-06-01", "EU region, phase 2"},
      {"Abilene", "H100", -20'000, "2028-01-01", "oldest H100 racks retired"},
  };
  std::vector<FleetRow> rows;
  std::int64_t line = 2;  // after the header
  for (const R& r : kRows)
    rows.push_back(FleetRow{line++, r.site, r.type, *ParseDay(r.date), r.delta, r.note});
  return rows;
}

std::string DemoFleetCsv() { return FleetCsv(DemoFleetRows()); }

}  // namespace st::compute
