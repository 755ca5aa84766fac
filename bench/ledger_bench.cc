// The compute ledger's over-commit check at the size — 50 pools
// (10 sites x 5 GPU types), 10,000 promises, a 5-year horizon — beside the
// same check written as ONE SQL query with window functions, on SQLite and
// on PostgreSQL, over the same rows in the same run.
//
//   ledger_bench SQLITE_FILE [POSTGRES_URL]     (prints one JSON line)
//
// Measured: the engine's per-offer check (Ledger::Place for a named site and
// for "anywhere", p50/p99 over 2,000 random offers), the whole-ledger Verify
// (median of 21), the whole ledger loaded from SQLite rows and verified (what
// `superteam ledger check` does), and the SQL peers: whole-ledger query and a
// per-offer query (one pool, the offer added as two events) on each back end.
// The SQL answers are compared with the engine's (first short day per pool).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compute/day.h"
#include "compute/ledger.h"
#include "store/sql.h"

namespace {

using namespace st;
using compute::Ledger;
using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// This thread's CPU time in ms: on a shared machine the wall clock also counts other processes' turns.
double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct Offer {
  std::int64_t pool_id;
  compute::ComputePromise promise;
};

struct Data {
  std::vector<compute::Pool> pools;
  std::vector<compute::CapacityChange> caps;
  std::vector<compute::PlacedPromise> promises;
  std::vector<Offer> offers;  // the candidate offers to check
  std::int64_t refused_while_building = 0;
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

Data Generate(int sites, int promises, int years, compute::ComputeSettings settings) {
  std::mt19937_64 rng(10'000);
  auto uni = [&](std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng); };
  const char* types[] = {"A100", "H100", "H200", "B200", "GB200"};
  const std::int32_t d0 = *compute::ParseDay("2026-01-01");
  const std::int32_t horizon = years * 365;
  Data d;
  Ledger ledger(settings);
  std::int64_t id = 1;
  for (int s = 0; s < sites; ++s)
    for (const char* t : types) {
      compute::Pool p{id++, "site-" + std::to_string(s), t};
      d.pools.push_back(p);
      (void)ledger.AddPool(p);
      const std::int64_t first = uni(20'000, 100'000);
      d.caps.push_back({p.id, static_cast<std::int32_t>(d0 - uni(0, 365)), first});
      // Three expansions and one retirement of part of the first hall, on random days.
      for (int k = 0; k < 4; ++k) {
        const auto day = static_cast<std::int32_t>(d0 + uni(0, horizon));
        d.caps.push_back({p.id, day, k == 3 ? -uni(1, first / 3) : uni(5'000, 40'000)});
      }
    }
  std::sort(d.caps.begin(), d.caps.end(), [](auto& a, auto& b) { return a.day < b.day; });
  for (const auto& c : d.caps) (void)ledger.AddCapacity(c);
  auto random_promise = [&](const compute::Pool& pool) {
    compute::ComputePromise p;
    p.gpus = std::min<std::int64_t>(8 << uni(0, 8), 2048);
    p.gpu_type = pool.gpu_type;
    p.site = pool.site;
    p.start_day = static_cast<std::int32_t>(d0 + uni(0, horizon - 200));
    p.end_day = uni(0, 9) < 3 ? 0 : static_cast<std::int32_t>(p.start_day + uni(180, 1460));
    return p;
  };
  std::int64_t pid = 1;
  for (std::int64_t attempts = 0; static_cast<int>(d.promises.size()) < promises && attempts < 50 * promises;
       ++attempts) {
    const compute::Pool& pool = d.pools[uni(0, static_cast<std::int64_t>(d.pools.size()) - 1)];
    compute::ComputePromise p = random_promise(pool);
    auto placed = ledger.Place(p);
    if (!placed.ok()) {
      ++d.refused_while_building;
      continue;
    }
    compute::PlacedPromise pp{pid++, *placed, p.gpus, p.start_day, p.end_day,
                              uni(0, 9) < 7 ? compute::PromiseState::kCommitted : compute::PromiseState::kReserved};
    d.promises.push_back(pp);
    (void)ledger.AddPromise(pp);
  }
  for (int i = 0; i < 2000; ++i) {
    const compute::Pool& pool = d.pools[uni(0, static_cast<std::int64_t>(d.pools.size()) - 1)];
    d.offers.push_back({pool.id, random_promise(pool)});
  }
  return d;
}

Ledger Build(const Data& d, const compute::ComputeSettings& s) {
  Ledger l(s);
  for (const auto& p : d.pools) (void)l.AddPool(p);
  for (const auto& c : d.caps) (void)l.AddCapacity(c);
  for (const auto& p : d.promises) (void)l.AddPromise(p);
  return l;
}

// ---- SQL peer

const char* kWholeQuery =
    "WITH ev AS ("
    "  SELECT pool_id, day, delta_gpus AS dcap, 0 AS dused FROM bench_capacity"
    "  UNION ALL SELECT pool_id, start_day, 0, gpus FROM bench_promises WHERE state <> 'released'"
    "  UNION ALL SELECT pool_id, end_day, 0, -gpus FROM bench_promises WHERE state <> 'released' AND end_day <> 0"
    "), daily AS (SELECT pool_id, day, SUM(dcap) AS dcap, SUM(dused) AS dused FROM ev GROUP BY pool_id, day"
    "), running AS (SELECT pool_id, day,"
    "  SUM(dcap) OVER (PARTITION BY pool_id ORDER BY day ROWS UNBOUNDED PRECEDING) AS cap,"
    "  SUM(dused) OVER (PARTITION BY pool_id ORDER BY day ROWS UNBOUNDED PRECEDING) AS used FROM daily"
    "), short AS (SELECT pool_id, day, used * 1000 - cap * (1000 - $1) AS short_milli,"
    "  ROW_NUMBER() OVER (PARTITION BY pool_id ORDER BY day) AS rn FROM running"
    "  WHERE used * 1000 > cap * (1000 - $1))"
    " SELECT pool_id, day, short_milli FROM short WHERE rn = 1 ORDER BY day, pool_id";

// One offer: its pool's events plus the offer's start and end; the first
// short day inside the offer's interval, if any.
const char* kOfferQuery =
    "WITH ev AS ("
    "  SELECT day, delta_gpus AS dcap, 0 AS dused FROM bench_capacity WHERE pool_id = $2"
    "  UNION ALL SELECT start_day, 0, gpus FROM bench_promises WHERE pool_id = $2 AND state <> 'released'"
    "  UNION ALL SELECT end_day, 0, -gpus FROM bench_promises WHERE pool_id = $2 AND state <> 'released'"
    "    AND end_day <> 0"
    "  UNION ALL SELECT $3, 0, $5"
    "  UNION ALL SELECT $4, 0, -$5 WHERE $4 <> 0"
    "), daily AS (SELECT day, SUM(dcap) AS dcap, SUM(dused) AS dused FROM ev GROUP BY day"
    "), running AS (SELECT day, SUM(dcap) OVER (ORDER BY day ROWS UNBOUNDED PRECEDING) AS cap,"
    "  SUM(dused) OVER (ORDER BY day ROWS UNBOUNDED PRECEDING) AS used FROM daily)"
    " SELECT day, used * 1000 - cap * (1000 - $1) FROM running"
    " WHERE day >= $3 AND ($4 = 0 OR day < $4) AND used * 1000 > cap * (1000 - $1) ORDER BY day LIMIT 1";

struct SqlResult {
  double load_ms = 0, whole_ms = 0, offer_p50_ms = 0, offer_p99_ms = 0;
  double load_cpu_ms = 0, whole_cpu_ms = 0;   // this process's CPU (all of SQLite's work; PostgreSQL's is elsewhere)
  double store_p50_ms = 0, store_p99_ms = 0;  // the offer's rows read + Ledger::Place
  double store_cpu_p50_ms = 0, store_cpu_p99_ms = 0;
  bool agrees = false;
  std::string error;
};

Status Fill(store::SqlConn& c, const Data& d) {
  ST_RETURN_IF_ERROR(c.ExecScript("DROP TABLE IF EXISTS bench_capacity; DROP TABLE IF EXISTS bench_promises; "
                                  "DROP TABLE IF EXISTS bench_pools"));
  ST_RETURN_IF_ERROR(c.ExecScript("CREATE TABLE bench_pools (id BIGINT PRIMARY KEY, site TEXT NOT NULL, "
                                  "gpu_type TEXT NOT NULL)"));
  ST_RETURN_IF_ERROR(c.ExecScript("CREATE TABLE bench_capacity (pool_id BIGINT NOT NULL, day INTEGER NOT NULL, "
                                  "delta_gpus BIGINT NOT NULL)"));
  ST_RETURN_IF_ERROR(c.ExecScript("CREATE TABLE bench_promises (id BIGINT PRIMARY KEY, pool_id BIGINT NOT NULL, "
                                  "gpus BIGINT NOT NULL, start_day INTEGER NOT NULL, end_day INTEGER NOT NULL, "
                                  "state TEXT NOT NULL)"));
  ST_RETURN_IF_ERROR(c.ExecScript("BEGIN"));
  for (const auto& p : d.pools) {
    store::SqlValue v[] = {p.id, p.site, p.gpu_type};
    ST_RETURN_IF_ERROR(c.Exec("INSERT INTO bench_pools VALUES ($1,$2,$3)", v));
  }
  for (const auto& cap : d.caps) {
    store::SqlValue v[] = {cap.pool_id, std::int64_t{cap.day}, cap.delta_gpus};
    ST_RETURN_IF_ERROR(c.Exec("INSERT INTO bench_capacity VALUES ($1,$2,$3)", v));
  }
  for (const auto& p : d.promises) {
    store::SqlValue v[] = {p.id, p.pool_id, p.gpus, std::int64_t{p.start_day}, std::int64_t{p.end_day},
                           std::string(compute::PromiseStateName(p.state))};
    ST_RETURN_IF_ERROR(c.Exec("INSERT INTO bench_promises VALUES ($1,$2,$3,$4,$5,$6)", v));
  }
  ST_RETURN_IF_ERROR(c.ExecScript("COMMIT"));
  ST_RETURN_IF_ERROR(c.ExecScript("CREATE INDEX bench_pools_type ON bench_pools(gpu_type, site)"));
  ST_RETURN_IF_ERROR(c.ExecScript("CREATE INDEX bench_capacity_pool ON bench_capacity(pool_id, day)"));
  ST_RETURN_IF_ERROR(c.ExecScript("CREATE INDEX bench_promises_pool ON bench_promises(pool_id, state)"));
  if (c.dialect() == store::Dialect::kSqlite) return c.ExecScript("ANALYZE");
  return c.ExecScript("ANALYZE bench_capacity; ANALYZE bench_promises");
}

SqlResult RunSql(store::SqlConn& c, const Data& d, const compute::ComputeSettings& s,
                 const std::vector<compute::Shortfall>& expected, int offers) {
  SqlResult r;
  if (Status st = Fill(c, d); !st.ok()) {
    r.error = st.ToString();
    return r;
  }
  store::SqlValue h[] = {std::int64_t{s.headroom_permille}};
  std::vector<double> whole, whole_cpu;
  std::vector<store::SqlRow> rows;
  for (int i = 0; i < 7; ++i) {
    auto t0 = Clock::now();
    const double c0 = ThreadCpuMs();
    auto q = c.Query(kWholeQuery, h);
    whole.push_back(Ms(Clock::now() - t0));
    whole_cpu.push_back(ThreadCpuMs() - c0);
    if (!q.ok()) {
      r.error = q.status().ToString();
      return r;
    }
    rows = std::move(*q);
  }
  r.whole_ms = Percentile(whole, 0.5);
  r.whole_cpu_ms = Percentile(whole_cpu, 0.5);
  r.agrees = rows.size() == expected.size();
  for (size_t i = 0; r.agrees && i < rows.size(); ++i)
    r.agrees = rows[i].Int(0) == expected[i].pool_id && rows[i].Int(1) == expected[i].day;
  // Loading the rows the engine needs (the store's LoadLedger) + its sweep.
  std::vector<double> load, load_cpu;
  for (int i = 0; i < 7; ++i) {
    auto t0 = Clock::now();
    const double c0 = ThreadCpuMs();
    Ledger l(s);
    for (const auto& p : d.pools) (void)l.AddPool(p);
    auto caps = c.Query("SELECT pool_id, day, delta_gpus FROM bench_capacity ORDER BY pool_id, day", {});
    auto prom = c.Query("SELECT id, pool_id, gpus, start_day, end_day, state FROM bench_promises "
                        "WHERE state <> 'released' ORDER BY pool_id, start_day",
                        {});
    if (!caps.ok() || !prom.ok()) {
      r.error = "load failed";
      return r;
    }
    for (const auto& row : *caps) (void)l.AddCapacity({row.Int(0), static_cast<std::int32_t>(row.Int(1)), row.Int(2)});
    for (const auto& row : *prom)
      (void)l.AddPromise({row.Int(0), row.Int(1), row.Int(2), static_cast<std::int32_t>(row.Int(3)),
                          static_cast<std::int32_t>(row.Int(4)),
                          compute::ParsePromiseState(row.Text(5)).value_or(compute::PromiseState::kReserved)});
    auto v = l.Verify();
    load.push_back(Ms(Clock::now() - t0));
    load_cpu.push_back(ThreadCpuMs() - c0);
    if (v.size() != expected.size()) r.agrees = false;
  }
  r.load_ms = Percentile(load, 0.5);
  r.load_cpu_ms = Percentile(load_cpu, 0.5);
  std::vector<double> per;
  for (int i = 0; i < offers && i < static_cast<int>(d.offers.size()); ++i) {
    const Offer& o = d.offers[i];
    store::SqlValue v[] = {std::int64_t{s.headroom_permille}, o.pool_id, std::int64_t{o.promise.start_day},
                           std::int64_t{o.promise.end_day}, o.promise.gpus};
    auto t0 = Clock::now();
    auto q = c.Query(kOfferQuery, v);
    per.push_back(Ms(Clock::now() - t0));
    if (!q.ok()) {
      r.error = q.status().ToString();
      return r;
    }
  }
  r.offer_p50_ms = Percentile(per, 0.5);
  r.offer_p99_ms = Percentile(per, 0.99);
  // What the store's ReserveCompute does per offer: read the rows of the offer's pool (a named site) or of
  // every pool of its GPU type ("anywhere"; every 4th offer here) with SqlStore::LoadLedger's JOINs, build a
  // Ledger, Place.
  std::vector<double> store_path, store_cpu;
  for (int i = 0; i < offers && i < static_cast<int>(d.offers.size()); ++i) {
    const Offer& o = d.offers[i];
    auto t0 = Clock::now();
    Ledger l(s);
    const double c0 = ThreadCpuMs();
    compute::ComputePromise promise = o.promise;
    if (i % 4 == 3) promise.site.clear();
    store::SqlValue t[] = {promise.gpu_type, promise.site};
    auto pools = c.Query("SELECT id, site, gpu_type FROM bench_pools WHERE ($1 = '' OR gpu_type = $1) AND "
                         "($2 = '' OR site = $2) ORDER BY id", t);
    auto caps = c.Query("SELECT f.pool_id, f.day, f.delta_gpus FROM bench_capacity f JOIN bench_pools p ON "
                        "p.id = f.pool_id WHERE ($1 = '' OR p.gpu_type = $1) AND ($2 = '' OR p.site = $2) "
                        "ORDER BY f.pool_id, f.day", t);
    auto prom = c.Query("SELECT c.id, c.pool_id, c.gpus, c.start_day, c.end_day, c.state FROM bench_promises c "
                        "JOIN bench_pools p ON p.id = c.pool_id WHERE c.state <> 'released' AND ($1 = '' OR "
                        "p.gpu_type = $1) AND ($2 = '' OR p.site = $2) ORDER BY c.pool_id, c.start_day", t);
    if (!pools.ok() || !caps.ok() || !prom.ok()) {
      r.error = "store-path load failed";
      return r;
    }
    for (const auto& row : *pools) (void)l.AddPool({row.Int(0), row.Text(1), row.Text(2)});
    for (const auto& row : *caps) (void)l.AddCapacity({row.Int(0), static_cast<std::int32_t>(row.Int(1)), row.Int(2)});
    for (const auto& row : *prom)
      (void)l.AddPromise({row.Int(0), row.Int(1), row.Int(2), static_cast<std::int32_t>(row.Int(3)),
                          static_cast<std::int32_t>(row.Int(4)),
                          compute::ParsePromiseState(row.Text(5)).value_or(compute::PromiseState::kReserved)});
    (void)l.Place(promise);
    store_path.push_back(Ms(Clock::now() - t0));
    store_cpu.push_back(ThreadCpuMs() - c0);
  }
  r.store_p50_ms = Percentile(store_path, 0.5);
  r.store_p99_ms = Percentile(store_path, 0.99);
  r.store_cpu_p50_ms = Percentile(store_cpu, 0.5);
  r.store_cpu_p99_ms = Percentile(store_cpu, 0.99);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: ledger_bench SQLITE_FILE [POSTGRES_URL]\n");
    return 2;
  }
  compute::ComputeSettings settings;  // 10% headroom, the documented factors
  const Data d = Generate(10, 10'000, 5, settings);

  auto t0 = Clock::now();
  Ledger ledger = Build(d, settings);
  const double build_ms = Ms(Clock::now() - t0);
  std::vector<double> verify;
  std::vector<compute::Shortfall> expected;
  for (int i = 0; i < 21; ++i) {
    auto t = Clock::now();
    expected = ledger.Verify();
    verify.push_back(Ms(Clock::now() - t));
  }
  std::vector<double> site, anywhere;
  std::int64_t refused = 0;
  for (const Offer& o : d.offers) {
    auto t = Clock::now();
    auto placed = ledger.Place(o.promise);
    site.push_back(Ms(Clock::now() - t));
    refused += placed.ok() ? 0 : 1;
    compute::ComputePromise any = o.promise;
    any.site.clear();
    t = Clock::now();
    (void)ledger.Place(any);
    anywhere.push_back(Ms(Clock::now() - t));
  }

  nlohmann::json out = {{"pools", d.pools.size()},
                        {"capacity_changes", d.caps.size()},
                        {"promises", d.promises.size()},
                        {"refused_while_building", d.refused_while_building},
                        {"offers_checked", d.offers.size()},
                        {"offers_refused", refused},
                        {"overcommitted_pools", expected.size()},
                        {"engine_build_ms", build_ms},
                        {"engine_verify_ms", Percentile(verify, 0.5)},
                        {"engine_offer_p50_ms", Percentile(site, 0.5)},
                        {"engine_offer_p99_ms", Percentile(site, 0.99)},
                        {"engine_anywhere_p99_ms", Percentile(anywhere, 0.99)}};
  auto peer = [&](const char* name, Result<std::unique_ptr<store::SqlConn>> conn) {
    if (!conn.ok()) {
      out[std::string(name) + "_error"] = conn.status().ToString();
      return;
    }
    SqlResult r = RunSql(**conn, d, settings, expected, 300);
    const std::string n = name;
    if (!r.error.empty()) {
      out[n + "_error"] = r.error;
      return;
    }
    out[n + "_whole_ms"] = r.whole_ms;
    out[n + "_offer_p50_ms"] = r.offer_p50_ms;
    out[n + "_offer_p99_ms"] = r.offer_p99_ms;
    out[n + "_load_and_verify_ms"] = r.load_ms;
    out[n + "_load_and_verify_cpu_ms"] = r.load_cpu_ms;
    out[n + "_whole_cpu_ms"] = r.whole_cpu_ms;
    out[n + "_store_offer_p50_ms"] = r.store_p50_ms;
    out[n + "_store_offer_p99_ms"] = r.store_p99_ms;
    out[n + "_store_offer_cpu_p50_ms"] = r.store_cpu_p50_ms;
    out[n + "_store_offer_cpu_p99_ms"] = r.store_cpu_p99_ms;
    out[n + "_agrees"] = r.agrees;
    out[n + "_whole_ratio"] = r.whole_ms / std::max(1e-6, Percentile(verify, 0.5));
    out[n + "_offer_p99_ratio"] = r.offer_p99_ms / std::max(1e-6, Percentile(site, 0.99));
  };
  peer("sqlite", store::OpenSqliteConn(argv[1], 0));
  if (argc > 2 && argv[2][0] != '\0') peer("postgres", store::OpenPostgresConn(argv[2]));
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
