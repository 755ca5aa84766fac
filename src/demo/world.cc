// How the demo world is grown. Everything draws from one sequential Rng so the
// world is a pure function of the options. The shapes aim at what makes the
// product's features interesting: heavy tails (log-normal talent times
// log-normal luck), groups (advisor -> students), chains (students become
// advisors), cross-lab collaborators, and moves between labs, more of them
// towards the big AI companies in later years.
#include "demo/world.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "demo/rng.h"
#include "demo/vocab.h"

namespace st::demo {
namespace {

constexpr int kNumYears = kLastYear - kFirstYear + 1;

float TopicHotness(const TopicInfo& t, int year) {
  float f = static_cast<float>(std::clamp(year, kFirstYear, kLastYear) - kFirstYear) / (kNumYears - 1);
  return t.hotness_2012 + (t.hotness_2025 - t.hotness_2012) * f;
}

// Draws an index with probability proportional to `cum` increments.
uint32_t PickCumulative(const std::vector<double>& cum, Rng& rng) {
  double u = rng.Uniform() * cum.back();
  auto it = std::upper_bound(cum.begin(), cum.end(), u);
  return static_cast<uint32_t>(std::min<size_t>(it - cum.begin(), cum.size() - 1));
}

uint8_t PickTopic(int year, Rng& rng) {
  auto topics = Topics();
  double total = 0;
  for (const auto& t : topics) total += TopicHotness(t, year);
  double u = rng.Uniform() * total;
  for (size_t i = 0; i < topics.size(); ++i) {
    u -= TopicHotness(topics[i], year);
    if (u < 0) return static_cast<uint8_t>(i);
  }
  return static_cast<uint8_t>(topics.size() - 1);
}

// A lab to join in `year`: big and prestigious labs attract more, talented
// people weigh prestige more, and the AI companies pull harder every year.
uint16_t PickLab(int year, float talent, int exclude, Rng& rng) {
  auto labs = Labs();
  double weights[64];
  double total = 0;
  for (size_t i = 0; i < labs.size(); ++i) {
    double w = 0;
    if (labs[i].founded <= year && static_cast<int>(i) != exclude) {
      w = labs[i].size * std::pow(labs[i].prestige, 1.0 + std::log1p(talent));
      if (labs[i].type == "company" && year > 2016) w *= 1.0 + 0.12 * (year - 2016);
    }
    weights[i] = w;
    total += w;
  }
  double u = rng.Uniform() * total;
  for (size_t i = 0; i < labs.size(); ++i) {
    u -= weights[i];
    if (u < 0 && weights[i] > 0) return static_cast<uint16_t>(i);
  }
  return 0;
}

// ORCID-shaped id in 0000-0000-…, a block ORCID has not issued, with a valid
// ISO 7064 MOD 11-2 check digit so validating readers accept it.
std::string MakeOrcid(uint32_t n) {
  char digits[16];
  uint64_t v = 1000000ull + n;  // 7 digits (n < 9M) after "00000000", then the check digit
  for (int i = 0; i < 8; ++i) digits[i] = '0';
  for (int i = 14; i >= 8; --i) digits[i] = static_cast<char>('0' + v % 10), v /= 10;
  int total = 0;
  for (int i = 0; i < 15; ++i) total = (total + (digits[i] - '0')) * 2;
  int check = (12 - total % 11) % 11;
  digits[15] = check == 10 ? 'X' : static_cast<char>('0' + check);
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i && i % 4 == 0) out += '-';
    out += digits[i];
  }
  return out;
}

std::string MakeName(Rng& rng) {
  auto first = FirstNames();
  auto last = LastNames();
  std::string name(first[rng.Below(static_cast<uint32_t>(first.size()))]);
  if (rng.Chance(0.4)) {
    name += ' ';
    name += static_cast<char>('A' + rng.Below(26));
    name += '.';
  }
  name += ' ';
  name += last[rng.Below(static_cast<uint32_t>(last.size()))];
  if (rng.Chance(0.08)) {  // double-barrelled surnames
    name += '-';
    name += last[rng.Below(static_cast<uint32_t>(last.size()))];
  }
  return name;
}

void MakePeople(World& world, Rng& rng) {
  const uint32_t n = world.options.authors;
  world.people.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    Person& p = world.people[i];
    p.name = MakeName(rng);
    int age = std::clamp(static_cast<int>(rng.LogNormal(std::log(7.0), 0.75)), 0, 35);
    p.start_year = static_cast<int16_t>(kLastYear - age);
    if (rng.Chance(0.08) && age >= 3) p.end_year = static_cast<int16_t>(p.start_year + rng.Between(2, age - 1));
    p.talent = static_cast<float>(rng.LogNormal(0, 0.9));
    p.productivity = static_cast<float>(rng.LogNormal(0, 0.6) * std::pow(p.talent, 0.3));
    p.topic = PickTopic(std::max<int>(p.start_year, kFirstYear), rng);
    p.topic2 = rng.Chance(0.5) ? p.topic : PickTopic(kLastYear, rng);
    if (rng.Chance(age < 12 ? 0.55 : 0.35)) p.orcid = MakeOrcid(i);
  }
}

