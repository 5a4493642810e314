#include "lake/commit/commit_history.h"

#include <algorithm>
#include <functional>

#include "format/json/json_parser.h"
#include "format/json/json_writer.h"
#include "lake/snapshot_manager.h"

namespace flashlake::lake {

namespace json = format::json;

std::string EncodeLabels(const std::vector<std::string>& labels) {
    json::Value array = json::Value::MakeArray();
    for (const std::string& label : labels) array.Append(label);
    return json::Write(array);
}

Result<std::vector<std::string>> DecodeLabels(std::string_view text) {
    FL_ASSIGN_OR_RETURN(json::Value value, json::Parse(text));
    if (!value.is_array()) return Status::InvalidArgument("labels: expected a JSON array of strings");
    std::vector<std::string> labels;
    for (const json::Value& item : value.AsArray()) {
        if (!item.is_string()) return Status::InvalidArgument("labels: expected a JSON array of strings");
        labels.push_back(item.AsString());
    }
    return labels;
}

std::vector<std::string> SnapshotLabels(const Snapshot& snapshot) {
    if (!snapshot.properties) return {};
    for (const auto& [key, value] : *snapshot.properties) {
        if (key == kLabelsProperty) return DecodeLabels(value).ValueOr({});
    }
    return {};
}

namespace {

std::string CommitKey(std::string_view user, int64_t identifier, CommitKind kind) {
    std::string key(user);
    key += '\0';
    key += std::to_string(identifier);
    key += '\0';
    key += CommitKindName(kind);
    return key;
}

// Calls `visit` for the snapshots from the latest back to the earliest until it returns true.
Result<std::optional<int64_t>> ScanBackwards(io::FileSystem* fs, const std::string& table_path, int64_t max_scan,
                                             const std::function<bool(const Snapshot&)>& visit) {
    SnapshotManager snapshots(fs, table_path);
    FL_ASSIGN_OR_RETURN(std::optional<int64_t> latest, snapshots.LatestId());
    if (!latest) return std::optional<int64_t>();
    FL_ASSIGN_OR_RETURN(std::optional<int64_t> earliest, snapshots.EarliestId());
    int64_t stop = earliest.value_or(1);
    if (max_scan > 0) stop = std::max(stop, *latest - max_scan + 1);
    for (int64_t id = *latest; id >= stop; --id) {
        auto snapshot = snapshots.Read(id);
        if (!snapshot.ok()) {
            if (snapshot.status().code() == ErrorCode::kNotFound) break;  // expired while we read
            return snapshot.status();
        }
        if (visit(*snapshot)) return std::optional<int64_t>(id);
    }
    return std::optional<int64_t>();
}

}  // namespace

CommitHistory::CommitHistory(io::FileSystem* fs, std::string table_path, int64_t scan_limit)
    : fs_(fs), table_path_(std::move(table_path)), scan_limit_(scan_limit) {}

Status CommitHistory::Refresh() {
    FL_ASSIGN_OR_RETURN(std::optional<int64_t> latest, SnapshotManager(fs_, table_path_).LatestId());
    if (!latest) return Status::OK();
    return RefreshTo(*latest);
}

Status CommitHistory::RefreshTo(int64_t latest_id) {
    std::lock_guard lock(mutex_);
    if (latest_id <= scanned_up_to_) return Status::OK();
    SnapshotManager snapshots(fs_, table_path_);
    int64_t start = scanned_up_to_ + 1;
    if (scanned_up_to_ == 0) {
        FL_ASSIGN_OR_RETURN(std::optional<int64_t> earliest, snapshots.EarliestId());
        start = std::max<int64_t>(earliest.value_or(1), 1);
        if (scan_limit_ > 0) start = std::max(start, latest_id - scan_limit_ + 1);
    }
    if (indexed_since_prune_ >= 1024) {
        FL_ASSIGN_OR_RETURN(std::optional<int64_t> earliest, snapshots.EarliestId());
        if (earliest) PruneLocked(*earliest);
        indexed_since_prune_ = 0;
    }
    for (int64_t id = start; id <= latest_id; ++id) {
        auto snapshot = snapshots.Read(id);
        if (!snapshot.ok()) {
            if (snapshot.status().code() == ErrorCode::kNotFound) continue;  // expired meanwhile
            return snapshot.status();
        }
        IndexLocked(*snapshot);
        scanned_up_to_ = id;
    }
    scanned_up_to_ = latest_id;
    return Status::OK();
}

void CommitHistory::Record(const Snapshot& snapshot) {
    std::lock_guard lock(mutex_);
    if (snapshot.id != scanned_up_to_ + 1) return;
    IndexLocked(snapshot);
    scanned_up_to_ = snapshot.id;
}

void CommitHistory::IndexLocked(const Snapshot& snapshot) {
    std::string key = CommitKey(snapshot.commit_user, snapshot.commit_identifier, snapshot.commit_kind);
    std::vector<std::string> labels = SnapshotLabels(snapshot);
    commits_[key] = snapshot.id;
    for (const std::string& label : labels) labels_[label] = snapshot.id;
    indexed_[snapshot.id] = {std::move(key), std::move(labels)};
    ++indexed_since_prune_;
    if (snapshot.commit_identifier != kBatchCommitIdentifier) {
        int64_t& largest = identifiers_.try_emplace(snapshot.commit_user, snapshot.commit_identifier).first->second;
        largest = std::max(largest, snapshot.commit_identifier);
    }
}

void CommitHistory::PruneLocked(int64_t earliest) {
    for (auto it = indexed_.begin(); it != indexed_.end() && it->first < earliest; it = indexed_.erase(it)) {
        const auto& [key, labels] = it->second;
        // Only if no later snapshot has taken the key over.
        if (auto found = commits_.find(key); found != commits_.end() && found->second == it->first) {
            commits_.erase(found);
        }
        for (const std::string& label : labels) {
            if (auto found = labels_.find(label); found != labels_.end() && found->second == it->first) {
                labels_.erase(found);
            }
        }
    }
}

std::optional<int64_t> CommitHistory::FindCommit(std::string_view commit_user, int64_t commit_identifier,
                                                 CommitKind kind) const {
    std::lock_guard lock(mutex_);
    auto it = commits_.find(CommitKey(commit_user, commit_identifier, kind));
    if (it == commits_.end()) return std::nullopt;
    return it->second;
}

std::optional<int64_t> CommitHistory::FindLabel(std::string_view label) const {
    std::lock_guard lock(mutex_);
    auto it = labels_.find(std::string(label));
    if (it == labels_.end()) return std::nullopt;
    return it->second;
}

std::optional<int64_t> CommitHistory::LatestIdentifier(std::string_view commit_user) const {
    std::lock_guard lock(mutex_);
    auto it = identifiers_.find(std::string(commit_user));
    if (it == identifiers_.end()) return std::nullopt;
    return it->second;
}

int64_t CommitHistory::scanned_up_to() const {
    std::lock_guard lock(mutex_);
    return scanned_up_to_;
}

Result<std::optional<int64_t>> FindCommittedSnapshot(io::FileSystem* fs, const std::string& table_path,
                                                     std::string_view commit_user, int64_t commit_identifier,
                                                     CommitKind kind, int64_t max_scan) {
    return ScanBackwards(fs, table_path, max_scan, [&](const Snapshot& snapshot) {
        return snapshot.commit_user == commit_user && snapshot.commit_identifier == commit_identifier &&
               snapshot.commit_kind == kind;
    });
}

Result<std::optional<int64_t>> FindLabelSnapshot(io::FileSystem* fs, const std::string& table_path,
                                                 std::string_view label, int64_t max_scan) {
    return ScanBackwards(fs, table_path, max_scan, [&](const Snapshot& snapshot) {
        std::vector<std::string> labels = SnapshotLabels(snapshot);
        return std::find(labels.begin(), labels.end(), label) != labels.end();
    });
}

}  // namespace flashlake::lake
