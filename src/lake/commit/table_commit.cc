#include "lake/commit/table_commit.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <set>
#include <thread>

#include "io/file_system.h"
#include "io/path.h"
#include "lake/commit/commit_plan.h"
#include "lake/commit/live_files.h"
#include "lake/commit/manifest_file_writer.h"
#include "lake/commit/manifest_merger.h"
#include "lake/commit/option_values.h"
#include "lake/commit/table_creation.h"
#include "lake/commit/table_file_paths.h"
#include "lake/schema_manager.h"
#include "lake/snapshot_manager.h"
#include "lake/table_paths.h"
#include "lake/table_schema.h"

namespace flashlake::lake {

// The state of one Commit call across its attempts.
struct TableCommit::Attempt {
    int32_t number = 0;
    std::optional<int64_t> first_base;  // the latest snapshot when the call started
    // Settings of the latest schema, read each attempt.
    int32_t max_retries = 10;
    int64_t min_wait = 10;
    int64_t max_wait = 10000;
    bool committed = false;
    CommitResult result;
};

namespace {

struct TableSettings {
    ManifestMergeOptions merge;
    ManifestWriteOptions write;
    int64_t max_retries = 10;
    int64_t min_retry_wait = 10;
    int64_t max_retry_wait = 10000;
};

Result<TableSettings> ReadSettings(const TableSchema& schema) {
    TableSettings settings;
    FL_ASSIGN_OR_RETURN(settings.merge.target_file_size,
                        MemorySizeOption(schema, "manifest.target-file-size", settings.merge.target_file_size));
    FL_ASSIGN_OR_RETURN(int64_t min_count, IntOption(schema, "manifest.merge-min-count", settings.merge.min_count));
    settings.merge.min_count = static_cast<int32_t>(std::clamp<int64_t>(min_count, 1, 1 << 30));
    FL_ASSIGN_OR_RETURN(
        settings.merge.full_compaction_size,
        MemorySizeOption(schema, "manifest.full-compaction-threshold-size", settings.merge.full_compaction_size));
    settings.merge.full_compaction_size = std::max<int64_t>(settings.merge.full_compaction_size, 1);
    if (std::optional<std::string> codec = schema.Option("manifest.compression")) {
        if (*codec == "none" || *codec == "null") {
            settings.write.codec = format::avro::Codec::kNull;
        } else if (*codec == "snappy") {
            settings.write.codec = format::avro::Codec::kSnappy;
        } else if (*codec == "deflate") {
            settings.write.codec = format::avro::Codec::kDeflate;
        } else if (*codec != "zstd" && *codec != "zstandard") {
            return Status::InvalidArgument("table option 'manifest.compression': unsupported codec '" + *codec + "'");
        }
    }
    FL_ASSIGN_OR_RETURN(settings.max_retries, IntOption(schema, "commit.max-retries", settings.max_retries));
    FL_ASSIGN_OR_RETURN(settings.min_retry_wait,
                        DurationOption(schema, "commit.min-retry-wait", settings.min_retry_wait));
    FL_ASSIGN_OR_RETURN(settings.max_retry_wait,
                        DurationOption(schema, "commit.max-retry-wait", settings.max_retry_wait));
    return settings;
}

bool SameCommit(const Snapshot& a, const Snapshot& b) {
    return a.commit_user == b.commit_user && a.commit_identifier == b.commit_identifier &&
           a.commit_kind == b.commit_kind && a.base_manifest_list == b.base_manifest_list &&
           a.delta_manifest_list == b.delta_manifest_list;
}

}  // namespace

TableCommit::TableCommit(io::FileSystem* fs, std::string table_path, CommitOptions options)
    : fs_(fs),
      table_path_(std::move(table_path)),
      options_(std::move(options)),
      history_(fs, table_path_, options_.history_scan_limit) {}

TableCommit::~TableCommit() = default;

int64_t TableCommit::Now() const {
    return options_.clock ? options_.clock() : WallClockMillis();
}

void TableCommit::Backoff(int32_t attempt, int64_t min_wait, int64_t max_wait) const {
    int64_t wait = std::max<int64_t>(min_wait, 0);
    for (int32_t i = 1; i < attempt && wait < max_wait; ++i) wait *= 2;
    wait = std::min(wait, std::max<int64_t>(max_wait, 0));
    thread_local std::mt19937_64 engine{std::random_device{}()};
    wait += static_cast<int64_t>(std::uniform_real_distribution<double>(0.0, 0.2)(engine) * static_cast<double>(wait));
    if (options_.sleep) {
        options_.sleep(wait);
    } else if (wait > 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(wait));
    }
}

