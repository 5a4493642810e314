#include "server/http/load_error_log.h"

#include <cstdio>
#include <random>

namespace flashlake::server::http {

std::string LoadErrorLog::Add(const std::vector<ingest::RejectedRow>& rows, int64_t filtered_rows) {
    std::string text;
    for (const auto& row : rows) {
        text += "Error: line " + std::to_string(row.line) + ": " + row.reason + ". Row: " + row.row + "\n";
    }
    if (filtered_rows > static_cast<int64_t>(rows.size())) {
        text +=
            "... and " + std::to_string(filtered_rows - static_cast<int64_t>(rows.size())) + " more rejected rows\n";
    }
    // Ids are not guessable from another load's id: the log shows rows of the user's data.
    static thread_local std::mt19937_64 random(std::random_device{}());
    char suffix[24];
    std::snprintf(suffix, sizeof(suffix), "%016llx", static_cast<unsigned long long>(random()));
    std::lock_guard lock(mutex_);
    std::string id = "error_log_" + std::to_string(++sequence_) + "_" + suffix;
    bytes_ += text.size();
    entries_.emplace_back(id, std::move(text));
    while (entries_.size() > max_entries_ || (bytes_ > max_bytes_ && entries_.size() > 1)) {
        bytes_ -= entries_.front().second.size();
        entries_.pop_front();
    }
    return id;
}

std::optional<std::string> LoadErrorLog::Get(const std::string& id) const {
    std::lock_guard lock(mutex_);
    for (const auto& [key, text] : entries_) {
        if (key == id) return text;
    }
    return std::nullopt;
}

}  // namespace flashlake::server::http
