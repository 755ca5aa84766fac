// superteam seed: a demo campaign in the store — the four demo users with
// generated strong passwords (printed once; re-seeding prints fresh ones),
// ~100 candidates from the top of the graph's ranking spread across the
// stages with owners, notes and a stage history over the last six weeks, and
// a few own staff who are co-authors of candidates (so warm paths exist).
// Deterministic apart from the passwords (--seed).
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "campaign/stage.h"
#include "cli/commands.h"
#include "compute/demo_fleet.h"
#include "cli/seed_deals.h"
#include "cli/seed_offers.h"
#include "cli/seed_retention.h"
#include "cli/seed_watch.h"
#include "cli/seed_planning.h"
#include "cli/seed_events.h"
#include "graph/view.h"
#include "scoring/ranker.h"
#include "store/open_store.h"
#include "store/password.h"
#include "web/candidate_graph.h"

namespace st::cli {
namespace {

using campaign::Stage;

std::string NewPassword(std::string_view username) {
  for (;;) {
    // 18 random bytes → 24 base64url characters (144 bits), grouped for reading.
    unsigned char buf[18];
    randombytes_buf(buf, sizeof buf);
    char b64[32];
    sodium_bin2base64(b64, sizeof b64, buf, sizeof buf, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    std::string s(b64);
    s = s.substr(0, 6) + "-" + s.substr(6, 6) + "-" + s.substr(12, 6) + "-" + s.substr(18, 6);
    // About one draw in 1,500 holds a short username such as "ceo" by chance, which the policy refuses.
    if (store::CheckPasswordPolicy(username, s).ok()) return s;
  }
}

// The path a candidate took to reach `target`.
std::vector<Stage> PathTo(Stage target) {
  static const std::vector<Stage> kMain = {Stage::kIdentified, Stage::kContacted, Stage::kReplied, Stage::kMeeting,
                                           Stage::kOffer,      Stage::kAccepted,  Stage::kJoined};
  std::vector<Stage> path;
  if (target == Stage::kDeclined) {
    path.assign(kMain.begin(), kMain.begin() + 5);
    path.push_back(Stage::kDeclined);
  } else if (target == Stage::kWithdrawn) {
    path.assign(kMain.begin(), kMain.begin() + 3);
    path.push_back(Stage::kWithdrawn);
  } else {
    for (Stage s : kMain) {
      path.push_back(s);
      if (s == target) break;
    }
  }
  return path;
}

const char* kNotes[] = {
    "Strong fit for the frontier team; ask about their view on scaling the {topic} work.",
    "Read \"{paper}\" — exactly the depth we need. CEO should write personally.",
    "Warm intro possible through a co-author; check with the team before reaching out.",
    "Mentioned at a conference that they are open to a move next year.",
    "Cares about compute and a small team more than title. Lead with GPUs.",
    "Relocation to London or SF is fine; family considerations for timing.",
};

std::string Fill(std::string text, const std::string& topic, const std::string& paper) {
  auto replace = [&](const std::string& key, const std::string& value) {
    if (auto i = text.find(key); i != std::string::npos) text.replace(i, key.size(), value);
  };
  replace("{topic}", topic.empty() ? "their" : topic);
  replace("{paper}", paper.empty() ? "their latest paper" : paper.substr(0, 120));
  return text;
}

}  // namespace

int RunSeed(int argc, char** argv) {
  CLI::App app{"Seed a demo campaign (users, ~100 people across stages) into the store", "superteam seed"};
  std::string graph_dir, db_url;
  size_t people = 100;
  size_t staff_count = 6;
  unsigned seed = 42;
  app.add_option("--graph", graph_dir, "talent graph directory (from ingest)")->required();
  app.add_option("--db", db_url, "campaign store URL (default: GRAPH/campaign.db)");
  app.add_option("--people", people, "candidates to add")->capture_default_str()->check(CLI::Range(1, 5000));
  app.add_option("--staff", staff_count, "own staff linked to graph authors")->capture_default_str();
  app.add_option("--seed", seed, "random seed for stages, owners, notes and times")->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (sodium_init() < 0) return 1;
  if (db_url.empty()) db_url = graph_dir + "/campaign.db";
  auto fail = [](const char* what, const Status& s) {
    std::fprintf(stderr, "superteam seed: %s: %s\n", what, s.ToString().c_str());
    return 1;
  };
  auto view = graph::GraphView::OpenCurrent(graph_dir);
  if (!view.ok()) return fail("graph", view.status());
  auto ranker_or = scoring::Ranker::Open(*view);
  if (!ranker_or.ok()) return fail("scoring data", ranker_or.status());
  const scoring::Ranker& ranker = **ranker_or;

  // The store's clock is steered so history spreads over the last weeks.
  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  auto clock_value = std::make_shared<std::atomic<std::int64_t>>(now);
  store::StoreOptions store_options;
  store_options.clock = [clock_value] { return clock_value->load(); };
  auto store_or = store::OpenStore(db_url, store_options);
  if (!store_or.ok()) return fail("store", store_or.status());
  store::Store& store = **store_or;

  // ---- users
  store::Actor cli{0, "cli", campaign::Role::kCeo, ""};
  struct DemoUser {
    const char* username;
    const char* display;
    campaign::Role role;
  };
  const DemoUser kUsers[] = {{"ceo", "The CEO", campaign::Role::kCeo},
                             {"recruiter", "Riley Recruiter", campaign::Role::kRecruiter},
                             {"hr", "Harper HR", campaign::Role::kHr},
                             {"viewer", "Vic Viewer", campaign::Role::kViewer}};
  std::vector<store::User> users;
  std::printf("demo logins (printed once; run seed again for new ones):\n");
  for (const DemoUser& u : kUsers) {
    std::string password = NewPassword(u.username);
    auto existing = store.GetUserByName(u.username);
    store::UserPatch new_password;
    new_password.password = password;
    Result<store::User> user = existing.ok() ? store.UpdateUser(cli, existing->id, new_password)
                                             : store.CreateUser(cli, {u.username, u.display, u.role, password});
    if (!user.ok()) return fail(u.username, user.status());
    users.push_back(*user);
    std::printf("  %-10s %-10s %s\n", u.username, std::string(campaign::RoleName(u.role)).c_str(), password.c_str());
  }
  auto actor_of = [&](const store::User& u) { return store::Actor{u.id, u.username, u.role, "127.0.0.1"}; };
  const store::User& ceo = users[0];
  const store::User& recruiter = users[1];
  const store::User& hr = users[2];

  store::PersonQuery any;
  any.limit = 1;
  auto existing = store.ListPeople(actor_of(ceo), any);
  if (!existing.ok()) return fail("store", existing.status());
  if (existing->total > 0) {
    std::printf("the store already holds %lld people; not adding more\n", static_cast<long long>(existing->total));
    return 0;
  }

  // ---- candidates from the top of the ranking
  scoring::RankQuery q;
  q.top = people;
  auto ranked = ranker.Rank(q);
  if (!ranked.ok()) return fail("rank", ranked.status());
  std::set<graph::AuthorId> taken;
  for (const auto& a : ranked->authors) taken.insert(a.author);

  std::mt19937_64 rng(seed);
  // Funnel shape: most people early, a few far along.
  const std::vector<std::pair<Stage, int>> kFunnel = {
      {Stage::kIdentified, 30}, {Stage::kContacted, 22}, {Stage::kReplied, 14}, {Stage::kMeeting, 11},
      {Stage::kOffer, 8},       {Stage::kAccepted, 4},   {Stage::kDeclined, 3}, {Stage::kJoined, 4},
      {Stage::kWithdrawn, 4}};
  std::vector<int> weights;
  for (const auto& [s, w] : kFunnel) weights.push_back(w);
  std::discrete_distribution<int> pick_stage(weights.begin(), weights.end());
  const store::User* owners[] = {&recruiter, &recruiter, &ceo, &hr, nullptr};
  constexpr std::int64_t kDay = 24 * 3600;

  size_t added = 0, moves = 0, notes = 0;
  for (const auto& a : ranked->authors) {
    Stage target = kFunnel[pick_stage(rng)].first;
    std::vector<Stage> path = PathTo(target);
    // Created 3..42 days ago; each move 1..5 days after the previous, never in the future.
    std::int64_t t = now - (3 + static_cast<std::int64_t>(rng() % 40)) * kDay;
    const store::User* owner = owners[rng() % std::size(owners)];
    store::Actor by = actor_of(owner ? *owner : recruiter);
    clock_value->store(t);
    store::PersonPatch patch;
    scoring::AuthorProfile profile;
    if (auto p = ranker.Profile(a.author); p.ok()) profile = *p;
    patch.name = a.name;
    patch.kind = campaign::PersonKind::kCandidate;
    patch.author_id = std::optional<std::int64_t>(a.author);
    patch.author_source_id = a.openalex_id.empty() ? a.orcid : a.openalex_id;
    patch.org = a.org;
    patch.title = profile.position_title.substr(0, 500);
    std::vector<std::string> topics;
    for (const auto& tp : profile.top_topics) {
      if (topics.size() < 5) topics.push_back(tp.name.substr(0, 100));
    }
    patch.topics = topics;
    patch.metrics = std::optional<campaign::HeadlineMetrics>(web::HeadlineFromGraph(a.metrics));
    patch.owner_user_id = owner ? owner->id : 0;
    if (target == Stage::kOffer || target == Stage::kAccepted || target == Stage::kJoined ||
        target == Stage::kDeclined) {
      campaign::Compensation comp;
      comp.current_base = 300000 + static_cast<std::int64_t>(rng() % 40) * 25000;
      comp.current_equity = 500000 + static_cast<std::int64_t>(rng() % 60) * 100000;
      comp.expected_total = (*comp.current_base + *comp.current_equity) * 2;
      comp.notes = "demo figures";
      patch.compensation = comp;
      by = actor_of(ceo);
    }
    auto person = store.CreatePerson(by, patch);
    if (!person.ok()) return fail(a.name.c_str(), person.status());
    ++added;
    std::int64_t version = person->version;
    for (size_t i = 1; i < path.size(); ++i) {
      t = std::min(now - 600, t + (1 + static_cast<std::int64_t>(rng() % 5)) * kDay);
      clock_value->store(t);
      auto moved = store.MoveStage(by, person->id, version, path[i], "");
      if (!moved.ok()) return fail("stage move", moved.status());
      version = moved->version;
      ++moves;
    }
    int n_notes = static_cast<int>(rng() % 3);
    for (int i = 0; i < n_notes; ++i) {
      t = std::min(now - 60, t + static_cast<std::int64_t>(rng() % (2 * kDay)));
      clock_value->store(t);
      std::string topic = topics.empty() ? "" : topics.front();
      std::string paper = a.top_papers.empty() ? "" : a.top_papers.front().title;
      auto note = store.AddNote(by, person->id, Fill(kNotes[rng() % std::size(kNotes)], topic, paper));
      if (!note.ok()) return fail("note", note.status());
      ++notes;
    }
  }

  // ---- own staff: the strongest co-author of every k-th candidate, so the
  // candidate page has warm paths to show.
  clock_value->store(now - 50 * kDay);
  size_t staff_added = 0;
  std::int64_t first_staff_id = 0;
  for (size_t i = 0; i < ranked->authors.size() && staff_added < staff_count; i += 7) {
    auto co = (*view)->Coauthors(ranked->authors[i].author);
    graph::AuthorId best = graph::kNone;
    float best_w = -1;
    for (const auto& e : co) {
      if (!taken.count(e.author) && e.weight > best_w) best = e.author, best_w = e.weight;
    }
    if (best == graph::kNone) continue;
    taken.insert(best);
    auto prof = ranker.Profile(best);
    if (!prof.ok()) continue;
    store::PersonPatch patch;
    patch.name = prof->name;
    patch.kind = campaign::PersonKind::kStaff;
    patch.author_id = std::optional<std::int64_t>(best);
    patch.author_source_id = prof->openalex_id;
    patch.org = "Our lab";
    patch.title = "Member of technical staff";
    patch.tags = std::vector<std::string>{"staff"};
    auto person = store.CreatePerson(actor_of(hr), patch);
    if (!person.ok()) return fail("staff", person.status());
    ++staff_added;
    // ---- flat teams (issue 10): the staff record; the first one heads research, the others report to them.
    store::StaffPatch member;
    member.name = prof->name;
    member.title = staff_added == 1 ? "Head of Research" : "Member of technical staff";
    member.team = "Research";
    member.is_research = true;
    if (staff_added > 1 && first_staff_id > 0) member.manager_staff_id = first_staff_id;
    auto staff = store.CreateStaff(actor_of(hr), member);
    if (!staff.ok()) return fail("staff record", staff.status());
    if (staff_added == 1) first_staff_id = staff->id;
  }
  // ---- the demo GPU fleet (compute/demo_fleet.h), once: sites with H100/H200/B200 pools over 2023-2028.
  if (auto fleet = store.GetFleet(actor_of(ceo)); fleet.ok() && fleet->pools.empty()) {
    auto imported = store.ImportFleet(actor_of(ceo), compute::DemoFleetRows());
    if (!imported.ok()) return fail("fleet", imported.status());
  }
  clock_value->store(now);
  if (Status s = SeedOffers(store, actor_of(ceo), actor_of(hr), now, seed); !s.ok()) return fail("offers", s);
  if (Status s = SeedDeals(store, actor_of(ceo), ranker); !s.ok()) return fail("deals", s);
  if (Status s = SeedRetention(store, actor_of(ceo), actor_of(hr), now); !s.ok()) return fail("retention", s);
  if (Status s = SeedWatch(store, actor_of(ceo), actor_of(hr), *view); !s.ok()) return fail("watch", s);
  if (Status s = SeedPlanning(store, actor_of(ceo)); !s.ok()) return fail("planning", s);
  if (Status s = SeedEvents(store, actor_of(ceo), now); !s.ok()) return fail("dinners", s);
  std::printf("seeded %zu candidates (%zu stage moves, %zu notes) and %zu own staff into %s\n", added, moves, notes,
              staff_added, db_url.c_str());
  return 0;
}

}  // namespace st::cli