Result<CommitResult> TableCommit::Commit(const CommitRequest& request) {
    FL_RETURN_NOT_OK(EnsureMetadataDirectories());
    Attempt attempt;
    for (attempt.number = 1;; ++attempt.number) {
        FL_RETURN_NOT_OK(TryCommitOnce(request, &attempt));
        if (attempt.committed) {
            attempt.result.attempts = attempt.number;
            return attempt.result;
        }
        if (attempt.number > attempt.max_retries) {
            return Status(ErrorCode::kCommitConflict, "commit to " + table_path_ + " gave up after " +
                                                          std::to_string(attempt.number) +
                                                          " attempts: other writers kept taking the next snapshot id");
        }
        Backoff(attempt.number, attempt.min_wait, attempt.max_wait);
    }
}

Result<CommitResult> TableCommit::Commit(std::string commit_user, int64_t commit_identifier,
                                         std::vector<CommitMessage> messages, CommitKind kind,
                                         std::vector<std::pair<std::string, std::string>> properties) {
    CommitRequest request;
    request.commit_user = std::move(commit_user);
    request.commit_identifier = commit_identifier;
    request.kind = kind;
    request.messages = std::move(messages);
    request.properties = std::move(properties);
    return Commit(request);
}

Result<CommitResult> TableCommit::Overwrite(std::string commit_user, int64_t commit_identifier,
                                            std::vector<CommitMessage> messages,
                                            std::optional<std::vector<BinaryRow>> partitions,
                                            std::vector<std::pair<std::string, std::string>> properties) {
    CommitRequest request;
    request.commit_user = std::move(commit_user);
    request.commit_identifier = commit_identifier;
    request.kind = CommitKind::kOverwrite;
    request.messages = std::move(messages);
    request.properties = std::move(properties);
    if (partitions) {
        request.overwrite_scope = OverwriteScope::kPartitions;
        request.overwrite_partitions = std::move(*partitions);
    }
    return Commit(request);
}

Result<CommitResult> TableCommit::Truncate(std::string commit_user, int64_t commit_identifier) {
    return Overwrite(std::move(commit_user), commit_identifier, {});
}

Result<std::optional<int64_t>> TableCommit::FindCommit(std::string_view commit_user, int64_t commit_identifier,
                                                       CommitKind kind) {
    FL_RETURN_NOT_OK(history_.Refresh());
    return history_.FindCommit(commit_user, commit_identifier, kind);
}

Result<std::optional<int64_t>> TableCommit::FindLabel(std::string_view label) {
    FL_RETURN_NOT_OK(history_.Refresh());
    return history_.FindLabel(label);
}

Result<std::optional<int64_t>> TableCommit::LatestIdentifier(std::string_view commit_user) {
    FL_RETURN_NOT_OK(history_.Refresh());
    return history_.LatestIdentifier(commit_user);
}

Status TableCommit::EnsureMetadataDirectories() {
    if (directories_ready_.load(std::memory_order_acquire)) return Status::OK();
    // Never create directories for a table that does not exist.
    FL_ASSIGN_OR_RETURN(bool has_schema, fs_->Exists(TablePaths::SchemaDir(table_path_)));
    if (!has_schema) return Status(ErrorCode::kUnknownTable, "no table at " + table_path_ + " (it has no schema)");
    bool created = false;
    for (const std::string& dir : {TablePaths::SnapshotDir(table_path_), TablePaths::ManifestDir(table_path_)}) {
        FL_ASSIGN_OR_RETURN(bool exists, fs_->Exists(dir));
        if (exists) continue;
        FL_RETURN_NOT_OK(fs_->CreateDirectories(dir));
        created = true;
    }
    if (created) FL_RETURN_NOT_OK(fs_->SyncDirectory(table_path_));
    directories_ready_.store(true, std::memory_order_release);
    return Status::OK();
}

