#include "lake/lsm/interval_partition.h"

#include <algorithm>
#include <numeric>
#include <queue>

namespace flashlake::lake::lsm {

namespace {

std::vector<std::vector<size_t>> PartitionIntoRuns(const std::vector<KeyRange>& ranges,
                                                   const std::vector<size_t>& section) {
    // Runs ordered by the max key of their last file (smallest first).
    struct Tail {
        const std::string* max_key;
        size_t run;
    };
    auto later = [](const Tail& a, const Tail& b) { return *a.max_key > *b.max_key; };
    std::priority_queue<Tail, std::vector<Tail>, decltype(later)> tails(later);
    std::vector<std::vector<size_t>> runs;
    for (size_t file : section) {
        if (!tails.empty() && *tails.top().max_key < ranges[file].min_key) {
            size_t run = tails.top().run;
            tails.pop();
            runs[run].push_back(file);
            tails.push({&ranges[file].max_key, run});
        } else {
            runs.push_back({file});
            tails.push({&ranges[file].max_key, runs.size() - 1});
        }
    }
    return runs;
}

}  // namespace

std::vector<Section> IntervalPartition(const std::vector<KeyRange>& ranges) {
    std::vector<size_t> order(ranges.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (ranges[a].min_key != ranges[b].min_key) return ranges[a].min_key < ranges[b].min_key;
        return ranges[a].max_key < ranges[b].max_key;
    });
    std::vector<Section> sections;
    std::vector<size_t> current;
    const std::string* bound = nullptr;
    for (size_t file : order) {
        if (!current.empty() && *bound < ranges[file].min_key) {
            sections.push_back({PartitionIntoRuns(ranges, current)});
            current.clear();
        }
        if (current.empty() || *bound < ranges[file].max_key) bound = &ranges[file].max_key;
        current.push_back(file);
    }
    if (!current.empty()) sections.push_back({PartitionIntoRuns(ranges, current)});
    return sections;
}

}  // namespace flashlake::lake::lsm
