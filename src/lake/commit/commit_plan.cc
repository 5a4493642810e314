#include "lake/commit/commit_plan.h"

#include <set>
#include <unordered_set>

#include "lake/commit/conflict_checker.h"
#include "lake/commit/live_files.h"

namespace flashlake::lake {

namespace {

Status Invalid(const std::string& why) {
    return Status::InvalidArgument("commit: " + why);
}

Status ValidateFile(const DataFileMeta& file, const TableSchema& schema) {
    if (file.file_name.empty() || file.file_name.find('/') != std::string::npos) {
        return Invalid("bad data file name '" + file.file_name + "'");
    }
    if (file.schema_id < 0 || file.schema_id > schema.id) {
        return Invalid("data file " + file.file_name + " was written with schema " + std::to_string(file.schema_id) +
                       ", but the table's latest schema is " + std::to_string(schema.id));
    }
    if (file.row_count < 0 || file.file_size < 0) return Invalid("data file " + file.file_name + " has negative sizes");
    return Status::OK();
}

ManifestEntry MakeEntry(FileKind kind, const BinaryRow& partition, int32_t bucket, int32_t total_buckets,
                        const DataFileMeta& file) {
    ManifestEntry entry;
    entry.kind = kind;
    entry.partition = partition;
    entry.bucket = bucket;
    entry.total_buckets = total_buckets;
    entry.file = file;
    return entry;
}

std::string IndexKey(const BinaryRow& partition, int32_t bucket, const IndexFileMeta& file) {
    return partition.bytes() + '\0' + std::to_string(bucket) + '\0' + file.index_type + '\0' + file.file_name;
}

// The partitions an OVERWRITE replaces; null means every partition.
std::optional<std::unordered_set<std::string>> OverwrittenPartitions(const CommitRequest& request) {
    std::unordered_set<std::string> partitions;
    switch (request.overwrite_scope) {
        case OverwriteScope::kTable:
            return std::nullopt;
        case OverwriteScope::kPartitions:
            for (const BinaryRow& partition : request.overwrite_partitions) partitions.insert(partition.bytes());
            break;
        case OverwriteScope::kDynamic:
            for (const CommitMessage& message : request.messages) {
                if (!message.new_files.empty()) partitions.insert(message.partition.bytes());
            }
            break;
    }
    return partitions;
}

bool NeedsLiveFiles(const CommitRequest& request, const TableSchema& schema) {
    if (request.kind != CommitKind::kAppend) return true;
    for (const CommitMessage& message : request.messages) {
        if (!message.deleted_files.empty()) return true;
        if (!schema.primary_keys.empty()) {
            for (const DataFileMeta& file : message.new_files) {
                if (file.level > 0) return true;
            }
        }
    }
    return false;
}

}  // namespace

Status ValidateCommitRequest(const CommitRequest& request, const TableSchema& schema) {
    if (request.commit_user.empty()) return Invalid("the commit user is empty");
    if (request.kind == CommitKind::kAnalyze) return Status::NotSupported("commit: ANALYZE commits are not supported");
    std::set<std::string> labels;
    for (const std::string& label : request.labels) {
        if (label.empty()) return Invalid("an empty label");
        if (!labels.insert(label).second) return Invalid("label '" + label + "' appears twice");
    }
    for (const auto& [key, value] : request.properties) {
        if (key == kLabelsProperty) return Invalid("property " + key + " is reserved; pass labels instead");
    }
    bool overwrite = request.kind == CommitKind::kOverwrite;
    if (!overwrite && !request.overwrite_partitions.empty()) return Invalid("overwrite partitions on a non-OVERWRITE");
    int32_t arity = static_cast<int32_t>(schema.partition_keys.size());
    std::unordered_set<std::string> scope;
    for (const BinaryRow& partition : request.overwrite_partitions) {
        if (partition.arity() != arity) return Invalid("an overwrite partition of the wrong arity");
        scope.insert(partition.bytes());
    }
    for (const CommitMessage& message : request.messages) {
        if (message.partition.arity() != arity) {
            return Invalid("a message for a partition of " + std::to_string(message.partition.arity()) +
                           " fields; the table is partitioned by " + std::to_string(arity));
        }
        if (overwrite && (!message.deleted_files.empty() || !message.deleted_index_files.empty())) {
            return Invalid("an OVERWRITE deletes what it replaces itself; messages must not list deleted files");
        }
        if (overwrite && request.overwrite_scope == OverwriteScope::kPartitions && !message.new_files.empty() &&
            scope.count(message.partition.bytes()) == 0) {
            return Invalid("new files of bucket " + std::to_string(message.bucket) +
                           " fall outside the partitions being overwritten");
        }
        for (const auto* files : {&message.new_files, &message.deleted_files}) {
            for (const DataFileMeta& file : *files) FL_RETURN_NOT_OK(ValidateFile(file, schema));
        }
    }
    return Status::OK();
}

Result<CommitPlan> PlanCommit(io::FileSystem* fs, const std::string& table_path, const CommitRequest& request,
                              const std::optional<Snapshot>& latest, const TableSchema& schema) {
    CommitPlan plan;
    bool overwrite = request.kind == CommitKind::kOverwrite;
    std::optional<std::unordered_set<std::string>> scope;
    if (overwrite) scope = OverwrittenPartitions(request);
    auto in_scope = [&](const BinaryRow& partition) { return !scope || scope->count(partition.bytes()) > 0; };

    std::vector<ManifestEntry> live;
    bool have_live = false;
    if (latest && (overwrite || NeedsLiveFiles(request, schema))) {
        FL_ASSIGN_OR_RETURN(live, ReadLiveDataEntries(fs, table_path, *latest));
        have_live = true;
    }

    // DELETE entries first (what is replaced), then ADD entries.
    if (overwrite) {
        for (const ManifestEntry& entry : live) {
            if (!in_scope(entry.partition)) continue;
            ManifestEntry deleted = entry;
            deleted.kind = FileKind::kDelete;
            plan.delta.push_back(std::move(deleted));
        }
    }
    for (const CommitMessage& message : request.messages) {
        for (const DataFileMeta& file : message.deleted_files) {
            plan.delta.push_back(
                MakeEntry(FileKind::kDelete, message.partition, message.bucket, message.total_buckets, file));
        }
    }
    for (const CommitMessage& message : request.messages) {
        for (const DataFileMeta& file : message.new_files) {
            plan.delta.push_back(
                MakeEntry(FileKind::kAdd, message.partition, message.bucket, message.total_buckets, file));
        }
    }
    for (const ManifestEntry& entry : plan.delta) {
        plan.delta_record_count += (entry.kind == FileKind::kAdd ? 1 : -1) * entry.file.row_count;
    }

    // Index files: the new live list, when anything changes.
    std::vector<IndexManifestEntry> deleted_index;
    std::vector<IndexManifestEntry> added_index;
    for (const CommitMessage& message : request.messages) {
        for (const IndexFileMeta& file : message.deleted_index_files) {
            deleted_index.push_back({FileKind::kDelete, message.partition, message.bucket, file});
        }
        for (const IndexFileMeta& file : message.new_index_files) {
            added_index.push_back({FileKind::kAdd, message.partition, message.bucket, file});
        }
    }
    std::vector<IndexManifestEntry> live_index;
    if (latest && (overwrite || !deleted_index.empty() || !added_index.empty())) {
        FL_ASSIGN_OR_RETURN(live_index, ReadLiveIndexEntries(fs, table_path, *latest));
    }
    std::unordered_set<std::string> removed;
    for (const IndexManifestEntry& entry : deleted_index) {
        removed.insert(IndexKey(entry.partition, entry.bucket, entry.index_file));
    }
    for (const IndexManifestEntry& entry : live_index) {
        bool dropped = removed.count(IndexKey(entry.partition, entry.bucket, entry.index_file)) > 0 ||
                       (overwrite && in_scope(entry.partition));
        if (dropped) {
            plan.index_changed = true;
        } else {
            plan.index.push_back(entry);
        }
    }
    if (!added_index.empty() || !deleted_index.empty()) plan.index_changed = true;
    plan.index.insert(plan.index.end(), added_index.begin(), added_index.end());

    if (have_live || !deleted_index.empty() || NeedsLiveFiles(request, schema)) {
        FL_RETURN_NOT_OK(
            CheckCommitConflicts(live, plan.delta, live_index, deleted_index, schema, latest ? latest->id : 0));
    }

    if (!latest) {
        plan.total_record_count = plan.delta_record_count;
    } else if (latest->total_record_count) {
        plan.total_record_count = *latest->total_record_count + plan.delta_record_count;
    } else {
        // A snapshot from a writer that kept no count: count the live files.
        if (!have_live) {
            FL_ASSIGN_OR_RETURN(live, ReadLiveDataEntries(fs, table_path, *latest));
        }
        int64_t rows = 0;
        for (const ManifestEntry& entry : live) rows += entry.file.row_count;
        plan.total_record_count = rows + plan.delta_record_count;
    }
    return plan;
}

}  // namespace flashlake::lake
