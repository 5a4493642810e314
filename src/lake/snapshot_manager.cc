#include "lake/snapshot_manager.h"

#include <charconv>

#include "io/file_system.h"
#include "io/path.h"
#include "lake/schema_manager.h"
#include "lake/table_paths.h"

namespace flashlake::lake {

std::string SnapshotManager::SnapshotPath(int64_t id) const {
    return TablePaths::SnapshotPath(root_, id);
}

Result<Snapshot> SnapshotManager::Read(int64_t id) const {
    std::string path = SnapshotPath(id);
    auto text = fs_->ReadFile(path);
    if (!text.ok()) return text.status();
    auto snapshot = Snapshot::Parse(*text);
    if (!snapshot.ok()) return snapshot.status().WithContext(path);
    if (snapshot->id != id) return Status::Corruption(path + ": holds snapshot id " + std::to_string(snapshot->id));
    return snapshot;
}

Result<bool> SnapshotManager::Exists(int64_t id) const {
    return fs_->Exists(SnapshotPath(id));
}

Result<std::vector<int64_t>> SnapshotManager::ListIds() const {
    return ListNumberedFiles(fs_, TablePaths::SnapshotDir(root_), "snapshot-");
}

Result<std::optional<int64_t>> SnapshotManager::ReadHint(const char* name) const {
    auto text = fs_->ReadFile(io::JoinPath(TablePaths::SnapshotDir(root_), name));
    if (!text.ok()) {
        if (text.status().code() == ErrorCode::kNotFound) return std::optional<int64_t>();
        return text.status();
    }
    std::string_view digits = *text;
    while (!digits.empty() && (digits.back() == '\n' || digits.back() == '\r' || digits.back() == ' ')) {
        digits.remove_suffix(1);
    }
    int64_t id = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty()) return std::optional<int64_t>();
    return std::optional<int64_t>(id);
}

Result<std::optional<int64_t>> SnapshotManager::LatestId() const {
    FL_ASSIGN_OR_RETURN(std::optional<int64_t> hint, ReadHint("LATEST"));
    if (hint && *hint > 0) {
        FL_ASSIGN_OR_RETURN(bool next_exists, Exists(*hint + 1));
        FL_ASSIGN_OR_RETURN(bool hinted_exists, Exists(*hint));
        if (!next_exists && hinted_exists) return hint;
    }
    FL_ASSIGN_OR_RETURN(std::vector<int64_t> ids, ListIds());
    if (ids.empty()) return std::optional<int64_t>();
    return std::optional<int64_t>(ids.back());
}

Result<std::optional<int64_t>> SnapshotManager::EarliestId() const {
    FL_ASSIGN_OR_RETURN(std::optional<int64_t> hint, ReadHint("EARLIEST"));
    if (hint) {
        FL_ASSIGN_OR_RETURN(bool exists, Exists(*hint));
        if (exists) return hint;
    }
    FL_ASSIGN_OR_RETURN(std::vector<int64_t> ids, ListIds());
    if (ids.empty()) return std::optional<int64_t>();
    return std::optional<int64_t>(ids.front());
}

Result<std::optional<Snapshot>> SnapshotManager::Latest() const {
    FL_ASSIGN_OR_RETURN(std::optional<int64_t> id, LatestId());
    if (!id) return std::optional<Snapshot>();
    FL_ASSIGN_OR_RETURN(Snapshot snapshot, Read(*id));
    return std::optional<Snapshot>(std::move(snapshot));
}

Status SnapshotManager::WriteLatestHint(int64_t id) const {
    return fs_->WriteFileAtomically(io::JoinPath(TablePaths::SnapshotDir(root_), "LATEST"), std::to_string(id));
}

Status SnapshotManager::WriteEarliestHint(int64_t id) const {
    return fs_->WriteFileAtomically(io::JoinPath(TablePaths::SnapshotDir(root_), "EARLIEST"), std::to_string(id));
}

}  // namespace flashlake::lake
