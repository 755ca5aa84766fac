#include "graph/identity.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <numeric>
#include <unordered_map>

#include "base/names.h"
#include "graph/union_find.h"

namespace st::graph {
namespace {

// Co-author evidence comes only from works small enough that sharing one says
// something about the two people (large consortia papers say nothing).
constexpr uint32_t kMaxAuthorsForEvidence = 30;

// Sorted token lists put the same-paper token first, so it is the recorded
// evidence when two sources list one person on one paper.
// Co-authors are known by full name ("yang liu"), or by block ("y liu") when
// only initials are given: a shared block alone is a weak coincidence.
enum TokenKind : uint64_t { kPaper = 1, kCoauthor = 2, kCoauthorBlock = 3, kInst = 4, kDomain = 5, kRareName = 6 };
// Name rarity (the expected number of people bearing a name) is estimated
// from the corpus's own distinct names, as the product of how often its given
// names and its last name occur (Torvik & Smalheiser's name-frequency model).
// Below this many distinct full names the frequencies say nothing, and every
// name counts as neither rare nor common (one piece of evidence joins).
constexpr size_t kMinNamesForRarity = 5000;
// A full name expected to be borne by at most this many people in the corpus
// is one person's: its clusters join on the name alone (unless hard ids
// disagree). "Zhangyang Wang", "Lucas Beyer"; not "Wei Wang" (est. 4.5).
constexpr float kRareBearers = 0.1f;
// From this many expected bearers on, one shared institution, e-mail domain
// or co-author is not enough ("Yang Liu" at Tsinghua): two shared co-authors,
// or one and the same institution or domain, or the same paper.
constexpr float kCommonBearers = 1.0f;

uint64_t Token(TokenKind kind, uint32_t id) { return (uint64_t{kind} << 32) | id; }
TokenKind KindOf(uint64_t token) { return static_cast<TokenKind>(token >> 32); }

struct Cluster {
  std::vector<uint32_t> names;
  std::vector<uint32_t> openalex_ids, orcids, openreview_ids;  // id indexes
  std::vector<uint64_t> tokens;  // sorted, unique
};

template <typename T>
void SortedUnionInto(std::vector<T>& into, const std::vector<T>& from) {
  std::vector<T> out;
  out.reserve(into.size() + from.size());
  std::set_union(into.begin(), into.end(), from.begin(), from.end(), std::back_inserter(out));
  into.swap(out);
}

template <typename T>
bool Disjoint(const std::vector<T>& a, const std::vector<T>& b) {
  for (const T& x : a)
    if (std::find(b.begin(), b.end(), x) != b.end()) return false;
  return true;
}

template <typename T>
void AddUnique(std::vector<T>& v, const T& x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

// Tokens two clusters share, by kind.
struct Overlap {
  uint32_t coauthors = 0;
  bool inst = false, domain = false;
};

Overlap SharedTokens(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  Overlap o;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) ++i;
    else if (b[j] < a[i]) ++j;
    else {
      TokenKind k = KindOf(a[i]);
      if (k == kCoauthor || k == kCoauthorBlock) ++o.coauthors;
      o.inst = o.inst || k == kInst;
      o.domain = o.domain || k == kDomain;
      ++i, ++j;
    }
  }
  return o;
}

class Resolver {
 public:
  explicit Resolver(const IdentityInput& in) : in_(in), uf_(in.work.size()) {}

