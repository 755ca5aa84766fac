// GraphBuilder steps for people: authorships placed on works, identities
// resolved, author columns, co-author edges and affiliation spells.
#include <algorithm>
#include <cstddef>
#include <map>
#include <tuple>
#include <unordered_map>

#include "base/names.h"
#include "graph/build_state.h"
#include "graph/half_float.h"
#include "graph/identity.h"
#include "graph/phase_log.h"

namespace st::graph {
namespace {

// Works with more authors than this (consortia, hyper-authorship) keep their
// authorships but add no co-author edges: the tie says nothing personal.
constexpr size_t kMaxAuthorsForEdges = 100;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

std::string_view EmailDomain(std::string_view email) {
  size_t at = email.rfind('@');
  return at == std::string_view::npos ? std::string_view() : email.substr(at + 1);
}

}  // namespace

// Each record's authorships land on slots of the final work: the primary
// record's authors define the slots; another source's author takes the slot
// with a compatible name (or a new slot when none matches).
void BuildState::PlaceMentions() {
  std::unordered_map<std::string_view, uint32_t> norm_of_raw;
  std::unordered_map<std::string, uint32_t> name_id, block_id;
  auto norm_name = [&](std::string_view raw) -> uint32_t {
    auto it = norm_of_raw.find(raw);
    if (it != norm_of_raw.end()) return it->second;
    std::string norm = NormalizePersonName(raw);
    uint32_t id = IdentityInput::kNoName;
    if (!norm.empty()) {
      auto [nit, inserted] = name_id.emplace(norm, static_cast<uint32_t>(names_.size()));
      if (inserted) {
        std::string block = NameBlockKey(norm);
        auto [bit, binserted] = block_id.emplace(block, static_cast<uint32_t>(blocks_.size()));
        if (binserted) blocks_.push_back(block);
        names_.push_back(norm);
        name_block_.push_back(bit->second);
      }
      id = nit->second;
    }
    norm_of_raw.emplace(raw, id);
    return id;
  };

  slots_per_work_.assign(num_works_, 0);
  std::vector<uint32_t> slot_name;
  std::vector<bool> claimed;
  for (WorkId w = 0; w < num_works_; ++w) {
    slot_name.clear();
    for (uint64_t g = work_rec_offsets_[w]; g < work_rec_offsets_[w + 1]; ++g) {
      uint32_t r = work_recs_[g];
      const ShardWork& x = Rec(r);
      uint32_t shard = recs_[r].shard;
      bool primary = g == work_rec_offsets_[w];
      claimed.assign(slot_name.size(), false);
      for (uint32_t i = 0; i < x.mention_count; ++i) {
        uint32_t local = x.mention_begin + i;
        const ShardMention& sm = shards_[shard]->mentions[local];
        uint32_t name = norm_name(Str(shard, sm.name));
        uint32_t slot = static_cast<uint32_t>(slot_name.size());
        if (!primary) {
          for (uint32_t s = 0; s < slot_name.size(); ++s) {
            if (claimed[s]) continue;
            bool same = name != IdentityInput::kNoName && slot_name[s] != IdentityInput::kNoName &&
                        (name == slot_name[s] || NamesCompatible(names_[name], names_[slot_name[s]]));
            if (same) {
              slot = s;
              break;
            }
          }
        }
        if (slot == slot_name.size()) {
          slot_name.push_back(name);
          claimed.push_back(false);
        }
        claimed[slot] = true;
        mentions_.push_back({w, slot, x.year, x.source});
        mention_refs_.push_back({shard, local});
        mention_norm_name_.push_back(name);
      }
    }
    slots_per_work_[w] = static_cast<uint32_t>(slot_name.size());
    work_mention_off_.push_back(mentions_.size());
  }
}

void BuildState::ResolveAuthors() {
  // First what the rest of the build needs of each mention, copied out of the
  // shards (ids, institutions, e-mail domain, display text); the shards are
  // freed before the identity inputs are made.
  std::unordered_map<std::string_view, uint32_t> domain_id;
  std::vector<uint32_t> mention_domain(mentions_.size(), 0xFFFFFFFFu);
  mention_ids_.reserve(mentions_.size());
  mention_position_.reserve(mentions_.size());
  mention_inst_off_.reserve(mentions_.size() + 1);
  size_t shard_mention_insts = 0;  // every shard mention is placed once
  for (const ShardStore* shard : shards_) shard_mention_insts += shard->mention_insts.size();
  mention_insts_.reserve(shard_mention_insts);
  for (size_t m = 0; m < mentions_.size(); ++m) {
    const MentionRef& gm = mention_refs_[m];
    const ShardMention& sm = Mention(gm);
    auto intern = [&](const std::string& s) { return norm_ids_.Intern(s); };
    MentionIds ids{intern(NormalizeExternalId(Str(gm.shard, sm.openalex_id))),
                   intern(NormalizeExternalId(Str(gm.shard, sm.orcid))),
                   intern(NormalizeExternalId(Str(gm.shard, sm.openreview_id))),
                   intern(Lower(Str(gm.shard, sm.email)))};
    // Domain evidence: the person's e-mail, else the institution's e-mail domain.
    std::string_view domain = EmailDomain(norm_ids_.Get(ids.email));
    for (uint32_t i = 0; i < sm.inst_count; ++i) {
      uint32_t local = shards_[gm.shard]->mention_insts[sm.inst_begin + i];
      uint32_t g = GlobalInst(gm.shard, local);
      if (g != kNone) mention_insts_.push_back(g);
      if (domain.empty())
        domain = norm_ids_.Get(intern(Lower(Str(gm.shard, shards_[gm.shard]->insts[local].domain))));
    }
    mention_inst_off_.push_back(mention_insts_.size());
    if (!domain.empty() && !IsWebmailDomain(domain)) {
      auto [it, inserted] = domain_id.emplace(domain, static_cast<uint32_t>(domain_id.size()));
      mention_domain[m] = it->second;
    }
    mention_ids_.push_back(ids);
    mention_text_records_.PutString(Str(gm.shard, sm.name));
    mention_text_records_.PutString(Str(gm.shard, sm.position_title));
    mention_text_records_.EndRecord();
    mention_position_.push_back(sm.position);
  }
  domain_id = {};
  ReleaseShards();
  norm_ids_.Freeze();  // no id is interned from here on
  LogPhase("ResolveAuthors: copy");

  std::vector<uint32_t> works(mentions_.size());
  for (size_t m = 0; m < mentions_.size(); ++m) works[m] = mentions_[m].work;
  IdentityInput in;
  in.work = works;
  in.name = mention_norm_name_;
  in.ids = mention_ids_;
  in.domain = mention_domain;
  in.inst_offsets = mention_inst_off_;
  in.insts = mention_insts_;
  in.names = names_;
  in.name_block = name_block_;
  in.blocks = blocks_;
  in.id_text = norm_ids_.All();
  IdentityResult res = ResolveIdentities(in);
  Release(works, mention_domain);
  // Ids that contradict the name are neither indexed nor shown for this person.
  for (size_t m = 0; m < mentions_.size(); ++m) {
    if (res.rejected_ids[m] & kRejectedOpenReview) mention_ids_[m].openreview = 0;
    if (res.rejected_ids[m] & kRejectedEmail) mention_ids_[m].email = 0;
  }
  // Dense author ids in order of first appearance (works are already
  // ordered), in place of the roots: a root is its cluster's first mention,
  // so each mention's root is numbered before the mention is reached.
  author_of_mention_ = std::move(res.cluster_of_mention);
  for (size_t m = 0; m < mentions_.size(); ++m) {
    uint32_t root = author_of_mention_[m];
    if (root == m) {
      author_of_mention_[m] = num_authors_++;
      author_root_.push_back(root);
    } else {
      author_of_mention_[m] = author_of_mention_[root];
    }
  }
  evidence_.resize(num_authors_);
  for (AuthorId a = 0; a < num_authors_; ++a) evidence_[a] = res.EvidenceOf(author_root_[a]);
  merged_identities_ = mentions_.size() - num_authors_;
}

Status BuildState::BuildAuthorColumns(const std::string& spill_dir) {
  using format::Column;
  auto data_id = [](Column c) { return format::SectionId(c, format::kData); };
  ST_ASSIGN_OR_RETURN(author_name_, SpilledStrings::Create(spill_dir, Column::kAuthorName));
  ST_ASSIGN_OR_RETURN(author_openalex_, SpilledStrings::Create(spill_dir, Column::kAuthorOpenAlex));
  ST_ASSIGN_OR_RETURN(author_orcid_, SpilledStrings::Create(spill_dir, Column::kAuthorOrcid));
  ST_ASSIGN_OR_RETURN(author_openreview_, SpilledStrings::Create(spill_dir, Column::kAuthorOpenReview));
  ST_ASSIGN_OR_RETURN(author_position_title_, SpilledStrings::Create(spill_dir, Column::kAuthorPositionTitle));
  ST_ASSIGN_OR_RETURN(author_confidence_, SpilledArray<float>::Create(spill_dir, data_id(Column::kAuthorConfidence)));
  ST_ASSIGN_OR_RETURN(author_reason_, SpilledStrings::Create(spill_dir, Column::kAuthorReason));
  ST_ASSIGN_OR_RETURN(author_works_, SpilledCsr<WorkId>::Create(spill_dir, Column::kAuthorWorks));
  ST_ASSIGN_OR_RETURN(affiliations_, SpilledCsr<AffiliationSpell>::Create(spill_dir, Column::kAffiliations));
  ST_ASSIGN_OR_RETURN(author_current_inst_,
                      SpilledArray<InstId>::Create(spill_dir, data_id(Column::kAuthorCurrentInst)));
  ext_keys_ = RecordWriter(spill_dir);
  name_keys_ = RecordWriter(spill_dir);
  block_keys_ = RecordWriter(spill_dir);
  auto put_key = [](RecordWriter& keys, std::string_view key, AuthorId a) {
    keys.PutString(key);
    keys.Put(a);
    keys.EndRecord();
  };

  // The mentions' text, back from its spill file.
  ST_RETURN_IF_ERROR(mention_text_records_.Finish());
  mention_texts_.reserve(mentions_.size());
  ST_RETURN_IF_ERROR(ReadRecords(mention_text_records_.file(), "the build's temporary mention text file",
                                 [&](RecordReader& in) {
                                   std::string_view name, title;
                                   if (!in.GetString(name) || !in.GetString(title)) return false;
                                   mention_texts_.push_back({mention_text_.Intern(name), mention_text_.Intern(title)});
                                   return true;
                                 }));
  mention_text_records_ = RecordWriter();
  mention_text_.Freeze();
  if (mention_texts_.size() != mentions_.size())
    return Status::Corruption("the build's temporary mention text file holds " + std::to_string(mention_texts_.size()) +
                              " mentions, expected " + std::to_string(mentions_.size()));

  // Mentions per author (counting sort keeps work order inside each author).
  std::vector<uint64_t> off(num_authors_ + 1, 0);
  for (AuthorId a : author_of_mention_) ++off[a + 1];
  for (size_t a = 0; a < num_authors_; ++a) off[a + 1] += off[a];
  std::vector<uint32_t> by_author(mentions_.size());
  {
    std::vector<uint64_t> fill(off.begin(), off.end() - 1);
    for (uint32_t m = 0; m < mentions_.size(); ++m) by_author[fill[author_of_mention_[m]]++] = m;
  }
  for (AuthorId a = 0; a < num_authors_; ++a) {
    std::span<const uint32_t> ms(by_author.data() + off[a], off[a + 1] - off[a]);
    std::map<std::string_view, uint32_t> raw_names;
    IdentitySummary summary;
    std::string_view title;
    int16_t title_year = -1;
    std::vector<WorkId> works;
    struct Aff {
      InstId inst;
      int16_t year;
      WorkId work;
    };
    std::vector<Aff> affs;
    // Index keys, once per author (a person has few distinct ids and names).
    std::vector<std::string_view> ext_ids;
    std::vector<uint32_t> name_ids;
    auto add_id = [](std::vector<uint32_t>& v, uint32_t x) {
      if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
    };
    for (uint32_t m : ms) {
      const GlobalMention& gm = mentions_[m];
      const MentionText& text = mention_texts_[m];
      std::string_view raw = mention_text_.Get(text.raw_name);
      if (!raw.empty()) ++raw_names[raw];
      auto add = [](std::vector<std::string_view>& v, std::string_view s) {
        if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
      };
      const MentionIds& ids = mention_ids_[m];
      std::string_view source_id = norm_ids_.Get(ids.openalex);
      add(IsS2Id(source_id) ? summary.s2_ids : summary.openalex_ids, source_id);
      add(summary.orcids, norm_ids_.Get(ids.orcid));
      add(summary.openreview_ids, norm_ids_.Get(ids.openreview));
      add(summary.email_domains, EmailDomain(norm_ids_.Get(ids.email)));
      summary.sources_mask |= static_cast<uint8_t>(1u << gm.source);
      std::string_view pt = mention_text_.Get(text.position_title);
      if (!pt.empty() && gm.year >= title_year) title = pt, title_year = gm.year;
      works.push_back(gm.work);
      for (uint64_t i = mention_inst_off_[m]; i < mention_inst_off_[m + 1]; ++i)
        affs.push_back({mention_insts_[i], gm.year, gm.work});
      for (uint32_t id : {ids.openalex, ids.orcid, ids.openreview, ids.email}) add(ext_ids, norm_ids_.Get(id));
      if (mention_norm_name_[m] != IdentityInput::kNoName) add_id(name_ids, mention_norm_name_[m]);
    }
    for (std::string_view id : ext_ids) put_key(ext_keys_, id, a);
    std::vector<uint32_t> block_ids;
    for (uint32_t n : name_ids) {
      put_key(name_keys_, names_[n], a);
      add_id(block_ids, name_block_[n]);
    }
    for (uint32_t b : block_ids) put_key(block_keys_, blocks_[b], a);
    // Display name: the most used spelling; on ties the longest (fullest) one.
    std::string_view display;
    uint32_t best = 0;
    for (const auto& [name, count] : raw_names)
      if (count > best || (count == best && name.size() > display.size())) display = name, best = count;
    if (display.empty() && !summary.openalex_ids.empty()) display = summary.openalex_ids[0];
    if (display.empty() && !summary.s2_ids.empty()) display = summary.s2_ids[0];
    author_name_->Add(DisplayPersonName(display));  // OpenAlex sometimes gives "Last, First"
    author_openalex_->Add(summary.openalex_ids.empty() ? std::string_view() : summary.openalex_ids[0]);
    author_orcid_->Add(summary.orcids.empty() ? std::string_view() : summary.orcids[0]);
    author_openreview_->Add(summary.openreview_ids.empty() ? std::string_view() : summary.openreview_ids[0]);
    author_position_title_->Add(title);

    summary.evidence = evidence_[a];
    if (summary.evidence.affiliation_inst != kNone && summary.evidence.affiliation_inst < insts_.size())
      summary.affiliation_name = insts_[summary.evidence.affiliation_inst].name;
    auto [conf, reason] = DescribeIdentity(summary);
    author_confidence_->Add(conf);
    author_reason_->Add(reason);

    std::sort(works.begin(), works.end(), [&](WorkId x, WorkId y) {
      if (work_info_[x].year != work_info_[y].year) return work_info_[x].year < work_info_[y].year;
      return x < y;
    });
    works.erase(std::unique(works.begin(), works.end()), works.end());
    author_works_->Append(works);
    author_works_->EndRow();

    // Spells: one per institution, spanning the years it was given; a work
    // counts once per institution even when several sources name it.
    std::sort(affs.begin(), affs.end(), [](const Aff& x, const Aff& y) {
      return std::tie(x.inst, x.work) < std::tie(y.inst, y.work);
    });
    affs.erase(std::unique(affs.begin(), affs.end(),
                           [](const Aff& x, const Aff& y) { return x.inst == y.inst && x.work == y.work; }),
               affs.end());
    std::vector<AffiliationSpell> spells;
    int16_t latest_year = 0;
    uint32_t latest_works = 0;
    InstId current_inst = kNone;
    for (size_t i = 0; i < affs.size();) {
      size_t j = i;
      AffiliationSpell s{affs[i].inst, INT16_MAX, 0, 0};
      std::map<int16_t, uint32_t> per_year;
      for (; j < affs.size() && affs[j].inst == affs[i].inst; ++j) {
        if (affs[j].year != 0) {
          s.first_year = std::min(s.first_year, affs[j].year);
          s.last_year = std::max(s.last_year, affs[j].year);
          ++per_year[affs[j].year];
        }
        ++s.works;
      }
      if (s.first_year == INT16_MAX) s.first_year = 0;
      spells.push_back(s);
      // Current institution: the latest year wins; within it, the most works.
      if (!per_year.empty()) {
        auto [year, n] = *per_year.rbegin();
        if (year > latest_year || (year == latest_year && n > latest_works)) {
          latest_year = year, latest_works = n;
          current_inst = s.inst;
        }
      } else if (current_inst == kNone && latest_year == 0) {
        current_inst = s.inst;
      }
      i = j;
    }
    std::sort(spells.begin(), spells.end(), [](const AffiliationSpell& x, const AffiliationSpell& y) {
      return x.first_year != y.first_year ? x.first_year < y.first_year : x.inst < y.inst;
    });
    affiliations_->Append(spells);
    affiliations_->EndRow();
    author_current_inst_->Add(current_inst);
  }
  ST_RETURN_IF_ERROR(author_name_->End(&author_columns_));
  ST_RETURN_IF_ERROR(author_openalex_->End(&author_columns_));
  ST_RETURN_IF_ERROR(author_orcid_->End(&author_columns_));
  ST_RETURN_IF_ERROR(author_openreview_->End(&author_columns_));
  ST_RETURN_IF_ERROR(author_position_title_->End(&author_columns_));
  ST_RETURN_IF_ERROR(author_confidence_->End(&author_columns_));
  ST_RETURN_IF_ERROR(author_reason_->End(&author_columns_));
  ST_RETURN_IF_ERROR(author_works_->End(&author_columns_));
  ST_RETURN_IF_ERROR(affiliations_->End(&author_tail_columns_));
  ST_RETURN_IF_ERROR(author_current_inst_->End(&author_tail_columns_));
  // What only the authors' rows read.
  Release(by_author, off, mention_norm_name_, names_, name_block_, blocks_, mention_inst_off_, mention_insts_,
          norm_ids_, mention_ids_, mention_text_, mention_texts_, author_root_, evidence_);

  // Work -> author slots, in author order; one slot per person per work.
  std::vector<AuthorId> slot_author;
  std::vector<uint8_t> slot_pos;
  for (WorkId w = 0; w < num_works_; ++w) {
    uint32_t n = slots_per_work_[w];
    slot_author.assign(n, kNone);
    slot_pos.assign(n, 0);
    for (uint64_t m = work_mention_off_[w]; m < work_mention_off_[w + 1]; ++m) {
      uint32_t s = mentions_[m].slot;
      if (slot_author[s] == kNone) slot_author[s] = author_of_mention_[m];
      if (slot_pos[s] == 0) slot_pos[s] = mention_position_[m];
    }
    std::vector<AuthorId> seen;
    size_t row_begin = work_authors_.data.size();
    for (uint32_t s = 0; s < n; ++s) {
      if (slot_author[s] == kNone) continue;
      if (std::find(seen.begin(), seen.end(), slot_author[s]) != seen.end()) continue;
      seen.push_back(slot_author[s]);
      work_authors_.data.push_back({slot_author[s], slot_pos[s], {0, 0, 0}});
    }
    size_t count = work_authors_.data.size() - row_begin;
    for (size_t i = 0; i < count; ++i) {
      AuthorSlot& slot = work_authors_.data[row_begin + i];
      if (slot.position != 0) continue;
      using P = corpus::AuthorPosition;
      P p = i == 0 ? P::kFirst : i + 1 == count ? P::kLast : P::kMiddle;
      slot.position = static_cast<uint8_t>(p);
    }
    work_authors_.EndRow();
  }
  // Mentions are all in the columns now.
  Release(mentions_, slots_per_work_, work_mention_off_, mention_position_, author_of_mention_);
  return Status::Ok();
}

// Co-author weight between a and b: sum over shared works of 1/(n-1), n the
// number of distinct authors on the work; both directions stored, the weight
// as binary16 (coauthors.h).
Status BuildState::BuildCoauthorEdges(const std::string& spill_dir) {
  using format::Column;
  ST_ASSIGN_OR_RETURN(coauthor_offsets_,
                      SpilledArray<uint64_t>::Create(spill_dir, format::SectionId(Column::kCoauthors, format::kOffsets)));
  ST_ASSIGN_OR_RETURN(coauthor_ids_,
                      SpilledArray<uint32_t>::Create(spill_dir, format::SectionId(Column::kCoauthors, format::kData)));
  ST_ASSIGN_OR_RETURN(coauthor_weights_,
                      SpilledArray<uint16_t>::Create(spill_dir, format::SectionId(Column::kCoauthors, format::kValues)));
  // Two passes (count, then fill per-author buckets) instead of one global
  // sort of (a, b, w) triples: 8 bytes per entry and a sort per author only.
  auto each_edge_work = [&](auto&& fn) {
    for (WorkId w = 0; w < num_works_; ++w) {
      uint64_t begin = work_authors_.offsets[w], end = work_authors_.offsets[w + 1];
      size_t n = end - begin;
      if (n >= 2 && n <= kMaxAuthorsForEdges) fn(begin, end, 1.0f / static_cast<float>(n - 1));
    }
  };
  std::vector<uint64_t> fill(num_authors_ + 1, 0);
  each_edge_work([&](uint64_t begin, uint64_t end, float) {
    for (uint64_t i = begin; i < end; ++i) fill[work_authors_.data[i].author + 1] += end - begin - 1;
  });
  for (size_t a = 0; a < num_authors_; ++a) fill[a + 1] += fill[a];
  std::vector<CoauthorEdge> entries(fill[num_authors_]);
  std::vector<uint64_t> bucket(fill.begin(), fill.end() - 1);
  each_edge_work([&](uint64_t begin, uint64_t end, float weight) {
    for (uint64_t i = begin; i < end; ++i)
      for (uint64_t j = begin; j < end; ++j)
        if (i != j) entries[bucket[work_authors_.data[i].author]++] = {work_authors_.data[j].author, weight};
  });
  coauthor_offsets_->Add(0);
  for (AuthorId a = 0; a < num_authors_; ++a) {
    auto first = entries.begin() + static_cast<ptrdiff_t>(fill[a]);
    auto last = entries.begin() + static_cast<ptrdiff_t>(fill[a + 1]);
    std::sort(first, last, [](const CoauthorEdge& x, const CoauthorEdge& y) { return x.author < y.author; });
    for (auto it = first; it != last;) {
      const AuthorId b = it->author;
      double sum = 0;
      for (; it != last && it->author == b; ++it) sum += it->weight;
      coauthor_ids_->Add(b);
      coauthor_weights_->Add(FloatToHalf(static_cast<float>(sum)));
    }
    coauthor_offsets_->Add(coauthor_ids_->size());
  }
  Release(entries, fill, bucket);
  num_coauthor_edges_ = coauthor_ids_->size();
  ST_RETURN_IF_ERROR(coauthor_offsets_->End(&coauthor_columns_));
  ST_RETURN_IF_ERROR(coauthor_ids_->End(&coauthor_columns_));
  ST_RETURN_IF_ERROR(coauthor_weights_->End(&coauthor_columns_));

  // The edges were the work authors' last reader in memory.
  num_authorships_ = work_authors_.data.size();
  ST_ASSIGN_OR_RETURN(work_authors_file_, SpillFile::Create(spill_dir));
  ST_RETURN_IF_ERROR(SpillCsr(*work_authors_file_, Column::kWorkAuthors, work_authors_, &work_authors_columns_));
  Release(work_authors_);
  return Status::Ok();
}

}  // namespace st::graph
