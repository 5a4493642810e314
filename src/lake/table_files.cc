#include "lake/table_files.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "io/file_system.h"
#include "lake/manifest_io.h"
#include "lake/partition_path.h"
#include "lake/schema_manager.h"
#include "lake/snapshot_manager.h"
#include "lake/table_paths.h"

namespace flashlake::lake {

int64_t BucketFiles::RowCount() const {
    int64_t rows = 0;
    for (const DataFileMeta& file : files) rows += file.row_count;
    return rows;
}

int64_t TableFiles::RowCount() const {
    int64_t rows = 0;
    for (const BucketFiles& bucket : buckets) rows += bucket.RowCount();
    return rows;
}

size_t TableFiles::FileCount() const {
    size_t count = 0;
    for (const BucketFiles& bucket : buckets) count += bucket.files.size();
    return count;
}

const BucketFiles* TableFiles::Find(const BinaryRow& partition, int32_t bucket) const {
    for (const BucketFiles& group : buckets) {
        if (group.bucket == bucket && group.partition == partition) return &group;
    }
    return nullptr;
}

namespace {

// Groups entries by (partition, bucket), computing each group's directories once.
class BucketGrouper {
public:
    BucketGrouper(const std::string& table_path, const TableSchema& schema, std::vector<DataField> partition_fields)
        : data_root_(table_path),
          partition_fields_(std::move(partition_fields)),
          path_options_(PartitionPathOptions::FromSchema(schema)) {
        // `data-file.path-directory` puts partition and bucket directories under a subdirectory.
        if (auto dir = schema.Option("data-file.path-directory"); dir && !dir->empty()) {
            data_root_ += (data_root_.empty() || data_root_.back() == '/' ? "" : "/") + *dir;
        }
    }

    Result<BucketFiles*> Get(const BinaryRow& partition, int32_t bucket) {
        std::string key = partition.bytes() + std::string(reinterpret_cast<const char*>(&bucket), sizeof(bucket));
        auto it = groups_.find(key);
        if (it != groups_.end()) return &it->second;
        BucketFiles group;
        group.partition = partition;
        auto path = PartitionPath(partition, partition_fields_, path_options_);
        if (!path.ok()) return path.status();
        group.partition_path = std::move(path).value();
        group.bucket = bucket;
        group.bucket_path = TablePaths::BucketDir(data_root_, group.partition_path, bucket);
        return &groups_.emplace(std::move(key), std::move(group)).first->second;
    }