  IdentityResult Run() {
    EstimateNameRarity();
    JoinByStrongIds();
    {
      BlockRoots blocks = RootsByBlock();
      JoinByNames(blocks);
    }
    next_ = {};
    IdentityResult out;
    out.cluster_of_mention = uf_.TakeRoots();
    for (const auto& [root, evidence] : evidence_) out.evidence.emplace_back(root, evidence);
    std::sort(out.evidence.begin(), out.evidence.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    out.rejected_ids = std::move(rejected_);
    return out;
  }

 private:
  static constexpr uint32_t kNoCluster = 0xFFFFFFFFu;

  std::string_view IdText(uint32_t id) const { return in_.id_text[id]; }

  // bearers_[name]: the expected number of people with that name in the
  // corpus (given-name frequency x last-name frequency / distinct full names);
  // kUnknown for one-token names and for corpora too small to tell.
  static constexpr float kUnknown = -1;
  void EstimateNameRarity() {
    bearers_.assign(in_.names.size(), kUnknown);
    full_name_.assign(in_.names.size(), false);
    std::unordered_map<std::string_view, uint32_t> given_count, last_count;
    std::array<uint32_t, 256> initial_count{};
    size_t full = 0;
    for (size_t n = 0; n < in_.names.size(); ++n) {
      auto [given, last] = SplitName(in_.names[n]);
      if (given.empty() || IsInitial(given)) continue;
      full_name_[n] = true;
      ++full;
      ++given_count[given];
      ++last_count[last];
      ++initial_count[static_cast<unsigned char>(given[0])];
    }
    if (full < kMinNamesForRarity) return;
    const float d = static_cast<float>(full);
    for (size_t n = 0; n < in_.names.size(); ++n) {
      auto [given, last_name] = SplitName(in_.names[n]);
      if (given.empty()) continue;
      auto last = last_count.find(last_name);
      float l = last == last_count.end() ? 1.0f : static_cast<float>(last->second);
      float g = IsInitial(given) ? static_cast<float>(initial_count[static_cast<unsigned char>(given[0])])
                                 : static_cast<float>(given_count[given]);
      bearers_[n] = std::max(g, 1.0f) * l / d;
    }
  }

  // Given names and last name of a normalised name; both empty for a
  // one-token name.
  static std::pair<std::string_view, std::string_view> SplitName(std::string_view name) {
    size_t space = name.rfind(' ');
    if (space == std::string_view::npos || space == 0) return {};
    return {name.substr(0, space), name.substr(space + 1)};
  }

  // "j" or "j a": the given names are initials only.
  static bool IsInitial(std::string_view given) { return given.size() == 1 || (given.size() > 1 && given[1] == ' '); }

  // How common a cluster's name is: its most specific (least common) name.
  float Bearers(const Cluster& c) const {
    float best = kUnknown;
    for (uint32_t n : c.names)
      if (bearers_[n] != kUnknown && (best == kUnknown || bearers_[n] < best)) best = bearers_[n];
    return best;
  }

  // Source author ids contradict when both clusters have ids of one source
  // (OpenAlex or S2) and share none of them.
  bool SourceIdsDisagree(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) const {
    for (bool s2 : {false, true}) {
      bool in_a = false, in_b = false, shared = false;
      for (uint32_t x : a) {
        if (IsS2Id(IdText(x)) != s2) continue;
        in_a = true;
        shared = shared || std::find(b.begin(), b.end(), x) != b.end();
      }
      for (uint32_t y : b) in_b = in_b || IsS2Id(IdText(y)) == s2;
      if (in_a && in_b && !shared) return true;
    }
    return false;
  }

  bool MentionNamesAgree(uint32_t a, uint32_t b) const {
    uint32_t x = in_.name[a], y = in_.name[b];
    if (x == IdentityInput::kNoName || y == IdentityInput::kNoName || x == y) return true;
    return NamesCompatible(in_.names[x], in_.names[y]);
  }

  // "~Yoshua_Bengio1" names its owner: the mention's name must fit it.
  bool FitsOpenReviewId(uint32_t m, std::string_view id) const {
    uint32_t x = in_.name[m];
    if (x == IdentityInput::kNoName || id.size() < 2 || id[0] != '~') return true;
    std::string name(id.substr(1));
    while (!name.empty() && name.back() >= '0' && name.back() <= '9') name.pop_back();
    std::string norm = NormalizePersonName(name);
    return norm.empty() || norm == in_.names[x] || NamesCompatible(norm, in_.names[x]);
  }

  // Merges the sets of a and b, keeping the ring of members (next_) whole:
  // swapping the successors of one member of each ring splices the two.
  uint32_t Union(uint32_t a, uint32_t b) {
    a = uf_.Find(a), b = uf_.Find(b);
    if (a == b) return a;
    std::swap(next_[a], next_[b]);
    return uf_.Union(a, b);
  }

  void JoinByStrongIds() {
    rejected_.assign(in_.work.size(), 0);
    next_.resize(in_.work.size());
    std::iota(next_.begin(), next_.end(), 0u);
    // First mention per id index, one table per kind of id.
    std::array<std::vector<uint32_t>, 4> first;
    for (auto& f : first) f.assign(in_.id_text.size(), kNoCluster);
    for (uint32_t m = 0; m < in_.work.size(); ++m) {
      const MentionIdIndexes& x = in_.ids[m];
      if (x.openreview != 0 && !FitsOpenReviewId(m, IdText(x.openreview))) rejected_[m] |= kRejectedOpenReview;
      uint32_t ids[4] = {x.openalex, x.orcid, (rejected_[m] & kRejectedOpenReview) ? 0u : x.openreview, x.email};
      for (int k = 0; k < 4; ++k) {
        if (ids[k] == 0) continue;
        uint32_t& f = first[k][ids[k]];
        if (f == kNoCluster) {
          f = m;
          continue;
        }
        if (k == 3 && !MentionNamesAgree(f, m)) {
          rejected_[m] |= kRejectedEmail;
          continue;
        }
        Union(f, m);
      }
    }
  }

  // The roots of each block, sorted and unique (a cluster with name
  // variants sits in several blocks), in block order; only blocks with more
  // than one root are kept, as only they can join by name.
  struct BlockRoots {
    std::vector<uint32_t> roots;
    std::vector<size_t> ends;  // per kept block: the end of its roots
  };
  BlockRoots RootsByBlock() {
    // Counting sort of the mentions by block, then roots sorted per block.
    std::vector<size_t> start(in_.blocks.size() + 1, 0);
    for (uint32_t m = 0; m < in_.work.size(); ++m)
      if (uint32_t block = Block(m); block != IdentityInput::kNoName) ++start[block + 1];
    for (size_t b = 0; b < in_.blocks.size(); ++b) start[b + 1] += start[b];
    BlockRoots out;
    out.roots.resize(start.back());
    for (uint32_t m = 0; m < in_.work.size(); ++m)
      if (uint32_t block = Block(m); block != IdentityInput::kNoName) out.roots[start[block]++] = uf_.Find(m);
    // start[b] is now the end of block b.
    size_t kept = 0;
    for (size_t b = 0, begin = 0; b < in_.blocks.size(); begin = start[b++]) {
      auto first = out.roots.begin() + static_cast<ptrdiff_t>(begin);
      auto last = out.roots.begin() + static_cast<ptrdiff_t>(start[b]);
      std::sort(first, last);
      last = std::unique(first, last);
      if (last - first < 2) continue;
      for (auto it = first; it != last; ++it) out.roots[kept++] = *it;  // kept <= begin
      out.ends.push_back(kept);
    }
    out.roots.resize(kept);
    return out;
  }

  uint32_t Block(size_t m) const {
    uint32_t name = in_.name[m];
    return name == IdentityInput::kNoName ? IdentityInput::kNoName : in_.name_block[name];
  }

  // The evidence tokens of mention m (unsorted, may repeat) appended to out.
  void AddMentionTokens(uint32_t m, std::vector<uint64_t>& out) const {
    const uint32_t work = in_.work[m], name = in_.name[m], block = Block(m);
    out.push_back(Token(kPaper, work));
    if (name != IdentityInput::kNoName && bearers_[name] != kUnknown && bearers_[name] <= kRareBearers)
      out.push_back(Token(kRareName, name));
    // The work's mentions (mentions are grouped by work); co-authors count
    // only on works of at most kMaxAuthorsForEvidence authors.
    size_t begin = m, end = m + 1;
    while (begin > 0 && in_.work[begin - 1] == work && end - begin <= kMaxAuthorsForEvidence) --begin;
    while (end < in_.work.size() && in_.work[end] == work && end - begin <= kMaxAuthorsForEvidence) ++end;
    if (end - begin <= kMaxAuthorsForEvidence) {
      for (size_t o = begin; o < end; ++o) {
        uint32_t other = Block(o);
        if (o != m && other != IdentityInput::kNoName && other != block)
          out.push_back(full_name_[in_.name[o]] ? Token(kCoauthor, in_.name[o]) : Token(kCoauthorBlock, other));
      }
    }
    for (uint64_t i = in_.inst_offsets[m]; i < in_.inst_offsets[m + 1]; ++i) out.push_back(Token(kInst, in_.insts[i]));
    if (in_.domain[m] != IdentityInput::kNoDomain) out.push_back(Token(kDomain, in_.domain[m]));
  }

  // The cluster of a root, made from its members when first needed in a
  // block: names, ids and the union of the members' evidence tokens.
  Cluster& ClusterOf(uint32_t root) {
    auto [it, inserted] = block_clusters_.try_emplace(root);
    Cluster& c = it->second;
    if (!inserted) return c;
    uint32_t m = root;
    do {
      const MentionIdIndexes& x = in_.ids[m];
      if (in_.name[m] != IdentityInput::kNoName) AddUnique(c.names, in_.name[m]);
      if (x.openalex != 0) AddUnique(c.openalex_ids, x.openalex);
      if (x.orcid != 0) AddUnique(c.orcids, x.orcid);
      if (x.openreview != 0 && !(rejected_[m] & kRejectedOpenReview)) AddUnique(c.openreview_ids, x.openreview);
      AddMentionTokens(m, c.tokens);
      m = next_[m];
    } while (m != root);
    std::sort(c.tokens.begin(), c.tokens.end());
    c.tokens.erase(std::unique(c.tokens.begin(), c.tokens.end()), c.tokens.end());
    return c;
  }

  bool NamesAgree(const Cluster& a, const Cluster& b) const {
    for (uint32_t x : a.names)
      for (uint32_t y : b.names)
        if (x != y && !NamesCompatible(in_.names[x], in_.names[y])) return false;
    return true;
  }

  // Joins clusters a and b (roots) if nothing contradicts it; records why.
  void TryJoin(uint32_t a, uint32_t b, uint64_t token) {
    Cluster& ca = ClusterOf(a);
    Cluster& cb = ClusterOf(b);
    if (!NamesAgree(ca, cb)) return;
    if (!ca.orcids.empty() && !cb.orcids.empty() && Disjoint(ca.orcids, cb.orcids)) return;
    if (!ca.openreview_ids.empty() && !cb.openreview_ids.empty() &&
        Disjoint(ca.openreview_ids, cb.openreview_ids))
      return;
    const Overlap overlap = SharedTokens(ca.tokens, cb.tokens);
    const uint32_t shared = overlap.coauthors;
    TokenKind kind = KindOf(token);
    if (kind != kPaper && shared < 2 && SourceIdsDisagree(ca.openalex_ids, cb.openalex_ids)) return;
    if (kind != kPaper && kind != kRareName) {
      // A common name needs more than one coincidence: either side's name decides.
      float a_bearers = Bearers(ca), b_bearers = Bearers(cb);
      bool common = a_bearers >= kCommonBearers || b_bearers >= kCommonBearers;
      if (common && shared < 2 && !(shared == 1 && (overlap.inst || overlap.domain))) return;
    }
    uint32_t root = Union(a, b);
    uint32_t other = root == a ? b : a;
    Cluster& cr = ClusterOf(root);
    Cluster& co = ClusterOf(other);
    for (uint32_t n : co.names) AddUnique(cr.names, n);
    for (auto v : co.openalex_ids) AddUnique(cr.openalex_ids, v);
    for (auto v : co.orcids) AddUnique(cr.orcids, v);
    for (auto v : co.openreview_ids) AddUnique(cr.openreview_ids, v);
    SortedUnionInto(cr.tokens, co.tokens);
    block_clusters_.erase(other);
    // Evidence lives beside the union-find, per root, for the few joined.
    NameEvidence eo;
    if (auto it = evidence_.find(other); it != evidence_.end()) {
      eo = it->second;
      evidence_.erase(it);
    }
    NameEvidence& e = evidence_[root];
    e.joins += eo.joins + 1;
    e.shared_coauthors = std::max({e.shared_coauthors, eo.shared_coauthors, shared});
    if (e.affiliation_inst == 0xFFFFFFFFu) e.affiliation_inst = eo.affiliation_inst;
    if (kind == kInst && e.affiliation_inst == 0xFFFFFFFFu)
      e.affiliation_inst = static_cast<uint32_t>(token);
    e.same_domain = e.same_domain || eo.same_domain || kind == kDomain;
    e.same_paper = e.same_paper || eo.same_paper || kind == kPaper;
    e.rare_name = e.rare_name || eo.rare_name || kind == kRareName;
  }

  // Walks the blocks in order. Only one block's clusters exist at a time:
  // a cluster's tokens are the union of its members' tokens, so building
  // them from the members when the block needs them gives the same lists.
  void JoinByNames(const BlockRoots& blocks) {
    std::unordered_map<uint64_t, uint32_t> seen;
    std::vector<uint64_t> tokens;
    size_t begin = 0;
    for (size_t end : blocks.ends) {
      seen.clear();
      block_clusters_.clear();
      for (size_t i = begin; i < end; ++i) {
        uint32_t r = blocks.roots[i];
        // Copy: joining rewrites the cluster's token list.
        tokens = ClusterOf(uf_.Find(r)).tokens;
        for (uint64_t t : tokens) {
          auto [it, inserted] = seen.emplace(t, r);
          if (inserted) continue;
          uint32_t a = uf_.Find(r), b = uf_.Find(it->second);
          if (a != b) TryJoin(a, b, t);
        }
      }
      begin = end;
    }
    block_clusters_ = {};
  }

  const IdentityInput& in_;
  UnionFind uf_;
  std::vector<uint32_t> next_;  // per mention: the next member of its set (a ring)
  std::unordered_map<uint32_t, Cluster> block_clusters_;  // by root, for the current block
  std::unordered_map<uint32_t, NameEvidence> evidence_;   // by root, for clusters joined by name
  std::vector<uint8_t> rejected_;
  std::vector<float> bearers_;     // per name index
  std::vector<bool> full_name_;    // per name index: given names spelled out, not initials
};

std::string Join(const std::vector<std::string_view>& v, size_t max_items = 3) {
  std::string out;
  for (size_t i = 0; i < v.size() && i < max_items; ++i) {
    if (i) out += ", ";
    out += v[i];
  }
  if (v.size() > max_items) out += ", …";
  return out;
}

std::string_view StripPrefix(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes)
    if (s.size() >= p.size() && s.substr(0, p.size()) == p) return s.substr(p.size());
  return s;
}

// The number of a Semantic Scholar id: "s2:123", "S2:123" or an author page
// ".../author/Name/123"; empty for anything else.
std::string_view S2IdNumber(std::string_view id) {
  if (id.size() > 3 && id[2] == ':' && id[1] == '2' && (id[0] == 's' || id[0] == 'S')) return id.substr(3);
  if (id.size() > 31 && (id[0] == 'w' || id[8] == 'w'))
    for (std::string_view page : {"https://www.semanticscholar.org/author/", "www.semanticscholar.org/author/"})
      if (id.starts_with(page)) return id.substr(id.find_last_of('/') + 1);
  return {};
}

}  // namespace

