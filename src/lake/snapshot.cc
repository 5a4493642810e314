#include "lake/snapshot.h"

#include <charconv>

#include "format/json/json_parser.h"
#include "format/json/json_writer.h"

namespace flashlake::lake {

namespace json = format::json;

std::string_view CommitKindName(CommitKind kind) {
    switch (kind) {
        case CommitKind::kAppend:
            return "APPEND";
        case CommitKind::kCompact:
            return "COMPACT";
        case CommitKind::kOverwrite:
            return "OVERWRITE";
        case CommitKind::kAnalyze:
            return "ANALYZE";
    }
    return "?";
}

Result<CommitKind> ParseCommitKind(std::string_view name) {
    for (CommitKind kind : {CommitKind::kAppend, CommitKind::kCompact, CommitKind::kOverwrite, CommitKind::kAnalyze}) {
        if (CommitKindName(kind) == name) return kind;
    }
    return Status::InvalidArgument("snapshot: unknown commitKind '" + std::string(name) + "'");
}

namespace {

// The members this model reads, in the order Paimon writes them.
constexpr std::string_view kKnownMembers[] = {"version",
                                              "id",
                                              "schemaId",
                                              "baseManifestList",
                                              "baseManifestListSize",
                                              "deltaManifestList",
                                              "deltaManifestListSize",
                                              "changelogManifestList",
                                              "changelogManifestListSize",
                                              "indexManifest",
                                              "commitUser",
                                              "commitIdentifier",
                                              "commitKind",
                                              "timeMillis",
                                              "logOffsets",
                                              "totalRecordCount",
                                              "deltaRecordCount",
                                              "changelogRecordCount",
                                              "watermark",
                                              "statistics",
                                              "properties",
                                              "nextRowId"};

bool IsKnown(std::string_view key) {
    for (std::string_view known : kKnownMembers) {
        if (known == key) return true;
    }
    return false;
}

Result<std::optional<int64_t>> OptionalInt(const json::Value& object, std::string_view key) {
    const json::Value* value = object.Find(key);
    if (value == nullptr || value->is_null()) return std::optional<int64_t>();
    if (!value->is_int()) return Status::InvalidArgument("snapshot: \"" + std::string(key) + "\" is not an integer");
    return std::optional<int64_t>(value->AsInt());
}

Result<std::optional<std::string>> OptionalString(const json::Value& object, std::string_view key) {
    const json::Value* value = object.Find(key);
    if (value == nullptr || value->is_null()) return std::optional<std::string>();
    if (!value->is_string()) return Status::InvalidArgument("snapshot: \"" + std::string(key) + "\" is not a string");
    return std::optional<std::string>(value->AsString());
}

Result<Snapshot> ParseSnapshot(const json::Value& json) {
    if (!json.is_object()) return Status::InvalidArgument("snapshot: expected a JSON object");
    Snapshot s;
    FL_ASSIGN_OR_RETURN(std::optional<int64_t> version, OptionalInt(json, "version"));
    s.version = static_cast<int32_t>(version.value_or(1));
    FL_ASSIGN_OR_RETURN(s.id, json.GetInt("id"));
    FL_ASSIGN_OR_RETURN(s.schema_id, json.GetInt("schemaId"));
    FL_ASSIGN_OR_RETURN(s.base_manifest_list, json.GetString("baseManifestList"));
    FL_ASSIGN_OR_RETURN(s.base_manifest_list_size, OptionalInt(json, "baseManifestListSize"));
    FL_ASSIGN_OR_RETURN(s.delta_manifest_list, json.GetString("deltaManifestList"));
    FL_ASSIGN_OR_RETURN(s.delta_manifest_list_size, OptionalInt(json, "deltaManifestListSize"));
    FL_ASSIGN_OR_RETURN(s.changelog_manifest_list, OptionalString(json, "changelogManifestList"));
    FL_ASSIGN_OR_RETURN(s.changelog_manifest_list_size, OptionalInt(json, "changelogManifestListSize"));
    FL_ASSIGN_OR_RETURN(s.index_manifest, OptionalString(json, "indexManifest"));
    FL_ASSIGN_OR_RETURN(s.commit_user, json.GetString("commitUser"));
    FL_ASSIGN_OR_RETURN(s.commit_identifier, json.GetInt("commitIdentifier"));
    FL_ASSIGN_OR_RETURN(std::string kind, json.GetString("commitKind"));
    FL_ASSIGN_OR_RETURN(s.commit_kind, ParseCommitKind(kind));
    FL_ASSIGN_OR_RETURN(s.time_millis, json.GetInt("timeMillis"));
    if (const json::Value* offsets = json.Find("logOffsets"); offsets != nullptr && !offsets->is_null()) {
        if (!offsets->is_object()) return Status::InvalidArgument("snapshot: \"logOffsets\" is not an object");
        s.log_offsets.emplace();
        for (const auto& [key, value] : offsets->AsObject()) {
            int32_t bucket = 0;
            auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), bucket);
            if (ec != std::errc() || !value.is_int()) return Status::InvalidArgument("snapshot: bad logOffsets entry");
            s.log_offsets->emplace_back(bucket, value.AsInt());
        }
    }
    FL_ASSIGN_OR_RETURN(s.total_record_count, OptionalInt(json, "totalRecordCount"));
    FL_ASSIGN_OR_RETURN(s.delta_record_count, OptionalInt(json, "deltaRecordCount"));
    FL_ASSIGN_OR_RETURN(s.changelog_record_count, OptionalInt(json, "changelogRecordCount"));
    FL_ASSIGN_OR_RETURN(s.watermark, OptionalInt(json, "watermark"));
    FL_ASSIGN_OR_RETURN(s.statistics, OptionalString(json, "statistics"));
    if (const json::Value* properties = json.Find("properties"); properties != nullptr && !properties->is_null()) {
        if (!properties->is_object()) return Status::InvalidArgument("snapshot: \"properties\" is not an object");
        s.properties.emplace();
        for (const auto& [key, value] : properties->AsObject()) {
            if (!value.is_string()) return Status::InvalidArgument("snapshot: property " + key + " is not a string");
            s.properties->emplace_back(key, value.AsString());
        }
    }
    FL_ASSIGN_OR_RETURN(s.next_row_id, OptionalInt(json, "nextRowId"));
    for (const auto& member : json.AsObject()) {
        if (!IsKnown(member.first)) s.unknown_members.push_back(member);
    }
    return s;
}

}  // namespace

