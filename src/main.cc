// The subcommand table, nothing else.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"

namespace {

struct Command {
  const char* name;
  const char* summary;
  int (*run)(int argc, char** argv);
};

constexpr Command kCommands[] = {
    {"ingest", "read OpenAlex / paper lists / arXiv files into a talent graph", st::cli::RunIngest},
    {"fetch", "fetch works from the OpenAlex API into pages ingest reads (resumable)", st::cli::RunFetch},
    {"rank", "rank researchers by topic, organisation and recency", st::cli::RunRank},
    {"author", "profile of one researcher, with warm paths", st::cli::RunAuthor},
    {"orgs", "organisations ranked by talent density", st::cli::RunOrgs},
    {"gen-corpus", "generate the seeded demo corpus (OpenAlex works format)", st::cli::RunGenCorpus},
    {"serve", "serve the web app and the JSON API", st::cli::RunServe},
    {"user", "manage user accounts (add, passwd, disable)", st::cli::RunUser},
    {"seed", "seed a demo campaign into the store", st::cli::RunSeed},
    {"outreach", "CEO outreach: send due e-mails, poll replies, drafts, mailbox", st::cli::RunOutreach},
    {"plan", "what to offer whom: expected talent under budget, GPUs and slots", st::cli::RunPlan},
    {"places", "where the graph's authors are: shares with a country and a city, by source", st::cli::RunPlaces},
    {"fleet", "import or export the GPU fleet (capacity changes, CSV)", st::cli::RunFleet},
    {"ledger", "verify the compute ledger: no pool over-committed", st::cli::RunLedger},
    {"alerts", "alerts for watched people and saved searches between two graph versions", st::cli::RunAlerts},
    {"staff", "import or export the lab's own staff (HR CSV: pay, equity, managers)", st::cli::RunStaff},
};

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
      diag = up;
    }
  }
  return row[b.size()];
}

void PrintUsage() {
  std::printf("usage: superteam <command> [options]   (superteam <command> --help)\n\ncommands:\n");
  for (const auto& c : kCommands) std::printf("  %-11s %s\n", c.name, c.summary);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    PrintUsage();
    return argc < 2 ? 2 : 0;
  }
  std::string_view name = argv[1];
  for (const auto& c : kCommands) {
    if (name == c.name) {
      std::string joined = std::string("superteam ") + c.name;
      std::vector<char*> args(argv + 1, argv + argc);
      args[0] = joined.data();
      return c.run(static_cast<int>(args.size()), args.data());
    }
  }
  const Command* best = nullptr;
  size_t best_distance = 3;
  for (const auto& c : kCommands) {
    size_t d = EditDistance(name, c.name);
    if (d < best_distance) best_distance = d, best = &c;
  }
  std::fprintf(stderr, "superteam: unknown command '%s'", argv[1]);
  if (best) std::fprintf(stderr, " — did you mean '%s'?", best->name);
  std::fprintf(stderr, "\n");
  PrintUsage();
  return 2;
}
