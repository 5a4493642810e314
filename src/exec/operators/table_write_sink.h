#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "exec/operators/operator.h"
#include "lake/commit/commit_message.h"
#include "lake/table_schema.h"
#include "lake/write/table_writer.h"

namespace flashlake::exec {

// Ends an INSERT, DELETE or UPDATE pipeline: chunks holding every table column in schema order
// go to lake table writers; nothing is visible until the caller commits what PrepareCommit
// returns. Append tables get a writer per concurrent driver (their files are independent);
// primary-key tables one writer, so that sequence numbers of one statement never tie.
// A failed write throws (ending the query); the caller then calls Abort to delete the files.
class TableWriteSink : public SinkOperator {
public:
    struct Options {
        io::FileSystem* fs = nullptr;
        std::string table_path;
        lake::TableSchema schema;
        lake::TableWriterOptions writer_options;
        size_t max_writers = 1;
        // The row kind written for every row (lake/write: 0 +I, 3 -D); unset: +I.
        std::optional<uint8_t> row_kind;
    };

    explicit TableWriteSink(Options options);
    ~TableWriteSink() override;

    void Consume(ExecContext& context, Chunk chunk, ChunkOrder order) override;

    // After the pipeline finished: flushes every writer and returns the files to commit.
    Result<std::vector<lake::CommitMessage>> PrepareCommit();
    // The commit landed: Abort no longer deletes these files.
    void MarkCommitted();
    // Deletes every file written and not committed (best effort, first error returned).
    Status Abort();
    int64_t rows_written() const;

private:
    // A writer no other driver is using: an idle one, a new one while under max_writers, or
    // the next one to come back.
    lake::TableWriter* AcquireWriter();
    void ReleaseWriter(lake::TableWriter* writer);

    Options options_;
    mutable std::mutex mutex_;
    std::condition_variable writer_returned_;
    std::vector<std::unique_ptr<lake::TableWriter>> writers_;  // guarded by mutex_
    std::vector<lake::TableWriter*> idle_;                      // guarded by mutex_
};

}  // namespace flashlake::exec
