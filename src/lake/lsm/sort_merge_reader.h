#pragma once

#include <memory>
#include <vector>

#include "common/result.h"
#include "lake/lsm/key_value_chunk.h"
#include "lake/lsm/merge_batch.h"

namespace flashlake::lake::lsm {

// K-way merge of sorted runs by (key, sequence number), the read side of an LSM bucket
// (Paimon's SortMergeReader). Instead of handing out one key-value at a time, it collects whole
// groups of versions of consecutive keys into a MergeBatch, so that merge functions then work
// column by column over thousands of keys per call.
//
// Cursors sit in a binary heap ordered by (normalized key, sequence); a row costs one heap
// adjustment and one key comparison to detect the end of its group. A run that is the only
// one left is drained without heap work. With sequence fields (`sequence.field`), each group
// is afterwards stably sorted by (order key, sequence), Paimon's user-defined sequence order.
class SortMergeReader {
public:
    SortMergeReader(std::vector<std::unique_ptr<KeyValueSource>> runs, bool has_order_keys);

    // Clears `batch` and fills it with up to `max_groups` complete groups; false at the end.
    Result<bool> NextBatch(size_t max_groups, MergeBatch* batch);

private:
    struct Cursor {
        KeyValueChunkPtr chunk;
        size_t row = 0;
        uint32_t batch_source = 0;  // index of `chunk` in the current batch's sources
        uint64_t batch_epoch = 0;   // the batch `batch_source` belongs to (0: none)
    };

    Status Init();
    // Moves cursor `c` to its next row, fetching the run's next chunk; false when the run ended.
    Result<bool> Advance(size_t c);
    bool Less(size_t a, size_t b) const;
    void SiftDown(size_t position);
    void SiftUp(size_t position);
    void SortGroupsByOrderKey(MergeBatch* batch) const;

    std::vector<std::unique_ptr<KeyValueSource>> runs_;
    std::vector<Cursor> cursors_;  // one per run
    std::vector<size_t> heap_;     // cursor indexes, smallest (key, sequence) first
    bool has_order_keys_;
    bool initialized_ = false;
    uint64_t epoch_ = 0;
};

}  // namespace flashlake::lake::lsm
