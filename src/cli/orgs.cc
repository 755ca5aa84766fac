// `superteam orgs --topic "..."`: organisations by talent density — how many
// of the strongest researchers on the topic each one employs now.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "cli/table_cell.h"
#include "graph/view.h"
#include "scoring/json.h"
#include "scoring/ranker.h"

namespace st::cli {

int RunOrgs(int argc, char** argv) {
  CLI::App app{"Organisations ranked by talent density: strong researchers (the top --pool for the topic) "
               "each one employs now."};
  scoring::OrgsQuery q;
  std::string graph_dir = "./graph";
  bool json = false;
  app.add_option("--topic", q.topic, "topic words; empty: overall strength");
  app.add_option("--graph", graph_dir, "graph directory (from `superteam ingest`)");
  app.add_option("--since", q.since_year, "count only works from this year on");
  app.add_option("--top", q.top, "number of organisations")->check(CLI::Range(1, 1000));
  app.add_option("--pool", q.pool, "how many top researchers count as strong")->check(CLI::Range(1, 10000));
  app.add_flag("--json", json, "print JSON");
  CLI11_PARSE(app, argc, argv);

  auto fail = [](const Status& s) {
    std::fprintf(stderr, "superteam orgs: %s\n", s.ToString().c_str());
    return s.code() == StatusCode::kInvalidInput ? 2 : 1;
  };
  auto view = graph::GraphView::OpenCurrent(graph_dir);
  if (!view.ok()) return fail(view.status());
  auto ranker = scoring::Ranker::Open(*view);
  if (!ranker.ok()) return fail(ranker.status());
  auto result = (*ranker)->Orgs(q);
  if (!result.ok()) return fail(result.status());
  if (json) {
    std::printf("%s\n", scoring::ToJson(*result).dump(2).c_str());
    return 0;
  }
  std::printf("Organisations by talent density for %s (strong = top %zu researchers%s)\n\n",
              q.topic.empty() ? "overall strength" : ("\"" + q.topic + "\"").c_str(), result->pool,
              q.since_year > 0 ? (", evidence since " + std::to_string(q.since_year)).c_str() : "");
  std::printf("%4s  %-34s %7s %12s %8s %10s  %s\n", "#", "organisation", "strong", "researchers", "density",
              "score sum", "strongest");
  size_t i = 0;
  for (const auto& o : result->orgs) {
    std::string names;
    for (const auto& n : o.top_names) names += (names.empty() ? "" : ", ") + n;
    std::printf("%4zu  %s %7u %12u %7.1f%% %10.1f  %s\n", ++i, Cell(o.org, 34).c_str(), o.strong, o.researchers,
                o.density * 100, o.score_sum, names.c_str());
  }
  if (result->orgs.empty()) std::printf("no organisation found.\n");
  return 0;
}

}  // namespace st::cli
