#pragma once

#include <atomic>
#include <cstdint>

#include "exec/operators/operator.h"

namespace flashlake::exec {

// Skips `offset` rows, then passes at most `limit` rows. Drivers claim row ranges from one
// atomic counter. Without ORDER BY any rows may be returned; with it, the sort runs single-
// stream below, so the claimed ranges follow the sorted order.
class LimitOperator : public StreamOperator {
public:
    LimitOperator(int64_t limit, int64_t offset) : limit_(limit), offset_(offset) {}
    bool Process(ExecContext& context, Chunk& chunk) override {
        int64_t rows = static_cast<int64_t>(chunk.num_rows());
        int64_t start = seen_.fetch_add(rows);
        int64_t end = start + rows;
        int64_t keep_from = std::max<int64_t>(offset_, start);
        int64_t keep_to = limit_ < 0 ? end : std::min<int64_t>(end, offset_ + limit_);
        if (keep_to <= keep_from) {
            chunk = Chunk(std::vector<ColumnPtr>(chunk.columns()), 0);
        } else if (keep_from != start || keep_to != end) {
            chunk = chunk.Slice(static_cast<size_t>(keep_from - start), static_cast<size_t>(keep_to - keep_from));
        }
        return limit_ < 0 || end < offset_ + limit_;
    }

private:
    int64_t limit_;
    int64_t offset_;
    std::atomic<int64_t> seen_{0};
};

}  // namespace flashlake::exec
