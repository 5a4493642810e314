#include "lake/maintenance/orphan_files_cleaner.h"

#include <unordered_set>

#include "io/file_system.h"
#include "io/path.h"
#include "lake/commit/live_files.h"
#include "lake/commit/table_creation.h"
#include "lake/maintenance/file_deletion.h"
#include "lake/manifest_io.h"
#include "lake/schema_manager.h"
#include "lake/snapshot_manager.h"
#include "lake/table_paths.h"
#include "lake/table_schema.h"

namespace flashlake::lake {

namespace {

bool IsTemporaryName(const std::string& name) {
    return !name.empty() && name.front() == '.' && name.find(".tmp") != std::string::npos;
}

// File names referenced by the snapshots of a table. Each manifest list, manifest and index
// manifest is read once (successfully), however many snapshots share it.
class ReferenceCollector {
public:
    ReferenceCollector(io::FileSystem* fs, std::string table_path) : fs_(fs), table_path_(std::move(table_path)) {}

    Status Add(const Snapshot& snapshot) {
        for (const std::string* list : {&snapshot.base_manifest_list, &snapshot.delta_manifest_list}) {
            FL_RETURN_NOT_OK(AddList(snapshot, *list));
        }
        if (snapshot.changelog_manifest_list) FL_RETURN_NOT_OK(AddList(snapshot, *snapshot.changelog_manifest_list));
        if (snapshot.statistics) used_.insert(*snapshot.statistics);
        if (snapshot.index_manifest) {
            used_.insert(*snapshot.index_manifest);
            if (read_.count(*snapshot.index_manifest) == 0) {
                auto entries = ReadIndexManifest(fs_, TablePaths::ManifestPath(table_path_, *snapshot.index_manifest));
                if (!entries.ok()) return Missing(snapshot, entries.status());
                for (const IndexManifestEntry& entry : *entries) used_.insert(entry.index_file.file_name);
                read_.insert(*snapshot.index_manifest);
            }
        }
        return Status::OK();
    }

    const std::unordered_set<std::string>& used() const { return used_; }

private:
    Status AddList(const Snapshot& snapshot, const std::string& list) {
        used_.insert(list);
        if (read_.count(list) > 0) return Status::OK();
        auto metas = ReadManifestMetas(fs_, table_path_, list);
        if (!metas.ok()) return Missing(snapshot, metas.status());
        for (const ManifestFileMeta& meta : *metas) {
            used_.insert(meta.file_name);
            if (read_.count(meta.file_name) > 0) continue;
            auto entries = ReadManifestFile(fs_, TablePaths::ManifestPath(table_path_, meta.file_name));
            if (!entries.ok()) return Missing(snapshot, entries.status());
            for (const ManifestEntry& entry : *entries) {
                used_.insert(entry.file.file_name);
                used_.insert(entry.file.extra_files.begin(), entry.file.extra_files.end());
            }
            read_.insert(meta.file_name);  // only once read: another snapshot may need it yet
        }
        read_.insert(list);
        return Status::OK();
    }

    // A file a snapshot needs is unreadable: fine if the snapshot was expired meanwhile
    // (its files go with it), fatal otherwise, since its references are unknown.
    Status Missing(const Snapshot& snapshot, const Status& error) {
        if (error.code() == ErrorCode::kNotFound) {
            auto exists = SnapshotManager(fs_, table_path_).Exists(snapshot.id);
            if (exists.ok() && !*exists) return Status::OK();
            return Status::Corruption("snapshot " + std::to_string(snapshot.id) + " of " + table_path_ +
                                      " refers to a missing file (" + error.message() + "); no orphan removed");
        }
        return error;
    }

    io::FileSystem* fs_;
    std::string table_path_;
    std::unordered_set<std::string> used_;  // names of referenced files
    std::unordered_set<std::string> read_;  // lists and manifests whose entries are in used_
};

class OrphanSweeper {
public:
    OrphanSweeper(io::FileSystem* fs, const std::unordered_set<std::string>& used, int64_t cutoff_nanos,
                  const OrphanFilesOptions& options, OrphanFilesResult* result)
        : fs_(fs), used_(used), cutoff_nanos_(cutoff_nanos), options_(options), result_(result) {}