// Advisors, first labs and moves. People are processed by start year so an
// advisor's career is known before their students join them.
void MakeCareers(World& world, Rng& rng) {
  const uint32_t n = world.options.authors;
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return world.people[a].start_year < world.people[b].start_year;
  });
  world.students.assign(n, {});
  size_t pool_end = 0;  // order[0, pool_end) started >= 6 years before the current person
  for (uint32_t i : order) {
    Person& p = world.people[i];
    while (pool_end < n && world.people[order[pool_end]].start_year <= p.start_year - 6) ++pool_end;
    // Tournament of four: talented, same-topic, still-active advisors win.
    if (pool_end > 0 && rng.Chance(0.85)) {
      double best = -1;
      for (int k = 0; k < 4; ++k) {
        uint32_t c = order[rng.Below(static_cast<uint32_t>(pool_end))];
        const Person& cand = world.people[c];
        if (!cand.ActiveIn(p.start_year)) continue;
        double score = cand.talent * (cand.topic == p.topic ? 3.0 : 1.0) * (1.0 + 0.2 * world.students[c].size());
        if (score > best) best = score, p.advisor = c;
      }
    }
    uint16_t lab;
    if (p.advisor != kNoPerson) {
      const Person& adv = world.people[p.advisor];
      lab = adv.LabIn(p.start_year);
      if (rng.Chance(0.8)) p.topic = adv.topic;
      world.students[p.advisor].push_back(i);
    } else {
      lab = PickLab(p.start_year, p.talent, -1, rng);
    }
    p.spells.push_back({p.start_year, lab});
    const int phd_years = rng.Between(4, 6);
    for (int y = p.start_year + 1; y <= p.end_year; ++y) {
      double move = (p.advisor != kNoPerson && y - p.start_year == phd_years) ? 0.7 : 0.05;
      if (rng.Chance(move)) {
        lab = PickLab(y, p.talent, lab, rng);
        p.spells.push_back({static_cast<int16_t>(y), lab});
      }
    }
  }
  // Cross-lab collaborators in the same field, symmetric.
  std::vector<std::vector<uint32_t>> by_topic(Topics().size());
  for (uint32_t i = 0; i < n; ++i) by_topic[world.people[i].topic].push_back(i);
  for (uint32_t i = 0; i < n; ++i) {
    const auto& peers = by_topic[world.people[i].topic];
    int k = rng.Poisson(0.8);
    for (int j = 0; j < k && peers.size() > 1; ++j) {
      uint32_t c = peers[rng.Below(static_cast<uint32_t>(peers.size()))];
      if (c == i) continue;
      world.people[i].collaborators.push_back(c);
      world.people[c].collaborators.push_back(i);
    }
  }
}

// The people active in one year, for drawing authors.
struct YearPool {
  std::vector<uint32_t> people;
  std::vector<double> cum_weight;               // first-author propensity
  std::vector<std::vector<uint32_t>> by_lab;    // lab -> active people
};

YearPool MakeYearPool(const World& world, int year) {
  YearPool pool;
  pool.by_lab.resize(Labs().size());
  double total = 0;
  for (uint32_t i = 0; i < world.people.size(); ++i) {
    const Person& p = world.people[i];
    if (!p.ActiveIn(year)) continue;
    // Juniors write more first-author papers; seniors appear as last authors.
    double w = p.productivity * (year - p.start_year < 7 ? 1.5 : 1.0);
    pool.people.push_back(i);
    pool.cum_weight.push_back(total += w);
    pool.by_lab[p.LabIn(year)].push_back(i);
  }
  return pool;
}

uint32_t PickActive(const World& world, const std::vector<uint32_t>& from, int year, Rng& rng) {
  for (int attempt = 0; attempt < 4 && !from.empty(); ++attempt) {
    uint32_t c = from[rng.Below(static_cast<uint32_t>(from.size()))];
    if (world.people[c].ActiveIn(year)) return c;
  }
  return kNoPerson;
}

void AddUnique(std::vector<uint32_t>& list, uint32_t person) {
  if (person == kNoPerson) return;
  if (std::find(list.begin(), list.end(), person) == list.end()) list.push_back(person);
}