    std::vector<BucketFiles> Take() {
        std::vector<BucketFiles> out;
        for (auto& [key, group] : groups_) out.push_back(std::move(group));
        std::sort(out.begin(), out.end(), [](const BucketFiles& a, const BucketFiles& b) {
            if (a.partition.bytes() != b.partition.bytes()) return a.partition.bytes() < b.partition.bytes();
            return a.bucket < b.bucket;
        });
        return out;
    }

private:
    std::string data_root_;
    std::vector<DataField> partition_fields_;
    PartitionPathOptions path_options_;
    std::unordered_map<std::string, BucketFiles> groups_;
};

std::string MapExternalPath(const std::string& path, const ReadTableFilesOptions& options) {
    std::string mapped = path;
    for (const auto& [prefix, replacement] : options.external_path_prefixes) {
        if (mapped.compare(0, prefix.size(), prefix) == 0) {
            mapped = replacement + mapped.substr(prefix.size());
            break;
        }
    }
    // A local-file URI ("file:/x", "file:///x", any case) names the path /x.
    if (mapped.size() >= 5) {
        std::string scheme = mapped.substr(0, 5);
        std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
        if (scheme == "file:") {
            mapped.erase(0, 5);
            if (mapped.compare(0, 3, "///") == 0) mapped.erase(0, 2);
        }
    }
    return mapped;
}

Status ReadDataFiles(io::FileSystem* fs, const std::string& table_path, const Snapshot& snapshot,
                     const ReadTableFilesOptions& options, BucketGrouper* grouper, TableFiles* out) {
    std::vector<ManifestEntry> entries;
    for (const std::string* list : {&snapshot.base_manifest_list, &snapshot.delta_manifest_list}) {
        FL_ASSIGN_OR_RETURN(std::vector<ManifestFileMeta> manifests,
                            ReadManifestList(fs, TablePaths::ManifestPath(table_path, *list)));
        for (const ManifestFileMeta& manifest : manifests) {
            FL_ASSIGN_OR_RETURN(std::vector<ManifestEntry> manifest_entries,
                                ReadManifestFile(fs, TablePaths::ManifestPath(table_path, manifest.file_name)));
            std::move(manifest_entries.begin(), manifest_entries.end(), std::back_inserter(entries));
        }
    }
    auto merged = MergeManifestEntries(std::move(entries));
    if (!merged.ok()) return merged.status().WithContext("snapshot " + std::to_string(snapshot.id));
    for (ManifestEntry& entry : *merged) {
        if (entry.kind == FileKind::kDelete) {
            ++out->orphan_deletes;
            continue;
        }
        if (entry.bucket == -2 && !options.include_postpone_bucket) continue;
        FL_ASSIGN_OR_RETURN(BucketFiles * group, grouper->Get(entry.partition, entry.bucket));
        group->total_buckets = entry.total_buckets;
        group->files.push_back(std::move(entry.file));
    }
    return Status::OK();
}

// Index files: the index manifest lists every live one; ADD/DELETE are folded all the same.
// An index file lives in the table's index/ directory, in its bucket directory when the table
// has `index-file-in-data-file-dir`, or at its external path.
Status ReadIndexFiles(io::FileSystem* fs, const std::string& table_path, const TableFiles& table,
                      const ReadTableFilesOptions& options, BucketGrouper* grouper) {
    const Snapshot& snapshot = table.snapshot;
    if (!snapshot.index_manifest) return Status::OK();
    bool in_data_dir = table.schema.Option("index-file-in-data-file-dir") == "true";
    std::string manifest_path = TablePaths::ManifestPath(table_path, *snapshot.index_manifest);
    FL_ASSIGN_OR_RETURN(std::vector<IndexManifestEntry> entries, ReadIndexManifest(fs, manifest_path));
    std::vector<std::optional<IndexManifestEntry>> live;
    std::unordered_map<std::string, size_t> by_identity;
    for (IndexManifestEntry& entry : entries) {
        std::string identity = entry.partition.bytes() + '\0' + std::to_string(entry.bucket) + '\0' +
                               entry.index_file.index_type + '\0' + entry.index_file.file_name;
        auto it = by_identity.find(identity);
        if (entry.kind == FileKind::kAdd) {
            if (it != by_identity.end()) {
                return Status::Corruption(manifest_path + ": index file " + entry.index_file.file_name +
                                          " is added twice");
            }
            by_identity.emplace(std::move(identity), live.size());
            live.emplace_back(std::move(entry));
        } else if (it != by_identity.end()) {
            live[it->second].reset();
            by_identity.erase(it);
        }
    }
    for (auto& slot : live) {
        if (!slot || (slot->bucket == -2 && !options.include_postpone_bucket)) continue;
        FL_ASSIGN_OR_RETURN(BucketFiles * group, grouper->Get(slot->partition, slot->bucket));
        IndexFileMeta& index = slot->index_file;
        std::string path;
        if (index.external_path) {
            path = MapExternalPath(*index.external_path, options);
        } else if (in_data_dir) {
            path = group->bucket_path + "/" + index.file_name;
        } else {
            path = TablePaths::IndexPath(table_path, index.file_name);
        }
        if (index.index_type == kDeletionVectorsIndex && index.deletion_vector_ranges) {
            for (const DeletionVectorRange& range : *index.deletion_vector_ranges) {
                group->deletion_files[range.data_file_name] =
                    DeletionFile{path, range.offset, range.length, range.cardinality};
            }
        }
        group->index_files.push_back(std::move(index));
        group->index_file_paths.push_back(std::move(path));
    }
    return Status::OK();
}

}  // namespace

Result<TableFiles> ReadTableFiles(io::FileSystem* fs, const std::string& table_path, int64_t snapshot_id,
                                  const ReadTableFilesOptions& options) {
    SnapshotManager snapshots(fs, TablePaths::BranchPath(table_path, options.branch));
    FL_ASSIGN_OR_RETURN(Snapshot snapshot, snapshots.Read(snapshot_id));
    return ReadTableFiles(fs, table_path, snapshot, options);
}

Result<TableFiles> ReadTableFiles(io::FileSystem* fs, const std::string& table_path, const Snapshot& snapshot,
                                  const ReadTableFilesOptions& options) {
    TableFiles table;
    table.snapshot = snapshot;
    SchemaManager schemas(fs, TablePaths::BranchPath(table_path, options.branch));
    FL_ASSIGN_OR_RETURN(table.schema, schemas.Read(snapshot.schema_id));
    FL_ASSIGN_OR_RETURN(std::vector<DataField> partition_fields, table.schema.FieldsNamed(table.schema.partition_keys));
    BucketGrouper grouper(table_path, table.schema, std::move(partition_fields));
    FL_RETURN_NOT_OK(ReadDataFiles(fs, table_path, snapshot, options, &grouper, &table));
    FL_RETURN_NOT_OK(ReadIndexFiles(fs, table_path, table, options, &grouper));
    table.buckets = grouper.Take();
    for (BucketFiles& group : table.buckets) {
        std::stable_sort(group.files.begin(), group.files.end(), [](const DataFileMeta& a, const DataFileMeta& b) {
            return a.level != b.level ? a.level < b.level : a.file_name < b.file_name;
        });
        for (const DataFileMeta& file : group.files) {
            group.file_paths.push_back(file.external_path ? MapExternalPath(*file.external_path, options)
                                                          : group.bucket_path + "/" + file.file_name);
        }
    }
    return table;
}

}  // namespace flashlake::lake
