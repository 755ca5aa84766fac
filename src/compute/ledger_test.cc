#include "compute/ledger.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "compute/day.h"

namespace st::compute {
namespace {

std::int32_t D(const char* iso) { return *ParseDay(iso); }

ComputeSettings Headroom(std::int32_t permille) {
  ComputeSettings s;
  s.headroom_permille = permille;
  return s;
}

TEST(LedgerTest, TheIssuesExampleFitsToTheLastGpuAndNotOneMore) {
  Ledger l(Headroom(100));
  ASSERT_TRUE(l.AddPool({1, "A", "H100"}).ok());
  ASSERT_TRUE(l.AddCapacity({1, D("2026-03-01"), 100'000}).ok());
  // 10% headroom: 90,000 usable.
  EXPECT_FALSE(l.CheckFits(1, 90'000, D("2026-03-01"), 0));
  auto f = l.CheckFits(1, 90'001, D("2026-06-01"), D("2027-01-01"));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->day, D("2026-06-01"));
  EXPECT_EQ(f->short_gpus, 1);
  EXPECT_EQ(f->Message(), "short by 1 H100-eq at site A (H100) from 2026-06-01");
  // Before the capacity arrives nothing fits: short from the promise's start.
  f = l.CheckFits(1, 10, D("2026-02-01"), D("2026-04-01"));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->day, D("2026-02-01"));
  EXPECT_EQ(f->short_gpus, 10);
}

TEST(LedgerTest, RetirementBreaksOpenEndedPromisesOnItsDay) {
  Ledger l(Headroom(0));
  ASSERT_TRUE(l.AddPool({7, "B", "A100"}).ok());
  ASSERT_TRUE(l.AddCapacity({7, D("2026-01-01"), 20'000}).ok());
  ASSERT_TRUE(l.AddCapacity({7, D("2027-01-01"), -20'000}).ok());
  EXPECT_FALSE(l.CheckFits(7, 1000, D("2026-06-01"), D("2027-01-01")));  // ends the day it retires: fine
  auto f = l.CheckFits(7, 1000, D("2026-06-01"), 0);                      // open-ended
  ASSERT_TRUE(f);
  EXPECT_EQ(f->Message(), "short by 400 H100-eq at site B (A100) from 2027-01-01");
}

TEST(LedgerTest, ShortfallIsNamedInH100Equivalents) {
  Ledger l(Headroom(0));
  ASSERT_TRUE(l.AddPool({3, "A", "B200"}).ok());
  ASSERT_TRUE(l.AddCapacity({3, D("2026-01-01"), 10'000}).ok());
  ASSERT_TRUE(l.AddCapacity({3, D("2027-02-01"), -1'000}).ok());
  ASSERT_TRUE(l.AddPromise({1, 3, 9'000, D("2026-01-01"), 0, PromiseState::kCommitted}).ok());
  auto f = l.CheckFits(3, 960, D("2026-01-01"), 0);
  ASSERT_TRUE(f);
  // 960 more fit in 2026 (10,000 - 9,000); after 1,000 retire, 960 B200 x 2.5 are missing.
  EXPECT_EQ(f->Message(), "short by 2,400 H100-eq at site A (B200) from 2027-02-01");
}

TEST(LedgerTest, EndedAndReleasedPromisesFreeTheirGpus) {
  Ledger l(Headroom(0));
  ASSERT_TRUE(l.AddPool({1, "A", "H100"}).ok());
  ASSERT_TRUE(l.AddCapacity({1, D("2026-01-01"), 100}).ok());
  ASSERT_TRUE(l.AddPromise({1, 1, 100, D("2026-01-01"), D("2026-07-01"), PromiseState::kReserved}).ok());
  ASSERT_TRUE(l.AddPromise({2, 1, 100, D("2026-01-01"), 0, PromiseState::kReleased}).ok());
  EXPECT_FALSE(l.CheckFits(1, 100, D("2026-07-01"), 0));
  EXPECT_TRUE(l.CheckFits(1, 1, D("2026-06-30"), D("2026-07-02")));
  EXPECT_TRUE(l.Verify().empty());
  auto steps = l.Timeline(1);
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].capacity, 100);
  EXPECT_EQ(steps[0].reserved, 100);
  EXPECT_EQ(steps[1].day, D("2026-07-01"));
  EXPECT_EQ(steps[1].reserved, 0);
}

TEST(LedgerTest, HeadroomRoundsInFavourOfProduction) {
  Ledger l(Headroom(100));
  ASSERT_TRUE(l.AddPool({1, "A", "H100"}).ok());
  ASSERT_TRUE(l.AddCapacity({1, 0, 15}).ok());  // 13.5 usable -> 13 whole GPUs
  EXPECT_FALSE(l.CheckFits(1, 13, 0, 0));
  auto f = l.CheckFits(1, 14, 0, 0);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->short_gpus, 1);
  EXPECT_EQ(l.Timeline(1)[0].usable, 13);
}

TEST(LedgerTest, AnywhereChoosesThePoolWithTheMostRoomOverTheInterval) {
  Ledger l(Headroom(0));
  ASSERT_TRUE(l.AddPool({1, "A", "H100"}).ok());
  ASSERT_TRUE(l.AddPool({2, "B", "H100"}).ok());
  ASSERT_TRUE(l.AddPool({3, "C", "B200"}).ok());
  ASSERT_TRUE(l.AddCapacity({1, D("2026-01-01"), 1000}).ok());
  ASSERT_TRUE(l.AddCapacity({2, D("2026-01-01"), 600}).ok());
  ASSERT_TRUE(l.AddCapacity({3, D("2026-01-01"), 5000}).ok());
  // A has more room in 2026 but a 900-GPU promise from 2027.
  ASSERT_TRUE(l.AddPromise({1, 1, 900, D("2027-01-01"), 0, PromiseState::kCommitted}).ok());
  ComputePromise p{50, "H100", "", D("2026-06-01"), 0};
  auto pool = l.Place(p);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  EXPECT_EQ(*pool, 2);  // B: min free 550 vs A: min free 50
  p.end_day = D("2026-12-01");  // before A's big promise: A has more room
  EXPECT_EQ(*l.Place(p), 1);
  p.site = "A";
  p.end_day = 0;
  p.gpus = 101;
  auto refused = l.Place(p);
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_EQ(refused.status().message(), "short by 1 H100-eq at site A (H100) from 2027-01-01");
  p.site = "";
  p.gpus = 700;
  refused = l.Place(p);
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_EQ(refused.status().message(),
            "short by 100 H100-eq at site B (H100) from 2026-06-01 (the H100 pool with the most room)");
  EXPECT_EQ(l.Place({1, "H200", "", 0, 0}).status().message(), "compute.gpu_type: no H200 pool in the fleet");
  EXPECT_EQ(l.Place({1, "H100", "Z", 0, 0}).status().message(), "compute.site: no H100 pool at site Z");
  EXPECT_EQ(l.Place({1, "TPU", "", 0, 0}).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(l.Place({0, "H100", "", 0, 0}).status().message(), "compute.gpus must be > 0");
}

TEST(LedgerTest, VerifyNamesEachOvercommittedPoolEarliestFirst) {
  Ledger l(Headroom(0));
  ASSERT_TRUE(l.AddPool({1, "A", "H100"}).ok());
  ASSERT_TRUE(l.AddPool({2, "B", "H100"}).ok());
  ASSERT_TRUE(l.AddCapacity({1, 100, 10}).ok());
  ASSERT_TRUE(l.AddCapacity({2, 100, 10}).ok());
  ASSERT_TRUE(l.AddCapacity({2, 200, -5}).ok());
  ASSERT_TRUE(l.AddPromise({1, 1, 10, 100, 0, PromiseState::kCommitted}).ok());
  ASSERT_TRUE(l.AddPromise({2, 2, 8, 150, 0, PromiseState::kReserved}).ok());
  ASSERT_TRUE(l.AddCapacity({1, 300, -1}).ok());
  auto v = l.Verify();
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].pool_id, 2);
  EXPECT_EQ(v[0].day, 200);
  EXPECT_EQ(v[0].short_gpus, 3);
  EXPECT_EQ(v[1].pool_id, 1);
  EXPECT_EQ(v[1].day, 300);
  EXPECT_EQ(v[1].short_gpus, 1);
  auto neg = l.FirstNegativeCapacity();
  EXPECT_FALSE(neg);
  ASSERT_TRUE(l.AddCapacity({2, 250, -6}).ok());
  neg = l.FirstNegativeCapacity();
  ASSERT_TRUE(neg);
  EXPECT_EQ(neg->first, 2);
  EXPECT_EQ(neg->second, 250);
}

TEST(LedgerTest, RefusesUnknownTypesAndDuplicatePools) {
  Ledger l(Headroom(0));
  EXPECT_EQ(l.AddPool({1, "A", "TPU"}).code(), StatusCode::kInvalidInput);
  ASSERT_TRUE(l.AddPool({1, "A", "H100"}).ok());
  EXPECT_EQ(l.AddPool({1, "B", "H100"}).code(), StatusCode::kConflict);
  EXPECT_EQ(l.AddPool({2, "A", "H100"}).code(), StatusCode::kConflict);
  EXPECT_EQ(l.AddCapacity({9, 0, 1}).code(), StatusCode::kNotFound);
}

// ---- property test: the sweep against a day-by-day oracle

struct World {
  std::int32_t headroom = 0;
  std::vector<Pool> pools;
  std::vector<CapacityChange> caps;
  std::vector<PlacedPromise> promises;
  std::int32_t horizon = 0;  // every event day < horizon
};

// Slack (milli-GPUs) of `pool` on `day` with `extra` more GPUs, summing every row.
std::int64_t OracleSlack(const World& w, std::int64_t pool, std::int32_t day, std::int64_t extra) {
  std::int64_t cap = 0, used = extra;
  for (const CapacityChange& c : w.caps)
    if (c.pool_id == pool && c.day <= day) cap += c.delta_gpus;
  for (const PlacedPromise& p : w.promises)
    if (p.pool_id == pool && p.state != PromiseState::kReleased && p.start_day <= day &&
        (p.end_day == 0 || day < p.end_day))
      used += p.gpus;
  return cap * (1000 - w.headroom) - used * 1000;
}

struct OracleAnswer {
  std::optional<std::int32_t> day;
  std::int64_t short_gpus = 0;
  std::int64_t min_slack = std::numeric_limits<std::int64_t>::max();
};

OracleAnswer Oracle(const World& w, std::int64_t pool, std::int64_t extra, std::int32_t start, std::int32_t end) {
  OracleAnswer a;
  const std::int32_t stop = end == 0 ? w.horizon : end;
  for (std::int32_t d = start; d < stop; ++d) {
    const std::int64_t slack = OracleSlack(w, pool, d, extra);
    a.min_slack = std::min(a.min_slack, slack);
    if (slack < 0 && !a.day) {
      a.day = d;
      a.short_gpus = (-slack + 999) / 1000;
    }
  }
  return a;
}

World RandomWorld(std::mt19937_64& rng) {
  auto uni = [&](std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng); };
  World w;
  w.headroom = static_cast<std::int32_t>(uni(0, 3) == 0 ? 0 : uni(0, 300));
  w.horizon = 320;
  const int pools = static_cast<int>(uni(1, 4));
  const char* types[] = {"H100", "B200", "A100"};
  for (int i = 0; i < pools; ++i)
    w.pools.push_back({10 + i, std::string(1, static_cast<char>('A' + i)), types[uni(0, 2)]});
  for (const Pool& p : w.pools) {
    const int n = static_cast<int>(uni(0, 6));
    for (int i = 0; i < n; ++i)
      w.caps.push_back({p.id, static_cast<std::int32_t>(uni(0, 250)), uni(0, 4) == 0 ? -uni(1, 60) : uni(1, 200)});
  }
  const int n = static_cast<int>(uni(0, 14));
  for (int i = 0; i < n; ++i) {
    const std::int32_t start = static_cast<std::int32_t>(uni(0, 250));
    const std::int32_t end = uni(0, 2) == 0 ? 0 : static_cast<std::int32_t>(start + uni(1, 60));
    const auto state = static_cast<PromiseState>(uni(0, 2));
    w.promises.push_back({i + 1, w.pools[uni(0, pools - 1)].id, uni(1, 80), start, end, state});
  }
  return w;
}

TEST(LedgerPropertyTest, SweepAgreesWithTheDayByDayOracle) {
  std::mt19937_64 rng(20261206);
  for (int round = 0; round < 3000; ++round) {
    World w = RandomWorld(rng);
    Ledger l(Headroom(w.headroom));
    for (const Pool& p : w.pools) ASSERT_TRUE(l.AddPool(p).ok());
    // Insertion order must not matter: shuffle the rows.
    std::shuffle(w.caps.begin(), w.caps.end(), rng);
    for (const CapacityChange& c : w.caps) ASSERT_TRUE(l.AddCapacity(c).ok());
    for (const PlacedPromise& p : w.promises) ASSERT_TRUE(l.AddPromise(p).ok());

    // Verify: the first short day per pool, and its shortfall.
    std::vector<Shortfall> expected;
    for (const Pool& p : w.pools) {
      OracleAnswer a = Oracle(w, p.id, 0, 0, 0);
      if (a.day) expected.push_back({p.id, p.site, p.gpu_type, *a.day, a.short_gpus, 0});
    }
    std::sort(expected.begin(), expected.end(), [](const Shortfall& a, const Shortfall& b) {
      return a.day != b.day ? a.day < b.day : a.pool_id < b.pool_id;
    });
    auto got = l.Verify();
    ASSERT_EQ(got.size(), expected.size()) << "round " << round;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].pool_id, expected[i].pool_id) << "round " << round;
      EXPECT_EQ(got[i].day, expected[i].day) << "round " << round;
      EXPECT_EQ(got[i].short_gpus, expected[i].short_gpus) << "round " << round;
    }

    // One offer check in each pool, and placing it anywhere.
    std::uniform_int_distribution<std::int32_t> day(0, 260);
    const std::int32_t start = day(rng);
    const std::int32_t end = rng() % 3 == 0 ? 0 : start + 1 + static_cast<std::int32_t>(rng() % 40);
    const std::int64_t gpus = 1 + static_cast<std::int64_t>(rng() % 120);
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> best;  // type -> (min slack, pool)
    for (const Pool& p : w.pools) {
      OracleAnswer a = Oracle(w, p.id, gpus, start, end);
      auto f = l.CheckFits(p.id, gpus, start, end);
      ASSERT_EQ(f.has_value(), a.day.has_value()) << "round " << round << " pool " << p.id;
      if (f) {
        EXPECT_EQ(f->day, *a.day) << "round " << round;
        EXPECT_EQ(f->short_gpus, a.short_gpus) << "round " << round;
      }
      auto it = best.find(p.gpu_type);
      if (it == best.end() || a.min_slack > it->second.first) best[p.gpu_type] = {a.min_slack, p.id};
    }
    for (const auto& [type, b] : best) {
      auto placed = l.Place({gpus, type, "", start, end});
      if (b.first >= 0) {
        ASSERT_TRUE(placed.ok()) << "round " << round << " " << placed.status().ToString();
        EXPECT_EQ(*placed, b.second) << "round " << round;
      } else {
        EXPECT_EQ(placed.status().code(), StatusCode::kConflict) << "round " << round;
      }
    }
  }
}

}  // namespace
}  // namespace st::compute
