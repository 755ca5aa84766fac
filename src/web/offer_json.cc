#include "web/offer_json.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "offers/approval.h"
#include "offers/letter.h"
#include "offers/letter_pdf.h"
#include "offers/terms_json.h"

namespace st::web {

using nlohmann::json;

json OfferVersionToJson(const store::OfferVersionRecord& v, bool money) {
  json terms = offers::TermsToJson(v.terms);
  if (!money) offers::StripMoney(terms);
  json out = {{"version", v.version},
              {"terms", terms},
              {"in_band", v.in_band},
              {"over_report_cap", v.over_report_cap},
              {"report_cap_note", v.report_cap_note},
              {"created_at", v.created_at},
              {"created_by", v.created_by}};
  json chain = json::array();
  for (const auto& s : v.chain) chain.push_back({{"role", campaign::RoleName(s.role)}, {"required", s.required}});
  out["chain"] = chain;
  if (money) {
    out["band_reason"] = v.band_reason;
    auto table = offers::ComputeValueTable(v.terms);
    if (table.ok()) out["value"] = offers::ValueTableToJson(*table);
  }
  return out;
}

json OfferToJson(const store::OfferRecord& o) {
  json out = OfferVersionToJson(o.current, o.money_visible);
  out["offer_version"] = out["version"];
  out["id"] = o.id;
  out["person_id"] = o.person_id;
  out["person_name"] = o.person_name;
  out["state"] = offers::OfferStateName(o.state);
  out["version"] = o.row_version;  // what writes send back (optimistic concurrency)
  out["sent_version"] = o.sent_version;
  out["created_at"] = o.created_at;
  out["updated_at"] = o.updated_at;
  out["decided_at"] = o.decided_at;
  out["money_visible"] = o.money_visible;
  out["approvals"] = ApprovalsToJson(o.approvals);
  out["current_step"] = offers::CurrentStep(o.current.chain, store::ChainApprovals(o.approvals));
  return out;
}

json ApprovalsToJson(const std::vector<store::ApprovalRecord>& approvals) {
  json out = json::array();
  for (const auto& a : approvals)
    out.push_back({{"by", a.username}, {"role", campaign::RoleName(a.role)}, {"step", a.step}, {"at", a.at},
                   {"note", a.note}});
  return out;
}

Result<std::string> LetterTemplatePath(const ApiContext& ctx) {
  namespace fs = std::filesystem;
  // A path in the "offers" settings wins over the campaign directory's copy.
  if (auto settings = ReadSettings(ctx, std::string(offers::kOfferSettingsKey)); settings.ok()) {
    const std::string configured = settings->value("letter_template", std::string());
    if (!configured.empty()) {
      if (!fs::exists(configured)) return Status::NotFound("the letter template " + configured + " (settings) is missing");
      return configured;
    }
  }
  if (ctx.campaign_dir.empty()) {
    if (!ctx.letter_template_default.empty() && fs::exists(ctx.letter_template_default))
      return ctx.letter_template_default;
    return Status::NotFound("no offer letter template (start serve with a campaign directory)");
  }
  const fs::path path = fs::path(ctx.campaign_dir) / "offer_letter.mustache";
  std::error_code ec;
  if (fs::exists(path, ec)) return path.string();
  if (ctx.letter_template_default.empty() || !fs::exists(ctx.letter_template_default, ec))
    return Status::NotFound("no offer letter template at " + path.string() + " and no shipped default");
  // First use: the campaign gets its own editable copy. A racing copy by another request is harmless.
  fs::copy_file(ctx.letter_template_default, path, fs::copy_options::skip_existing, ec);
  if (ec) return Status::IoError("copying the default letter template to " + path.string() + ": " + ec.message());
  return path.string();
}

Result<LetterFile> RenderOfferLetter(const ApiContext& ctx, const store::OfferRecord& o, const std::string& format) {
  ST_ASSIGN_OR_RETURN(std::string path, LetterTemplatePath(ctx));
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read the letter template " + path);
  std::stringstream text;
  text << in.rdbuf();
  offers::LetterInput li;
  // Who writes: the lab's and the CEO's names from the campaign settings.
  if (auto campaign = ReadSettings(ctx, "campaign"); campaign.ok()) {
    li.company = campaign->value("lab_name", li.company);
    li.signer = campaign->value("ceo_name", li.signer);
  }
  li.candidate_name = o.person_name;
  li.issued_day = offers::DayOfUnix(o.updated_at);
  li.version = o.current.version;
  li.terms = o.current.terms;
  ST_ASSIGN_OR_RETURN(li.table, offers::ComputeValueTable(o.current.terms));
  auto html = offers::RenderLetterHtml(text.str(), li);
  if (!html.ok()) return Status::InvalidInput(path + ": " + html.status().message());
  if (format == "html") {
    return LetterFile{"<!doctype html><html><head><meta charset=\"utf-8\"><title>Offer letter</title></head><body>" +
                          *html + "</body></html>",
                      "text/html; charset=utf-8"};
  }
  ST_ASSIGN_OR_RETURN(std::string pdf,
                      offers::RenderLetterPdf(offers::LetterBlocks(*html), "Offer letter — " + o.person_name));
  return LetterFile{std::move(pdf), "application/pdf"};
}

}  // namespace st::web
