// The JSON form of offer terms and value tables (docs/API.md "Offers"), shared
// by the store (each version's terms are kept as this JSON) and the web layer.
// Money is integer minor units; dates "YYYY-MM-DD". Unknown keys are refused
// (no mass assignment) and every error names the field. Pure.
#pragma once

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "offers/approval.h"
#include "offers/terms.h"

namespace st::offers {

// Keys of the terms object that carry money: absent for roles that may not see compensation.
bool IsMoneyKey(std::string_view key);  // currency, base_salary, sign_on, …, equity, target_bonus_bp, relocation

nlohmann::json TermsToJson(const OfferTerms& t);
Result<OfferTerms> TermsFromJson(const nlohmann::json& j);
// Drops the money keys in place.
void StripMoney(nlohmann::json& terms);

nlohmann::json ValueTableToJson(const ValueTable& vt);

// An approval chain as stored with an offer version (and a counter-offer): [{role, required}].
nlohmann::json ChainToJson(const std::vector<ApprovalStep>& chain);
std::vector<ApprovalStep> ChainFromJson(const std::string& text);  // text written by ChainToJson

}  // namespace st::offers
