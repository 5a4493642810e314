#include "lake/table_schema.h"

#include <algorithm>
#include <charconv>

#include "format/json/json_parser.h"
#include "format/json/json_writer.h"

namespace flashlake::lake {

namespace json = format::json;

namespace {

Result<std::vector<std::string>> StringArray(const json::Value& object, std::string_view key) {
    std::vector<std::string> out;
    const json::Value* array = object.Find(key);
    if (array == nullptr || array->is_null()) return out;
    if (!array->is_array()) return Status::InvalidArgument("schema: \"" + std::string(key) + "\" is not an array");
    for (const json::Value& item : array->AsArray()) {
        if (!item.is_string()) return Status::InvalidArgument("schema: \"" + std::string(key) + "\" has a non-string");
        out.push_back(item.AsString());
    }
    return out;
}

json::Value ToStringArray(const std::vector<std::string>& items) {
    json::Value array = json::Value::MakeArray();
    for (const std::string& item : items) array.Append(item);
    return array;
}

std::vector<std::string> SplitComma(std::string_view text) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= text.size()) {
        size_t comma = text.find(',', start);
        if (comma == std::string_view::npos) comma = text.size();
        std::string_view part = text.substr(start, comma - start);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
        if (!part.empty()) parts.emplace_back(part);
        start = comma + 1;
    }
    return parts;
}

Result<TableSchema> ParseSchema(const json::Value& json) {
    if (!json.is_object()) return Status::InvalidArgument("schema: expected a JSON object");
    TableSchema schema;
    // Version 1 files have no "version" member.
    const json::Value* version = json.Find("version");
    schema.version = version != nullptr && version->is_int() ? static_cast<int32_t>(version->AsInt()) : 1;
    FL_ASSIGN_OR_RETURN(schema.id, json.GetInt("id"));
    FL_ASSIGN_OR_RETURN(const json::Value* fields, json.Get("fields", json::Type::kArray));
    for (const json::Value& field : fields->AsArray()) {
        FL_ASSIGN_OR_RETURN(DataField data_field, DataField::FromJson(field));
        schema.fields.push_back(std::move(data_field));
    }
    const json::Value* highest = json.Find("highestFieldId");
    schema.highest_field_id =
        highest != nullptr && highest->is_int() ? static_cast<int32_t>(highest->AsInt()) : MaxFieldId(schema.fields);
    FL_ASSIGN_OR_RETURN(schema.partition_keys, StringArray(json, "partitionKeys"));
    FL_ASSIGN_OR_RETURN(schema.primary_keys, StringArray(json, "primaryKeys"));
    if (const json::Value* options = json.Find("options"); options != nullptr && !options->is_null()) {
        if (!options->is_object()) return Status::InvalidArgument("schema: \"options\" is not an object");
        for (const auto& [key, value] : options->AsObject()) {
            if (!value.is_string()) return Status::InvalidArgument("schema: option " + key + " is not a string");
            schema.options.emplace_back(key, value.AsString());
        }
    }
    if (const json::Value* comment = json.Find("comment"); comment != nullptr && comment->is_string()) {
        schema.comment = comment->AsString();
    }
    const json::Value* time = json.Find("timeMillis");
    schema.time_millis = time != nullptr && time->is_int() ? time->AsInt() : 0;

    for (const auto* keys : {&schema.partition_keys, &schema.primary_keys}) {
        for (const std::string& key : *keys) {
            if (schema.FieldIndex(key) < 0) return Status::InvalidArgument("schema: key " + key + " is not a field");
        }
    }
    return schema;
}

}  // namespace

Result<TableSchema> TableSchema::FromJson(const json::Value& json) {
    return ParseSchema(json);
}

Result<TableSchema> TableSchema::Parse(std::string_view text) {
    FL_ASSIGN_OR_RETURN(json::Value json, json::Parse(text));
    return FromJson(json);
}

