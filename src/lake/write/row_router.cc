#include "lake/write/row_router.h"

#include "lake/binary_row_converter.h"
#include "lake/lsm/normalized_keys.h"
#include "lake/write/write_context.h"

namespace flashlake::lake {

RowRouter::RowRouter(const WriteContext* context)
    : context_(context),
      path_options_(PartitionPathOptions::FromSchema(context->schema)),
      hasher_(context->bucket_key_columns, context->bucket_key_types, context->num_buckets,
              context->mod_bucket_function) {
    for (int index : context->partition_columns) partition_fields_.push_back(context->schema.fields[index]);
    if (context->partition_columns.empty()) partitions_.push_back({BinaryRow(), ""});
}

Result<uint32_t> RowRouter::NewPartition(const Chunk& chunk, size_t row, std::string_view key) {
    std::vector<Value> values;
    values.reserve(context_->partition_columns.size());
    for (int index : context_->partition_columns) values.push_back(chunk.column(index)->GetValue(row));
    FL_ASSIGN_OR_RETURN(BinaryRow partition, EncodeBinaryRow(values, context_->partition_types));
    auto known = partition_by_bytes_.find(partition.bytes());
    uint32_t index;
    if (known != partition_by_bytes_.end()) {
        // Another encoding of the same values (e.g. a different NaN): same partition.
        index = known->second;
    } else {
        FL_ASSIGN_OR_RETURN(std::string path, PartitionPath(partition, partition_fields_, path_options_));
        index = static_cast<uint32_t>(partitions_.size());
        partition_by_bytes_.emplace(partition.bytes(), index);
        partitions_.push_back({std::move(partition), std::move(path)});
    }
    partition_by_key_.emplace(std::string(key), index);
    return index;
}

Status RowRouter::AssignPartitions(const Chunk& chunk) {
    const size_t rows = chunk.num_rows();
    lsm::NormalizedKeys keys = lsm::NormalizedKeys::Encode(chunk, context_->partition_columns);
    row_partition_.resize(rows);
    std::string_view previous;
    uint32_t previous_partition = 0;
    for (size_t r = 0; r < rows; ++r) {
        std::string_view key = keys.Get(r);
        if (r > 0 && key == previous) {
            row_partition_[r] = previous_partition;
            continue;
        }
        auto found = partition_by_key_.find(key);
        if (found != partition_by_key_.end()) {
            previous_partition = found->second;
        } else {
            FL_ASSIGN_OR_RETURN(previous_partition, NewPartition(chunk, r, key));
        }
        previous = key;
        row_partition_[r] = previous_partition;
    }
    return Status::OK();
}

Status RowRouter::Route(const Chunk& chunk, std::vector<RouteGroup>* groups) {
    groups->clear();
    const size_t rows = chunk.num_rows();
    if (rows == 0) return Status::OK();
    const bool partitioned = !context_->partition_columns.empty();
    const bool bucketed = context_->num_buckets > 1;
    if (partitioned) FL_RETURN_NOT_OK(AssignPartitions(chunk));
    if (bucketed) FL_RETURN_NOT_OK(hasher_.Buckets(chunk, &row_bucket_));
    if (!partitioned && !bucketed) {
        groups->push_back(RouteGroup{});
        return Status::OK();
    }

    // (partition, bucket) -> group, with a shortcut for runs of equal rows.
    row_group_.resize(rows);
    std::unordered_map<uint64_t, uint32_t> group_of;
    uint64_t previous = ~uint64_t{0};
    uint32_t previous_group = 0;
    for (size_t r = 0; r < rows; ++r) {
        uint32_t partition = partitioned ? row_partition_[r] : 0;
        int32_t bucket = bucketed ? row_bucket_[r] : 0;
        uint64_t key = (uint64_t{partition} << 32) | static_cast<uint32_t>(bucket);
        if (key != previous) {
            auto [it, added] = group_of.emplace(key, static_cast<uint32_t>(groups->size()));
            if (added) groups->push_back(RouteGroup{partition, bucket, {}});
            previous = key;
            previous_group = it->second;
        }
        row_group_[r] = previous_group;
    }
    if (groups->size() == 1) return Status::OK();

    std::vector<uint32_t> counts(groups->size(), 0);
    for (size_t r = 0; r < rows; ++r) ++counts[row_group_[r]];
    for (size_t g = 0; g < groups->size(); ++g) (*groups)[g].rows.indices().reserve(counts[g]);
    for (size_t r = 0; r < rows; ++r) (*groups)[row_group_[r]].rows.Append(static_cast<uint32_t>(r));
    return Status::OK();
}

}  // namespace flashlake::lake
