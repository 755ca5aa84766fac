// `superteam author <openalex-id|orcid|name>`: one researcher's profile —
// identity and how sure it is, metrics, affiliations, topics, papers,
// co-authors — and warm paths from the people listed in --via.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "graph/view.h"
#include "scoring/json.h"
#include "scoring/ranker.h"

namespace st::cli {
namespace {

struct Via {
  std::vector<graph::AuthorId> ids;
  std::vector<std::string> unresolved;  // "line 3: 'X': no author matches"
};

Result<Via> ReadVia(const scoring::Ranker& ranker, const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot open --via file " + path);
  Via via;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (const size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto match = ranker.ResolveAuthor(line);
    if (!match.ok()) {
      via.unresolved.push_back(fmt::format("{}:{}: {}", path, n, match.status().message()));
      continue;
    }
    via.ids.push_back(match->front().author);  // strongest of same-name people
  }
  return via;
}

void PrintProfile(const scoring::AuthorProfile& p, const std::vector<scoring::AuthorMatch>& others,
                  const std::vector<scoring::WarmPath>& paths, bool had_via) {
  const auto& m = p.metrics;
  std::printf("%s\n", p.name.c_str());
  if (!p.openalex_id.empty()) std::printf("  OpenAlex    %s\n", p.openalex_id.c_str());
  if (!p.orcid.empty()) std::printf("  ORCID       %s\n", p.orcid.c_str());
  if (!p.openreview_id.empty()) std::printf("  OpenReview  %s\n", p.openreview_id.c_str());
  std::printf("  identity    %.0f%% sure: %s\n", p.identity_confidence * 100, p.identity_reason.c_str());
  std::printf("  now         %s%s%s%s\n", p.institution.empty() ? "(no affiliation given)" : p.institution.c_str(),
              p.org.empty() || p.org == p.institution ? "" : (" — " + p.org).c_str(),
              p.position_title.empty() ? "" : ", ", p.position_title.c_str());
  for (size_t i = 1; i < others.size() && i < 6; ++i)
    std::printf("  also named so: %s (%s), id %u\n", others[i].name.c_str(),
                others[i].org.empty() ? "-" : others[i].org.c_str(), others[i].author);

  std::printf("\nMetrics (citations up to %d)\n", p.now_year);
  if (m.counted_works == 0) {
    std::printf("  works %u, citations ?, h-index ?, i10 ? (no paper has a citation count)\n", m.works);
  } else {
    std::printf("  works %u, citations %lld, h-index %u, i10 %u, last 3 years %lld (%s)\n", m.works,
                static_cast<long long>(m.citations), m.h_index, m.i10, static_cast<long long>(m.recent_citations),
                scoring::CitationCoverage(m).c_str());
  }
  std::printf("  first-author %u, last-author %u, top-venue papers %u, orals %u, spotlights %u, awards %u\n",
              m.first_author, m.last_author, m.top_venue_papers, m.orals, m.spotlights, m.awards);
  std::printf("  active %d-%d, rising %.1f, PageRank %.2e (#%u), strength %.2f%s\n", m.first_year, m.last_year,
              m.rising, m.pagerank, p.pagerank_rank, m.strength,
              m.mean_rating >= 0 ? fmt::format(", mean review rating {:.2f}", m.mean_rating).c_str() : "");
  if (!p.top_venue_by_year.empty()) {
    std::string years;
    for (const auto& y : p.top_venue_by_year) years += fmt::format(" {}:{}", y.year, y.count);
    std::printf("  top-venue papers by year:%s\n", years.c_str());
  }

  if (!p.history.empty()) std::printf("\nAffiliations\n");
  for (const auto& h : p.history)
    std::printf("  %d-%d  %s%s (%u works)\n", h.first_year, h.last_year, h.institution.c_str(),
                h.org.empty() || h.org == h.institution ? "" : (" [" + h.org + "]").c_str(), h.works);
  if (!p.top_topics.empty()) std::printf("\nTop topics\n");
  for (const auto& t : p.top_topics) std::printf("  %5.1f%%  %s\n", t.weight * 100, t.name.c_str());
  if (!p.top_papers.empty()) std::printf("\nTop papers by impact (citation percentile in their cohort, or its estimate)\n");
  for (const auto& w : p.top_papers) {
    std::printf("  %6s  %d  %s%s\n", w.citations < 0 ? "?" : std::to_string(w.citations).c_str(), w.year,
                w.title.c_str(), w.venue.empty() ? "" : (" — " + w.venue + (w.status.empty() ? "" : ", " + w.status)).c_str());
    if (!w.impact_basis.empty()) std::printf("          impact %.2f: %s\n", w.impact_value, w.impact_basis.c_str());
  }
  if (!p.coauthors.empty()) std::printf("\nClosest co-authors\n");
  for (const auto& c : p.coauthors)
    std::printf("  %-30s %-28s %u shared works (weight %.2f)\n", c.name.c_str(), c.org.c_str(), c.shared_works,
                c.weight);
  if (had_via) {
    std::printf("\nWarm paths\n");
    if (paths.empty()) std::printf("  none within 4 hops\n");
    for (const auto& path : paths) {
      std::string line = path.hops.empty() ? "" : path.hops.front().from_name;
      for (const auto& h : path.hops) line += " -> " + h.to_name;
      std::printf("  %s\n", line.c_str());
      for (const auto& h : path.hops) {
        std::printf("      %s & %s: %u shared", h.from_name.c_str(), h.to_name.c_str(), h.shared_works);
        if (!h.shared.empty()) std::printf(", e.g. \"%s\" (%d)", h.shared.front().title.c_str(), h.shared.front().year);
        std::printf("\n");
      }
    }
  }
}

}  // namespace

int RunAuthor(int argc, char** argv) {
  CLI::App app{"Profile of one researcher, with warm co-author paths from your people."};
  std::string who, graph_dir = "./graph", via_path;
  bool json = false;
  size_t max_paths = 5;
  app.add_option("author", who, "OpenAlex id, ORCID, OpenReview id, Semantic Scholar id (S2:123) or name")->required();
  app.add_option("--graph", graph_dir, "graph directory (from `superteam ingest`)");
  app.add_option("--via", via_path, "file with your people, one name or id per line");
  app.add_option("--paths", max_paths, "maximum number of warm paths")->check(CLI::Range(1, 50));
  app.add_flag("--json", json, "print JSON");
  CLI11_PARSE(app, argc, argv);

  auto fail = [](const Status& s) {
    std::fprintf(stderr, "superteam author: %s\n", s.ToString().c_str());
    return s.code() == StatusCode::kNotFound || s.code() == StatusCode::kInvalidInput ? 2 : 1;
  };
  auto view = graph::GraphView::OpenCurrent(graph_dir);
  if (!view.ok()) return fail(view.status());
  auto ranker = scoring::Ranker::Open(*view);
  if (!ranker.ok()) return fail(ranker.status());
  const scoring::Ranker& r = **ranker;
  auto matches = r.ResolveAuthor(who);
  if (!matches.ok()) return fail(matches.status());
  auto profile = r.Profile(matches->front().author);
  if (!profile.ok()) return fail(profile.status());

  std::vector<scoring::WarmPath> paths;
  Via via;
  if (!via_path.empty()) {
    auto read = ReadVia(r, via_path);
    if (!read.ok()) return fail(read.status());
    via = std::move(*read);
    for (const auto& u : via.unresolved) std::fprintf(stderr, "superteam author: skipped %s\n", u.c_str());
    auto found = r.WarmPaths(profile->author, via.ids, 4, max_paths);
    if (!found.ok()) return fail(found.status());
    paths = std::move(*found);
  }
  if (json) {
    nlohmann::json out = scoring::ToJson(*profile);
    out["matched_by"] = matches->front().reason;
    out["other_matches"] = nlohmann::json::array();
    for (size_t i = 1; i < matches->size(); ++i) out["other_matches"].push_back(scoring::ToJson((*matches)[i]));
    if (!via_path.empty()) {
      out["warm_paths"] = nlohmann::json::array();
      for (const auto& p : paths) out["warm_paths"].push_back(scoring::ToJson(p));
      out["via_unresolved"] = via.unresolved;
    }
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    PrintProfile(*profile, *matches, paths, !via_path.empty());
  }
  return 0;
}

}  // namespace st::cli
