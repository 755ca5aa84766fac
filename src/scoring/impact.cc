#include "scoring/impact.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "base/names.h"
#include "corpus/work_record.h"
#include "scoring/quality.h"

namespace st::scoring {
namespace {

// Flagship venues by family: any of the spellings (folded, as a word or a
// phrase) names the family. The first spelling is the family's label.
struct Family {
  const char* key;
  const char* label;
  std::array<const char*, 3> spellings;
};
constexpr Family kFamilies[] = {
    {"neurips", "NeurIPS", {"neurips", "nips", "neural information processing systems"}},
    {"icml", "ICML", {"icml", "international conference on machine learning", nullptr}},
    {"iclr", "ICLR", {"iclr", "international conference on learning representations", nullptr}},
    {"cvpr", "CVPR", {"cvpr", "computer vision and pattern recognition", nullptr}},
    {"iccv", "ICCV", {"iccv", "international conference on computer vision", nullptr}},
    {"eccv", "ECCV", {"eccv", "european conference on computer vision", nullptr}},
    {"emnlp", "EMNLP", {"emnlp", "empirical methods in natural language processing", nullptr}},
    {"naacl", "NAACL", {"naacl", "north american chapter of the association for computational linguistics",
                        nullptr}},
    {"acl", "ACL", {"acl", "annual meeting of the association for computational linguistics", nullptr}},
    {"aaai", "AAAI", {"aaai", nullptr, nullptr}},
    {"ijcai", "IJCAI", {"ijcai", "international joint conference on artificial intelligence", nullptr}},
    {"colm", "COLM", {"colm", "conference on language modeling", nullptr}},
    {"corl", "CoRL", {"corl", "conference on robot learning", nullptr}},
    {"jmlr", "JMLR", {"jmlr", "journal of machine learning research", nullptr}},
    {"tpami", "TPAMI", {"tpami", "pattern analysis and machine intelligence", nullptr}},
};

bool HasWordOrPhrase(const std::string& folded, std::string_view w) {
  for (size_t at = folded.find(w); at != std::string::npos; at = folded.find(w, at + 1)) {
    const bool left = at == 0 || folded[at - 1] == ' ';
    const size_t end = at + w.size();
    const bool right = end == folded.size() || folded[end] == ' ' || (folded[end] >= '0' && folded[end] <= '9');
    if (left && right) return true;
  }
  return false;
}

const Family* FamilyOf(const std::string& folded) {
  // NAACL before ACL: "north american chapter of the association..." holds ACL's phrase.
  for (const Family& f : kFamilies)
    for (const char* s : f.spellings)
      if (s != nullptr && HasWordOrPhrase(folded, s)) return &f;
  return nullptr;
}

std::string Ordinal(int n) {
  const char* suffix = "th";
  if (n % 100 < 11 || n % 100 > 13) {
    if (n % 10 == 1) suffix = "st";
    else if (n % 10 == 2) suffix = "nd";
    else if (n % 10 == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

std::string PercentileText(float p) {
  return Ordinal(std::clamp(static_cast<int>(std::floor(p * 100)), 0, 99)) + " percentile";
}

constexpr const char* kTierNames[] = {"papers with no decision given", "posters (accepted papers)", "spotlights",
                                      "orals", "award papers"};
constexpr const char* kRatingNames[] = {"", "rated in the bottom quarter", "rated in the second quarter",
                                        "rated in the third quarter", "rated in the top quarter"};
constexpr uint32_t kTiers = 5, kRatingBins = 5, kTeamBins = kTeamRecordBands;
// Cells: tier x rating bin, then each tier alone, then everything; then, for
// works whose authors have a counted track record, tier x rating bin x team
// band and tier x team band.
constexpr uint32_t kTierCell = kTiers * kRatingBins, kAllCell = kTierCell + kTiers;
constexpr uint32_t kTeamRatingCell = kAllCell + 1, kTeamCell = kTeamRatingCell + kTiers * kRatingBins * kTeamBins;
constexpr uint32_t kCells = kTeamCell + kTiers * kTeamBins;
uint32_t TeamRatingCell(uint32_t tier, uint32_t rating_bin, uint32_t team_bin) {
  return kTeamRatingCell + (tier * kRatingBins + rating_bin) * kTeamBins + (team_bin - 1);
}
uint32_t TeamCell(uint32_t tier, uint32_t team_bin) { return kTeamCell + tier * kTeamBins + (team_bin - 1); }
// Then, per venue family with known works, tier x (no team band, then each band).
constexpr uint32_t kFamilyCells = kTiers * (1 + kTeamBins);
uint32_t FamilyCell(uint32_t family, uint32_t tier, uint32_t team_bin) {
  return kCells + family * kFamilyCells + tier * (1 + kTeamBins) + team_bin;
}

std::string_view StatusWord(uint8_t status) {
  switch (static_cast<corpus::PaperStatus>(status)) {
    case corpus::PaperStatus::kPoster: return "poster";
    case corpus::PaperStatus::kSpotlight: return "spotlight";
    case corpus::PaperStatus::kOral: return "oral";
    case corpus::PaperStatus::kAward: return "award";
    case corpus::PaperStatus::kReject: return "rejected";
    case corpus::PaperStatus::kWithdrawn: return "withdrawn";
    case corpus::PaperStatus::kUnknown: break;
  }
  return "no decision given";
}

// Status tiers as evidence of selection: a status that most of its venue-year's
// accepted papers carry selects nothing (ICML 2018 and 2019 list every paper as
// an oral), so there it counts as tier 1, accepted (venue-years of at least
// kMinCohort accepted papers; a smaller one is too few to tell).
std::vector<uint8_t> SelectiveTiers(const graph::GraphView& view, const std::vector<uint32_t>& work_family) {
  const uint32_t nw = view.num_works();
  std::map<std::pair<uint32_t, int>, std::array<uint32_t, kTiers>> per_venue_year;  // accepted works per tier
  std::vector<uint8_t> tiers(nw);
  for (graph::WorkId w = 0; w < nw; ++w) {
    tiers[w] = StatusTier(view.Work(w));
    if (IsAccepted(view.Work(w))) ++per_venue_year[{work_family[w], view.Work(w).year}][tiers[w]];
  }
  for (graph::WorkId w = 0; w < nw; ++w) {
    if (tiers[w] < 2) continue;
    const auto& n = per_venue_year[{work_family[w], view.Work(w).year}];
    uint32_t accepted = 0;
    for (uint32_t x : n) accepted += x;
    if (accepted >= kMinCohort && 2 * n[tiers[w]] > accepted) tiers[w] = 1;
  }
  return tiers;
}

}  // namespace

CohortTail FitTail(std::span<const int32_t> sorted) {
  CohortTail tail;
  const size_t n = sorted.size();
  if (n < kMinCohort) return tail;
  tail.anchor = sorted[std::min(n - 1, n * 99 / 100)];
  tail.top_tenth = sorted[n * 9 / 10];
  if (tail.top_tenth < 1 || tail.anchor <= tail.top_tenth) return tail;
  // Hill estimator over the counts at or above the top-tenth threshold.
  double logs = 0;
  size_t k = 0;
  for (size_t i = n * 9 / 10; i < n; ++i, ++k) logs += std::log(static_cast<double>(sorted[i]) / tail.top_tenth);
  if (logs <= 0) return tail;
  tail.alpha = static_cast<float>(static_cast<double>(k) / logs);
  // The anchor's own mid-rank value, so the tail continues the percentile scale.
  const auto lo = std::lower_bound(sorted.begin(), sorted.end(), tail.anchor);
  const auto hi = std::upper_bound(lo, sorted.end(), tail.anchor);
  const double p = (static_cast<double>(lo - sorted.begin()) + 0.5 * static_cast<double>(hi - lo)) / static_cast<double>(n);
  tail.anchor_value = ImpactValue(static_cast<float>(p));
  return tail;
}

float TailValue(const CohortTail& tail, float percentile, int32_t count) {
  const float v = ImpactValue(percentile);
  if (tail.alpha <= 0 || count <= tail.anchor) return v;
  return std::max(v, tail.anchor_value + tail.alpha * static_cast<float>(std::log(static_cast<double>(count) / tail.anchor)));
}

std::string VenueFamily(std::string_view venue_name) {
  std::string folded = FoldText(venue_name);
  if (folded.empty()) return {};
  if (const Family* f = FamilyOf(folded)) return f->key;
  // Other venues: the folded name without year tokens ("Some Journal 2019").
  std::string out;
  size_t i = 0;
  while (i < folded.size()) {
    size_t j = folded.find(' ', i);
    if (j == std::string::npos) j = folded.size();
    std::string_view tok(folded.data() + i, j - i);
    const bool year = tok.size() == 4 && std::all_of(tok.begin(), tok.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!year) {
      if (!out.empty()) out += ' ';
      out += tok;
    }
    i = j + 1;
  }
  return out;
}

float ImpactValue(float percentile) {
  const float p = std::clamp(percentile, 0.0f, 0.999f);
  return -std::log1p(-p);
}

uint8_t StatusTier(const graph::WorkInfo& w) {
  switch (static_cast<corpus::PaperStatus>(w.status)) {
    case corpus::PaperStatus::kPoster: return 1;
    case corpus::PaperStatus::kSpotlight: return 2;
    case corpus::PaperStatus::kOral: return 3;
    case corpus::PaperStatus::kAward: return 4;
    default: return 0;
  }
}

std::vector<float> TeamRecords(const graph::GraphView& view, std::span<const format::WorkImpact> impact) {
  const uint32_t nw = view.num_works();
  const auto known = [&](graph::WorkId w) { return impact[w].kind == static_cast<uint8_t>(format::ImpactKind::kKnown); };
  std::vector<double> author_sum(view.num_authors(), 0);
  std::vector<uint32_t> author_n(view.num_authors(), 0);
  for (graph::WorkId w = 0; w < nw; ++w) {
    if (!known(w)) continue;
    for (const auto& slot : view.WorkAuthors(w)) {
      author_sum[slot.author] += impact[w].percentile;
      ++author_n[slot.author];
    }
  }
  std::vector<float> team(nw, -1.0f);
  for (graph::WorkId w = 0; w < nw; ++w) {
    const bool own = known(w);
    double sum = 0;
    uint64_t n = 0;
    for (const auto& slot : view.WorkAuthors(w)) {  // leave this work out
      sum += author_sum[slot.author] - (own ? impact[w].percentile : 0.0);
      n += author_n[slot.author] - (own ? 1 : 0);
    }
    if (n >= kMinTeamRecord) team[w] = static_cast<float>(std::clamp(sum / static_cast<double>(n), 0.0, 1.0));
  }
  return team;
}

ImpactTables ComputeImpact(const graph::GraphView& view) {
  const uint32_t nw = view.num_works();
  ImpactTables t;
  t.works.assign(nw, format::WorkImpact{});

  // Venue family per venue, and a label for each family (its first spelling seen).
  std::vector<std::string> family_of_venue(view.num_venues());
  std::unordered_map<std::string, std::string> family_label;
  for (graph::VenueId v = 0; v < view.num_venues(); ++v) {
    std::string fam = VenueFamily(view.VenueName(v));
    const Family* known = FamilyOf(FoldText(view.VenueName(v)));
    family_label.emplace(fam, known ? std::string(known->label) : std::string(view.VenueName(v)));
    family_of_venue[v] = std::move(fam);
  }
  auto family = [&](const graph::WorkInfo& w) -> const std::string& {
    static const std::string kNoVenue;
    return w.venue < family_of_venue.size() ? family_of_venue[w.venue] : kNoVenue;
  };

  // 1. Known counts: each (work, source) against its cohort's counts. A
  // venue-year cohort with fewer than kMinCohort counts is measured against
  // all counts of that year and source instead, then against the source's.
  struct Entry {
    graph::WorkId work;
    uint8_t source;
    int32_t count;
  };
  std::vector<Entry> entries;
  using FineKey = std::tuple<std::string, int, uint8_t>;  // (family, year, source)
  std::map<FineKey, std::vector<int32_t>> fine;
  std::map<std::pair<int, uint8_t>, std::vector<int32_t>> by_year;
  std::map<uint8_t, std::vector<int32_t>> by_source;
  for (graph::WorkId w = 0; w < nw; ++w) {
    const graph::WorkInfo& info = view.Work(w);
    for (const graph::CitationCount& c : view.WorkCitationCounts(w)) {
      entries.push_back({w, c.source, c.count});
      fine[{family(info), int{info.year}, c.source}].push_back(c.count);
      by_year[{int{info.year}, c.source}].push_back(c.count);
      by_source[c.source].push_back(c.count);
    }
  }
  for (auto& [k, v] : fine) std::sort(v.begin(), v.end());
  for (auto& [k, v] : by_year) std::sort(v.begin(), v.end());
  for (auto& [k, v] : by_source) std::sort(v.begin(), v.end());
  // Mid-rank percentile of c in a sorted reference.
  auto mid_rank = [](const std::vector<int32_t>& ref, int32_t c) {
    const auto lo = std::lower_bound(ref.begin(), ref.end(), c), hi = std::upper_bound(lo, ref.end(), c);
    return static_cast<float>((static_cast<double>(lo - ref.begin()) + 0.5 * static_cast<double>(hi - lo)) /
                              static_cast<double>(ref.size()));
  };
  std::map<std::tuple<int, std::string, int, uint8_t>, uint32_t> cohort_ids;  // (level, family, year, source)
  std::vector<CohortTail> tails;  // per cohort
  std::vector<float> sum_v(nw, 0);
  std::vector<float> sum_p(nw, 0);
  std::vector<uint8_t> n_p(nw, 0);
  for (const Entry& e : entries) {
    const graph::WorkInfo& info = view.Work(e.work);
    const std::string& fam = family(info);
    const int year = info.year;
    const std::vector<int32_t>* ref = &fine[{fam, year, e.source}];
    std::tuple<int, std::string, int, uint8_t> key{0, fam, year, e.source};
    if (ref->size() < kMinCohort) {
      ref = &by_year[{year, e.source}];
      key = {1, std::string(), year, e.source};
      if (ref->size() < kMinCohort) {
        ref = &by_source[e.source];
        key = {2, std::string(), 0, e.source};
      }
    }
    auto [it, inserted] = cohort_ids.emplace(key, static_cast<uint32_t>(t.cohort_labels.size()));
    if (inserted) {
      const char* src = corpus::CitationSourceName(static_cast<corpus::CitationSource>(e.source));
      const int level = std::get<0>(key);
      std::string name = fam.empty() ? std::string("no-venue") : family_label[fam];
      t.cohort_labels.push_back(level == 0   ? fmt::format("{} {} papers counted by {}", name, year, src)
                                : level == 1 ? fmt::format("{} papers of all venues counted by {}", year, src)
                                             : fmt::format("papers of all years counted by {}", src));
      t.cohort_sizes.push_back(static_cast<uint32_t>(ref->size()));
      tails.push_back(FitTail(*ref));
      if (const CohortTail& tail = tails.back(); tail.alpha > 0)
        t.cohort_labels.back() += fmt::format(
            "{}above its 99th-percentile count {} the value grows as {:.2f} + {:.2f} ln(count / {}): a Pareto tail "
            "fitted to its top tenth (from {} citations)",
            kTailSeparator, tail.anchor, tail.anchor_value, tail.alpha, tail.anchor, tail.top_tenth);
    }
    const uint32_t cohort = it->second;
    const float p = mid_rank(*ref, e.count);
    sum_p[e.work] += p;
    sum_v[e.work] += TailValue(tails[cohort], p, e.count);
    ++n_p[e.work];
    // A work counted by several sources: the mean percentile; its basis the largest cohort.
    format::WorkImpact& wi = t.works[e.work];
    if (n_p[e.work] == 1 || t.cohort_sizes[cohort] > t.cohort_sizes[wi.basis]) wi.basis = cohort;
  }

  // 2. Rating quarter of each rated work within its venue-year.
  std::map<std::pair<std::string, int>, std::vector<std::pair<float, graph::WorkId>>> rated;
  for (graph::WorkId w = 0; w < nw; ++w) {
    const graph::WorkInfo& info = view.Work(w);
    if (info.rating_avg >= 0) rated[{family(info), info.year}].push_back({info.rating_avg, w});
  }
  for (auto& [key, list] : rated) {
    std::sort(list.begin(), list.end());
    const double n = static_cast<double>(list.size());
    for (size_t i = 0; i < list.size();) {
      size_t j = i;
      while (j < list.size() && list[j].first == list[i].first) ++j;
      const double mid = (static_cast<double>(i) + 0.5 * static_cast<double>(j - i)) / n;
      const auto bin = static_cast<uint8_t>(1 + std::min(3, static_cast<int>(mid * 4)));
      for (size_t k = i; k < j; ++k) t.works[list[k].second].rating_bin = bin;
      i = j;
    }
  }

  // 3. Known works: percentile and value.
  for (graph::WorkId w = 0; w < nw; ++w) {
    format::WorkImpact& wi = t.works[w];
    if (n_p[w] > 0) {
      wi.percentile = sum_p[w] / static_cast<float>(n_p[w]);
      wi.value = sum_v[w] / static_cast<float>(n_p[w]);
      wi.kind = static_cast<uint8_t>(format::ImpactKind::kKnown);
    }
    if (!IsAccepted(view.Work(w))) {
      wi.kind = static_cast<uint8_t>(format::ImpactKind::kNotCounted);
      wi.value = 0;
    }
  }
  const std::vector<float> team = TeamRecords(view, t.works);
  {
    std::vector<float> known_teams;
    for (graph::WorkId w = 0; w < nw; ++w)
      if (team[w] >= 0 && t.works[w].kind == static_cast<uint8_t>(format::ImpactKind::kKnown))
        known_teams.push_back(team[w]);
    std::sort(known_teams.begin(), known_teams.end());
    t.team_cuts.resize(kTeamBins - 1);
    for (uint32_t q = 1; q < kTeamBins; ++q)
      t.team_cuts[q - 1] = known_teams.empty() ? static_cast<float>(q) / kTeamBins
                                               : known_teams[known_teams.size() * q / kTeamBins];
    for (graph::WorkId w = 0; w < nw; ++w) {
      if (team[w] < 0 || !IsAccepted(view.Work(w))) continue;
      t.works[w].team_bin = static_cast<uint8_t>(
          1 + std::count_if(t.team_cuts.begin(), t.team_cuts.end(), [&](float x) { return team[w] >= x; }));
      t.works[w].team_percent = static_cast<uint8_t>(std::clamp(static_cast<int>(std::floor(team[w] * 100)), 0, 99));
    }
  }
  // Estimate cells learn from the accepted known works.
  // Venue families by index (for the family cells), in order of first use.
  std::unordered_map<std::string, uint32_t> family_index;
  std::vector<std::string> family_names;
  std::vector<uint32_t> work_family(nw, UINT32_MAX);
  for (graph::WorkId w = 0; w < nw; ++w) {
    const std::string& fam = family(view.Work(w));
    if (fam.empty()) continue;
    auto [it, inserted] = family_index.emplace(fam, static_cast<uint32_t>(family_names.size()));
    if (inserted) family_names.push_back(family_label[fam]);
    work_family[w] = it->second;
  }
  const uint32_t num_cells = kCells + static_cast<uint32_t>(family_names.size()) * kFamilyCells;
  const std::vector<uint8_t> tiers = SelectiveTiers(view, work_family);
  std::vector<double> cell_p(num_cells, 0), cell_v(num_cells, 0);
  std::vector<uint32_t> cell_n(num_cells, 0);
  for (graph::WorkId w = 0; w < nw; ++w) {
    const format::WorkImpact& wi = t.works[w];
    if (wi.kind != static_cast<uint8_t>(format::ImpactKind::kKnown)) continue;
    const uint32_t tier = tiers[w];
    auto learn = [&](uint32_t c) {
      cell_p[c] += wi.percentile;
      cell_v[c] += wi.value;
      ++cell_n[c];
    };
    for (uint32_t c : {tier * kRatingBins + wi.rating_bin, kTierCell + tier, kAllCell}) learn(c);
    if (wi.team_bin > 0) {
      learn(TeamRatingCell(tier, wi.rating_bin, wi.team_bin));
      learn(TeamCell(tier, wi.team_bin));
    }
    if (work_family[w] != UINT32_MAX) {
      learn(FamilyCell(work_family[w], tier, 0));
      if (wi.team_bin > 0) learn(FamilyCell(work_family[w], tier, wi.team_bin));
    }
  }
  t.cells.resize(num_cells);
  t.cell_labels.resize(num_cells);
  for (uint32_t c = 0; c < num_cells; ++c) {
    format::EstimateCell& cell = t.cells[c];
    cell.n = cell_n[c];
    cell.mean_percentile = cell.n ? static_cast<float>(cell_p[c] / cell.n) : 0.5f;
    cell.mean_value = cell.n ? static_cast<float>(cell_v[c] / cell.n) : ImpactValue(0.5f);
    auto rated = [](uint32_t tier, uint32_t bin) {
      return std::string(kTierNames[tier]) + (bin ? std::string(" ") + kRatingNames[bin] + " of their venue-year"
                                                  : std::string(" without review ratings"));
    };
    auto by_team = [&](uint32_t team_bin) {
      const float lo = team_bin > 1 ? t.team_cuts[team_bin - 2] : 0.0f;
      const float hi = team_bin < kTeamBins ? t.team_cuts[team_bin - 1] : 1.0f;
      const std::string band = team_bin == kTeamBins ? std::string("the top tenth")
                               : team_bin == 1       ? std::string("the bottom tenth")
                                                     : fmt::format("tenth {} of {}", team_bin, kTeamBins);
      return fmt::format(" by teams whose other counted papers average the {} to {} percentile ({} of track records)",
                         Ordinal(static_cast<int>(std::floor(lo * 100))),
                         team_bin < kTeamBins ? Ordinal(static_cast<int>(std::floor(hi * 100))) : std::string("100th"),
                         band);
    };
    if (c >= kCells) {
      const uint32_t i = (c - kCells) % kFamilyCells, tier = i / (1 + kTeamBins), team_bin = i % (1 + kTeamBins);
      t.cell_labels[c] = family_names[(c - kCells) / kFamilyCells] + " " + kTierNames[tier] +
                         (team_bin > 0 ? by_team(team_bin) : std::string());
    } else if (c < kTierCell) {
      t.cell_labels[c] = rated(c / kRatingBins, c % kRatingBins);
    } else if (c < kAllCell) {
      t.cell_labels[c] = kTierNames[c - kTierCell];
    } else if (c == kAllCell) {
      t.cell_labels[c] = "accepted papers";
    } else if (c < kTeamCell) {
      const uint32_t i = c - kTeamRatingCell, team_bin = i % kTeamBins + 1, tr = i / kTeamBins;
      t.cell_labels[c] = rated(tr / kRatingBins, tr % kRatingBins) + by_team(team_bin);
    } else {
      const uint32_t i = c - kTeamCell;
      t.cell_labels[c] = std::string(kTierNames[i / kTeamBins]) + by_team(i % kTeamBins + 1);
    }
  }
  // 4. Unknown counts: the most specific cell with enough known papers.
  for (graph::WorkId w = 0; w < nw; ++w) {
    format::WorkImpact& wi = t.works[w];
    if (n_p[w] > 0 || !IsAccepted(view.Work(w))) continue;
    const uint32_t tier = tiers[w];
    // Most specific first: the same venue family's papers of that status (by such teams), then as
    // above across venues; a venue family without known papers of that kind falls through.
    const uint32_t f = work_family[w];
    std::vector<uint32_t> chain;
    if (wi.team_bin > 0) {
      if (f != UINT32_MAX) chain.push_back(FamilyCell(f, tier, wi.team_bin));
      chain.insert(chain.end(), {TeamRatingCell(tier, wi.rating_bin, wi.team_bin), TeamCell(tier, wi.team_bin)});
    }
    if (f != UINT32_MAX) chain.push_back(FamilyCell(f, tier, 0));
    chain.insert(chain.end(), {tier * kRatingBins + wi.rating_bin, kTierCell + tier});
    uint32_t c = kAllCell;
    for (uint32_t x : chain) {
      if (t.cells[x].n >= kMinCell) {
        c = x;
        break;
      }
    }
    wi.kind = static_cast<uint8_t>(format::ImpactKind::kEstimated);
    wi.basis = c;
    wi.percentile = t.cells[c].mean_percentile;
    wi.value = t.cells[c].mean_value;
  }
  return t;
}

PositionFit FitPositionRecords(const graph::GraphView& view, std::span<const format::WorkImpact> impact) {
  const auto known = [&](graph::WorkId w) { return impact[w].kind == static_cast<uint8_t>(format::ImpactKind::kKnown); };
  std::vector<double> author_sum(view.num_authors(), 0);
  std::vector<uint32_t> author_n(view.num_authors(), 0);
  for (graph::WorkId w = 0; w < view.num_works(); ++w) {
    if (!known(w)) continue;
    for (const auto& slot : view.WorkAuthors(w)) {
      author_sum[slot.author] += impact[w].percentile;
      ++author_n[slot.author];
    }
  }
  // Normal equations of the four coefficients, augmented with X'y.
  double m[4][5] = {};
  PositionFit fit;
  for (graph::WorkId w = 0; w < view.num_works(); ++w) {
    if (!known(w) || view.WorkAuthors(w).size() != 3) continue;
    double x[4] = {1, -1, -1, -1};
    for (const auto& slot : view.WorkAuthors(w)) {
      const uint32_t others = author_n[slot.author] - 1;
      const auto p = static_cast<corpus::AuthorPosition>(slot.position);
      const int i = p == corpus::AuthorPosition::kFirst    ? 1
                    : p == corpus::AuthorPosition::kMiddle ? 2
                    : p == corpus::AuthorPosition::kLast   ? 3
                                                           : 0;
      if (others >= 2 && i > 0) x[i] = (author_sum[slot.author] - impact[w].percentile) / others;
    }
    if (x[1] < 0 || x[2] < 0 || x[3] < 0) continue;  // a record missing, or a position unknown or doubled
    for (int i = 0; i < 4; ++i) {
      for (int j = 0; j < 4; ++j) m[i][j] += x[i] * x[j];
      m[i][4] += x[i] * impact[w].percentile;
    }
    ++fit.papers;
  }
  if (fit.papers < 8) return fit;
  // Gaussian elimination with partial pivoting.
  for (int c = 0; c < 4; ++c) {
    int pivot = c;
    for (int r = c + 1; r < 4; ++r)
      if (std::abs(m[r][c]) > std::abs(m[pivot][c])) pivot = r;
    std::swap(m[c], m[pivot]);
    if (std::abs(m[c][c]) < 1e-12) return PositionFit{};
    for (int r = c + 1; r < 4; ++r) {
      const double f = m[r][c] / m[c][c];
      for (int j = c; j < 5; ++j) m[r][j] -= f * m[c][j];
    }
  }
  double b[4];
  for (int r = 3; r >= 0; --r) {
    double v = m[r][4];
    for (int j = r + 1; j < 4; ++j) v -= m[r][j] * b[j];
    b[r] = v / m[r][r];
  }
  fit.intercept = b[0], fit.first = b[1], fit.middle = b[2], fit.last = b[3];
  return fit;
}

std::string DescribeImpact(const format::WorkImpact& impact, const graph::WorkInfo& info,
                           std::span<const graph::CitationCount> counts, uint32_t cohort_size,
                           std::string_view cohort_label, const format::EstimateCell* cell,
                           std::string_view cell_label) {
  switch (static_cast<format::ImpactKind>(impact.kind)) {
    case format::ImpactKind::kKnown: {
      std::string out;
      for (const graph::CitationCount& c : counts) {
        if (!out.empty()) out += ", ";
        out += fmt::format("{} {}", corpus::CitationSourceName(static_cast<corpus::CitationSource>(c.source)),
                           c.count);
        if (c.as_of > 0) out += fmt::format(" (as of {:04d}-{:02d}-{:02d})", c.as_of / 10000, c.as_of / 100 % 100,
                                            c.as_of % 100);
      }
      const size_t cut = cohort_label.find(kTailSeparator);
      out += fmt::format(" citations: {} of {} {}", PercentileText(impact.percentile), cohort_size,
                         cohort_label.substr(0, cut));
      if (counts.size() > 1) out += " (mean over the sources)";
      // Beyond the cohort's resolution: the tail model that set the value.
      if (cut != std::string_view::npos && impact.value > ImpactValue(impact.percentile) + 1e-3f)
        out += fmt::format("; value {:.2f}: {}", impact.value, cohort_label.substr(cut + kTailSeparator.size()));
      return out;
    }
    case format::ImpactKind::kEstimated: {
      std::string out = "estimated " + PercentileText(impact.percentile) + ": no citation count; ";
      out += StatusWord(info.status);
      if (impact.rating_bin > 0)
        out += fmt::format(", rating {:.2f} ({} of its venue-year)", info.rating_avg, kRatingNames[impact.rating_bin]);
      if (impact.team_bin > 0)
        out += ", its authors' other counted papers average the " + PercentileText(impact.team_percent / 100.0f);
      if (cell != nullptr)
        out += fmt::format(" — known {} average the {} (n={})", cell_label, PercentileText(cell->mean_percentile),
                           cell->n);
      return out;
    }
    case format::ImpactKind::kNotCounted: break;
  }
  return std::string(StatusWord(info.status)) + ": not counted";
}

}  // namespace st::scoring
