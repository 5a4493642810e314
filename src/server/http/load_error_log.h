#pragma once

#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ingest/load_request.h"

namespace flashlake::server::http {

// The rejected rows of recent loads, served at /api/_load_error_log?file=<id> (the ErrorURL of
// a load's response). Kept in memory only: the newest `max_entries` logs within `max_bytes`.
// Thread-safe; mutex_ guards entries_ and bytes_.
class LoadErrorLog {
public:
    explicit LoadErrorLog(size_t max_entries = 128, size_t max_bytes = size_t{64} << 20)
        : max_entries_(max_entries), max_bytes_(max_bytes) {}

    // Stores the report of `rows` (one line per row: line number, reason, row text); returns its id.
    std::string Add(const std::vector<ingest::RejectedRow>& rows, int64_t filtered_rows);
    std::optional<std::string> Get(const std::string& id) const;

private:
    const size_t max_entries_;
    const size_t max_bytes_;
    mutable std::mutex mutex_;
    std::deque<std::pair<std::string, std::string>> entries_;  // oldest first
    size_t bytes_ = 0;
    uint64_t sequence_ = 0;
};

}  // namespace flashlake::server::http
