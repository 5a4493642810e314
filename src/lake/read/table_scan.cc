#include "lake/read/table_scan.h"

#include <algorithm>
#include <set>

#include "io/file_system.h"
#include "lake/binary_row_converter.h"
#include "lake/read/incremental_planner.h"
#include "lake/read/read_context_builder.h"
#include "lake/read/scan_pruner.h"
#include "lake/read/split_generator.h"
#include "lake/schema_manager.h"
#include "lake/snapshot_manager.h"
#include "lake/table_paths.h"

namespace flashlake::lake {

namespace {

// Latest snapshot with timeMillis <= `millis` (ids between EARLIEST and LATEST are continuous and
// their times ascend): a binary search over snapshot files.
Result<Snapshot> SnapshotAtTime(const SnapshotManager& snapshots, int64_t millis) {
    FL_ASSIGN_OR_RETURN(std::optional<int64_t> earliest, snapshots.EarliestId());
    FL_ASSIGN_OR_RETURN(std::optional<int64_t> latest, snapshots.LatestId());
    if (!earliest || !latest) return Status::NotFound("the table has no snapshot");
    std::optional<Snapshot> found;
    int64_t low = *earliest;
    int64_t high = *latest;
    while (low <= high) {
        int64_t middle = low + (high - low) / 2;
        FL_ASSIGN_OR_RETURN(Snapshot snapshot, snapshots.Read(middle));
        if (snapshot.time_millis <= millis) {
            found = std::move(snapshot);
            low = middle + 1;
        } else {
            high = middle - 1;
        }
    }
    if (!found) return Status::NotFound("no snapshot was committed at or before " + std::to_string(millis));
    return std::move(*found);
}

// Turns the files of each bucket into splits: partition pruning, per-file pruning where it is
// safe for the table kind, then split generation.
class BucketPlanner {
public:
    BucketPlanner(const ReadContext& context, const ScanOptions& options)
        : context_(context), pruner_(context.schema, context.filters) {
        split_options_.target_size = options.split_target_size;
        split_options_.open_file_cost = options.split_open_file_cost;
        split_options_.deletion_vectors = context.deletion_vectors;
        split_options_.first_row = context.primary_key_table && context.merge.engine == lsm::MergeEngine::kFirstRow;
        skip_level0_ = options.skip_level0_files && context.primary_key_table &&
                       (split_options_.deletion_vectors || split_options_.first_row);
        // Whole-bucket value pruning is safe when every merged row is one of the versions.
        bucket_value_pruning_ = context.primary_key_table && (context.merge.engine == lsm::MergeEngine::kDeduplicate ||
                                                              context.merge.engine == lsm::MergeEngine::kFirstRow);
    }

    // Adds the splits of `bucket` (`base` carrying all but the files) to `plan`.
    void Plan(const BucketFiles& bucket, Split base, ScanPlan* plan) const {
        if (!pruner_.PartitionMayMatch(base.partition_values)) {
            ++plan->pruned_buckets;
            return;
        }
        std::vector<SplitFile> candidates = Candidates(bucket, plan);
        if (candidates.empty()) return;
        if (!context_.primary_key_table) {
            for (Split& split : SplitAppendBucket(base, std::move(candidates), split_options_)) {
                plan->splits.push_back(std::move(split));
            }
            return;
        }
        Split split = SplitPrimaryKeyBucket(base, std::move(candidates), split_options_);
        if (pruner_.has_value_predicates()) {
            auto may_match = [&](const SplitFile& file) {
                return pruner_.FileMayMatch(file.meta, context_.file_schemas.at(file.meta.schema_id));
            };
            if (split.kind == SplitKind::kRaw) {
                // Rows of a raw split are final: each file can be judged alone.
                size_t before = split.files.size();
                std::erase_if(split.files, [&](const SplitFile& file) { return !may_match(file); });
                plan->pruned_files += static_cast<int64_t>(before - split.files.size());
                if (split.files.empty()) return;
            } else if (bucket_value_pruning_ && std::none_of(split.files.begin(), split.files.end(), may_match)) {
                ++plan->pruned_buckets;
                return;
            }
        }
        plan->splits.push_back(std::move(split));
    }

private:
    // The bucket's files that may hold matching rows: value statistics for append tables, key
    // statistics for primary-key tables (a key's versions are all kept or all dropped).
    std::vector<SplitFile> Candidates(const BucketFiles& bucket, ScanPlan* plan) const {
        std::vector<SplitFile> candidates;
        for (size_t i = 0; i < bucket.files.size(); ++i) {
            const DataFileMeta& meta = bucket.files[i];
            if (skip_level0_ && meta.level == 0) continue;
            const TableSchema& file_schema = context_.file_schemas.at(meta.schema_id);
            bool keep = context_.primary_key_table ? pruner_.FileKeysMayMatch(meta, file_schema)
                                                   : pruner_.FileMayMatch(meta, file_schema);
            if (!keep) {
                ++plan->pruned_files;
                continue;
            }
            SplitFile file{meta, bucket.file_paths[i], std::nullopt, FileKind::kAdd};
            if (auto dv = bucket.deletion_files.find(meta.file_name); dv != bucket.deletion_files.end()) {
                file.deletion_file = dv->second;
            }
            candidates.push_back(std::move(file));
        }
        return candidates;
    }

