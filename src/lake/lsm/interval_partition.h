#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace flashlake::lake::lsm {

// The key range of one data file, as normalized keys (normalized_keys.h), both inclusive.
struct KeyRange {
    std::string min_key;
    std::string max_key;
};

// A group of files whose key ranges overlap transitively, split into sorted runs: files of one
// run do not overlap, so a run can be read as one sorted stream by concatenating its files in
// order. Files of different sections never share a key, so sections are merged independently.
struct Section {
    std::vector<std::vector<size_t>> runs;  // indexes into the ranges given to IntervalPartition
};

// Paimon's IntervalPartition: sections in key order; within a section, each file (by min key)
// joins the run whose last file ends earliest if that one ends before the file starts, else
// starts a new run, which yields the fewest runs. Example from Paimon:
//   [1,2] [3,4] [5,180] [5,190] [200,600] [210,700]
//   -> {[1,2]} {[3,4]} {[5,180]} + {[5,190]}, {[200,600]} + {[210,700]}   (sections, runs)
std::vector<Section> IntervalPartition(const std::vector<KeyRange>& ranges);

}  // namespace flashlake::lake::lsm
