// A staff member as JSON: the one shape for the API, the export and the
// audit entries (sql_store_staff.cc, web/staff_routes.cc).
#pragma once

#include <nlohmann/json.hpp>

#include "compute/day.h"
#include "store/compute_records.h"

namespace st::store {

inline nlohmann::json StaffToJson(const StaffMember& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"email", s.email},
          {"title", s.title},
          {"team", s.team},
          {"manager_id", s.manager_staff_id},
          {"is_research", s.is_research},
          {"start_date", s.start_day == 0 ? std::string() : compute::FormatDay(s.start_day)},
          {"version", s.version},
          {"author_id", s.author_id},
          {"author_key", s.author_key},
          {"link_confidence", s.link_confidence},
          {"link_reason", s.link_reason},
          {"link_state", s.link_state},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at}};
}

}  // namespace st::store
