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

}  // namespace flashlake::lake
