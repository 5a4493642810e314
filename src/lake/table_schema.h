#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "format/json/json_value.h"
#include "lake/data_type.h"

namespace flashlake::lake {

// Table options in document order (schema files keep the order the writer used).
using Options = std::vector<std::pair<std::string, std::string>>;

// One version of a table's schema: the JSON file `schema/schema-<id>` (paimon-api
// TableSchema, format version 3). Field ids identify columns across versions; every data file
// records the schema id it was written with.
//
//   {"version": 3, "id": 0, "fields": [{"id": 0, "name": "k", "type": "INT NOT NULL"}, ...],
//    "highestFieldId": 3, "partitionKeys": ["dt"], "primaryKeys": ["k", "dt"],
//    "options": {"bucket": "2"}, "comment": "..."?, "timeMillis": 1720496663041}
//
// Older format versions are read as they are; their implied options (version 1 has no
// "bucket" and means 1 bucket, versions 1-2 have no "file.format" and mean ORC) are applied by
// the accessors below, not written into `options`, so that a file reads and writes back the same.
struct TableSchema {
    static constexpr int32_t kCurrentVersion = 3;

    int32_t version = kCurrentVersion;
    int64_t id = 0;
    std::vector<DataField> fields;
    int32_t highest_field_id = -1;
    std::vector<std::string> partition_keys;
    std::vector<std::string> primary_keys;
    Options options;
    std::optional<std::string> comment;
    int64_t time_millis = 0;

    static Result<TableSchema> FromJson(const format::json::Value& json);
    static Result<TableSchema> Parse(std::string_view text);
    format::json::Value ToJson() const;
    // Pretty-printed as Paimon writes schema files.
    std::string ToJsonText() const;

    // Option lookups. Option() returns the raw text; the typed helpers apply Paimon's defaults.
    std::optional<std::string> Option(std::string_view key) const;
    // `bucket`: > 0 fixed buckets, -1 dynamic (PK) or unaware (append), -2 postpone.
    Result<int32_t> NumBuckets() const;
    std::string FileFormat() const;

    // Index of the field called `name`, or -1.
    int FieldIndex(std::string_view name) const;
    const DataField* FieldById(int32_t field_id) const;
    // The fields called `names`, in that order; kInvalidArgument naming a missing one.
    Result<std::vector<DataField>> FieldsNamed(const std::vector<std::string>& names) const;

    // Primary keys without the partition keys: the LSM key (and `_KEY_` columns of data files).
    std::vector<std::string> TrimmedPrimaryKeys() const;
    // Option `bucket-key` (comma-separated), else the trimmed primary key, else every field.
    std::vector<std::string> BucketKeys() const;

    std::vector<DataType> FieldTypes() const;
    Result<std::vector<DataType>> PartitionTypes() const;
    Result<std::vector<DataType>> TrimmedPrimaryKeyTypes() const;
};

}  // namespace flashlake::lake
