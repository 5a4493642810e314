#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "common/status.h"
#include "ingest/column_mapping.h"
#include "ingest/load_source.h"

namespace flashlake::lake {
class TableWriter;
}

namespace flashlake::ingest {

// Writes the mapped batches of a load into a TableWriter on a thread of its own, so that parsing
// and converting the next batches overlaps the Parquet encoding and compression of earlier ones
// (a large stream load uses two cores instead of one). Batches are written in the order given.
// The writer belongs to this object's thread until Finish returns.
class PipelinedWriter {
public:
    // A batch to write; its source rows stay alive with it (mapped strings may point into them).
    struct Item {
        SourceBatch source;
        MappedBatch mapped;
    };

    explicit PipelinedWriter(lake::TableWriter* writer, size_t max_queued = 4);
    ~PipelinedWriter();  // Finish()

    // Queues `item`, waiting while max_queued are queued. Returns the first write error so far
    // (then stop writing: nothing more is written).
    Status Write(std::unique_ptr<Item> item);
    // Writes what is queued, stops the thread and returns the first error.
    Status Finish();

private:
    void Run();

    lake::TableWriter* writer_;
    size_t max_queued_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::unique_ptr<Item>> queue_;
    bool closing_ = false;
    Status failed_;
    std::thread thread_;
};

}  // namespace flashlake::ingest
