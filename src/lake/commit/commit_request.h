#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lake/binary_row.h"
#include "lake/commit/commit_history.h"
#include "lake/commit/commit_message.h"
#include "lake/snapshot.h"

namespace flashlake::lake {

// What an OVERWRITE commit replaces: the whole table (TRUNCATE, INSERT OVERWRITE of an
// unpartitioned table), the listed partitions (INSERT OVERWRITE ... PARTITION, partition
// expiration), or the partitions the new files fall in (dynamic partition overwrite).
enum class OverwriteScope : uint8_t { kTable, kPartitions, kDynamic };

// One commit (paimon ManifestCommittable plus the kind of snapshot to produce).
struct CommitRequest {
    // Who commits: a stable id per writer job, kept across restarts, so that a retry after an
    // unknown outcome recognizes its own snapshot (paimon commitUser).
    std::string commit_user;
    // The transaction id within the user (a checkpoint id, a load transaction id). A snapshot
    // with the same (user, identifier, kind) is this commit already applied. The batch
    // identifier (kBatchCommitIdentifier) is shared by all batch commits, so it is only
    // recognized among the snapshots that appeared while this call was retrying.
    int64_t commit_identifier = kBatchCommitIdentifier;
    CommitKind kind = CommitKind::kAppend;
    std::vector<CommitMessage> messages;
    // Load labels recorded in the snapshot (property "flashlake.labels"). A label that any
    // retained snapshot already carries makes the commit fail with kLabelAlreadyExists, unless
    // that snapshot is this very commit (same user, identifier and kind).
    std::vector<std::string> labels;
    // Extra snapshot properties (keys other than "flashlake.labels").
    std::vector<std::pair<std::string, std::string>> properties;
    // The input watermark; the snapshot keeps the larger of this and the previous one.
    std::optional<int64_t> watermark;
    // OVERWRITE only.
    OverwriteScope overwrite_scope = OverwriteScope::kTable;
    std::vector<BinaryRow> overwrite_partitions;  // for kPartitions; new files must fall in them
};

struct CommitResult {
    int64_t snapshot_id = 0;
    // The commit had been applied before (by an earlier call whose outcome was unknown, or a
    // concurrent call with the same user and identifier); nothing new was committed.
    bool already_committed = false;
    int32_t attempts = 0;  // snapshot ids tried (1 without contention)
};

}  // namespace flashlake::lake
