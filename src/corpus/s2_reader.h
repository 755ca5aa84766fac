// Semantic Scholar Academic Graph (S2AG) "papers" dataset, JSON Lines (the
// datasets API ships gzipped shards). Produces id "S2:<corpusid>", the DOI and
// arXiv id from externalids (the arXiv id as alt_id "arXiv:<id>", so the arXiv
// reader's record of the paper merges with it), title, year/publicationdate,
// venue (else journal.name), citationcount, s2fieldsofstudy categories as
// "s2fos:<category>" topics, authors in order (positions by order) with their
// S2 author ids. Other S2AG datasets are refused by DetectFormat.
// Thread-safety: one S2PaperParser per thread.
#pragma once

#include <string_view>

#include "corpus/record_parser.h"

namespace st::corpus {

class S2PaperParser final : public RecordParser {
 public:
  bool Parse(simdjson::ondemand::object obj, WorkRecord* out, std::string* err) override;

 private:
  json::Pool<Authorship> authors_;
  json::Pool<TopicRef> topics_;
  std::string journal_;  // journal.name, the venue when `venue` is empty
};

// The S2AG dataset a JSON Lines record belongs to, judged from its first
// line's keys: "papers", "authors", "citations", "abstracts", "tldrs",
// "paper-ids", "publication-venues"; empty when it is not an S2AG record.
std::string_view S2DatasetOf(std::string_view first_line);

}  // namespace st::corpus
