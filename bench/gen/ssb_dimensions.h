#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ssb_gen.h"

namespace flashlake::bench {

// Rows of text kept in one buffer: a dimension's rows are small and there are millions of
// them at large scale factors, so one allocation beats one string per row.
class TextRows {
public:
    void Add(std::string_view row) {
        text_.append(row);
        ends_.push_back(text_.size());
    }
    std::string_view Row(size_t index) const {
        const size_t begin = index == 0 ? 0 : ends_[index - 1];
        return std::string_view(text_).substr(begin, ends_[index] - begin);
    }
    size_t size() const { return ends_.size(); }

private:
    std::string text_;
    std::vector<size_t> ends_;
};

// The customer, supplier and part rows as CSV text without the key column (row key - 1): the
// rest of a customer.csv line, and what lineorder_flat repeats after each line's own columns.
// Each row depends only on (seed, table, key).
struct SsbDimensions {
    TextRows customers;  // c_name .. c_mktsegment
    TextRows suppliers;  // s_name .. s_phone
    TextRows parts;      // p_name .. p_container
};

SsbDimensions BuildSsbDimensions(const SsbScale& scale, uint64_t seed);

// customer.csv, supplier.csv and part.csv.
void WriteSsbDimensions(const SsbDimensions& dimensions, const std::string& out_dir, int threads);

// dates.csv: the 2,556 days from 1992-01-01 that the specification's date table holds.
void WriteSsbDates(const std::string& out_dir);

}  // namespace flashlake::bench
