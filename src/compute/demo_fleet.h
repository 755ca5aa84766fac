// The demo fleet: three sites with H100, H200 and B200 pools that grow (and
// an A100 cluster that retires) over 2023-2028. The demo seed imports it;
// src/compute/fleet_sample.csv is the same rows as a file, the format's
// living example (a test keeps the two equal).
#pragma once

#include <string>
#include <vector>

#include "compute/fleet_csv.h"

namespace st::compute {

std::vector<FleetRow> DemoFleetRows();
std::string DemoFleetCsv();  // FleetCsv(DemoFleetRows())

}  // namespace st::compute
