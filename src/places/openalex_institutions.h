// OpenAlex institution records (the API's /institutions/I… JSON or the
// snapshot's data/institutions/*.gz JSON Lines, decompressed) -> each
// institution's geo block (city, country_code, latitude, longitude). Works
// records carry only the country, so this is how exact cities enter.
#pragma once

#include <string_view>

#include "base/status.h"
#include "places/locate.h"

namespace st::places {

// Adds every record of `text` (one JSON object, or one per line) that has a
// geo block to `out`. Errors name `source` and the line.
Status ReadInstitutionGeo(std::string_view text, std::string_view source, InstitutionGeoMap* out);

}  // namespace st::places
