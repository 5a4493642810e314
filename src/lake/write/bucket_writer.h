#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "column/chunk.h"
#include "column/selection_vector.h"
#include "common/result.h"
#include "lake/data_file_meta.h"

namespace flashlake::lake {

// The writer of one (partition, bucket) of a table: turns rows into data files in the bucket
// directory. One virtual call per chunk of rows; the work inside is columnar.
//
// Files go through four states: being written, closed and pending, handed out by
// PrepareCommit, and marked committed. Abort deletes the files of the first three states: the
// owner calls it when the commit that would have published them did not happen.
class BucketWriter {
public:
    virtual ~BucketWriter() = default;

    // Appends rows `rows` of `chunk` (every row when null), whose columns are the table's.
    // `kinds` (null: all +I) holds a RowKind byte per chunk row, not per selected row.
    virtual Status Write(const Chunk& chunk, const SelectionVector* rows, const uint8_t* kinds) = 0;
    // Rows held in memory, not yet in any file (write buffers of primary-key buckets).
    virtual size_t buffered_rows() const { return 0; }
    // Moves buffered rows into files.
    virtual Status Flush() = 0;
    // Flushes, closes the file being written, and returns the files written since the last call.
    virtual Result<std::vector<DataFileMeta>> PrepareCommit() = 0;
    // The files handed out so far were committed: Abort leaves them alone from now on.
    virtual void MarkCommitted() = 0;
    // Deletes every file this writer wrote (but those marked committed); best effort, the first
    // error is returned. The writer is unusable afterwards.
    virtual Status Abort() = 0;
};

}  // namespace flashlake::lake
