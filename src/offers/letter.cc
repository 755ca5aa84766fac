#include "offers/letter.h"

#include <algorithm>
#include <cctype>

#include <kainjow/mustache.hpp>

namespace st::offers {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

std::string M(std::int64_t minor, Currency c) { return FormatMoney(Money{minor, c}); }

std::string Percent(std::int64_t bp) {
  std::string s = std::to_string(bp / 100);
  if (bp % 100 != 0) s += "." + std::string(bp % 100 < 10 ? "0" : "") + std::to_string(bp % 100);
  while (s.find('.') != std::string::npos && s.back() == '0') s.pop_back();
  return s + "%";
}

std::string VestingText(const Vesting& v) {
  const std::string years = std::to_string(v.total_years) + (v.total_years == 1 ? " year" : " years");
  if (!v.custom_split_bp.empty()) {
    std::string split;
    for (int bp : v.custom_split_bp) split += (split.empty() ? "" : " / ") + Percent(bp);
    return split + " at each anniversary over " + years;
  }
  std::string out = "over " + years;
  if (v.cliff_months > 0) out += " with a " + std::to_string(v.cliff_months) + "-month cliff, then";
  return out + " " + std::string(VestFrequencyName(v.frequency));
}

// {{name}}, {{{name}}}, {{#name}}, {{^name}}, {{/name}}, {{&name}}: the names, with their line.
std::vector<std::pair<std::string, int>> TagNames(std::string_view t) {
  std::vector<std::pair<std::string, int>> out;
  size_t pos = 0;
  while ((pos = t.find("{{", pos)) != std::string_view::npos) {
    const size_t end = t.find("}}", pos + 2);
    if (end == std::string_view::npos) break;
    std::string_view inner = t.substr(pos + 2, end - pos - 2);
    const int line = 1 + static_cast<int>(std::count(t.begin(), t.begin() + static_cast<long>(pos), '\n'));
    pos = end + 2;
    if (!inner.empty() && inner.front() == '{') {
      inner.remove_prefix(1);
      if (pos < t.size() && t[pos] == '}') ++pos;
    }
    if (!inner.empty() && (inner.front() == '!' || inner.front() == '=' || inner.front() == '>')) continue;
    if (!inner.empty() && (inner.front() == '#' || inner.front() == '^' || inner.front() == '/' || inner.front() == '&'))
      inner.remove_prefix(1);
    while (!inner.empty() && std::isspace(static_cast<unsigned char>(inner.front()))) inner.remove_prefix(1);
    while (!inner.empty() && std::isspace(static_cast<unsigned char>(inner.back()))) inner.remove_suffix(1);
    // Dotted names: the first part must be known ("compute.gpus" → "compute").
    std::string name(inner.substr(0, inner.find('.')));
    if (name != ".") out.emplace_back(name, line);
  }
  return out;
}

}  // namespace

const std::vector<std::string>& LetterKeys() {
  static const std::vector<std::string> kKeys = {
      "candidate_name", "company", "signer", "issued_date", "version", "title", "location", "start_date",
      "expiry_date", "currency", "base_salary", "has_bonus", "target_bonus", "target_bonus_amount", "has_sign_on",
      "sign_on", "has_clawback", "clawback_months", "has_equity", "equity_value", "has_units", "equity_units",
      "equity_unit_price", "vesting", "has_refresher", "refresher", "has_relocation", "relocation", "years",
      "year", "from", "to", "cash", "equity", "total", "first_year", "four_year", "has_compute", "compute",
      "gpus", "gpu_type", "site", "until", "has_team", "team", "headcount", "reports_to", "direct_reports_cap"};
  return kKeys;
}

Status CheckLetterTemplate(std::string_view text) {
  mustache tmpl{std::string(text)};
  if (!tmpl.is_valid()) return Status::InvalidInput("letter template: " + tmpl.error_message());
  const auto& keys = LetterKeys();
  for (const auto& [name, line] : TagNames(text))
    if (std::find(keys.begin(), keys.end(), name) == keys.end())
      return Status::InvalidInput("letter template line " + std::to_string(line) + ": unknown field '" + name + "'");
  return Status::Ok();
}

