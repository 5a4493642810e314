#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace flashlake::ingest {

// One load as SHOW LOAD and information_schema.loads list it.
struct LoadRecord {
    int64_t id = 0;  // JOB_ID: per process, increasing
    std::string label;
    std::string database;
    std::string table;
    std::string type;           // STREAM_LOAD or INSERT
    std::string state;          // LOADING, FINISHED or CANCELLED
    int64_t scan_rows = 0;      // rows read from the source
    int64_t loaded_rows = 0;    // rows committed
    int64_t filtered_rows = 0;  // rejected (bad format, conversion, NOT NULL)
    int64_t unselected_rows = 0;
    int64_t txn_id = 0;         // the snapshot that committed them (0: none)
    std::string error;
    int64_t create_time_ms = 0;  // ms since the epoch
    int64_t finish_time_ms = 0;  // 0 while loading
};

// The recent loads of this process, in memory, bounded: the `capacity` newest records (a load
// still running when `capacity` newer ones have started is dropped from the list). Thread-safe.
class LoadTracker {
public:
    explicit LoadTracker(size_t capacity = 10000) : capacity_(capacity) {}

    // Records a load that starts now (state LOADING) and returns its id.
    int64_t Begin(const std::string& label, const std::string& database, const std::string& table,
                  const std::string& type);
    // Updates the record of `id` (if still kept) with the final figures; state FINISHED when
    // `error` is empty, else CANCELLED.
    void Finish(int64_t id, const LoadRecord& figures);

    // Drops the record of `id`: an attempt that was no load (a retry refused for its label).
    void Discard(int64_t id);

    std::vector<LoadRecord> List() const;

private:
    size_t capacity_;
    mutable std::mutex mutex_;
    std::deque<LoadRecord> records_;  // by id
    int64_t next_id_ = 1;
};

}  // namespace flashlake::ingest
