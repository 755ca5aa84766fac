// The offer letter: an editable mustache template (kainjow mustache) rendered
// to HTML from one offer version and its ValueTable, and that HTML taken
// apart into blocks the PDF adapter (letter_pdf.h) lays out — so the page,
// the download and the PDF show the same words and the same figures.
//
// Templates may use the keys of LetterKeys() (docs/offer_letter.md); a tag
// naming anything else is an error naming it (mustache would render it as
// nothing, silently). The PDF understands this HTML subset: h1, h2, p, ul/li,
// table/tr/th/td, b/strong, i/em, br, hr; other tags are dropped, their text kept.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "offers/terms.h"

namespace st::offers {

struct LetterInput {
  std::string candidate_name;
  std::string company = "superteam";
  std::string signer = "The CEO";
  std::string reports_to;  // the manager's name ("" = the CEO / none)
  Day issued_day = 0;
  int version = 1;
  OfferTerms terms;
  ValueTable table;  // ComputeValueTable(terms)
};

// Every key a template may name (sections included).
const std::vector<std::string>& LetterKeys();

// kInvalidInput naming the template's line for a syntax error or an unknown key.
Status CheckLetterTemplate(std::string_view template_text);
Result<std::string> RenderLetterHtml(std::string_view template_text, const LetterInput& in);

struct LetterBlock {
  enum class Kind { kHeading, kParagraph, kListItem, kTableRow, kRule };
  Kind kind = Kind::kParagraph;
  int level = 1;                     // heading level
  bool header = false;               // table row of th
  std::vector<std::string> cells;    // Pango markup; one cell except for table rows
};

// The rendered letter as blocks; text is Pango markup (entities kept escaped).
std::vector<LetterBlock> LetterBlocks(std::string_view html);

}  // namespace st::offers