Status TableCommit::TryCommitOnce(const CommitRequest& request, Attempt* attempt) {
    SnapshotManager snapshots(fs_, table_path_);
    FL_ASSIGN_OR_RETURN(std::optional<int64_t> latest_id, snapshots.LatestId());
    if (latest_id) FL_RETURN_NOT_OK(history_.RefreshTo(*latest_id));
    if (!attempt->first_base) attempt->first_base = latest_id.value_or(0);

    // Already applied? The batch identifier is shared, so only this call's own window counts.
    if (auto found = history_.FindCommit(request.commit_user, request.commit_identifier, request.kind);
        found && (request.commit_identifier != kBatchCommitIdentifier || *found > *attempt->first_base)) {
        // Acknowledge only a durable snapshot: its directory entry may date from a failed sync.
        FL_RETURN_NOT_OK(fs_->SyncDirectory(TablePaths::SnapshotDir(table_path_)));
        attempt->committed = true;
        attempt->result.snapshot_id = *found;
        attempt->result.already_committed = true;
        return Status::OK();
    }
    for (const std::string& label : request.labels) {
        if (auto found = history_.FindLabel(label)) {
            return Status(ErrorCode::kLabelAlreadyExists, "label '" + label + "' is already committed in snapshot " +
                                                              std::to_string(*found) + " of " + table_path_);
        }
    }

    std::optional<Snapshot> latest;
    if (latest_id) {
        FL_ASSIGN_OR_RETURN(latest, snapshots.Read(*latest_id));
    }
    FL_ASSIGN_OR_RETURN(std::optional<TableSchema> schema, SchemaManager(fs_, table_path_).Latest());
    if (!schema) return Status(ErrorCode::kUnknownTable, "no table at " + table_path_ + " (it has no schema)");
    FL_ASSIGN_OR_RETURN(TableSettings settings, ReadSettings(*schema));
    attempt->max_retries = static_cast<int32_t>(options_.max_retries.value_or(settings.max_retries));
    attempt->min_wait = options_.min_retry_wait_ms.value_or(settings.min_retry_wait);
    attempt->max_wait = options_.max_retry_wait_ms.value_or(settings.max_retry_wait);

    FL_RETURN_NOT_OK(ValidateCommitRequest(request, *schema));
    FL_ASSIGN_OR_RETURN(CommitPlan plan, PlanCommit(fs_, table_path_, request, latest, *schema));

    FL_ASSIGN_OR_RETURN(std::vector<DataType> partition_types, schema->PartitionTypes());
    ManifestFileWriter writer(fs_, table_path_, partition_types, schema->id, settings.write,
                              settings.merge.target_file_size);
    Snapshot snapshot;
    Status written = [&]() -> Status {
        FL_ASSIGN_OR_RETURN(std::vector<ManifestFileMeta> delta, writer.WriteManifests(plan.delta));
        std::vector<ManifestFileMeta> base;
        if (latest) {
            FL_ASSIGN_OR_RETURN(std::vector<ManifestFileMeta> previous,
                                ReadSnapshotManifests(fs_, table_path_, *latest));
            FL_ASSIGN_OR_RETURN(base,
                                MergeManifests(fs_, table_path_, previous, partition_types, settings.merge, &writer));
        }
        FL_ASSIGN_OR_RETURN(auto base_list, writer.WriteManifestList(base));
        FL_ASSIGN_OR_RETURN(auto delta_list, writer.WriteManifestList(delta));
        if (plan.index_changed) {
            if (!plan.index.empty()) {
                FL_ASSIGN_OR_RETURN(snapshot.index_manifest, writer.WriteIndexManifest(plan.index));
            }
        } else if (latest) {
            snapshot.index_manifest = latest->index_manifest;
        }
        FL_RETURN_NOT_OK(writer.SyncDirectory());
        if (options_.sync_data_directories) FL_RETURN_NOT_OK(SyncDataDirectories(request, *schema));

        snapshot.id = latest_id.value_or(0) + 1;
        snapshot.schema_id = schema->id;
        snapshot.base_manifest_list = base_list.first;
        snapshot.base_manifest_list_size = base_list.second;
        snapshot.delta_manifest_list = delta_list.first;
        snapshot.delta_manifest_list_size = delta_list.second;
        snapshot.commit_user = request.commit_user;
        snapshot.commit_identifier = request.commit_identifier;
        snapshot.commit_kind = request.kind;
        snapshot.time_millis = Now();
        snapshot.log_offsets.emplace();
        snapshot.total_record_count = plan.total_record_count;
        snapshot.delta_record_count = plan.delta_record_count;
        snapshot.changelog_record_count = 0;
        snapshot.watermark = latest ? latest->watermark : std::nullopt;
        if (request.watermark) {
            snapshot.watermark = std::max(snapshot.watermark.value_or(INT64_MIN), *request.watermark);
        }
        if (latest) {
            snapshot.statistics = latest->statistics;
            snapshot.next_row_id = latest->next_row_id;
        }
        if (!request.labels.empty() || !request.properties.empty()) {
            snapshot.properties.emplace(request.properties);
            if (!request.labels.empty()) {
                snapshot.properties->emplace_back(kLabelsProperty, EncodeLabels(request.labels));
            }
        }
        return Status::OK();
    }();
    if (!written.ok()) {
        writer.DeleteWrittenFiles();
        return written;
    }
    return Publish(snapshot, &writer, attempt);
}

