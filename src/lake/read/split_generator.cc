#include "lake/read/split_generator.h"

#include <algorithm>

namespace flashlake::lake {

namespace {

bool WithoutRetractions(const SplitFile& file) {
    return file.meta.delete_row_count.value_or(-1) == 0;
}

}  // namespace

std::vector<Split> SplitAppendBucket(const Split& bucket, std::vector<SplitFile> files,
                                     const SplitGeneratorOptions& options) {
    std::vector<Split> splits;
    Split current = bucket;
    current.kind = SplitKind::kAppend;
    current.files.clear();
    int64_t weight = 0;
    for (SplitFile& file : files) {
        int64_t file_weight = std::max(file.meta.file_size, options.open_file_cost);
        if (!current.files.empty() && weight + file_weight > options.target_size) {
            splits.push_back(current);
            current.files.clear();
            weight = 0;
        }
        weight += file_weight;
        current.files.push_back(std::move(file));
    }
    if (!current.files.empty()) splits.push_back(std::move(current));
    return splits;
}

Split SplitPrimaryKeyBucket(const Split& bucket, std::vector<SplitFile> files, const SplitGeneratorOptions& options) {
    Split split = bucket;
    split.files = std::move(files);
    bool raw;
    if (split.files.size() == 1) {
        raw = WithoutRetractions(split.files[0]);
    } else {
        bool above_level0 = true;
        bool no_retractions = true;
        bool one_level = true;
        for (const SplitFile& file : split.files) {
            above_level0 = above_level0 && file.meta.level != 0;
            no_retractions = no_retractions && WithoutRetractions(file);
            one_level = one_level && file.meta.level == split.files[0].meta.level;
        }
        raw = above_level0 && no_retractions && (options.deletion_vectors || options.first_row || one_level);
    }
    split.kind = raw ? SplitKind::kRaw : SplitKind::kMerge;
    return split;
}

std::vector<Split> ShardLargeFiles(std::vector<Split> splits, int64_t rows_per_shard) {
    constexpr int64_t kMaxShards = 64;
    std::vector<Split> result;
    for (Split& split : splits) {
        if (!split.raw_convertible() || split.kind == SplitKind::kIncremental || rows_per_shard <= 0) {
            result.push_back(std::move(split));
            continue;
        }
        Split rest = split;
        rest.files.clear();
        for (SplitFile& file : split.files) {
            int64_t shards = std::min(kMaxShards, (file.meta.row_count + rows_per_shard - 1) / rows_per_shard);
            if (shards <= 1 || file.row_group_shards != 1) {
                rest.files.push_back(std::move(file));
                continue;
            }
            for (int64_t shard = 0; shard < shards; ++shard) {
                Split own = split;
                own.files = {file};
                own.files[0].row_group_shard = static_cast<int32_t>(shard);
                own.files[0].row_group_shards = static_cast<int32_t>(shards);
                result.push_back(std::move(own));
            }
        }
        if (!rest.files.empty()) result.push_back(std::move(rest));
    }
    return result;
}

}  // namespace flashlake::lake