IdentityResult ResolveIdentities(const IdentityInput& input) { return Resolver(input).Run(); }

NameEvidence IdentityResult::EvidenceOf(uint32_t root) const {
  auto it = std::lower_bound(evidence.begin(), evidence.end(), root,
                             [](const auto& e, uint32_t r) { return e.first < r; });
  return it != evidence.end() && it->first == root ? it->second : NameEvidence{};
}

std::pair<float, std::string> DescribeIdentity(const IdentitySummary& s) {
  std::vector<std::string> parts;
  float strong = 0;
  if (!s.orcids.empty()) parts.push_back("ORCID " + Join(s.orcids)), strong = std::max(strong, 0.99f);
  if (!s.openreview_ids.empty())
    parts.push_back("OpenReview " + Join(s.openreview_ids)), strong = std::max(strong, 0.95f);
  if (!s.openalex_ids.empty())
    parts.push_back("OpenAlex " + Join(s.openalex_ids)), strong = std::max(strong, 0.9f);
  if (!s.s2_ids.empty())
    parts.push_back("Semantic Scholar " + Join(s.s2_ids)), strong = std::max(strong, 0.9f);
  if (!s.email_domains.empty())
    parts.push_back("e-mail @" + Join(s.email_domains)), strong = std::max(strong, 0.95f);
  // Several OpenAlex (or S2) ids for one person means that source split them; we joined.
  if (s.openalex_ids.size() > 1 || s.s2_ids.size() > 1) strong = std::min(strong, 0.85f);

  const NameEvidence& e = s.evidence;
  float conf = strong;
  if (e.joins > 0) {
    float name_conf = 0.55f;
    if (e.shared_coauthors > 0) {
      parts.push_back("name + " + std::to_string(e.shared_coauthors) + " shared co-author" +
                      (e.shared_coauthors == 1 ? "" : "s"));
      name_conf += 0.08f * static_cast<float>(std::min<uint32_t>(e.shared_coauthors, 4));
    }
    if (!s.affiliation_name.empty()) {
      parts.push_back("name + same affiliation (" + s.affiliation_name + ")");
      name_conf += 0.1f;
    }
    if (e.same_domain) parts.push_back("name + same e-mail domain"), name_conf += 0.1f;
    if (e.same_paper) parts.push_back("same paper in two sources"), name_conf += 0.2f;
    if (e.rare_name) parts.push_back("a rare name in the corpus");
    name_conf = std::min(name_conf, 0.95f);
    conf = strong > 0 ? std::min(strong, name_conf + 0.1f) : name_conf;
  }
  if (parts.empty()) {
    const char* source = (s.sources_mask & 4)   ? "arXiv"
                         : (s.sources_mask & 8) ? "Semantic Scholar"
                         : (s.sources_mask & 2) ? "paper list"
                                                : "OpenAlex";
    parts.push_back(std::string("name only (") + source + ")");
    conf = (s.sources_mask & 4) ? 0.3f : 0.4f;
  }
  std::string reason;
  for (const auto& p : parts) {
    if (!reason.empty()) reason += "; ";
    reason += p;
  }
  return {conf, reason};
}

