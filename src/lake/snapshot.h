#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "format/json/json_value.h"

namespace flashlake::lake {

enum class CommitKind : uint8_t { kAppend, kCompact, kOverwrite, kAnalyze };

std::string_view CommitKindName(CommitKind kind);
Result<CommitKind> ParseCommitKind(std::string_view name);

// One committed version of a table: the JSON file `snapshot/snapshot-<id>` (paimon-api
// Snapshot, format version 3). The live data files are those of the base manifest list
// (everything as of the previous snapshot) plus the delta manifest list (this commit's
// changes); changelog files come from the changelog list and index files (deletion vectors,
// HASH indexes) from the index manifest, which lists all live index files, not a delta.
//
// Members are written in Paimon's order; optional ones (std::nullopt) are left out, except
// changelogManifestList, which Paimon always writes (as null when absent). `logOffsets` is gone
// from Paimon 1.4 but older files carry it; it is kept so those files write back unchanged.
// Members this model does not know are kept in `unknown_members` and written at the end.
struct Snapshot {
    static constexpr int32_t kCurrentVersion = 3;

    int32_t version = kCurrentVersion;
    int64_t id = 0;
    int64_t schema_id = 0;
    std::string base_manifest_list;
    std::optional<int64_t> base_manifest_list_size;  // null for writers <= 1.0
    std::string delta_manifest_list;
    std::optional<int64_t> delta_manifest_list_size;
    std::optional<std::string> changelog_manifest_list;
    std::optional<int64_t> changelog_manifest_list_size;
    std::optional<std::string> index_manifest;
    std::string commit_user;
    int64_t commit_identifier = 0;  // Long.MAX_VALUE for batch commits
    CommitKind commit_kind = CommitKind::kAppend;
    int64_t time_millis = 0;
    std::optional<std::vector<std::pair<int32_t, int64_t>>> log_offsets;
    std::optional<int64_t> total_record_count;  // unmerged rows of all live data files
    std::optional<int64_t> delta_record_count;  // net change by this commit
    std::optional<int64_t> changelog_record_count;
    std::optional<int64_t> watermark;
    std::optional<std::string> statistics;
    std::optional<std::vector<std::pair<std::string, std::string>>> properties;
    std::optional<int64_t> next_row_id;
    format::json::Value::Object unknown_members;

    static Result<Snapshot> FromJson(const format::json::Value& json);
    static Result<Snapshot> Parse(std::string_view text);
    format::json::Value ToJson() const;
    // Pretty-printed as Paimon writes snapshot files.
    std::string ToJsonText() const;
};

}  // namespace flashlake::lake
