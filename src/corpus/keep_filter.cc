#include "corpus/keep_filter.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace st::corpus {
namespace {

struct KindName {
  std::string_view singular, plural, api_key;
  char prefix;  // 'T', 'C' or 0 for numeric ids
};
constexpr KindName kKinds[kKeepKinds] = {
    {"field", "fields", "topics.field.id", 0},
    {"subfield", "subfields", "topics.subfield.id", 0},
    {"topic", "topics", "topics.id", 'T'},
    {"concept", "concepts", "concepts.id", 'C'},
};

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool Contains(const std::vector<std::string>& sorted, const std::string& id) {
  return !id.empty() && std::binary_search(sorted.begin(), sorted.end(), id);
}

}  // namespace

Result<KeepFilter> KeepFilter::Parse(const std::vector<std::string>& specs) {
  KeepFilter f;
  for (const std::string& spec : specs) {
    auto bad = [&](const std::string& why) {
      return Status::InvalidInput("--keep '" + spec + "': " + why);
    };
    size_t colon = spec.find(':');
    // "https://…" would be read as kind "https": the kind comes first.
    if (colon == std::string::npos) return bad("expected KIND:ID[,ID...] (KIND: fields, subfields, topics, concepts)");
    std::string_view kind_name = std::string_view(spec).substr(0, colon);
    int kind = -1;
    for (int k = 0; k < kKeepKinds; ++k)
      if (kind_name == kKinds[k].singular || kind_name == kKinds[k].plural) kind = k;
    if (kind < 0) return bad("unknown kind '" + std::string(kind_name) + "' (fields, subfields, topics, concepts)");
    std::string_view rest = std::string_view(spec).substr(colon + 1);
    if (rest.empty()) return bad("no ids");
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string_view id = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      while (!id.empty() && id.back() == '/') id.remove_suffix(1);
      size_t slash = id.rfind('/');
      if (slash != std::string_view::npos) id = id.substr(slash + 1);
      const char prefix = kKinds[kind].prefix;
      std::string norm(id);
      if (prefix != 0 && !norm.empty() && std::toupper(static_cast<unsigned char>(norm[0])) == prefix)
        norm[0] = prefix;
      bool ok = prefix == 0 ? AllDigits(norm) : norm.size() > 1 && norm[0] == prefix && AllDigits(norm.substr(1));
      if (!ok)
        return bad("'" + std::string(id) + "' is not an OpenAlex " + std::string(kKinds[kind].singular) + " id (e.g. " +
                   (prefix == 0 ? (kind == 0 ? "17" : "1702") : std::string(1, prefix) + "10028") + ")");
      f.ids_[kind].push_back(std::move(norm));
    }
  }
  for (auto& ids : f.ids_) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  }
  return f;
}

bool KeepFilter::empty() const {
  return std::all_of(std::begin(ids_), std::end(ids_), [](const auto& v) { return v.empty(); });
}

bool KeepFilter::Keeps(const WorkRecord& work) const {
  if (!Applies(work)) return true;
  const auto& fields = ids_[static_cast<int>(KeepKind::kField)];
  const auto& subfields = ids_[static_cast<int>(KeepKind::kSubfield)];
  const auto& topics = ids_[static_cast<int>(KeepKind::kTopic)];
  const auto& concepts = ids_[static_cast<int>(KeepKind::kConcept)];
  for (const TopicRef& t : work.topics) {
    // The reader keeps topic ids as "T…" and concept ids as "C…".
    if (!t.id.empty() && t.id[0] == 'C') {
      if (Contains(concepts, t.id)) return true;
      continue;
    }
    if (Contains(topics, t.id) || Contains(subfields, t.subfield_id) || Contains(fields, t.field_id)) return true;
  }
  return false;
}

std::string KeepFilter::ToString() const {
  std::string out;
  for (int k = 0; k < kKeepKinds; ++k) {
    if (ids_[k].empty()) continue;
    if (!out.empty()) out += ' ';
    out += kKinds[k].plural;
    out += ':';
    for (size_t i = 0; i < ids_[k].size(); ++i) out += (i ? "," : "") + ids_[k][i];
  }
  return out;
}

std::vector<std::string> KeepFilter::ApiFilters() const {
  std::vector<std::string> out;
  for (int k = 0; k < kKeepKinds; ++k) {
    if (ids_[k].empty()) continue;
    std::string f(kKinds[k].api_key);
    f += ':';
    for (size_t i = 0; i < ids_[k].size(); ++i) f += (i ? "|" : "") + ids_[k][i];
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace st::corpus
