// `superteam rank ["query"]`: researchers by topic, organisation and recency,
// each with the papers and numbers behind the score.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "cli/table_cell.h"
#include "graph/view.h"
#include "scoring/json.h"
#include "scoring/ranker.h"

namespace st::cli {
namespace {

std::string Thousands(int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return v < 0 ? "-" + out : out;
}

void PrintHuman(const scoring::RankQuery& q, const scoring::RankResponse& r) {
  std::string what = q.text.empty() ? "overall strength" : "\"" + q.text + "\"";
  std::string scope;
  if (!r.orgs.empty()) {
    scope = " at ";
    for (size_t i = 0; i < r.orgs.size() && i < 6; ++i) scope += (i ? ", " : "") + r.orgs[i];
    if (r.orgs.size() > 6) scope += fmt::format(" (+{} more)", r.orgs.size() - 6);
  }
  if (q.since_year > 0) scope += fmt::format(", evidence since {}", q.since_year);
  std::printf("Researchers by %s%s  (citations up to %d; %zu shown)\n", what.c_str(), scope.c_str(), r.now_year,
              r.authors.size());
  if (!r.missing_terms.empty()) {
    std::string m;
    for (const auto& t : r.missing_terms) m += " " + t;
    std::printf("terms found in no paper:%s\n", m.c_str());
  }
  if (r.authors.empty()) {
    std::printf("no researcher matches.\n");
    return;
  }
  std::printf("\n%4s  %-28s %-26s %9s %4s %9s %8s\n", "#", "name", "current org", "score", "h", "citations",
              "recent");
  for (const auto& a : r.authors) {
    const auto& m = a.metrics;
    // No known count: "?", not 0 (an unknown count is not zero citations).
    const bool known = m.counted_works > 0;
    std::printf("%4zu  %s %s %9.2f %4s %9s %8s\n", a.rank, Cell(a.name, 28).c_str(),
                Cell(a.org.empty() ? "-" : a.org, 26).c_str(), a.score,
                known ? std::to_string(m.h_index).c_str() : "?", known ? Thousands(m.citations).c_str() : "?",
                known ? Thousands(m.recent_citations).c_str() : "?");
    std::printf("      citation metrics: %s\n", scoring::CitationCoverage(m).c_str());
    std::printf("      works %u (%u first, %u last), top-venue %u, orals %u, spotlights %u, PageRank %.2e, rising %.1f%s\n",
                m.works, m.first_author, m.last_author, m.top_venue_papers, m.orals, m.spotlights, m.pagerank,
                m.rising, q.text.empty() ? "" : fmt::format(", {} matching works", a.matched_works).c_str());
    for (const auto& p : a.top_papers) {
      std::string facts = p.venue.empty() ? std::string() : Clip(p.venue, 30);
      if (!p.status.empty()) facts += (facts.empty() ? "" : ", ") + p.status;
      if (!p.position.empty()) facts += (facts.empty() ? "" : ", ") + p.position + " author";
      std::string numbers = q.text.empty()
                                ? fmt::format("weight {:.2f}, counted {:.2f}", p.weight, p.contribution)
                                : fmt::format("text {:.2f} x weight {:.2f} = {:.2f}", p.text, p.weight, p.contribution);
      std::string cites = p.citations < 0 ? std::string("?")
                                          : Thousands(p.citations) + " (" + p.citations_source +
                                                (p.citations_as_of > 0 ? ", " + scoring::IsoDate(p.citations_as_of) : "") + ")";
      std::printf("      - %s (%d; %s) cites %s; %s\n", Clip(p.title, 70).c_str(), p.year, facts.c_str(), cites.c_str(),
                  numbers.c_str());
      if (!p.impact_basis.empty()) std::printf("        impact %.2f: %s\n", p.impact_value, p.impact_basis.c_str());
    }
  }
}

}  // namespace

int RunRank(int argc, char** argv) {
  CLI::App app{"Rank researchers by topic (BM25 over their papers weighted by quality, position and recency), "
               "or by overall strength without a query."};
  scoring::RankQuery q;
  std::string graph_dir = "./graph";
  bool json = false;
  app.add_option("query", q.text, "topic words, e.g. \"large language models\"");
  app.add_option("--graph", graph_dir, "graph directory (from `superteam ingest`)");
  app.add_option("--org", q.org, "current organisation, e.g. \"Google DeepMind\" (aliases and children resolved)");
  app.add_option("--since", q.since_year, "count only works from this year on");
  app.add_option("--top", q.top, "number of results (1..10000)")->check(CLI::Range(1, 10000));
  app.add_option("--offset", q.offset, "skip this many results (paging)");
  app.add_flag("--json", json, "print JSON");
  CLI11_PARSE(app, argc, argv);

  auto view = graph::GraphView::OpenCurrent(graph_dir);
  if (!view.ok()) {
    std::fprintf(stderr, "superteam rank: %s\n", view.status().ToString().c_str());
    return 1;
  }
  auto ranker = scoring::Ranker::Open(*view);
  if (!ranker.ok()) {
    std::fprintf(stderr, "superteam rank: %s\n", ranker.status().ToString().c_str());
    return 1;
  }
  auto result = (*ranker)->Rank(q);
  if (!result.ok()) {
    std::fprintf(stderr, "superteam rank: %s\n", result.status().ToString().c_str());
    return result.status().code() == StatusCode::kInvalidInput ? 2 : 1;
  }
  if (json) {
    std::printf("%s\n", scoring::ToJson(*result).dump(2).c_str());
  } else {
    PrintHuman(q, *result);
  }
  return 0;
}

}  // namespace st::cli
