// The letter: the shipped template renders the figures of ComputeValueTable,
// unknown template keys are refused with their line, and the PDF (cairo +
// pango) gives back "$100,000,000" and accented names through pdftotext.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/test_require.h"
#include "offers/letter.h"
#include "offers/letter_pdf.h"

namespace st::offers {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

LetterInput Input() {
  LetterInput in;
  in.candidate_name = "Zoë Ångström-Núñez";
  in.company = "superteam";
  in.signer = "Ada Lovelace";
  in.issued_day = *ParseDate("2026-12-01");
  OfferTerms& t = in.terms;
  t.base_salary_minor = 150'000'000;           // $1,500,000
  t.sign_on_minor = 10'000'000'000;            // $100,000,000
  t.sign_on_clawback_months = 24;
  t.target_bonus_bp = 2000;
  t.equity.value_minor = 40'000'000'000;       // $400,000,000
  t.equity.vesting.custom_split_bp = {500, 1500, 4000, 4000};
  t.start_day = *ParseDate("2027-02-01");
  t.expiry_day = *ParseDate("2026-12-31");
  t.title = "Chief Scientist";
  t.location = "Zürich";
  t.compute = compute::ComputePromise{10'000, "H100", "A", *ParseDate("2027-02-01"), 0};
  t.team = TeamPromise{25, 0, 6};
  in.table = *ComputeValueTable(t);
  return in;
}

TEST(Letter, ShippedTemplateShowsTheValueTableFigures) {
  const std::string tmpl = ReadFile(ST_LETTER_TEMPLATE);
  ASSERT_FALSE(tmpl.empty()) << ST_LETTER_TEMPLATE;
  ASSERT_TRUE(CheckLetterTemplate(tmpl).ok()) << CheckLetterTemplate(tmpl).ToString();
  const LetterInput in = Input();
  auto html = RenderLetterHtml(tmpl, in);
  ASSERT_TRUE(html.ok()) << html.status().ToString();
  for (const char* want : {"Zoë Ångström-Núñez", "$100,000,000", "$1,500,000", "$400,000,000",
                           "5% / 15% / 40% / 40%", "1 February 2027", "31 December 2026", "10,000 H100 GPUs",
                           "site A", "as long as you are employed", "up to <b>25</b>", "at most 6 direct reports",
                           "repayable pro rata if you leave within 24 months"})
    EXPECT_NE(html->find(want), std::string::npos) << want;
  // Year 1: base $1.5M + bonus $300k + sign-on $100M + 5% of $400M = $121,800,000.
  EXPECT_EQ(in.table.first_year, 12'180'000'000);
  EXPECT_NE(html->find("$121,800,000"), std::string::npos);
  EXPECT_NE(html->find(FormatMoney({in.table.four_year, Currency::kUsd})), std::string::npos);
}

TEST(Letter, UnknownKeysAndBadSyntaxAreNamed) {
  Status unknown = CheckLetterTemplate("<p>Dear {{candidate_name}}</p>\n<p>{{salary}}</p>");
  ASSERT_EQ(unknown.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(unknown.message(), "letter template line 2: unknown field 'salary'");
  EXPECT_FALSE(CheckLetterTemplate("{{#years}}<p>{{year}}</p>").ok());  // unclosed section
  EXPECT_TRUE(CheckLetterTemplate("{{#has_compute}}{{compute.gpus}}{{/has_compute}}").ok());
  // Names are HTML-escaped in the letter.
  LetterInput in = Input();
  in.candidate_name = "A <b>& \"B\"";
  auto html = RenderLetterHtml("<p>{{candidate_name}}</p>", in);
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(*html, "<p>A &lt;b&gt;&amp; &quot;B&quot;</p>");
}

TEST(Letter, BlocksKeepHeadingsParagraphsAndTableRows) {
  auto blocks = LetterBlocks(
      "<h1>Offer</h1><p>Dear <b>Zoë</b>,\n  welcome.</p><ul><li>Base</li></ul>"
      "<table><tr><th>Year</th><th>Total</th></tr><tr><td>1</td><td>$1,000</td></tr></table><hr>");
  ASSERT_EQ(blocks.size(), 6u);
  EXPECT_EQ(blocks[0].kind, LetterBlock::Kind::kHeading);
  EXPECT_EQ(blocks[0].cells[0], "Offer");
  EXPECT_EQ(blocks[1].cells[0], "Dear <b>Zoë</b>, welcome.");
  EXPECT_EQ(blocks[2].kind, LetterBlock::Kind::kListItem);
  EXPECT_TRUE(blocks[3].header);
  EXPECT_EQ(blocks[4].cells, (std::vector<std::string>{"1", "$1,000"}));
  EXPECT_EQ(blocks[5].kind, LetterBlock::Kind::kRule);
}

TEST(LetterPdf, PdftotextGivesBackFiguresAndAccents) {
  Status fonts = CheckPdfFonts();
  ASSERT_TRUE(fonts.ok()) << fonts.ToString();
  auto html = RenderLetterHtml(ReadFile(ST_LETTER_TEMPLATE), Input());
  ASSERT_TRUE(html.ok());
  auto pdf = RenderLetterPdf(LetterBlocks(*html), "Offer letter");
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) {
    ST_SKIP_OR_FAIL() << "pdftotext (poppler-utils) is not installed";
  }
  const auto dir = std::filesystem::temp_directory_path() / ("st_letter_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto pdf_path = dir / "letter.pdf", txt_path = dir / "letter.txt";
  std::ofstream(pdf_path, std::ios::binary) << *pdf;
  const std::string cmd = "pdftotext -layout " + pdf_path.string() + " " + txt_path.string();
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  const std::string text = ReadFile(txt_path.string());
  for (const char* want : {"$100,000,000", "Zoë Ångström-Núñez", "Zürich", "$121,800,000", "10,000 H100 GPUs",
                           "31 December 2026", "Year"})
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace st::offers
