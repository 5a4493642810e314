#include "lake/read/incremental_planner.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "lake/binary_row_converter.h"
#include "lake/manifest_io.h"
#include "lake/partition_path.h"
#include "lake/read/read_context_builder.h"
#include "lake/read/scan_pruner.h"
#include "lake/schema_manager.h"
#include "lake/snapshot_manager.h"
#include "lake/table_paths.h"

namespace flashlake::lake {

namespace {

// An external data file path as ReadTableFiles maps it: the first matching prefix rewritten,
// then a "file:" scheme dropped.
std::string MapExternalPath(const std::string& path, const ReadTableFilesOptions& options) {
    std::string mapped = path;
    for (const auto& [prefix, replacement] : options.external_path_prefixes) {
        if (mapped.compare(0, prefix.size(), prefix) == 0) {
            mapped = replacement + mapped.substr(prefix.size());
            break;
        }
    }
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

// The entries a snapshot's delta manifest list holds, in order.
Result<std::vector<ManifestEntry>> DeltaEntries(io::FileSystem* fs, const std::string& table_path,
                                                const Snapshot& snapshot) {
    std::vector<ManifestEntry> entries;
    FL_ASSIGN_OR_RETURN(std::vector<ManifestFileMeta> manifests,
                        ReadManifestList(fs, TablePaths::ManifestPath(table_path, snapshot.delta_manifest_list)));
    for (const ManifestFileMeta& manifest : manifests) {
        FL_ASSIGN_OR_RETURN(std::vector<ManifestEntry> more,
                            ReadManifestFile(fs, TablePaths::ManifestPath(table_path, manifest.file_name)));
        std::move(more.begin(), more.end(), std::back_inserter(entries));
    }
    return entries;
}

// The splits of one snapshot's delta: one per (partition, bucket), in the order entries appear.
class DeltaSplitter {
public:
    DeltaSplitter(const std::string& table_path, const TableSchema& schema, const ScanOptions& options)
        : options_(options), path_options_(PartitionPathOptions::FromSchema(schema)), data_root_(table_path) {
        if (auto dir = schema.Option("data-file.path-directory"); dir && !dir->empty()) data_root_ += "/" + *dir;
    }

    Status Init(const TableSchema& schema) {
        FL_ASSIGN_OR_RETURN(partition_fields_, schema.FieldsNamed(schema.partition_keys));
        FL_ASSIGN_OR_RETURN(partition_types_, schema.PartitionTypes());
        return Status::OK();
    }

    // Appends the splits of `entries` (committed by `snapshot_id`) whose partitions may match.
    Status Add(int64_t snapshot_id, std::vector<ManifestEntry> entries, bool overwrite, const ScanPruner& pruner,
               ScanPlan* plan, std::set<int64_t>* schema_ids) const {
        std::map<std::pair<std::string, int32_t>, size_t> index;
        std::vector<Split> splits;
        std::vector<bool> matches;
        for (ManifestEntry& entry : entries) {
            if (entry.bucket == -2) continue;  // postpone bucket: not visible to readers
            if (entry.kind == FileKind::kDelete && !overwrite) continue;
            auto key = std::make_pair(entry.partition.bytes(), entry.bucket);
            auto it = index.find(key);
            if (it == index.end()) {
                FL_ASSIGN_OR_RETURN(Split split, NewSplit(snapshot_id, entry));
                matches.push_back(pruner.PartitionMayMatch(split.partition_values));
                it = index.emplace(key, splits.size()).first;
                splits.push_back(std::move(split));
            }
            if (!matches[it->second]) continue;
            Split& split = splits[it->second];
            schema_ids->insert(entry.file.schema_id);
            SplitFile file;
            file.path = entry.file.external_path ? MapExternalPath(*entry.file.external_path, options_.files)
                                                 : split.bucket_path + "/" + entry.file.file_name;
            file.kind = entry.kind;
            file.meta = std::move(entry.file);
            split.files.push_back(std::move(file));
        }
        for (Split& split : splits) {
            if (split.files.empty()) {
                ++plan->pruned_buckets;
            } else {
                plan->splits.push_back(std::move(split));
            }
        }
        return Status::OK();
    }

private:
    Result<Split> NewSplit(int64_t snapshot_id, const ManifestEntry& entry) const {
        Split split;
        split.kind = SplitKind::kIncremental;
        split.snapshot_id = snapshot_id;
        split.partition = entry.partition;
        split.bucket = entry.bucket;
        if (!partition_types_.empty()) {
            FL_ASSIGN_OR_RETURN(split.partition_values, DecodeBinaryRow(entry.partition, partition_types_));
        }
        FL_ASSIGN_OR_RETURN(std::string partition_path,
                            PartitionPath(entry.partition, partition_fields_, path_options_));
        split.bucket_path = TablePaths::BucketDir(data_root_, partition_path, entry.bucket);
        return split;
    }

    const ScanOptions& options_;
    PartitionPathOptions path_options_;
    std::string data_root_;
    std::vector<DataField> partition_fields_;
    std::vector<DataType> partition_types_;
};

}  // namespace

Result<ScanPlan> PlanIncremental(io::FileSystem* fs, const std::string& table_path, const ScanOptions& options) {
    auto [from, to] = *options.incremental_between;
    if (from > to) {
        return Status::InvalidArgument("incremental scan from snapshot " + std::to_string(from) + " to " +
                                       std::to_string(to) + ": the start is after the end");
    }
    const std::string root = TablePaths::BranchPath(table_path, options.files.branch);
    SnapshotManager snapshots(fs, root);
    SchemaManager schemas(fs, root);
    TableSchema schema;
    if (options.read_schema_id) {
        FL_ASSIGN_OR_RETURN(schema, schemas.Read(*options.read_schema_id));
    } else {
        FL_ASSIGN_OR_RETURN(std::optional<TableSchema> latest, schemas.Latest());
        if (!latest) return Status::NotFound("table " + table_path + " has no schema");
        schema = std::move(*latest);
    }
    FL_ASSIGN_OR_RETURN(std::shared_ptr<ReadContext> context, MakeReadContext(schema, options));
    DeltaSplitter splitter(table_path, schema, options);
    FL_RETURN_NOT_OK(splitter.Init(schema));
    ScanPruner pruner(schema, context->filters);

    ScanPlan plan;
    std::set<int64_t> schema_ids;
    for (int64_t id = from + 1; id <= to; ++id) {
        FL_ASSIGN_OR_RETURN(Snapshot snapshot, snapshots.Read(id));
        if (id == to) plan.snapshot = snapshot;
        if (snapshot.commit_kind == CommitKind::kCompact || snapshot.commit_kind == CommitKind::kAnalyze) continue;
        bool overwrite = snapshot.commit_kind == CommitKind::kOverwrite;
        if (overwrite && context->primary_key_table) {
            return Status::NotSupported("snapshot " + std::to_string(id) +
                                        " overwrote data of a primary-key table; an incremental read across it "
                                        "is not supported");
        }
        FL_ASSIGN_OR_RETURN(std::vector<ManifestEntry> entries, DeltaEntries(fs, table_path, snapshot));
        FL_RETURN_NOT_OK(splitter.Add(id, std::move(entries), overwrite, pruner, &plan, &schema_ids));
    }
    FL_RETURN_NOT_OK(LoadFileSchemas(fs, root, schema_ids, context.get()));
    // Rows of an incremental read are independent, so every file can be judged by its statistics.
    for (Split& split : plan.splits) {
        split.context = context;
        size_t before = split.files.size();
        std::erase_if(split.files, [&](const SplitFile& file) {
            return !pruner.FileMayMatch(file.meta, context->file_schemas.at(file.meta.schema_id));
        });
        plan.pruned_files += static_cast<int64_t>(before - split.files.size());
    }
    std::erase_if(plan.splits, [](const Split& split) { return split.files.empty(); });
    plan.context = std::move(context);
    return plan;
}

}  // namespace flashlake::lake
