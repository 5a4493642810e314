#include "ingest/load_tracker.h"

#include <algorithm>
#include <chrono>

namespace flashlake::ingest {

namespace {

int64_t NowMillis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

int64_t LoadTracker::Begin(const std::string& label, const std::string& database, const std::string& table,
                           const std::string& type) {
    std::lock_guard lock(mutex_);
    LoadRecord record;
    record.id = next_id_++;
    record.label = label;
    record.database = database;
    record.table = table;
    record.type = type;
    record.state = "LOADING";
    record.create_time_ms = NowMillis();
    records_.push_back(std::move(record));
    while (records_.size() > capacity_) records_.pop_front();
    return records_.back().id;
}

void LoadTracker::Finish(int64_t id, const LoadRecord& figures) {
    std::lock_guard lock(mutex_);
    // Ids increase along the deque: binary search.
    auto it = std::lower_bound(records_.begin(), records_.end(), id,
                               [](const LoadRecord& record, int64_t value) { return record.id < value; });
    if (it == records_.end() || it->id != id) return;  // dropped as too old
    it->state = figures.error.empty() ? "FINISHED" : "CANCELLED";
    it->scan_rows = figures.scan_rows;
    it->loaded_rows = figures.loaded_rows;
    it->filtered_rows = figures.filtered_rows;
    it->unselected_rows = figures.unselected_rows;
    it->txn_id = figures.txn_id;
    it->error = figures.error;
    it->finish_time_ms = NowMillis();
}

void LoadTracker::Discard(int64_t id) {
    std::lock_guard lock(mutex_);
    auto it = std::lower_bound(records_.begin(), records_.end(), id,
                               [](const LoadRecord& record, int64_t value) { return record.id < value; });
    if (it != records_.end() && it->id == id) records_.erase(it);
}

std::vector<LoadRecord> LoadTracker::List() const {
    std::lock_guard lock(mutex_);
    return {records_.begin(), records_.end()};
}

}  // namespace flashlake::ingest