Status TableCommit::Publish(const Snapshot& snapshot, ManifestFileWriter* writer, Attempt* attempt) {
    SnapshotManager snapshots(fs_, table_path_);
    Status published = fs_->CreateFileExclusive(snapshots.SnapshotPath(snapshot.id), snapshot.ToJsonText());
    if (published.ok()) {
        AfterPublish(snapshot);
        attempt->committed = true;
        attempt->result.snapshot_id = snapshot.id;
        return Status::OK();
    }
    if (published.code() == ErrorCode::kAlreadyExists) {
        writer->DeleteWrittenFiles();  // lost the race: try again on top of the winner
        return Status::OK();
    }
    // The outcome is open: look at what the file system holds now.
    auto existing = snapshots.Read(snapshot.id);
    if (!existing.ok()) {
        if (existing.status().code() == ErrorCode::kNotFound) writer->DeleteWrittenFiles();
        return published;
    }
    if (!SameCommit(*existing, snapshot)) {
        writer->DeleteWrittenFiles();  // another writer holds the id
        return Status::OK();
    }
    Status synced = fs_->SyncDirectory(TablePaths::SnapshotDir(table_path_));
    if (!synced.ok()) {
        return Status(published.code(), "snapshot " + std::to_string(snapshot.id) + " of " + table_path_ +
                                            " is published but not known to be durable (" + published.message() + "; " +
                                            synced.message() + "); retry the commit with the same user and identifier");
    }
    AfterPublish(snapshot);
    attempt->committed = true;
    attempt->result.snapshot_id = snapshot.id;
    return Status::OK();
}

void TableCommit::AfterPublish(const Snapshot& snapshot) {
    history_.Record(snapshot);
    // Hints are advisory (readers check them against the files): failures are ignored.
    SnapshotManager snapshots(fs_, table_path_);
    (void)snapshots.WriteLatestHint(snapshot.id);
    if (snapshot.id == 1) (void)snapshots.WriteEarliestHint(snapshot.id);
}

Status TableCommit::SyncDataDirectories(const CommitRequest& request, const TableSchema& schema) {
    FL_ASSIGN_OR_RETURN(TableFilePaths paths, TableFilePaths::Make(table_path_, schema));
    std::set<std::string> dirs;
    auto add_with_parents = [&](std::string dir) {
        // The directory and each parent below the table directory, whose entries lead to it.
        while (dirs.insert(dir).second && dir.size() > table_path_.size() && dir != table_path_) {
            dir = std::string(io::Dirname(dir));
        }
    };
    for (const CommitMessage& message : request.messages) {
        for (const DataFileMeta& file : message.new_files) {
            if (file.external_path) continue;
            FL_ASSIGN_OR_RETURN(std::string dir, paths.BucketDir(message.partition, message.bucket));
            add_with_parents(std::move(dir));
        }
        for (const IndexFileMeta& file : message.new_index_files) {
            if (file.external_path) continue;
            FL_ASSIGN_OR_RETURN(std::string path, paths.IndexFilePath(message.partition, message.bucket, file));
            add_with_parents(std::string(io::Dirname(path)));
        }
    }
    // Deepest first, so that each directory is durable before the entry that leads to it.
    std::vector<std::string> ordered(dirs.begin(), dirs.end());
    std::sort(ordered.begin(), ordered.end(), [](const std::string& a, const std::string& b) {
        return std::count(a.begin(), a.end(), '/') > std::count(b.begin(), b.end(), '/');
    });
    for (const std::string& dir : ordered) {
        Status status = fs_->SyncDirectory(dir);
        if (!status.ok()) return status.WithContext("commit: make the new data files durable");
    }
    return Status::OK();
}

}  // namespace flashlake::lake
