// GET /api/openapi.json: an OpenAPI 3.0 document generated from the route
// table the server registers, so it lists exactly the served routes.
#pragma once

#include <nlohmann/json.hpp>

#include "web/route_table.h"

namespace st::web {

nlohmann::json OpenApiDocument(const RouteTable& table);

}  // namespace st::web
