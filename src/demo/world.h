// The demo world: researchers with careers (labs over the years, advisors,
// collaborators) and the works they write, before any JSON is rendered.
// Building it is sequential and seeded, so the same options give the same
// world; rendering (render.h) then reads it from many threads.
// Thread-safety: a built World is immutable; all const methods are safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace st::demo {

inline constexpr int kFirstYear = 2012;  // first publication year of the corpus
inline constexpr int kLastYear = 2025;   // last publication year (citations counted to here)
inline constexpr uint32_t kNoPerson = 0xFFFFFFFFu;
// Synthetic id ranges (OpenAlex does not issue these): A9…, W9…, external refs W8….
inline constexpr uint64_t kAuthorIdBase = 9000000000ull;
inline constexpr uint64_t kWorkIdBase = 9000000000ull;
inline constexpr uint64_t kExternalWorkIdBase = 8000000000ull;

struct WorldOptions {
  uint64_t seed = 1;
  uint32_t authors = 5000;
  uint32_t works = 0;  // 0: 5 per author
};

// One stint at a lab, from `from_year` until the next spell starts.
struct Spell {
  int16_t from_year;
  uint16_t lab;  // index into Labs()
};

struct Person {
  std::string name;
  std::string orcid;          // "0000-0000-1234-567X" or empty
  uint32_t advisor = kNoPerson;
  int16_t start_year = 0;     // year of the first paper (may precede kFirstYear)
  int16_t end_year = kLastYear;  // last active year (some leave research)
  uint8_t topic = 0;          // index into Topics()
  uint8_t topic2 = 0;
  float talent = 1;           // latent quality of this person's work
  float productivity = 1;     // relative papers per year
  std::vector<Spell> spells;  // sorted by from_year; spells[0].from_year == start_year
  std::vector<uint32_t> collaborators;  // cross-lab co-authors

  // Lab in `year` (the spell in force then).
  uint16_t LabIn(int year) const;
  bool ActiveIn(int year) const { return start_year <= year && year <= end_year; }
};

struct World {
  WorldOptions options;
  std::vector<Person> people;
  std::vector<std::vector<uint32_t>> students;  // advisor -> students

  // Works, sorted by publication year (index order = time order).
  std::vector<int16_t> work_year;
  std::vector<uint8_t> work_topic;
  std::vector<float> work_quality;       // drives citations in and references to the work
  std::vector<int32_t> work_cited_by;    // cited_by_count as of kLastYear
  std::vector<uint64_t> work_author_begin;  // size works+1, into work_authors
  std::vector<uint32_t> work_authors;       // person indexes in author order
  std::vector<uint32_t> year_begin;         // first work index of year y: year_begin[y - kFirstYear]
  // Per topic: work indexes and cumulative quality, for references drawn
  // in proportion to quality among earlier works.
  std::vector<std::vector<uint32_t>> topic_works;
  std::vector<std::vector<double>> topic_cum_quality;

  uint32_t num_works() const { return static_cast<uint32_t>(work_year.size()); }
};

// Builds the world. Deterministic in `options`; O(authors + works · authors/work).
World BuildWorld(const WorldOptions& options);

}  // namespace st::demo
