#pragma once

#include <cstdint>
#include <vector>

#include "lake/read/split.h"

namespace flashlake::lake {

struct SplitGeneratorOptions {
    int64_t target_size = int64_t{128} << 20;
    int64_t open_file_cost = int64_t{4} << 20;
    bool deletion_vectors = false;
    bool first_row = false;
};

// Splits of one bucket of an append table: its files in order, packed greedily into splits of
// about `target_size` bytes, each file weighing max(size, open_file_cost) (Paimon's
// AppendOnlySplitGenerator). `bucket` carries everything but the files.
std::vector<Split> SplitAppendBucket(const Split& bucket, std::vector<SplitFile> files,
                                     const SplitGeneratorOptions& options);

// The one split of a primary-key bucket: kRaw when reading its files one by one gives what
// merging would (Paimon's MergeTreeSplitGenerator): a single file without -U/-D rows, or files
// all above level 0 without -U/-D rows when deletion vectors, the first-row engine or a single
// level guarantee that no key occurs twice; else kMerge.
Split SplitPrimaryKeyBucket(const Split& bucket, std::vector<SplitFile> files, const SplitGeneratorOptions& options);

// `splits` with every file of more than `rows_per_shard` rows in a raw-convertible, non-incremental
// split moved to splits of its own, one per shard of its row groups (ceil(rows / rows_per_shard)
// shards, each reading every shards-th row group), so that several threads can read it. The
// rows read are the same; only their order across splits changes.
std::vector<Split> ShardLargeFiles(std::vector<Split> splits, int64_t rows_per_shard);

}  // namespace flashlake::lake
