// OpenAlex works: JSON Lines (snapshot part_*.gz, .jsonl[.gz]) and JSON
// documents saved from the API (a {"meta":…,"results":[…]} page or a single
// work object). Ids keep their short form ("W2741809807", "A5023888391");
// the openalex.org / orcid.org / doi.org URL prefixes are stripped. The
// abstract is rebuilt from abstract_inverted_index. Unknown fields are
// ignored; a wrong type is a per-record error naming the field.
// Thread-safety: one OpenAlexParser per thread.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "corpus/record_parser.h"

namespace st::corpus {

class OpenAlexParser final : public RecordParser {
 public:
  bool Parse(simdjson::ondemand::object obj, WorkRecord* out, std::string* err) override;

 private:
  // One authorships[] element into `au`: all fields, or (citations) position and author id.
  bool ParseAuthorship(simdjson::ondemand::object& obj, Authorship& au, std::string* err);
  bool ParseAuthorId(simdjson::ondemand::object& obj, Authorship& au, std::string* err);
  bool ParseAuthorships(simdjson::ondemand::value& v, WorkRecord* out, std::string* err);
  int ParseCitationFields(simdjson::ondemand::object& obj, WorkRecord* out, std::string* err);
  bool ParseTopic(simdjson::ondemand::value& v, std::string_view field, TopicRef* topic,
                  std::string* err);
  bool ParseAbstract(simdjson::ondemand::value& v, WorkRecord* out, std::string* err);
  void Reset(WorkRecord* out);
  // The record's next authorship: an element left by the last record, reused
  // in place, or a new one.
  Authorship& NextAuthor(WorkRecord* out);
  // Drops authorships the last record had beyond this one's; checks the id.
  bool Finish(WorkRecord* out, std::string* err);

  json::Pool<Authorship> authors_;  // spares beyond the record's authors
  size_t authors_used_ = 0;
  json::Pool<InstitutionRef> institutions_;
  json::Pool<TopicRef> topics_;
  json::Pool<std::string> strings_;
  TopicRef primary_topic_;
  std::vector<std::string_view> slots_;  // abstract words by position
};

// Reads a whole JSON document: an API page (each of "results" is a work) or
// one work object. Bad results are per-record errors (line of the result).
Status ReadOpenAlexDocument(ReadContext& ctx);

}  // namespace st::corpus