Result<std::string> RenderLetterHtml(std::string_view template_text, const LetterInput& in) {
  ST_RETURN_IF_ERROR(CheckLetterTemplate(template_text));
  const OfferTerms& t = in.terms;
  const Currency c = t.currency;
  data d;
  d.set("candidate_name", in.candidate_name);
  d.set("company", in.company);
  d.set("signer", in.signer);
  d.set("issued_date", in.issued_day > 0 ? FormatDateLong(in.issued_day) : "");
  d.set("version", std::to_string(in.version));
  d.set("title", t.title);
  d.set("location", t.location);
  d.set("start_date", FormatDateLong(t.start_day));
  d.set("expiry_date", FormatDateLong(t.expiry_day));
  d.set("currency", std::string(CurrencyCode(c)));
  d.set("base_salary", M(t.base_salary_minor, c));
  d.set("has_bonus", t.target_bonus_bp > 0);
  d.set("target_bonus", Percent(t.target_bonus_bp));
  d.set("target_bonus_amount", M(in.table.rows.empty() ? 0 : in.table.rows[0].bonus, c));
  d.set("has_sign_on", t.sign_on_minor > 0);
  d.set("sign_on", M(t.sign_on_minor, c));
  d.set("has_clawback", t.sign_on_clawback_months > 0);
  d.set("clawback_months", std::to_string(t.sign_on_clawback_months));
  d.set("has_equity", in.table.grant_value > 0);
  d.set("equity_value", M(in.table.grant_value, c));
  d.set("has_units", t.equity.units > 0);
  d.set("equity_units", GroupThousands(t.equity.units));
  d.set("equity_unit_price", M(t.equity.unit_price_minor, c));
  d.set("vesting", VestingText(t.equity.vesting));
  d.set("has_refresher", t.equity.annual_refresher_minor > 0);
  d.set("refresher", M(t.equity.annual_refresher_minor, c));
  d.set("has_relocation", t.relocation_minor > 0);
  d.set("relocation", M(t.relocation_minor, c));
  data years{data::type::list};
  for (const YearRow& r : in.table.rows) {
    data row;
    row.set("year", std::to_string(r.year));
    row.set("from", FormatDate(r.from_day));
    row.set("to", FormatDate(r.to_day));
    row.set("cash", M(r.cash, c));
    row.set("equity", M(r.equity + r.refreshers, c));
    row.set("total", M(r.total, c));
    years.push_back(row);
  }
  d.set("years", years);
  d.set("first_year", M(in.table.first_year, c));
  d.set("four_year", M(in.table.four_year, c));
  d.set("has_compute", t.compute.has_value());
  if (t.compute) {
    data cp;
    cp.set("gpus", GroupThousands(t.compute->gpus));
    cp.set("gpu_type", t.compute->gpu_type);
    cp.set("site", t.compute->site.empty() ? std::string("any of our sites") : "site " + t.compute->site);
    cp.set("from", FormatDateLong(t.compute->start_day));
    cp.set("until", t.compute->end_day == 0 ? std::string("for as long as you are employed, reviewed yearly")
                                            : "until " + FormatDateLong(t.compute->end_day - 1));
    d.set("compute", cp);
  }
  d.set("has_team", t.team.has_value());
  if (t.team) {
    data tm;
    tm.set("headcount", GroupThousands(t.team->headcount));
    tm.set("reports_to", in.reports_to.empty() ? std::string("the CEO") : in.reports_to);
    tm.set("direct_reports_cap", std::to_string(t.team->direct_reports_cap));
    d.set("team", tm);
  }
  mustache tmpl{std::string(template_text)};
  std::string html = tmpl.render(d);
  if (!tmpl.is_valid()) return Status::InvalidInput("letter template: " + tmpl.error_message());
  return html;
}

// ---------------------------------------------------------------- HTML → blocks

std::vector<LetterBlock> LetterBlocks(std::string_view html) {
  std::vector<LetterBlock> out;
  LetterBlock cur;
  std::string text;         // markup of the current cell / paragraph
  bool in_block = false;    // inside p, h1, h2, li or a table cell
  bool in_style = false;    // <style>/<title>/<head> content is dropped
  auto flush_text = [&](LetterBlock::Kind kind) {
    // Collapse whitespace like HTML does.
    std::string s;
    bool space = false;
    for (char ch : text) {
      if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
        space = true;
        continue;
      }
      if (space && !s.empty() && s.back() != '\n') s += ' ';
      space = false;
      s += ch;
    }
    text.clear();
    if (kind == LetterBlock::Kind::kTableRow) {
      cur.cells.push_back(s);
      return;
    }
    if (s.empty()) return;
    LetterBlock b;
    b.kind = kind;
    b.level = cur.level;
    b.cells.push_back(s);
    out.push_back(std::move(b));
  };
  size_t i = 0;
  while (i < html.size()) {
    if (html[i] != '<') {
      const size_t next = html.find('<', i);
      std::string_view chunk = html.substr(i, next == std::string_view::npos ? std::string_view::npos : next - i);
      if (!in_style) text.append(chunk);
      i = next == std::string_view::npos ? html.size() : next;
      continue;
    }
    const size_t close = html.find('>', i);
    if (close == std::string_view::npos) break;
    std::string tag(html.substr(i + 1, close - i - 1));
    i = close + 1;
    const bool end = !tag.empty() && tag[0] == '/';
    if (end) tag.erase(0, 1);
    tag = tag.substr(0, tag.find_first_of(" \t\n/"));
    std::transform(tag.begin(), tag.end(), tag.begin(), [](unsigned char ch) { return std::tolower(ch); });
    if (tag == "style" || tag == "title" || tag == "script") {
      in_style = !end;
      continue;
    }
    if (tag == "b" || tag == "strong") {
      text += end ? "</b>" : "<b>";
    } else if (tag == "i" || tag == "em") {
      text += end ? "</i>" : "<i>";
    } else if (tag == "br") {
      text += '\n';
    } else if (tag == "hr") {
      out.push_back({LetterBlock::Kind::kRule, 1, false, {}});
    } else if (tag == "h1" || tag == "h2" || tag == "h3") {
      if (end) {
        flush_text(LetterBlock::Kind::kHeading);
        in_block = false;
      } else {
        text.clear();
        cur.level = tag[1] - '0';
        in_block = true;
      }
    } else if (tag == "p" || tag == "div") {
      if (in_block || end) flush_text(LetterBlock::Kind::kParagraph);
      in_block = !end;
    } else if (tag == "li") {
      if (end) flush_text(LetterBlock::Kind::kListItem);
      else text.clear();
    } else if (tag == "tr") {
      if (end) {
        cur.kind = LetterBlock::Kind::kTableRow;
        if (!cur.cells.empty()) out.push_back(cur);
      }
      cur = LetterBlock{};
      cur.kind = LetterBlock::Kind::kTableRow;
    } else if (tag == "td" || tag == "th") {
      if (end) {
        flush_text(LetterBlock::Kind::kTableRow);
      } else {
        text.clear();
        cur.header = tag == "th";
      }
    }
  }
  text.clear();
  return out;
}

}  // namespace st::offers
