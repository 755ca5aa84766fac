// Runs one matched API route, doing in this order what every call needs:
// session cookie -> role check -> same-origin + CSRF check for writes ->
// declared query parameters only -> JSON body parse and field vetting
// (unknown keys rejected) -> handler -> Status->HTTP mapping.
// Thread-safety: reentrant; handlers run concurrently.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "web/http_reply.h"
#include "web/http_types.h"
#include "web/route_table.h"
#include "web/security.h"
#include "web/server.h"

namespace st::web {

struct ApiRequest {
  const RequestHeaders* headers = nullptr;
  std::map<std::string, std::string> path_params;
  const std::vector<std::pair<std::string, std::string>>* query = nullptr;
  const std::string* body = nullptr;
  std::string client_ip;
};

HttpReply RunRoute(const Route& route, const ApiRequest& request, const Authenticator& authenticate,
                   const CookiePolicy& cookies);

// The reply for a failed Status (5xx detail goes to the log, not the client).
HttpReply StatusReply(const Status& status);

}  // namespace st::web
