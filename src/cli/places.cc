// superteam places: where the graph's authors are, by evidence source — the
// share with a country and with a city (issue 13's measurement), and with
// --author ID one author's location and why. --institutions adds OpenAlex
// institution records (API JSON or JSON Lines) for their geo blocks.
#include <cstdio>
#include <map>

#include <CLI/CLI.hpp>

#include "base/fs.h"
#include "cli/commands.h"
#include "graph/view.h"
#include "places/graph_evidence.h"
#include "places/locate.h"
#include "places/openalex_institutions.h"

namespace st::cli {

int RunPlaces(int argc, char** argv) {
  CLI::App app{"Where the graph's authors are: shares with a country and a city, by source", "superteam places"};
  std::string graph_dir;
  std::vector<std::string> institutions;
  long long author = -1;
  app.add_option("--graph", graph_dir, "talent graph directory (from ingest)")->required();
  app.add_option("--institutions", institutions, "OpenAlex institution records (JSON or JSON Lines)");
  app.add_option("--author", author, "show one author's location and evidence");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  auto fail = [](const std::string& what, const Status& s) {
    std::fprintf(stderr, "superteam places: %s: %s\n", what.c_str(), s.ToString().c_str());
    return 1;
  };
  auto zones = places::ZoneTable::LoadSystem();
  if (!zones.ok()) return fail("time zones", zones.status());
  places::InstitutionGeoMap geo;
  for (const std::string& path : institutions) {
    auto text = ReadFileToString(path);
    if (!text.ok()) return fail(path, text.status());
    Status s = places::ReadInstitutionGeo(*text, path, &geo);
    if (!s.ok()) return fail(path, s);
  }
  auto view = graph::GraphView::OpenCurrent(graph_dir);
  if (!view.ok()) return fail("graph", view.status());
  const places::Locator locator(places::PlaceTables::Builtin(), *zones, geo.empty() ? nullptr : &geo);
  if (author >= 0) {
    if (author >= (*view)->num_authors()) return fail("--author", Status::NotFound("no author " + std::to_string(author)));
    const places::Location l = locator.Locate(places::EvidenceForAuthor(**view, static_cast<graph::AuthorId>(author)));
    std::printf("%s: %s%s%s tz=%s source=%s (%s)\n", std::string((*view)->AuthorName(author)).c_str(), l.city.c_str(),
                l.city.empty() ? "" : ", ", l.country.c_str(), l.tz.c_str(),
                std::string(places::SourceName(l.source)).c_str(), l.evidence.c_str());
    return 0;
  }
  const std::uint32_t n = (*view)->num_authors();
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> by_source;  // source -> (country, city)
  std::uint64_t with_country = 0, with_city = 0, with_tz = 0, with_institution = 0;
  for (graph::AuthorId a = 0; a < n; ++a) {
    const places::Evidence e = places::EvidenceForAuthor(**view, a);
    with_institution += !e.institution_name.empty();
    const places::Location l = locator.Locate(e);
    if (!l.known()) continue;
    ++with_country;
    with_city += l.has_city();
    with_tz += !l.tz.empty();
    auto& s = by_source[std::string(places::SourceName(l.source))];
    ++s.first;
    s.second += l.has_city();
  }
  auto pct = [n](std::uint64_t k) { return n ? 100.0 * static_cast<double>(k) / n : 0.0; };
  std::printf("authors %u, with a current institution %llu (%.1f%%)\n", n,
              static_cast<unsigned long long>(with_institution), pct(with_institution));
  std::printf("with a country %llu (%.1f%%), with a city %llu (%.1f%%), with a time zone %llu (%.1f%%)\n",
              static_cast<unsigned long long>(with_country), pct(with_country),
              static_cast<unsigned long long>(with_city), pct(with_city), static_cast<unsigned long long>(with_tz),
              pct(with_tz));
  std::printf("%-22s %10s %8s %10s %8s\n", "source", "country", "%", "city", "%");
  for (const auto& [source, counts] : by_source)
    std::printf("%-22s %10llu %7.1f%% %10llu %7.1f%%\n", source.c_str(), static_cast<unsigned long long>(counts.first),
                pct(counts.first), static_cast<unsigned long long>(counts.second), pct(counts.second));
  return 0;
}

}  // namespace st::cli
