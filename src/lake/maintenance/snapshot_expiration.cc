#include "lake/maintenance/snapshot_expiration.h"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "format/json/json_parser.h"
#include "io/file_system.h"
#include "io/path.h"
#include "lake/commit/live_files.h"
#include "lake/commit/option_values.h"
#include "lake/commit/table_creation.h"
#include "lake/commit/table_file_paths.h"
#include "lake/maintenance/file_deletion.h"
#include "lake/schema_manager.h"
#include "lake/snapshot_manager.h"
#include "lake/table_paths.h"
#include "lake/table_schema.h"

namespace flashlake::lake {

Result<SnapshotExpireOptions> SnapshotExpireOptions::FromSchema(const TableSchema& schema) {
    SnapshotExpireOptions options;
    FL_ASSIGN_OR_RETURN(int64_t min, IntOption(schema, "snapshot.num-retained.min", options.retain_min));
    FL_ASSIGN_OR_RETURN(int64_t max, IntOption(schema, "snapshot.num-retained.max", options.retain_max));
    FL_ASSIGN_OR_RETURN(int64_t limit, IntOption(schema, "snapshot.expire.limit", options.expire_limit));
    FL_ASSIGN_OR_RETURN(options.time_retained_ms,
                        DurationOption(schema, "snapshot.time-retained", options.time_retained_ms));
    options.retain_min = static_cast<int32_t>(std::clamp<int64_t>(min, 0, std::numeric_limits<int32_t>::max()));
    options.retain_max = static_cast<int32_t>(std::clamp<int64_t>(max, 0, std::numeric_limits<int32_t>::max()));
    options.expire_limit = static_cast<int32_t>(std::clamp<int64_t>(limit, 0, std::numeric_limits<int32_t>::max()));
    return options;
}

namespace {

// The smallest nextSnapshot of the table's consumers, if any.
Result<std::optional<int64_t>> MinConsumerSnapshot(io::FileSystem* fs, const std::string& table_path) {
    std::string dir = io::JoinPath(table_path, "consumer");
    auto entries = fs->ListDirectory(dir);
    if (!entries.ok()) {
        if (entries.status().code() == ErrorCode::kNotFound) return std::optional<int64_t>();
        return entries.status();
    }
    std::optional<int64_t> min;
    for (const io::DirectoryEntry& entry : *entries) {
        if (entry.type != io::FileType::kFile || entry.name.rfind("consumer-", 0) != 0) continue;
        std::string path = io::JoinPath(dir, entry.name);
        auto text = fs->ReadFile(path);
        if (!text.ok()) {
            if (text.status().code() == ErrorCode::kNotFound) continue;
            return text.status();
        }
        auto json = format::json::Parse(*text);
        if (!json.ok()) return json.status().WithContext(path);
        auto next = json->GetInt("nextSnapshot");
        if (!next.ok()) return next.status().WithContext(path);
        min = min ? std::min(*min, *next) : *next;
    }
    return min;
}

// The manifests of a snapshot, or nullopt when its lists are gone (a resumed expiration).
Result<std::optional<std::vector<ManifestFileMeta>>> ManifestsIfPresent(io::FileSystem* fs,
                                                                        const std::string& table_path,
                                                                        const Snapshot& snapshot) {
    auto metas = ReadSnapshotManifests(fs, table_path, snapshot);
    if (!metas.ok()) {
        if (metas.status().code() == ErrorCode::kNotFound) return std::optional<std::vector<ManifestFileMeta>>();
        return metas.status();
    }
    return std::optional<std::vector<ManifestFileMeta>>(std::move(metas).value());
}

class Expirer {
public:
    Expirer(io::FileSystem* fs, std::string table_path, TableFilePaths paths, SnapshotExpireResult* result)
        : fs_(fs), table_path_(std::move(table_path)), paths_(std::move(paths)), result_(result) {}

    // Expires `current` (k), which `next` (k + 1) follows. The deletions of its files are made
    // durable before the snapshot's own, and that one before the next step: a power loss can
    // then undo a step only together with its snapshot, which a rerun expires again.
    Status ExpireOne(const Snapshot& current, const Snapshot& next) {
        touched_.clear();
        FL_RETURN_NOT_OK(DeleteDataFiles(next));
        FL_RETURN_NOT_OK(DeleteIndexFiles(current, next));
        FL_RETURN_NOT_OK(DeleteMetadata(current, next));
        for (const std::string& dir : touched_) FL_RETURN_NOT_OK(fs_->SyncDirectory(dir));
        int64_t deleted = 0;
        FL_RETURN_NOT_OK(DeleteIfPresent(fs_, TablePaths::SnapshotPath(table_path_, current.id), &deleted));
        result_->expired_snapshots += deleted;
        return fs_->SyncDirectory(TablePaths::SnapshotDir(table_path_));
    }

private:
    Status Delete(const std::string& path, int64_t* counter) {
        int64_t deleted = 0;
        FL_RETURN_NOT_OK(DeleteIfPresent(fs_, path, &deleted));
        if (deleted > 0) touched_.insert(std::string(io::Dirname(path)));
        *counter += deleted;
        return Status::OK();
    }

