#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "io/file_system.h"

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

// The recent loads, in memory, bounded: the `capacity` newest records (a load still running when
// `capacity` newer ones have started is dropped from the list). Thread-safe.
//
// With a journal (OpenJournal) the finished loads outlive the process: each one is appended to a
// JSON-lines file when it finishes, and the next start reads the newest `capacity` back and goes
// on numbering after them. The journal is history, not data: labels and rows are committed in
// snapshots, so a record lost in a crash between a commit and its journal line loses nothing
// else. Writes are not synced; a torn last line is skipped when read back. The file is rewritten
// with only the kept records when it has grown to twice `capacity` lines.
class LoadTracker {
public:
    explicit LoadTracker(size_t capacity = 10000) : capacity_(capacity) {}
    ~LoadTracker();

    // Reads the journal at `path` (absent: empty history), rewrites it with the records kept, and
    // appends to it from now on. Lines that do not parse are skipped (journal_skipped_lines()).
    // An I/O error leaves the tracker without a journal; the caller decides whether to go on.
    Status OpenJournal(io::FileSystem* fs, const std::string& path);
    // Lines of the journal that could not be read back at OpenJournal (a torn write).
    size_t journal_skipped_lines() const;

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
    // Appends `record` to the journal; on an I/O error logs once and stops journaling.
    void JournalLocked(const LoadRecord& record);
    // Writes the kept finished records as a new journal file, then reopens it for appending.
    Status RewriteJournalLocked();

    size_t capacity_;
    mutable std::mutex mutex_;
    std::deque<LoadRecord> records_;  // by id
    int64_t next_id_ = 1;

    io::FileSystem* journal_fs_ = nullptr;
    std::string journal_path_;
    std::unique_ptr<io::WritableFile> journal_;  // null: no journal
    size_t journal_lines_ = 0;                   // lines in the file, to know when to rewrite it
    size_t journal_skipped_lines_ = 0;
};

}  // namespace flashlake::ingest
