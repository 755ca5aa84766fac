// Records of the watchlist (issue 11, sql_store_watch.cc): a user's follows
// (people and saved searches), the graph versions already diffed, and the
// alerts stored per user. Plain data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace st::store {

struct WatchFollow {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string kind;         // "author" | "search"
  std::string author_key;   // kind author: watch::StableAuthorKey
  std::string label;        // the person's name or the search in words
  std::string search_text;  // kind search: the ranker's query
  std::string search_org;
  int since_year = 0;
  int top = 0;
  std::int64_t created_at = 0;
};

// One person (or key) the diff watches, with the users its alerts go to.
struct WatchedPerson {
  std::int64_t person_id = 0;     // 0: followed only (not in the pipeline)
  std::string name;
  std::string author_key;
  bool staff = false;
  std::int64_t owner_user_id = 0;
  std::int64_t staff_id = 0;  // own staff with a confirmed graph link (staff table); person_id is then 0
};

struct StoredAlert {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::int64_t run_id = 0;
  std::string kind;          // watch::AlertKindName
  std::int64_t person_id = 0;
  std::int64_t follow_id = 0;
  std::string author_key;
  std::string subject;       // the person's name
  std::string title;
  std::string evidence_json;  // {"work_source_id","work_title","year","from_org","to_org","other_key",...}
  std::int64_t created_at = 0;
  std::int64_t read_at = 0;      // 0 = unread
  std::int64_t digested_at = 0;  // 0 = not mailed yet
};

struct WatchRun {
  std::int64_t id = 0;
  std::string graph_version;     // the version dir diffed (canonical path)
  std::string previous_version;
  std::int64_t watched = 0;
  std::int64_t alerts = 0;
  std::int64_t created_at = 0;
};

struct AlertPage {
  std::vector<StoredAlert> alerts;  // newest first
  std::int64_t unread = 0;
};

}  // namespace st::store
