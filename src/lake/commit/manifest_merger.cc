#include "lake/commit/manifest_merger.h"

#include <optional>
#include <unordered_set>

#include "lake/binary_row_converter.h"
#include "lake/commit/live_files.h"
#include "lake/commit/manifest_file_writer.h"
#include "lake/manifest_io.h"
#include "lake/table_paths.h"

namespace flashlake::lake {

namespace {

Result<std::vector<ManifestEntry>> ReadEntries(io::FileSystem* fs, const std::string& table_path,
                                               const ManifestFileMeta& meta) {
    return ReadManifestFile(fs, TablePaths::ManifestPath(table_path, meta.file_name));
}

// Whether a manifest's partition range may hold any of `partitions` (decoded values). Unknown
// stats and rows that do not decode count as "may".
class PartitionRangeFilter {
public:
    PartitionRangeFilter(const std::vector<DataType>& types, const std::vector<BinaryRow>& partitions) : types_(types) {
        for (const BinaryRow& partition : partitions) {
            auto values = DecodeBinaryRow(partition, types);
            if (!values.ok()) {
                undecodable_ = true;
                continue;
            }
            partitions_.push_back(std::move(values).value());
        }
    }

    bool MayContain(const ManifestFileMeta& meta) const {
        if (undecodable_) return true;
        auto min = DecodeBinaryRow(meta.partition_stats.min_values, types_);
        auto max = DecodeBinaryRow(meta.partition_stats.max_values, types_);
        if (!min.ok() || !max.ok()) return true;
        const auto& null_counts = meta.partition_stats.null_counts;
        for (const std::vector<Value>& partition : partitions_) {
            bool inside = true;
            for (size_t i = 0; i < types_.size() && inside; ++i) {
                if (partition[i].is_null()) {
                    bool has_nulls =
                        !null_counts || i >= null_counts->size() || !(*null_counts)[i] || *(*null_counts)[i] > 0;
                    inside = has_nulls;
                } else if (!(*min)[i].is_null() && !(*max)[i].is_null()) {
                    inside = (*min)[i].Compare(partition[i]) <= 0 && partition[i].Compare((*max)[i]) <= 0;
                } else {
                    inside = false;  // the manifest has only nulls in this field
                }
            }
            if (inside) return true;
        }
        return false;
    }

private:
    std::vector<DataType> types_;
    std::vector<std::vector<Value>> partitions_;
    bool undecodable_ = false;
};

Result<std::optional<std::vector<ManifestFileMeta>>> TryFullCompaction(
    io::FileSystem* fs, const std::string& table_path, const std::vector<ManifestFileMeta>& input,
    const std::vector<DataType>& partition_types, const ManifestMergeOptions& options, ManifestFileWriter* writer) {
    using Outcome = std::optional<std::vector<ManifestFileMeta>>;
    auto must_change = [&](const ManifestFileMeta& meta) {
        return meta.num_deleted_files > 0 || meta.file_size < options.target_file_size;
    };
    int64_t must_change_size = 0;
    for (const ManifestFileMeta& meta : input) {
        if (must_change(meta)) must_change_size += meta.file_size;
    }
    if (must_change_size < options.full_compaction_size) return Outcome();

    // Every deleted file, and the partitions they were in.
    std::unordered_set<std::string> deleted;
    std::vector<BinaryRow> deleted_partitions;
    std::unordered_set<std::string> seen_partitions;
    for (const ManifestFileMeta& meta : input) {
        if (meta.num_deleted_files == 0) continue;
        FL_ASSIGN_OR_RETURN(std::vector<ManifestEntry> entries, ReadEntries(fs, table_path, meta));
        for (const ManifestEntry& entry : entries) {
            if (entry.kind != FileKind::kDelete) continue;
            deleted.insert(FileIdentifierKey(entry));
            if (seen_partitions.insert(entry.partition.bytes()).second) deleted_partitions.push_back(entry.partition);
        }
    }

    std::vector<ManifestFileMeta> result;
    std::vector<const ManifestFileMeta*> to_merge;
    PartitionRangeFilter filter(partition_types, deleted_partitions);
    for (const ManifestFileMeta& meta : input) {
        bool skip = !must_change(meta) && (deleted.empty() || (!partition_types.empty() && !filter.MayContain(meta)));
        if (skip) {
            result.push_back(meta);
        } else {
            to_merge.push_back(&meta);
        }
    }
    if (to_merge.size() <= 1) return Outcome();

    std::vector<ManifestEntry> pending;
    for (const ManifestFileMeta* meta : to_merge) {
        FL_ASSIGN_OR_RETURN(std::vector<ManifestEntry> entries, ReadEntries(fs, table_path, *meta));
        bool require_change = must_change(*meta);
        std::vector<ManifestEntry> kept;
        for (ManifestEntry& entry : entries) {
            if (entry.kind == FileKind::kDelete) continue;
            if (deleted.count(FileIdentifierKey(entry)) > 0) {
                require_change = true;
            } else {
                kept.push_back(std::move(entry));
            }
        }
        if (require_change) {
            std::move(kept.begin(), kept.end(), std::back_inserter(pending));
        } else {
            result.push_back(*meta);
        }
    }
    FL_ASSIGN_OR_RETURN(std::vector<ManifestFileMeta> merged, writer->WriteManifests(pending));
    result.insert(result.end(), merged.begin(), merged.end());
    return Outcome(std::move(result));
}

Status MergeCandidates(io::FileSystem* fs, const std::string& table_path,
                       const std::vector<ManifestFileMeta>& candidates, ManifestFileWriter* writer,
                       std::vector<ManifestFileMeta>* result) {
    if (candidates.size() == 1) {
        result->push_back(candidates[0]);
        return Status::OK();
    }
    std::vector<ManifestEntry> entries;
    for (const ManifestFileMeta& meta : candidates) {
        FL_ASSIGN_OR_RETURN(std::vector<ManifestEntry> part, ReadEntries(fs, table_path, meta));
        std::move(part.begin(), part.end(), std::back_inserter(entries));
    }
    FL_ASSIGN_OR_RETURN(std::vector<ManifestEntry> merged, MergeManifestEntries(std::move(entries)));
    FL_ASSIGN_OR_RETURN(std::vector<ManifestFileMeta> written, writer->WriteManifests(merged));
    result->insert(result->end(), written.begin(), written.end());
    return Status::OK();
}

Result<std::vector<ManifestFileMeta>> MinorCompaction(io::FileSystem* fs, const std::string& table_path,
                                                      const std::vector<ManifestFileMeta>& input,
                                                      const ManifestMergeOptions& options, ManifestFileWriter* writer) {
    std::vector<ManifestFileMeta> result;
    std::vector<ManifestFileMeta> candidates;
    int64_t total_size = 0;
    for (const ManifestFileMeta& meta : input) {
        total_size += meta.file_size;
        candidates.push_back(meta);
        if (total_size >= options.target_file_size) {
            FL_RETURN_NOT_OK(MergeCandidates(fs, table_path, candidates, writer, &result));
            candidates.clear();
            total_size = 0;
        }
    }
    if (static_cast<int64_t>(candidates.size()) >= options.min_count) {
        FL_RETURN_NOT_OK(MergeCandidates(fs, table_path, candidates, writer, &result));
    } else {
        result.insert(result.end(), candidates.begin(), candidates.end());
    }
    return result;
}

}  // namespace

Result<std::vector<ManifestFileMeta>> MergeManifests(io::FileSystem* fs, const std::string& table_path,
                                                     const std::vector<ManifestFileMeta>& input,
                                                     const std::vector<DataType>& partition_types,
                                                     const ManifestMergeOptions& options, ManifestFileWriter* writer) {
    FL_ASSIGN_OR_RETURN(auto full, TryFullCompaction(fs, table_path, input, partition_types, options, writer));
    if (full) return std::move(*full);
    return MinorCompaction(fs, table_path, input, options, writer);
}

}  // namespace flashlake::lake
