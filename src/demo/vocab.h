// Fixed vocabularies of the demo corpus: labs, names, AI topics, venues.
// Pure constant data (no I/O, no state); safe from any thread. Institution ids
// are the real OpenAlex ids of those institutions where we know them, so the
// lab mapping in ../shared/data/labs works on demo data; all others use the
// synthetic range I90000000xx, which OpenAlex does not issue.
#pragma once

#include <span>
#include <string_view>

namespace st::demo {

struct LabInfo {
  std::string_view name;         // OpenAlex-style display name
  std::string_view openalex_id;  // short form, "I97018004"
  std::string_view country;      // ISO code
  std::string_view type;         // "company" | "education" | "facility" | "nonprofit"
  std::string_view place;        // for raw affiliation strings: "London, United Kingdom"
  float size;                    // relative head count
  float prestige;                // pull on movers and students, 0.5..2
  int founded;                   // no one works there before this year
};

struct VenueInfo {
  std::string_view name;
  std::string_view openalex_id;  // synthetic "S9..."
  std::string_view type;         // "conference" | "journal" | "repository"
};

struct ConceptInfo {
  std::string_view id;  // "C154945302"
  std::string_view name;
  int level;
};

struct TopicInfo {
  std::string_view id;            // synthetic "T99001"
  std::string_view name;          // "Large Language Models and Reasoning"
  std::string_view subfield_id;   // real OpenAlex subfield code, "1702"
  std::string_view subfield;      // "Artificial Intelligence"
  std::string_view field_id;      // "17"
  std::string_view field;         // "Computer Science"
  std::span<const std::string_view> methods;     // title-case method phrases
  std::span<const std::string_view> tasks;       // title-case task phrases
  std::span<const std::string_view> problems;    // lower-case clauses: "models ... fail"
  std::span<const std::string_view> benchmarks;  // benchmark names
  std::span<const std::string_view> findings;    // lower-case clauses
  std::span<const ConceptInfo> concepts;         // most specific first
  std::span<const int> venues;                   // indexes into Venues()
  float hotness_2012;  // relative share of papers in 2012 ...
  float hotness_2025;  // ... and in 2025 (linear in between)
};

std::span<const LabInfo> Labs();
std::span<const VenueInfo> Venues();
std::span<const TopicInfo> Topics();
std::span<const std::string_view> FirstNames();
std::span<const std::string_view> LastNames();
// Shared title/abstract words across topics.
std::span<const std::string_view> Adjectives();   // "Robust", "Scalable", ...
std::span<const std::string_view> Properties();   // "Generalization", ...
std::span<const std::string_view> NameSyllables(); // for method acronyms
std::span<const std::string_view> Settings();      // title suffixes: " at Scale", ...

}  // namespace st::demo
