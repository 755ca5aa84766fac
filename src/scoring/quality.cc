#include "scoring/quality.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <functional>
#include <string>

#include "corpus/work_record.h"

namespace st::scoring {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool HasWord(const std::string& s, std::string_view word) {
  for (size_t pos = s.find(word); pos != std::string::npos; pos = s.find(word, pos + 1)) {
    const bool left = pos == 0 || !std::isalnum(static_cast<unsigned char>(s[pos - 1]));
    const size_t end = pos + word.size();
    // Allow a glued year: "iclr2023".
    const bool right = end == s.size() || !std::isalpha(static_cast<unsigned char>(s[end]));
    if (left && right) return true;
  }
  return false;
}

}  // namespace

bool IsTopVenue(std::string_view venue_name) {
  static constexpr std::array<std::string_view, 16> kShort = {
      "neurips", "nips", "icml", "iclr", "cvpr", "iccv", "eccv", "acl",
      "emnlp",   "naacl", "aaai", "ijcai", "colm", "jmlr", "tpami", "tacl"};
  static constexpr std::array<std::string_view, 12> kLong = {
      "neural information processing systems",
      "international conference on machine learning",
      "international conference on learning representations",
      "computer vision and pattern recognition",
      "international conference on computer vision",
      "european conference on computer vision",
      "association for computational linguistics",
      "empirical methods in natural language processing",
      "aaai conference on artificial intelligence",
      "international joint conference on artificial intelligence",
      "journal of machine learning research",
      "pattern analysis and machine intelligence"};
  const std::string v = Lower(venue_name);
  if (v.empty()) return false;
  for (auto s : kShort)
    if (HasWord(v, s)) return true;
  for (auto s : kLong)
    if (v.find(s) != std::string::npos) return true;
  return v == "nature" || v == "science";
}

bool IsAccepted(const graph::WorkInfo& w) {
  const auto s = static_cast<corpus::PaperStatus>(w.status);
  return s != corpus::PaperStatus::kReject && s != corpus::PaperStatus::kWithdrawn;
}

float WorkWeight(const format::WorkImpact& impact, int year, int now_year) {
  const float recency = Recency(year, now_year);
  if (static_cast<format::ImpactKind>(impact.kind) == format::ImpactKind::kNotCounted) return 0.05f * recency;
  return std::max(impact.value, 0.1f) * recency;
}

float Recency(int year, int now_year) {
  if (year <= 0) return 0.6f;
  const float age = static_cast<float>(std::max(0, now_year - year));
  return 0.5f + 0.5f * std::exp(-age / 8.0f);
}

double BestWorkSum(std::vector<float>& contributions) {
  std::sort(contributions.begin(), contributions.end(), std::greater<float>());
  double sum = 0, factor = 1;
  for (float c : contributions) {
    sum += c * factor;
    factor *= kBestWorkDiscount;
  }
  return sum;
}

float PositionWeight(uint8_t position) {
  const auto p = static_cast<corpus::AuthorPosition>(position);
  return p == corpus::AuthorPosition::kMiddle ? kMiddleAuthorWeight : 1.0f;
}

}  // namespace st::scoring