    const ReadContext& context_;
    ScanPruner pruner_;
    SplitGeneratorOptions split_options_;
    bool skip_level0_ = false;
    bool bucket_value_pruning_ = false;
};

}  // namespace

Result<ScanPlan> TableScan::Plan() const {
    if (options_.incremental_between) return PlanIncremental(fs_, table_path_, options_);
    std::set<std::string> partitions;
    FL_ASSIGN_OR_RETURN(ScanPlan plan, PlanSnapshot(options_, &partitions));
    auto fallback = plan.context->schema.Option("scan.fallback-branch");
    if (!fallback || fallback->empty() || *fallback == options_.files.branch) return plan;
    // Paimon's fallback read: partitions the branch read has not are read from the fallback
    // branch (its latest snapshot, its own schema and table kind), in the same columns.
    ScanOptions branch_options = options_;
    branch_options.files.branch = *fallback;
    branch_options.snapshot_id.reset();
    branch_options.timestamp_millis.reset();
    branch_options.read_schema_id.reset();
    branch_options.projection.emplace();
    for (const DataField& field : plan.context->projection) branch_options.projection->push_back(field.name);
    auto branch = PlanSnapshot(branch_options, nullptr);
    if (!branch.ok()) return branch.status().WithContext("fallback branch '" + *fallback + "'");
    if (branch->context->OutputTypes() != plan.context->OutputTypes()) {
        return Status::NotSupported("fallback branch '" + *fallback + "' has other column types than branch '" +
                                    options_.files.branch + "'");
    }
    for (Split& split : branch->splits) {
        if (partitions.count(split.partition.bytes()) == 0) plan.splits.push_back(std::move(split));
    }
    plan.pruned_buckets += branch->pruned_buckets;
    plan.pruned_files += branch->pruned_files;
    return plan;
}

Result<std::pair<std::optional<Snapshot>, TableSchema>> ResolveScanSnapshot(io::FileSystem* fs,
                                                                           const std::string& table_path,
                                                                           const ScanOptions& options) {
    const std::string root = TablePaths::BranchPath(table_path, options.files.branch);
    SnapshotManager snapshots(fs, root);
    SchemaManager schemas(fs, root);
    std::optional<Snapshot> snapshot;
    bool time_travel = true;
    if (options.snapshot_id) {
        FL_ASSIGN_OR_RETURN(snapshot, snapshots.Read(*options.snapshot_id));
    } else if (options.timestamp_millis) {
        FL_ASSIGN_OR_RETURN(snapshot, SnapshotAtTime(snapshots, *options.timestamp_millis));
    } else {
        time_travel = false;
        FL_ASSIGN_OR_RETURN(snapshot, snapshots.Latest());
    }
    TableSchema schema;
    if (options.read_schema_id || (time_travel && snapshot)) {
        FL_ASSIGN_OR_RETURN(schema, schemas.Read(options.read_schema_id.value_or(snapshot ? snapshot->schema_id : 0)));
    } else {
        FL_ASSIGN_OR_RETURN(std::optional<TableSchema> latest, schemas.Latest());
        if (!latest) return Status::NotFound("table " + table_path + " has no schema");
        schema = std::move(*latest);
    }
    return std::make_pair(std::move(snapshot), std::move(schema));
}

Result<ScanPlan> TableScan::PlanSnapshot(const ScanOptions& options, std::set<std::string>* partitions) const {
    const std::string root = TablePaths::BranchPath(table_path_, options.files.branch);
    FL_ASSIGN_OR_RETURN(auto resolved, ResolveScanSnapshot(fs_, table_path_, options));
    std::optional<Snapshot> snapshot = std::move(resolved.first);
    TableSchema schema = std::move(resolved.second);
    FL_ASSIGN_OR_RETURN(std::shared_ptr<ReadContext> context, MakeReadContext(schema, options));
    ScanPlan plan;
    plan.snapshot = snapshot;
    if (!snapshot) {
        plan.context = std::move(context);
        return plan;
    }

    FL_ASSIGN_OR_RETURN(TableFiles files, ReadTableFiles(fs_, table_path_, *snapshot, options.files));
    std::set<int64_t> schema_ids;
    for (const BucketFiles& bucket : files.buckets) {
        for (const DataFileMeta& file : bucket.files) schema_ids.insert(file.schema_id);
    }
    FL_RETURN_NOT_OK(LoadFileSchemas(fs_, root, schema_ids, context.get()));

    FL_ASSIGN_OR_RETURN(std::vector<DataType> partition_types, schema.PartitionTypes());
    BucketPlanner planner(*context, options);
    for (const BucketFiles& bucket : files.buckets) {
        if (partitions) partitions->insert(bucket.partition.bytes());
        Split base;
        base.context = context;
        base.snapshot_id = snapshot->id;
        base.partition = bucket.partition;
        base.bucket = bucket.bucket;
        base.bucket_path = bucket.bucket_path;
        if (!partition_types.empty()) {
            FL_ASSIGN_OR_RETURN(base.partition_values, DecodeBinaryRow(bucket.partition, partition_types));
        }
        planner.Plan(bucket, std::move(base), &plan);
    }
    plan.context = std::move(context);
    return plan;
}

}  // namespace flashlake::lake
