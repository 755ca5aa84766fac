// COIN-OR CBC (Debian coinor-libcbc-dev) behind MipBackend. cbc_solver.cc is the only file that includes
// CBC/Clp headers; everything else sees mip_backend.h.
#pragma once

#include <memory>

#include "planning/mip_backend.h"

namespace st::planning {

// Thread-safe: each call builds its own CbcModel and runs CbcModel::branchAndBound (CbcMain0/1, used only
// for MipOptions::solver_defaults, shares static state and is serialised by a mutex). Serial (no CBC
// threads), silent, time limits in wall-clock seconds.
std::unique_ptr<MipBackend> MakeCbcBackend();

}  // namespace st::planning