    // Files `next` deleted were live only up to the snapshot before it.
    Status DeleteDataFiles(const Snapshot& next) {
        FL_ASSIGN_OR_RETURN(std::vector<ManifestFileMeta> delta,
                            ReadManifestMetas(fs_, table_path_, next.delta_manifest_list));
        FL_ASSIGN_OR_RETURN(std::vector<ManifestEntry> entries, ReadManifestEntries(fs_, table_path_, delta));
        std::unordered_set<std::string> added;  // a DELETE + ADD of one file moves it to another level
        for (const ManifestEntry& entry : entries) {
            if (entry.kind == FileKind::kAdd) {
                FL_ASSIGN_OR_RETURN(auto paths, paths_.DataFilePaths(entry.partition, entry.bucket, entry.file));
                added.insert(paths.begin(), paths.end());
            }
        }
        for (const ManifestEntry& entry : entries) {
            if (entry.kind != FileKind::kDelete) continue;
            if (entry.file.external_path) {
                ++result_->kept_external_files;
                continue;
            }
            FL_ASSIGN_OR_RETURN(auto paths, paths_.DataFilePaths(entry.partition, entry.bucket, entry.file));
            for (const std::string& path : paths) {
                if (added.count(path) == 0) FL_RETURN_NOT_OK(Delete(path, &result_->deleted_data_files));
            }
        }
        return Status::OK();
    }

    Status DeleteIndexFiles(const Snapshot& current, const Snapshot& next) {
        if (!current.index_manifest || current.index_manifest == next.index_manifest) return Status::OK();
        auto live = ReadLiveIndexEntries(fs_, table_path_, current);
        if (!live.ok()) {
            return live.status().code() == ErrorCode::kNotFound ? Status::OK() : live.status();
        }
        FL_ASSIGN_OR_RETURN(std::vector<IndexManifestEntry> kept, ReadLiveIndexEntries(fs_, table_path_, next));
        std::set<std::string> kept_names;
        for (const IndexManifestEntry& entry : kept) kept_names.insert(entry.index_file.file_name);
        for (const IndexManifestEntry& entry : *live) {
            if (kept_names.count(entry.index_file.file_name) > 0) continue;
            FL_ASSIGN_OR_RETURN(std::string path,
                                paths_.IndexFilePath(entry.partition, entry.bucket, entry.index_file));
            if (path.empty()) {
                ++result_->kept_external_files;
                continue;
            }
            FL_RETURN_NOT_OK(Delete(path, &result_->deleted_index_files));
        }
        return Status::OK();
    }

    Status DeleteManifest(const std::string& name) {
        return Delete(TablePaths::ManifestPath(table_path_, name), &result_->deleted_metadata_files);
    }

    // Manifests first, lists last: the lists are how a resumed expiration finds the manifests.
    Status DeleteMetadata(const Snapshot& current, const Snapshot& next) {
        FL_ASSIGN_OR_RETURN(std::vector<ManifestFileMeta> kept, ReadSnapshotManifests(fs_, table_path_, next));
        std::set<std::string> kept_names;
        for (const ManifestFileMeta& meta : kept) kept_names.insert(meta.file_name);
        FL_ASSIGN_OR_RETURN(auto manifests, ManifestsIfPresent(fs_, table_path_, current));
        if (manifests) {
            for (const ManifestFileMeta& meta : *manifests) {
                if (kept_names.count(meta.file_name) == 0) FL_RETURN_NOT_OK(DeleteManifest(meta.file_name));
            }
        }
        if (current.index_manifest && current.index_manifest != next.index_manifest) {
            FL_RETURN_NOT_OK(DeleteManifest(*current.index_manifest));
        }
        if (current.changelog_manifest_list) FL_RETURN_NOT_OK(DeleteChangelog(*current.changelog_manifest_list));
        for (const std::string* list : {&current.base_manifest_list, &current.delta_manifest_list}) {
            if (*list != next.base_manifest_list && *list != next.delta_manifest_list) {
                FL_RETURN_NOT_OK(DeleteManifest(*list));
            }
        }
        return Status::OK();
    }