// The author list of one work led by `lead` in `year`; returns true for a
// large company team paper.
bool MakeAuthors(const World& world, const YearPool& pool, uint32_t lead, int year, Rng& rng,
                 std::vector<uint32_t>& authors) {
  authors.clear();
  const Person& lp = world.people[lead];
  uint32_t first = lead, last = kNoPerson;
  const bool senior = year - lp.start_year >= 8;
  if (senior && !world.students[lead].empty() && rng.Chance(0.6)) {
    uint32_t s = PickActive(world, world.students[lead], year, rng);
    if (s != kNoPerson) first = s, last = lead;
  } else if (!senior && lp.advisor != kNoPerson && world.people[lp.advisor].ActiveIn(year) && rng.Chance(0.85)) {
    last = lp.advisor;
  }
  authors.push_back(first);
  if (last != kNoPerson && rng.Chance(0.6)) {  // lab-mates: other students of the same advisor
    int k = rng.Between(1, 3);
    for (int j = 0; j < k; ++j) AddUnique(authors, PickActive(world, world.students[last], year, rng));
  }
  if (rng.Chance(0.3)) AddUnique(authors, PickActive(world, world.people[first].collaborators, year, rng));
  if (last != kNoPerson && rng.Chance(0.2)) AddUnique(authors, PickActive(world, world.people[last].collaborators, year, rng));
  const auto& lab_mates = pool.by_lab[lp.LabIn(year)];
  if (rng.Chance(0.3)) AddUnique(authors, PickActive(world, lab_mates, year, rng));
  bool team = false;
  if (Labs()[lp.LabIn(year)].type == "company" && year >= 2018 && rng.Chance(0.015)) {
    team = true;  // a technical report with a big in-house team
    int k = rng.Between(8, 40);
    for (int j = 0; j < k; ++j) AddUnique(authors, PickActive(world, lab_mates, year, rng));
  }
  // Solo papers are rare in AI: bring in a lab-mate most of the time.
  if (authors.size() == 1 && last == kNoPerson && rng.Chance(0.85)) {
    AddUnique(authors, PickActive(world, lab_mates, year, rng));
  }
  if (last != kNoPerson) {
    authors.erase(std::remove(authors.begin(), authors.end(), last), authors.end());
    authors.push_back(last);
  }
  return team;
}

void MakeWorks(World& world, Rng& rng) {
  uint32_t total = world.options.works ? world.options.works : world.options.authors * 5;
  // Papers per year grow ~22 % a year, as AI publishing did.
  double weights[kNumYears], sum = 0;
  for (int i = 0; i < kNumYears; ++i) sum += weights[i] = std::pow(1.22, i);
  std::vector<uint32_t> per_year(kNumYears);
  uint32_t assigned = 0;
  double acc = 0;
  for (int i = 0; i < kNumYears; ++i) {
    acc += weights[i];
    uint32_t upto = static_cast<uint32_t>(std::llround(acc / sum * total));
    per_year[i] = upto - assigned;
    assigned = upto;
  }
  auto topics = Topics();
  world.topic_works.assign(topics.size(), {});
  world.topic_cum_quality.assign(topics.size(), {});
  world.work_author_begin.push_back(0);
  std::vector<uint32_t> authors;
  for (int yi = 0; yi < kNumYears; ++yi) {
    const int year = kFirstYear + yi;
    world.year_begin.push_back(world.num_works());
    YearPool pool = MakeYearPool(world, year);
    if (pool.people.empty()) continue;
    for (uint32_t k = 0; k < per_year[yi]; ++k) {
      uint32_t lead = pool.people[PickCumulative(pool.cum_weight, rng)];
      bool team = MakeAuthors(world, pool, lead, year, rng, authors);
      const Person& lp = world.people[lead];
      // Mostly the lead's field; sometimes whatever is hot that year (people drift to LLMs).
      const double u = rng.Uniform();
      uint8_t topic = u < 0.75 ? lp.topic : u < 0.87 ? lp.topic2 : PickTopic(year, rng);
      float t_first = world.people[authors.front()].talent, t_last = world.people[authors.back()].talent;
      double quality = rng.LogNormal(-0.4, 1.1) * std::pow(std::sqrt(t_first * t_last), 1.5) *
                       (team ? 3.0 : 1.0) * std::sqrt(TopicHotness(topics[topic], year));
      double expected = quality * 4.0 * std::pow(kLastYear + 1 - year, 1.1);
      int32_t cited = static_cast<int32_t>(expected * rng.LogNormal(0, 0.35));
      uint32_t w = world.num_works();
      world.work_year.push_back(static_cast<int16_t>(year));
      world.work_topic.push_back(topic);
      world.work_quality.push_back(static_cast<float>(quality));
      world.work_cited_by.push_back(cited);
      world.work_authors.insert(world.work_authors.end(), authors.begin(), authors.end());
      world.work_author_begin.push_back(world.work_authors.size());
      auto& cum = world.topic_cum_quality[topic];
      world.topic_works[topic].push_back(w);
      cum.push_back((cum.empty() ? 0.0 : cum.back()) + quality);
    }
  }
  world.year_begin.push_back(world.num_works());
}

}  // namespace

uint16_t Person::LabIn(int year) const {
  uint16_t lab = spells.empty() ? 0 : spells.front().lab;
  for (const Spell& s : spells) {
    if (s.from_year > year) break;
    lab = s.lab;
  }
  return lab;
}

World BuildWorld(const WorldOptions& options) {
  World world;
  world.options = options;
  Rng rng(StreamSeed(options.seed, 0, 0));
  MakePeople(world, rng);
  MakeCareers(world, rng);
  MakeWorks(world, rng);
  return world;
}

}  // namespace st::demo
