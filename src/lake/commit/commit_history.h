#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "lake/snapshot.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

// The snapshot property that holds the load labels a commit carries, as a JSON array of
// strings: "flashlake.labels": "[\"load-1\",\"load-2\"]". A label is committed exactly when
// the snapshot that carries it exists, so a label and its rows become visible atomically.
inline constexpr std::string_view kLabelsProperty = "flashlake.labels";

// Paimon's commit identifier for batch writes (BatchWriteBuilder.COMMIT_IDENTIFIER).
inline constexpr int64_t kBatchCommitIdentifier = std::numeric_limits<int64_t>::max();

std::string EncodeLabels(const std::vector<std::string>& labels);
Result<std::vector<std::string>> DecodeLabels(std::string_view text);
// The labels of a snapshot; none when it has no (or a malformed) label property.
std::vector<std::string> SnapshotLabels(const Snapshot& snapshot);

// An index of what the snapshots of a table record about their commits: which snapshot holds
// (commit user, commit identifier, commit kind) and which holds a label. It reads each snapshot
// once: the first Refresh() reads the retained snapshots (the newest `scan_limit` of them when
// that is > 0), later ones only the snapshots committed since. Every 1024 snapshots read it
// forgets what it learned from snapshots that have since been expired, so a label is recognized
// as long as its snapshot is retained (and a little longer). Thread-safe.
class CommitHistory {
public:
    CommitHistory(io::FileSystem* fs, std::string table_path, int64_t scan_limit = 0);

    // Reads the snapshots committed since the last refresh, up to the latest one.
    Status Refresh();
    // The same up to snapshot `latest_id` (which the caller knows exists).
    Status RefreshTo(int64_t latest_id);
    // Indexes a snapshot this process just committed (only when it is the next one expected).
    void Record(const Snapshot& snapshot);

    std::optional<int64_t> FindCommit(std::string_view commit_user, int64_t commit_identifier, CommitKind kind) const;
    std::optional<int64_t> FindLabel(std::string_view label) const;
    // The largest commit identifier of `commit_user` (other than the batch identifier), for a
    // streaming writer that resumes after the last committed checkpoint (paimon filterCommitted).
    std::optional<int64_t> LatestIdentifier(std::string_view commit_user) const;
    // The newest snapshot read so far (0 for none).
    int64_t scanned_up_to() const;

private:
    void IndexLocked(const Snapshot& snapshot);
    // Drops what was learned from snapshots older than `earliest`.
    void PruneLocked(int64_t earliest);

    io::FileSystem* fs_;
    std::string table_path_;
    int64_t scan_limit_;
    mutable std::mutex mutex_;  // guards everything below; held during a refresh's reads
    int64_t scanned_up_to_ = 0;
    std::map<std::string, int64_t> commits_;                // user \0 identifier \0 kind -> snapshot
    std::unordered_map<std::string, int64_t> labels_;       // label -> snapshot
    std::unordered_map<std::string, int64_t> identifiers_;  // user -> largest identifier
    // Keys indexed per snapshot, for pruning: snapshot -> (commit key, labels).
    std::map<int64_t, std::pair<std::string, std::vector<std::string>>> indexed_;
    int64_t indexed_since_prune_ = 0;
};

// One-off lookups that read snapshots from the latest back to the earliest (or `max_scan` of
// them when > 0) and stop at the first match.
Result<std::optional<int64_t>> FindCommittedSnapshot(io::FileSystem* fs, const std::string& table_path,
                                                     std::string_view commit_user, int64_t commit_identifier,
                                                     CommitKind kind, int64_t max_scan = 0);
Result<std::optional<int64_t>> FindLabelSnapshot(io::FileSystem* fs, const std::string& table_path,
                                                 std::string_view label, int64_t max_scan = 0);

}  // namespace flashlake::lake
