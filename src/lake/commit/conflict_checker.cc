#include "lake/commit/conflict_checker.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "lake/binary_row_converter.h"
#include "lake/commit/live_files.h"
#include "lake/table_schema.h"

namespace flashlake::lake {

namespace {

std::string BucketKey(const BinaryRow& partition, int32_t bucket) {
    return partition.bytes() + '\0' + std::to_string(bucket);
}

std::string Describe(const ManifestEntry& entry) {
    return "file " + entry.file.file_name + " (bucket " + std::to_string(entry.bucket) + ", level " +
           std::to_string(entry.file.level) + ")";
}

Status Conflict(const std::string& what, int64_t base_snapshot_id) {
    return Status(ErrorCode::kCommitConflict,
                  "commit conflict with snapshot " + std::to_string(base_snapshot_id) + ": " + what);
}

// Key ranges of the files of one level must not overlap (sorted runs of an LSM tree).
Status CheckLevelRanges(std::vector<const ManifestEntry*> files, const std::vector<DataType>& key_types,
                        int64_t base_snapshot_id) {
    struct Range {
        const ManifestEntry* entry;
        std::vector<Value> min;
        std::vector<Value> max;
    };
    std::vector<Range> ranges;
    for (const ManifestEntry* entry : files) {
        auto min = DecodeBinaryRow(entry->file.min_key, key_types);
        auto max = DecodeBinaryRow(entry->file.max_key, key_types);
        if (!min.ok() || !max.ok()) return Status::OK();  // keys we cannot compare: no check
        ranges.push_back({entry, std::move(min).value(), std::move(max).value()});
    }
    auto compare = [](const std::vector<Value>& a, const std::vector<Value>& b) {
        for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
            if (int c = a[i].Compare(b[i]); c != 0) return c;
        }
        return 0;
    };
    std::sort(ranges.begin(), ranges.end(), [&](const Range& a, const Range& b) { return compare(a.min, b.min) < 0; });
    for (size_t i = 1; i < ranges.size(); ++i) {
        if (compare(ranges[i - 1].max, ranges[i].min) >= 0) {
            return Conflict("LSM conflict: " + Describe(*ranges[i - 1].entry) + " and " + Describe(*ranges[i].entry) +
                                " overlap in key range; two writers compacted the same bucket",
                            base_snapshot_id);
        }
    }
    return Status::OK();
}

}  // namespace

Status CheckCommitConflicts(const std::vector<ManifestEntry>& live, const std::vector<ManifestEntry>& delta,
                            const std::vector<IndexManifestEntry>& live_index,
                            const std::vector<IndexManifestEntry>& deleted_index, const TableSchema& schema,
                            int64_t base_snapshot_id) {
    std::set<std::string> touched_partitions;
    std::set<std::string> touched_buckets;
    for (const ManifestEntry& entry : delta) {
        touched_partitions.insert(entry.partition.bytes());
        touched_buckets.insert(BucketKey(entry.partition, entry.bucket));
    }
    // The merged state of the touched partitions: live files there, then this commit's changes.
    std::unordered_map<std::string, const ManifestEntry*> state;
    for (const ManifestEntry& entry : live) {
        if (touched_partitions.count(entry.partition.bytes()) > 0) state.emplace(FileIdentifierKey(entry), &entry);
    }
    for (const ManifestEntry& entry : delta) {
        std::string key = FileIdentifierKey(entry);
        auto it = state.find(key);
        if (entry.kind == FileKind::kDelete) {
            if (it == state.end()) {
                return Conflict(Describe(entry) +
                                    " is to be deleted but is no longer live: a concurrent commit "
                                    "(compaction or overwrite) deleted it",
                                base_snapshot_id);
            }
            state.erase(it);
        } else {
            if (it != state.end()) return Conflict(Describe(entry) + " is added but is already live", base_snapshot_id);
            state.emplace(std::move(key), &entry);
        }
    }

    std::map<std::string, int32_t> partition_buckets;
    std::map<std::string, std::map<int32_t, std::vector<const ManifestEntry*>>> levels;  // bucket -> level -> files
    for (const auto& [key, entry] : state) {
        auto [it, inserted] = partition_buckets.emplace(entry->partition.bytes(), entry->total_buckets);
        if (!inserted && it->second != entry->total_buckets) {
            return Conflict("files of one partition disagree on the bucket count (" + std::to_string(it->second) +
                                " and " + std::to_string(entry->total_buckets) + ", " + Describe(*entry) +
                                "): the table was rescaled concurrently",
                            base_snapshot_id);
        }
        if (entry->file.level >= 1 && touched_buckets.count(BucketKey(entry->partition, entry->bucket)) > 0) {
            levels[BucketKey(entry->partition, entry->bucket)][entry->file.level].push_back(entry);
        }
    }
    if (!schema.primary_keys.empty()) {
        auto key_types = schema.TrimmedPrimaryKeyTypes();
        if (key_types.ok()) {
            for (const auto& [bucket, by_level] : levels) {
                for (const auto& [level, files] : by_level) {
                    if (files.size() > 1) FL_RETURN_NOT_OK(CheckLevelRanges(files, *key_types, base_snapshot_id));
                }
            }
        }
    }

    std::set<std::string> live_index_files;
    for (const IndexManifestEntry& entry : live_index) {
        live_index_files.insert(BucketKey(entry.partition, entry.bucket) + '\0' + entry.index_file.file_name);
    }
    for (const IndexManifestEntry& entry : deleted_index) {
        if (live_index_files.count(BucketKey(entry.partition, entry.bucket) + '\0' + entry.index_file.file_name) == 0) {
            return Conflict("index file " + entry.index_file.file_name + " (bucket " + std::to_string(entry.bucket) +
                                ") is to be deleted but is no longer live: a concurrent commit replaced it",
                            base_snapshot_id);
        }
    }
    return Status::OK();
}

}  // namespace flashlake::lake