json::Value TableSchema::ToJson() const {
    json::Value object = json::Value::MakeObject();
    object.Set("version", static_cast<int64_t>(version));
    object.Set("id", id);
    json::Value field_array = json::Value::MakeArray();
    for (const DataField& field : fields) field_array.Append(field.ToJson());
    object.Set("fields", std::move(field_array));
    object.Set("highestFieldId", static_cast<int64_t>(highest_field_id));
    object.Set("partitionKeys", ToStringArray(partition_keys));
    object.Set("primaryKeys", ToStringArray(primary_keys));
    json::Value option_object = json::Value::MakeObject();
    for (const auto& [key, value] : options) option_object.Set(key, value);
    object.Set("options", std::move(option_object));
    if (comment) object.Set("comment", *comment);
    object.Set("timeMillis", time_millis);
    return object;
}

std::string TableSchema::ToJsonText() const {
    return json::Write(ToJson(), json::WriteOptions{.pretty = true});
}

std::optional<std::string> TableSchema::Option(std::string_view key) const {
    for (const auto& [k, v] : options) {
        if (k == key) return v;
    }
    return std::nullopt;
}

Result<int32_t> TableSchema::NumBuckets() const {
    std::optional<std::string> text = Option("bucket");
    if (!text) return version <= 1 ? 1 : -1;
    int32_t buckets = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), buckets);
    if (ec != std::errc() || end != text->data() + text->size() || buckets == 0 || buckets < -2) {
        return Status::InvalidArgument("schema " + std::to_string(id) + ": bad option bucket='" + *text + "'");
    }
    return buckets;
}

std::string TableSchema::FileFormat() const {
    std::optional<std::string> format = Option("file.format");
    if (format) return *format;
    return version <= 2 ? "orc" : "parquet";
}

int TableSchema::FieldIndex(std::string_view name) const {
    for (size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name == name) return static_cast<int>(i);
    }
    return -1;
}

const DataField* TableSchema::FieldById(int32_t field_id) const {
    for (const DataField& field : fields) {
        if (field.id == field_id) return &field;
    }
    return nullptr;
}

Result<std::vector<DataField>> TableSchema::FieldsNamed(const std::vector<std::string>& names) const {
    std::vector<DataField> out;
    for (const std::string& name : names) {
        int index = FieldIndex(name);
        if (index < 0) {
            return Status::InvalidArgument("schema " + std::to_string(id) + " has no field " + name);
        }
        out.push_back(fields[index]);
    }
    return out;
}

std::vector<std::string> TableSchema::TrimmedPrimaryKeys() const {
    std::vector<std::string> trimmed;
    for (const std::string& key : primary_keys) {
        if (std::find(partition_keys.begin(), partition_keys.end(), key) == partition_keys.end()) {
            trimmed.push_back(key);
        }
    }
    return trimmed;
}

std::vector<std::string> TableSchema::BucketKeys() const {
    if (std::optional<std::string> option = Option("bucket-key"); option && !option->empty()) {
        return SplitComma(*option);
    }
    if (!primary_keys.empty()) return TrimmedPrimaryKeys();
    std::vector<std::string> all;
    for (const DataField& field : fields) all.push_back(field.name);
    return all;
}

std::vector<DataType> TableSchema::FieldTypes() const {
    std::vector<DataType> types;
    for (const DataField& field : fields) types.push_back(field.type);
    return types;
}

namespace {

Result<std::vector<DataType>> TypesOf(const TableSchema& schema, const std::vector<std::string>& names) {
    FL_ASSIGN_OR_RETURN(std::vector<DataField> fields, schema.FieldsNamed(names));
    std::vector<DataType> types;
    for (DataField& field : fields) types.push_back(std::move(field.type));
    return types;
}

}  // namespace

Result<std::vector<DataType>> TableSchema::PartitionTypes() const {
    return TypesOf(*this, partition_keys);
}

Result<std::vector<DataType>> TableSchema::TrimmedPrimaryKeyTypes() const {
    return TypesOf(*this, TrimmedPrimaryKeys());
}

}  // namespace flashlake::lake
