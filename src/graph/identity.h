// Identity resolution: which author mentions (one per authorship per source
// record) are one person. Pure computation over arrays; no I/O.
//
// 1. Strong ids join mentions outright: OpenAlex author id, Semantic Scholar
//    author id ("S2:123", carried in the openalex_id slot), ORCID, OpenReview
//    profile id, full e-mail. OpenReview ids and e-mails must agree with the
//    mention's name (the id's own name, or the e-mail's first name seen).
// 2. Clusters whose normalised names are compatible ("j smith" ~ "john smith")
//    join only with evidence: a shared co-author (by full name; by first
//    initial + last name only where the co-author is known by initials), the
//    same institution, the same (non-webmail) e-mail domain, or the same paper
//    seen in two sources. How much evidence depends on how common the name is,
//    estimated from the corpus's own names (expected bearers = given-name
//    frequency x last-name frequency / distinct full names, once the corpus
//    has >= 5,000 full names):
//    - rare (<= 0.1 expected bearers, "Zhangyang Wang"): the same full name
//      alone joins — one person's papers with disjoint co-authors, e.g. the
//      CVF papers that carry no ids;
//    - common (>= 1, "Wei Wang"): two shared co-authors, or one and the same
//      institution or e-mail domain, or the same paper;
//    - in between, and in small corpora: one piece of evidence.
//    Different ORCIDs or OpenReview ids never join; different OpenAlex ids (or
//    different S2 ids) join only on the same paper or >= 2 shared co-authors;
//    an OpenAlex id and an S2 id never contradict.
//    People sharing a common name with disjoint co-authors and affiliations
//    stay apart. Measured with graph/identity_eval.h.
// Thread-safety: none (single call).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace st::graph {

// A mention's external ids as indexes into IdentityInput::id_text; 0 is
// "none". Equal strings must have equal indexes (an interned pool).
// openalex: the source's author id, OpenAlex "A123" or S2 "S2:123".
struct MentionIdIndexes {
  uint32_t openalex = 0, orcid = 0, openreview = 0, email = 0;
};

// Views into the caller's arrays, which must outlive ResolveIdentities. The
// per-mention arrays are parallel (one column each, so a build passes the
// columns it keeps anyway instead of a copy per mention).
struct IdentityInput {
  static constexpr uint32_t kNoName = 0xFFFFFFFFu;
  static constexpr uint32_t kNoDomain = 0xFFFFFFFFu;
  // Per mention:
  std::span<const uint32_t> work;  // final work id; mentions must be grouped by work, ascending
  std::span<const uint32_t> name;  // index into names (normalised); kNoName if none
  std::span<const MentionIdIndexes> ids;
  std::span<const uint32_t> domain;        // e-mail domain id (webmail excluded) or kNoDomain
  std::span<const uint64_t> inst_offsets;  // CSR: institutions per mention (size mentions + 1)
  std::span<const uint32_t> insts;
  // Per name:
  std::span<const std::string> names;        // normalised person names
  std::span<const uint32_t> name_block;      // index into blocks
  std::span<const std::string> blocks;       // NameBlockKey of names
  std::span<const std::string_view> id_text;  // text of the id indexes; [0] is ""
};

// Why the mentions of one person were put together (name-based joins only).
struct NameEvidence {
  uint32_t joins = 0;             // clusters joined by name + evidence
  uint32_t shared_coauthors = 0;  // most shared co-authors seen in one join
  uint32_t affiliation_inst = 0xFFFFFFFFu;  // an institution that supported a join
  bool same_domain = false;
  bool same_paper = false;
  bool rare_name = false;  // joined on a full name too rare in the corpus for two people
};

// Bits of IdentityResult::rejected_ids.
inline constexpr uint8_t kRejectedOpenReview = 1;
inline constexpr uint8_t kRejectedEmail = 2;

struct IdentityResult {
  // Cluster ids are mention indexes: the smallest mention of each cluster.
  std::vector<uint32_t> cluster_of_mention;
  // Per mention: ids not used because the name disagrees (an OpenReview id
  // "~Yoshua_Bengio1" on "Sergey Levine", or an e-mail first seen on an
  // incompatible name): paper lists sometimes misalign id and name lists.
  std::vector<uint8_t> rejected_ids;
  // Evidence of the clusters joined by name, sorted by root (most people
  // have none, so this is sparse).
  std::vector<std::pair<uint32_t, NameEvidence>> evidence;
  NameEvidence EvidenceOf(uint32_t root) const;
};

IdentityResult ResolveIdentities(const IdentityInput& input);

// What one resolved person looks like, for the confidence/reason text.
struct IdentitySummary {
  std::vector<std::string_view> openalex_ids, s2_ids, orcids, openreview_ids, email_domains;
  NameEvidence evidence;
  std::string affiliation_name;  // name of evidence.affiliation_inst, if any
  uint8_t sources_mask = 0;      // bit per corpus::Source
};

// Confidence 0..1 and a reason listing the evidence, e.g.
// "ORCID 0000-0002-1825-0097; OpenAlex A5023888391; name + 3 shared co-authors".
std::pair<float, std::string> DescribeIdentity(const IdentitySummary& s);

// Canonical spelling of an external id: OpenAlex "A123" (URL stripped, upper
// case), ORCID "0000-0002-1825-009X", OpenReview "~First_Last1", e-mail lower
// case; DOIs "10.xxx/..." lower case; work ids "W123"; Semantic Scholar ids
// "S2:123" (from "s2:123" or an author page URL).
std::string NormalizeExternalId(std::string_view id);

// True for a normalised Semantic Scholar id ("S2:123").
inline bool IsS2Id(std::string_view id) { return id.starts_with("S2:"); }

// True for webmail domains that say nothing about an affiliation.
bool IsWebmailDomain(std::string_view domain);

}  // namespace st::graph
