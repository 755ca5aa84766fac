// One function per subcommand; each lives in its own cli/<name>.cc and parses
// its own flags with CLI11. argv[0] is "superteam <name>". Returns the exit code.
#pragma once

namespace st::cli {

int RunIngest(int argc, char** argv);     // cli/ingest.cc
int RunRank(int argc, char** argv);       // cli/rank.cc
int RunAuthor(int argc, char** argv);     // cli/author.cc
int RunOrgs(int argc, char** argv);       // cli/orgs.cc
int RunGenCorpus(int argc, char** argv);  // cli/gen_corpus.cc
int RunServe(int argc, char** argv);      // cli/serve.cc
int RunUser(int argc, char** argv);       // cli/user.cc
int RunSeed(int argc, char** argv);       // cli/seed.cc (demo campaign)
int RunOutreach(int argc, char** argv);   // cli/outreach.cc (send, poll, drafts)
int RunPlan(int argc, char** argv);       // cli/plan.cc (budget optimiser)
int RunPlaces(int argc, char** argv);     // cli/places.cc (locations by source)
int RunFleet(int argc, char** argv);      // cli/fleet.cc
int RunLedger(int argc, char** argv);     // cli/fleet.cc
int RunAlerts(int argc, char** argv);     // cli/alerts.cc (watchlist alerts between graph versions)
int RunFetch(int argc, char** argv);      // cli/fetch.cc (OpenAlex API pages)
int RunStaff(int argc, char** argv);      // cli/staff.cc (own staff import/export, issue 11)

}  // namespace st::cli