    // Files of `dir` (only temporary ones when `temporary_only`).
    Status SweepDirectory(const std::string& dir, bool temporary_only) {
        auto entries = fs_->ListDirectory(dir);
        if (!entries.ok()) return entries.status().code() == ErrorCode::kNotFound ? Status::OK() : entries.status();
        for (const io::DirectoryEntry& entry : *entries) {
            if (entry.type != io::FileType::kFile) continue;
            if (temporary_only && !IsTemporaryName(entry.name)) continue;
            if (used_.count(entry.name) > 0) continue;
            FL_RETURN_NOT_OK(Consider(io::JoinPath(dir, entry.name)));
        }
        return Status::OK();
    }

    // Partition directories (k=v) down to bucket directories (bucket-*), whose files are swept.
    Status SweepDataTree(const std::string& dir, int depth) {
        auto entries = fs_->ListDirectory(dir);
        if (!entries.ok()) return entries.status().code() == ErrorCode::kNotFound ? Status::OK() : entries.status();
        for (const io::DirectoryEntry& entry : *entries) {
            if (entry.type != io::FileType::kDirectory) continue;
            std::string path = io::JoinPath(dir, entry.name);
            if (entry.name.rfind("bucket-", 0) == 0) {
                FL_RETURN_NOT_OK(SweepDirectory(path, false));
            } else if (entry.name.find('=') != std::string::npos && depth < 64) {
                FL_RETURN_NOT_OK(SweepDataTree(path, depth + 1));
            }
        }
        return Status::OK();
    }

private:
    Status Consider(const std::string& path) {
        auto info = fs_->GetFileInfo(path);
        if (!info.ok()) return info.status().code() == ErrorCode::kNotFound ? Status::OK() : info.status();
        if (info->mtime_nanos >= cutoff_nanos_) {
            ++result_->young_unreferenced;
            return Status::OK();
        }
        if (!options_.dry_run) {
            int64_t deleted = 0;
            FL_RETURN_NOT_OK(DeleteIfPresent(fs_, path, &deleted));
            if (deleted == 0) return Status::OK();
        }
        result_->orphans.push_back(path);
        result_->orphan_bytes += static_cast<int64_t>(info->size);
        return Status::OK();
    }

    io::FileSystem* fs_;
    const std::unordered_set<std::string>& used_;
    int64_t cutoff_nanos_;
    const OrphanFilesOptions& options_;
    OrphanFilesResult* result_;
};

}  // namespace

Result<OrphanFilesResult> RemoveOrphanFiles(io::FileSystem* fs, const std::string& table_path,
                                            const OrphanFilesOptions& options) {
    FL_RETURN_NOT_OK(RefuseSharedFiles(fs, table_path, "orphan file removal"));
    FL_ASSIGN_OR_RETURN(std::optional<TableSchema> schema, SchemaManager(fs, table_path).Latest());
    if (!schema) return Status::NotFound("remove orphan files of " + table_path + ": the table has no schema");

    OrphanFilesResult result;
    SnapshotManager snapshots(fs, table_path);
    ReferenceCollector references(fs, table_path);
    FL_ASSIGN_OR_RETURN(std::vector<int64_t> ids, snapshots.ListIds());
    for (int64_t id : ids) {
        auto snapshot = snapshots.Read(id);
        if (!snapshot.ok()) {
            if (snapshot.status().code() == ErrorCode::kNotFound) continue;  // expired meanwhile
            return snapshot.status();
        }
        FL_RETURN_NOT_OK(references.Add(*snapshot));
        ++result.snapshots_scanned;
    }

    int64_t now = options.now_millis != 0 ? options.now_millis : WallClockMillis();
    int64_t cutoff_nanos = (now - options.older_than_ms) * 1000000;
    OrphanSweeper sweeper(fs, references.used(), cutoff_nanos, options, &result);
    FL_RETURN_NOT_OK(sweeper.SweepDirectory(TablePaths::ManifestDir(table_path), false));
    FL_RETURN_NOT_OK(sweeper.SweepDirectory(TablePaths::IndexDir(table_path), false));
    FL_RETURN_NOT_OK(sweeper.SweepDirectory(io::JoinPath(table_path, "statistics"), false));
    FL_RETURN_NOT_OK(sweeper.SweepDirectory(TablePaths::SnapshotDir(table_path), true));
    FL_RETURN_NOT_OK(sweeper.SweepDirectory(TablePaths::SchemaDir(table_path), true));
    std::string data_root = table_path;
    if (auto dir = schema->Option("data-file.path-directory"); dir && !dir->empty()) {
        data_root = io::JoinPath(table_path, *dir);
    }
    FL_RETURN_NOT_OK(sweeper.SweepDataTree(data_root, 0));
    return result;
}

}  // namespace flashlake::lake
