// Group commit for SqlStore's write transactions (see sql_store.h).
//
// Why: on SQLite every commit is an fsync of the WAL (synchronous=FULL, kept
// for durability) and only one writer may hold the lock; writers of one
// process that race for it get SQLITE_BUSY and sleep in the busy handler (up
// to 100 ms a nap). On PostgreSQL the activity-order lock (AddActivity) makes
// commits one after another, also an fsync each. Queueing the writes and
// committing the queue in one transaction turns N fsyncs into one and
// replaces the naps by a hand-over in this process.
#include <algorithm>
#include <vector>

#include "store/sql_store.h"

namespace st::store {
namespace {

// Bounds how long one transaction holds the write lock.
constexpr size_t kMaxBatch = 64;

}  // namespace

Status SqlStore::GroupCommit(const TxFn& fn) {
  PendingWrite self;
  self.fn = &fn;
  std::unique_lock lock(write_mu_);
  writes_.push_back(&self);
  self.cv.wait(lock, [&] { return self.done || writes_.front() == &self; });
  if (self.done) return self.status;
  // Leader: commit what is queued now (itself first); later arrivals wait
  // for the next round.
  std::vector<PendingWrite*> batch(writes_.begin(), writes_.begin() + std::min(writes_.size(), kMaxBatch));
  lock.unlock();
  CommitBatch(batch);
  lock.lock();
  for (PendingWrite* w : batch) {
    writes_.pop_front();
    w->done = true;
    if (w != &self) w->cv.notify_one();
  }
  if (!writes_.empty()) writes_.front()->cv.notify_one();  // the next leader
  return self.status;
}

void SqlStore::CommitBatch(const std::vector<PendingWrite*>& batch) {
  if (batch.size() > 1) {
    bool commit_unknown = false;
    Status s = RunTx(
        true,
        [&](SqlConn& c) -> Status {
          for (PendingWrite* w : batch) {
            ST_RETURN_IF_ERROR(c.Exec("SAVEPOINT w", {}));
            w->status = (*w->fn)(c);
            // A failed write is undone alone; if the whole transaction is gone
            // (SQLite rolls back by itself on e.g. SQLITE_FULL) the batch fails.
            if (!w->status.ok()) ST_RETURN_IF_ERROR(c.Exec("ROLLBACK TO w", {}));
            ST_RETURN_IF_ERROR(c.Exec("RELEASE w", {}));
          }
          return Status::Ok();
        },
        &commit_unknown);
    if (s.ok()) return;
    if (commit_unknown) {
      for (PendingWrite* w : batch) w->status = s;
      return;
    }
  }
  // Alone, or again one by one after the batch failed as a whole (nothing of
  // it committed), so one write's trouble is not everyone's.
  for (PendingWrite* w : batch) w->status = RunTx(true, *w->fn);
}

}  // namespace st::store