    // Changelog files belong to their snapshot alone.
    Status DeleteChangelog(const std::string& list) {
        auto metas = ReadManifestMetas(fs_, table_path_, list);
        if (!metas.ok()) return metas.status().code() == ErrorCode::kNotFound ? Status::OK() : metas.status();
        for (const ManifestFileMeta& meta : *metas) {
            auto entries = ReadManifestEntries(fs_, table_path_, {meta});
            if (!entries.ok() && entries.status().code() != ErrorCode::kNotFound) return entries.status();
            if (entries.ok()) {
                for (const ManifestEntry& entry : *entries) {
                    if (entry.kind != FileKind::kAdd) continue;
                    FL_ASSIGN_OR_RETURN(auto paths, paths_.DataFilePaths(entry.partition, entry.bucket, entry.file));
                    if (paths.empty()) ++result_->kept_external_files;
                    for (const std::string& path : paths) {
                        FL_RETURN_NOT_OK(Delete(path, &result_->deleted_data_files));
                    }
                }
            }
            FL_RETURN_NOT_OK(DeleteManifest(meta.file_name));
        }
        return DeleteManifest(list);
    }

    io::FileSystem* fs_;
    std::string table_path_;
    TableFilePaths paths_;
    SnapshotExpireResult* result_;
    std::set<std::string> touched_;  // directories this step deleted from
};

}  // namespace

Result<SnapshotExpireResult> ExpireSnapshots(io::FileSystem* fs, const std::string& table_path,
                                             const SnapshotExpireOptions& options) {
    if (options.retain_min < 1) {
        return Status::InvalidArgument("snapshot.num-retained.min must be at least 1");
    }
    if (options.retain_max < options.retain_min) {
        return Status::InvalidArgument("snapshot.num-retained.max must not be below snapshot.num-retained.min");
    }
    FL_RETURN_NOT_OK(RefuseSharedFiles(fs, table_path, "snapshot expiration"));
    SnapshotExpireResult result;
    SnapshotManager snapshots(fs, table_path);
    FL_ASSIGN_OR_RETURN(std::optional<int64_t> latest, snapshots.LatestId());
    FL_ASSIGN_OR_RETURN(std::optional<int64_t> earliest, snapshots.EarliestId());
    if (!latest || !earliest) return result;
    result.earliest = earliest;

    int64_t min_id = std::max<int64_t>(*latest - options.retain_max + 1, *earliest);
    int64_t max_exclusive = *latest - options.retain_min + 1;
    FL_ASSIGN_OR_RETURN(std::optional<int64_t> consumer, MinConsumerSnapshot(fs, table_path));
    if (consumer) max_exclusive = std::min(max_exclusive, *consumer);
    max_exclusive = std::min<int64_t>(max_exclusive, *earliest + options.expire_limit);
    int64_t now = options.now_millis != 0 ? options.now_millis : WallClockMillis();
    int64_t older_than = now - options.time_retained_ms;
    int64_t end = max_exclusive;
    for (int64_t id = min_id; id < max_exclusive; ++id) {
        auto snapshot = snapshots.Read(id);
        if (!snapshot.ok()) {
            if (snapshot.status().code() == ErrorCode::kNotFound) continue;
            return snapshot.status();
        }
        if (older_than <= snapshot->time_millis) {  // young enough to keep, and all after it
            end = id;
            break;
        }
    }
    if (end <= *earliest) return result;

    FL_ASSIGN_OR_RETURN(std::optional<TableSchema> schema, SchemaManager(fs, table_path).Latest());
    if (!schema) return Status::NotFound("expire snapshots of " + table_path + ": the table has no schema");
    FL_ASSIGN_OR_RETURN(TableFilePaths paths, TableFilePaths::Make(table_path, *schema));
    Expirer expirer(fs, table_path, std::move(paths), &result);
    std::optional<Snapshot> next;
    for (int64_t id = *earliest; id < end; ++id) {
        auto current = next && next->id == id ? Result<Snapshot>(std::move(*next)) : snapshots.Read(id);
        next.reset();
        if (!current.ok()) {
            if (current.status().code() == ErrorCode::kNotFound) continue;  // expired by someone else
            return current.status();
        }
        FL_ASSIGN_OR_RETURN(Snapshot following, snapshots.Read(id + 1));
        Status status = expirer.ExpireOne(*current, following);
        if (!status.ok()) return status.WithContext("expire snapshot " + std::to_string(id) + " of " + table_path);
        next = std::move(following);
    }
    result.earliest = end;
    (void)snapshots.WriteEarliestHint(end);  // a hint: readers check it against the files
    return result;
}

}  // namespace flashlake::lake
