#pragma once

#include <memory>
#include <vector>

#include "lake/read/data_file_reader.h"
#include "lake/read/split_reader.h"

namespace flashlake::lake {

// Reads the files of an append, raw or incremental split one after the other. This is the
// append-table scan path, so per chunk it only reorders column pointers: dictionary columns
// stay encoded and nothing is copied unless a deletion vector or a row-kind filter removes rows.
class RawSplitReader final : public SplitReader {
public:
    static Result<std::unique_ptr<SplitReader>> Make(io::FileSystem* fs, std::shared_ptr<const ReadContext> context,
                                                     const Split& split);

    Result<bool> Next(Chunk* chunk) override;

private:
    RawSplitReader(io::FileSystem* fs, std::shared_ptr<const ReadContext> context, const Split& split)
        : fs_(fs), context_(std::move(context)), split_(split) {}
    Status OpenNextFile();

    io::FileSystem* fs_;
    std::shared_ptr<const ReadContext> context_;
    Split split_;
    size_t next_file_ = 0;
    std::unique_ptr<DataFileReader> file_;
    bool file_has_kinds_ = false;  // the current reader produces _SEQUENCE_NUMBER, _VALUE_KIND
    bool drop_retracts_ = false;
    SelectionVector selection_;
};

}  // namespace flashlake::lake