Result<Snapshot> Snapshot::FromJson(const json::Value& json) {
    return ParseSnapshot(json);
}

Result<Snapshot> Snapshot::Parse(std::string_view text) {
    FL_ASSIGN_OR_RETURN(json::Value json, json::Parse(text));
    return FromJson(json);
}

json::Value Snapshot::ToJson() const {
    json::Value o = json::Value::MakeObject();
    auto set_int = [&o](const char* key, const std::optional<int64_t>& value) {
        if (value) o.Set(key, *value);
    };
    o.Set("version", static_cast<int64_t>(version));
    o.Set("id", id);
    o.Set("schemaId", schema_id);
    o.Set("baseManifestList", base_manifest_list);
    set_int("baseManifestListSize", base_manifest_list_size);
    o.Set("deltaManifestList", delta_manifest_list);
    set_int("deltaManifestListSize", delta_manifest_list_size);
    o.Set("changelogManifestList", changelog_manifest_list ? json::Value(*changelog_manifest_list) : json::Value());
    set_int("changelogManifestListSize", changelog_manifest_list_size);
    if (index_manifest) o.Set("indexManifest", *index_manifest);
    o.Set("commitUser", commit_user);
    o.Set("commitIdentifier", commit_identifier);
    o.Set("commitKind", std::string(CommitKindName(commit_kind)));
    o.Set("timeMillis", time_millis);
    if (log_offsets) {
        json::Value offsets = json::Value::MakeObject();
        for (const auto& [bucket, offset] : *log_offsets) offsets.Set(std::to_string(bucket), offset);
        o.Set("logOffsets", std::move(offsets));
    }
    set_int("totalRecordCount", total_record_count);
    set_int("deltaRecordCount", delta_record_count);
    set_int("changelogRecordCount", changelog_record_count);
    set_int("watermark", watermark);
    if (statistics) o.Set("statistics", *statistics);
    if (properties) {
        json::Value props = json::Value::MakeObject();
        for (const auto& [key, value] : *properties) props.Set(key, value);
        o.Set("properties", std::move(props));
    }
    set_int("nextRowId", next_row_id);
    for (const auto& [key, value] : unknown_members) o.Set(key, value);
    return o;
}

std::string Snapshot::ToJsonText() const {
    return json::Write(ToJson(), json::WriteOptions{.pretty = true});
}

}  // namespace flashlake::lake
