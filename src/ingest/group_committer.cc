#include "ingest/group_committer.h"

#include <chrono>
#include <deque>
#include <set>

#include "lake/commit/table_commit.h"

namespace flashlake::ingest {

struct GroupCommitter::Waiter {
    GroupCommitEntry entry;
    bool done = false;
    Result<GroupCommitOutcome> outcome{Status(ErrorCode::kInternal, "group commit: no outcome")};
};

struct GroupCommitter::TableQueue {
    explicit TableQueue(io::FileSystem* fs, const std::string& path) : commit(std::make_unique<lake::TableCommit>(fs, path)) {}

    std::mutex mutex;
    std::condition_variable changed;
    std::deque<Waiter*> pending;
    bool committing = false;
    // Kept across groups: it caches the table's label history.
    std::unique_ptr<lake::TableCommit> commit;
};

GroupCommitter::GroupCommitter(io::FileSystem* fs, std::string commit_user, std::function<int64_t()> next_identifier,
                               GroupCommitOptions options)
    : fs_(fs), commit_user_(std::move(commit_user)), next_identifier_(std::move(next_identifier)), options_(options) {}

GroupCommitter::~GroupCommitter() = default;

int64_t GroupCommitter::commits() const {
    std::lock_guard lock(mutex_);
    return commits_;
}

GroupCommitter::TableQueue& GroupCommitter::QueueFor(const std::string& table_path) {
    std::lock_guard lock(mutex_);
    auto& queue = queues_[table_path];
    if (!queue) queue = std::make_unique<TableQueue>(fs_, table_path);
    return *queue;
}

Result<GroupCommitOutcome> GroupCommitter::Commit(const std::string& table_path, GroupCommitEntry entry) {
    if (entry.label.empty()) return Status(ErrorCode::kInvalidArgument, "group commit: a load without a label");
    TableQueue& queue = QueueFor(table_path);
    Waiter self;
    self.entry = std::move(entry);
    std::unique_lock lock(queue.mutex);
    queue.pending.push_back(&self);
    queue.changed.notify_all();
    while (!self.done) {
        if (queue.committing) {
            queue.changed.wait(lock);
            continue;
        }
        // The committer is idle: this caller leads the next group.
        queue.committing = true;
        if (!options_.eager) {
            auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.interval_ms);
            auto full = [&] {
                int64_t rows = 0;
                for (const Waiter* waiter : queue.pending) rows += waiter->entry.rows;
                return rows >= options_.max_group_rows;
            };
            queue.changed.wait_until(lock, deadline, full);
        }
        std::vector<Waiter*> group;
        std::set<std::string> labels;
        int64_t rows = 0;
        int64_t bytes = 0;
        for (auto it = queue.pending.begin(); it != queue.pending.end();) {
            Waiter* waiter = *it;
            int64_t waiter_bytes = 0;
            for (const auto& message : waiter->entry.messages) {
                for (const auto& file : message.new_files) waiter_bytes += file.file_size;
            }
            bool over = !group.empty() &&
                        (rows + waiter->entry.rows > options_.max_group_rows || bytes + waiter_bytes > options_.max_group_bytes);
            if (over || !labels.insert(waiter->entry.label).second) {
                ++it;  // the next group takes it
                continue;
            }
            rows += waiter->entry.rows;
            bytes += waiter_bytes;
            group.push_back(waiter);
            it = queue.pending.erase(it);
        }
        lock.unlock();
        CommitGroup(queue, group);
        lock.lock();
        for (Waiter* waiter : group) waiter->done = true;
        queue.committing = false;
        queue.changed.notify_all();
    }
    return std::move(self.outcome);
}

// Runs without the queue's lock; only the leader touches `queue.commit`.
void GroupCommitter::CommitGroup(TableQueue& queue, std::vector<Waiter*>& group) {
    std::vector<Waiter*> remaining = group;
    // A label taken by another process (or an earlier group) fails the commit as a whole: find
    // the loads it concerns, refuse them, and commit the others. Each round removes at least one.
    while (!remaining.empty()) {
        lake::CommitRequest request;
        request.commit_user = commit_user_;
        request.commit_identifier = next_identifier_();
        for (Waiter* waiter : remaining) {
            for (const auto& message : waiter->entry.messages) request.messages.push_back(message);
            request.labels.push_back(waiter->entry.label);
        }
        auto committed = queue.commit->Commit(request);
        if (committed.ok()) {
            {
                std::lock_guard lock(mutex_);
                ++commits_;
            }
            for (Waiter* waiter : remaining) {
                waiter->outcome = GroupCommitOutcome{committed->snapshot_id, static_cast<int64_t>(remaining.size())};
            }
            return;
        }
        if (committed.status().code() != ErrorCode::kLabelAlreadyExists) {
            for (Waiter* waiter : remaining) waiter->outcome = committed.status();
            return;
        }
        std::vector<Waiter*> free;
        for (Waiter* waiter : remaining) {
            auto holder = queue.commit->FindLabel(waiter->entry.label);
            if (!holder.ok()) {
                waiter->outcome = holder.status();
            } else if (*holder) {
                waiter->outcome = Status(ErrorCode::kLabelAlreadyExists, "label '" + waiter->entry.label +
                                                                             "' is already committed in snapshot " +
                                                                             std::to_string(**holder));
            } else {
                free.push_back(waiter);
            }
        }
        if (free.size() == remaining.size()) {
            // The commit named a label none of them holds now: report it rather than loop.
            for (Waiter* waiter : remaining) waiter->outcome = committed.status();
            return;
        }
        remaining = std::move(free);
    }
}

}  // namespace flashlake::ingest
