#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/result.h"
#include "lake/commit/commit_message.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::ingest {

struct CompactionSchedulerOptions {
    // Off for embedded engines (the shell, tests: no snapshots appear by themselves); the server
    // turns it on.
    bool enabled = false;
    // A table is compacted at most this often (it is only looked at after commits added files).
    int64_t min_interval_ms = 1000;
    // Backpressure: while one bucket of a table holds more than this many small files (append
    // tables) or sorted runs (primary-key tables), new loads of the table wait for compaction...
    int64_t max_files_per_bucket = 200;
    // ...at most this long, then fail with kTimeout ("compaction is behind").
    int64_t backpressure_wait_ms = 10000;
};

// Background compaction of the tables that loads write (one thread for the engine): after a
// commit adds files to a table, the table is queued; the thread runs lake::Compactor on it (no
// more often than min_interval_ms) and commits the result as a COMPACT snapshot. A compaction
// that loses a conflict with a concurrent writer is dropped and the table retried later.
//
// It also measures each table's worst bucket (small files or sorted runs) from the live files
// after every compaction, counting the files of commits since then on top, which Admit compares
// with the limit: loads wait (bounded) instead of piling up files faster than they are merged.
//
// Thread-safe.
class CompactionScheduler {
public:
    CompactionScheduler(io::FileSystem* fs, std::string commit_user, std::function<int64_t()> next_identifier,
                        CompactionSchedulerOptions options = {});
    ~CompactionScheduler();  // stops the thread (an interrupted compaction is aborted)

    // After a commit of new files to `table_path`.
    void NotifyCommitted(const std::string& table_path, const std::vector<lake::CommitMessage>& messages);
    // Before a load of `table_path` writes; `table_name` is for the message.
    Status Admit(const std::string& table_path, const std::string& table_name);

    const CompactionSchedulerOptions& options() const { return options_; }
    // The worst bucket's count as last measured plus files committed since (0 for an unknown table).
    int64_t MaxBucketFiles(const std::string& table_path) const;
    int64_t compactions() const;

private:
    struct TableState {
        bool queued = false;
        std::chrono::steady_clock::time_point last_run{};
        // Per "<partition bytes>/<bucket>": files counted at the last measurement plus new ones.
        std::map<std::string, int64_t> bucket_files;
        // While a compaction runs: files committed meanwhile, added on top of its measurement
        // (perhaps counted twice; the next measurement corrects that, never an undercount).
        bool running = false;
        std::map<std::string, int64_t> during_run;
    };

    void Run();
    // Compacts one table and measures it again; returns the new per-bucket counts.
    Result<std::map<std::string, int64_t>> CompactTable(const std::string& table_path);
    static int64_t Worst(const TableState& state);

    io::FileSystem* fs_;
    std::string commit_user_;
    std::function<int64_t()> next_identifier_;
    CompactionSchedulerOptions options_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;      // the thread: work or stop
    std::condition_variable relieved_;  // waiting loads: a table was measured again
    std::map<std::string, TableState> tables_;
    bool stopping_ = false;
    int64_t compactions_ = 0;
    std::thread thread_;
};

}  // namespace flashlake::ingest
