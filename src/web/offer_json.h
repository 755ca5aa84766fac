// JSON of offers for the API (docs/API.md "Offers") and the letter files of
// an offer: the template next to the campaign's database (copied from the
// shipped default on first use), rendered to HTML or PDF. Shared by the
// staff routes (offers_routes.cc) and the candidate's (candidate_link_routes.cc).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/offer_records.h"
#include "web/api_context.h"

namespace st::web {

// Money keys (terms' amounts, the value table, the band reason) are absent
// unless offer.money_visible.
nlohmann::json OfferToJson(const store::OfferRecord& offer);
nlohmann::json OfferVersionToJson(const store::OfferVersionRecord& v, bool money);
// An offer's or a counter-offer's approvals: by, role, step, at, note.
nlohmann::json ApprovalsToJson(const std::vector<store::ApprovalRecord>& approvals);

// The letter template's path: <campaign_dir>/offer_letter.mustache, created
// from the shipped default when missing. kNotFound when there is neither.
Result<std::string> LetterTemplatePath(const ApiContext& ctx);
// "html" or "pdf": the bytes and their content type.
struct LetterFile {
  std::string body;
  std::string content_type;
};
Result<LetterFile> RenderOfferLetter(const ApiContext& ctx, const store::OfferRecord& offer, const std::string& format);

}  // namespace st::web
