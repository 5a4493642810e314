#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/result.h"
#include "lake/commit/commit_message.h"

namespace flashlake::io {
class FileSystem;
}
namespace flashlake::lake {
class TableCommit;
}

namespace flashlake::ingest {

struct GroupCommitOptions {
    // true (the default): a group commits as soon as the committer of its table is idle; loads
    // that arrive while a commit is in flight gather into the next one (classic group commit, no
    // fixed wait: a lone client pays one commit, never an interval).
    // false: a group gathers for `interval_ms` after its first load before it commits (one
    // snapshot per interval), or less when it reaches a size threshold.
    bool eager = true;
    int64_t interval_ms = 1000;
    // A group closes early (non-eager) or is split (eager) at these many rows / bytes of data files.
    int64_t max_group_rows = 2'000'000;
    int64_t max_group_bytes = int64_t{512} << 20;
};

// One load's part of a group commit: the data files it wrote (already synced) and its label.
struct GroupCommitEntry {
    std::vector<lake::CommitMessage> messages;
    std::string label;  // non-empty
    int64_t rows = 0;
};

// What happened to an entry: committed in `snapshot_id` (shared with `group_size - 1` other
// loads), or a Status (kLabelAlreadyExists when its label was taken, the commit's error when
// the group failed: then nothing of the group is visible).
struct GroupCommitOutcome {
    int64_t snapshot_id = 0;
    int64_t group_size = 0;
};

// Commits the appends of many concurrent loads of one table as one snapshot that records all
// their labels (so that exactly-once by label still holds: the labels and the rows become
// visible atomically together). Each Commit call returns only once the snapshot holding its
// files is published (or the group failed), so a load that returns Success is visible.
//
// Leader-based: the caller that finds the committer idle commits the whole queued group on its
// own thread; the others wait on a condition variable. A label used twice within the queue
// stays queued for the next group, where the commit's label check refuses it.
//
// Thread-safe.
class GroupCommitter {
public:
    GroupCommitter(io::FileSystem* fs, std::string commit_user, std::function<int64_t()> next_identifier,
                   GroupCommitOptions options = {});
    ~GroupCommitter();

    Result<GroupCommitOutcome> Commit(const std::string& table_path, GroupCommitEntry entry);

    const GroupCommitOptions& options() const { return options_; }
    // Snapshots published by this committer (for tests and SHOW-style statistics).
    int64_t commits() const;

private:
    struct Waiter;
    struct TableQueue;

    TableQueue& QueueFor(const std::string& table_path);
    void CommitGroup(TableQueue& queue, std::vector<Waiter*>& group);

    io::FileSystem* fs_;
    std::string commit_user_;
    std::function<int64_t()> next_identifier_;
    GroupCommitOptions options_;
    mutable std::mutex mutex_;
    std::map<std::string, std::unique_ptr<TableQueue>> queues_;
    int64_t commits_ = 0;
};

}  // namespace flashlake::ingest
