#pragma once

#include <memory>

#include "column/chunk.h"
#include "common/result.h"
#include "lake/read/read_context.h"
#include "lake/read/split.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

// Reads one Split of a ScanPlan as chunks of the plan's projection (in table terms, the row kind
// column last when the plan asked for it). Chunks have 1..kChunkSize rows. A reader is used by
// one thread; readers of different splits of a plan run in parallel, sharing the split's
// immutable ReadContext.
//
//   append splits       files concatenated, deletion vectors applied
//   raw splits          primary-key files read as they are, -U/-D rows dropped
//   merge splits        sorted runs sort-merged by key and sequence, merged by the merge engine;
//                       deletion vectors applied first
//   incremental splits  every row of the files with its row kind
class SplitReader {
public:
    virtual ~SplitReader() = default;

    // `fs` is not owned and must outlive the reader.
    static Result<std::unique_ptr<SplitReader>> Make(io::FileSystem* fs, const Split& split);
    // The same for a split that may lack its context (built by hand): `context` is used then.
    static Result<std::unique_ptr<SplitReader>> Make(io::FileSystem* fs, std::shared_ptr<const ReadContext> context,
                                                     const Split& split);

    // The next chunk, or false at the end of the split.
    virtual Result<bool> Next(Chunk* chunk) = 0;
};

// The deletion vector of `file`, or null when it has none.
Result<std::shared_ptr<const DeletionVector>> LoadDeletionVector(io::FileSystem* fs, const SplitFile& file);

}  // namespace flashlake::lake
