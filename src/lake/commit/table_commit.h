#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "lake/commit/commit_history.h"
#include "lake/commit/commit_request.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

class ManifestFileWriter;
struct CommitPlan;
struct TableSchema;

struct CommitOptions {
    // Retries after losing the race for a snapshot id, and the backoff between them
    // (exponential from the minimum, capped, with up to 20% jitter). Unset: the table options
    // commit.max-retries (10), commit.min-retry-wait (10 ms), commit.max-retry-wait (10 s).
    std::optional<int32_t> max_retries;
    std::optional<int64_t> min_retry_wait_ms;
    std::optional<int64_t> max_retry_wait_ms;
    // How many of the newest snapshots the first idempotency/label check reads (0: all retained).
    int64_t history_scan_limit = 0;
    // Sync the bucket directories of new data files (and their parents up to the table) before
    // publishing, so that their names are durable. Off only for writers that do it themselves.
    bool sync_data_directories = true;
    // Clock (ms since the epoch) for snapshot times and sleep for the backoff; null for the real ones.
    std::function<int64_t()> clock;
    std::function<void(int64_t millis)> sleep;
};

// Commits changes to one table as new snapshots (Paimon's FileStoreCommitImpl.tryCommit):
//
//   1. read the latest snapshot L (LATEST hint, checked against the files);
//   2. if a snapshot already holds this commit (same user, identifier and kind), return it;
//      if one holds any of its labels, fail with kLabelAlreadyExists;
//   3. plan the changes against L, checking conflicts (commit_plan.h);
//   4. write the delta manifest, the base manifest list (L's base + delta, merged per the
//      manifest.* options), the delta list and, when index files change, a new index manifest
//      — each through a temporary file, synced, renamed only if the name is free — then sync
//      the manifest directory and the directories of the new data files;
//   5. publish snapshot-(L+1) with CreateFileExclusive: it appears complete or not at all, and
//      of two writers racing for one id exactly one wins;
//   6. on losing the race, delete this attempt's files, wait, and go back to 1; on success,
//      write the LATEST hint (and EARLIEST for snapshot 1), best effort: readers check hints.
//
// When publishing fails with an error that leaves its outcome open (a rename that took effect
// but reported an error, a failed directory sync), the snapshot is read back: if it is this
// commit and a directory sync now succeeds, the commit is acknowledged; if it is absent the
// attempt is cleaned up and the error returned; otherwise the error is returned with the files
// left in place, and a retry with the same user and identifier resolves it (step 2).
//
// Thread-safe: several threads (and processes) may commit to one table at once.
class TableCommit {
public:
    // `fs` is not owned and must outlive this object.
    TableCommit(io::FileSystem* fs, std::string table_path, CommitOptions options = {});
    ~TableCommit();

    Result<CommitResult> Commit(const CommitRequest& request);
    // Shorthands for Commit(CommitRequest{...}).
    Result<CommitResult> Commit(std::string commit_user, int64_t commit_identifier, std::vector<CommitMessage> messages,
                                CommitKind kind = CommitKind::kAppend,
                                std::vector<std::pair<std::string, std::string>> properties = {});
    // Replaces the listed partitions (all live files of the table when `partitions` is unset)
    // with the new files of `messages`.
    Result<CommitResult> Overwrite(std::string commit_user, int64_t commit_identifier,
                                   std::vector<CommitMessage> messages,
                                   std::optional<std::vector<BinaryRow>> partitions = std::nullopt,
                                   std::vector<std::pair<std::string, std::string>> properties = {});
    // Deletes every live file of the table (an OVERWRITE with nothing new).
    Result<CommitResult> Truncate(std::string commit_user, int64_t commit_identifier = kBatchCommitIdentifier);

    // The snapshot that holds (user, identifier, kind) or a label, among the snapshots this
    // object has seen (refreshed to the latest first).
    Result<std::optional<int64_t>> FindCommit(std::string_view commit_user, int64_t commit_identifier,
                                              CommitKind kind = CommitKind::kAppend);
    Result<std::optional<int64_t>> FindLabel(std::string_view label);
    // The largest identifier committed by `commit_user` (refreshed first).
    Result<std::optional<int64_t>> LatestIdentifier(std::string_view commit_user);

    const std::string& table_path() const { return table_path_; }

private:
    struct Attempt;

    // One pass of steps 1-6; sets attempt->committed or leaves it false for a lost race.
    Status TryCommitOnce(const CommitRequest& request, Attempt* attempt);
    Status WriteAndPublish(const CommitRequest& request, const TableSchema& schema, const CommitPlan& plan,
                           Attempt* attempt);
    Status Publish(const Snapshot& snapshot, ManifestFileWriter* writer, Attempt* attempt);
    Status SyncDataDirectories(const CommitRequest& request, const TableSchema& schema);
    Status EnsureMetadataDirectories();
    void AfterPublish(const Snapshot& snapshot);
    int64_t Now() const;
    void Backoff(int32_t attempt, int64_t min_wait, int64_t max_wait) const;

    io::FileSystem* fs_;
    std::string table_path_;
    CommitOptions options_;
    CommitHistory history_;
    std::atomic<bool> directories_ready_{false};
};

}  // namespace flashlake::lake