bool IsWebmailDomain(std::string_view d) {
  static constexpr std::string_view kWebmail[] = {
      "gmail.com", "googlemail.com", "hotmail.com", "outlook.com", "live.com", "yahoo.com",
      "qq.com", "163.com", "126.com", "foxmail.com", "icloud.com", "me.com", "protonmail.com",
      "proton.me", "mail.com", "aol.com", "yandex.ru", "sina.com", "gmx.de", "naver.com"};
  for (auto w : kWebmail)
    if (d == w) return true;
  return false;
}

std::string NormalizeExternalId(std::string_view id) {
  while (!id.empty() && (id.front() == ' ' || id.front() == '\t')) id.remove_prefix(1);
  while (!id.empty() && (id.back() == ' ' || id.back() == '\t' || id.back() == '/')) id.remove_suffix(1);
  id = StripPrefix(id, {"https://openalex.org/authors/", "https://openalex.org/works/",
                        "https://openalex.org/", "http://openalex.org/", "openalex.org/",
                        "https://orcid.org/", "http://orcid.org/", "orcid.org/",
                        "https://openreview.net/profile?id=", "https://doi.org/",
                        "http://doi.org/", "http://dx.doi.org/", "https://dx.doi.org/", "doi:"});
  std::string out(id);
  if (out.empty() || out[0] == '~') return out;  // OpenReview ids are case-sensitive
  bool lower = out.find('@') != std::string::npos || out.rfind("10.", 0) == 0;
  if (lower) {
    for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
  }
  // OpenAlex ids: a letter and digits ("a123" -> "A123"); ORCID check digit X.
  bool alnum_id = out.size() > 1 && std::all_of(out.begin() + 1, out.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == 'x' || c == 'X';
  });
  if (alnum_id) {
    for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return out;
  }
  // Checked last, so OpenAlex ids and DOIs (most ids of a build) never pay for it.
  if (std::string_view s2 = S2IdNumber(out); !s2.empty()) out.replace(0, s2.data() - out.data(), "S2:");
  return out;
}

}  // namespace st::graph
