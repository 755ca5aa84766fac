// arXiv metadata in the public OAI snapshot format (JSON Lines). Produces
// id "arXiv:<id>", authors from authors_parsed ([last, first, suffix] →
// "First Last Suffix", positions by order), title and abstract with the
// snapshot's hard line breaks folded, categories → "arxiv:<cat>" topics,
// year/date from versions[0].created (else update_date), doi.
// Thread-safety: one ArxivParser per thread.
#pragma once

#include "corpus/record_parser.h"

namespace st::corpus {

class ArxivParser final : public RecordParser {
 public:
  bool Parse(simdjson::ondemand::object obj, WorkRecord* out, std::string* err) override;

 private:
  json::Pool<Authorship> authors_;
  json::Pool<TopicRef> topics_;
};

// "Mon, 2 Apr 2007 19:18:42 GMT" → "2007-04-02"; empty when unparsable.
std::string RfcDateToIso(std::string_view date);

}  // namespace st::corpus
