#include "engine/partition_names.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "lake/binary_row_converter.h"
#include "lake/generated_partition.h"
#include "lake/partition_path.h"
#include "types/cast.h"

namespace flashlake::engine {

namespace {

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// Hive path unescaping (%XX), the inverse of lake::EscapePathName.
std::string Unescape(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
            i += 2;
            continue;
        }
        out.push_back(text[i]);
    }
    return out;
}

std::string KeyList(const lake::TableSchema& schema) {
    std::string keys;
    for (const auto& key : schema.partition_keys) keys += (keys.empty() ? "" : ", ") + key;
    return keys;
}

}  // namespace

Result<std::vector<lake::BinaryRow>> ResolvePartitionNames(const lake::TableSchema& schema, const std::string& table,
                                                           const std::vector<std::string>& names) {
    if (schema.partition_keys.empty()) {
        return Status::InvalidArgument("table '" + table + "' is not partitioned; PARTITION (...) does not apply");
    }
    FL_ASSIGN_OR_RETURN(std::vector<lake::DataField> fields, schema.FieldsNamed(schema.partition_keys));
    std::vector<lake::DataType> types;
    for (const auto& field : fields) types.push_back(field.type);
    const std::string default_name = lake::PartitionPathOptions::FromSchema(schema).default_name;

    std::vector<lake::BinaryRow> partitions;
    std::map<size_t, std::string> pending;  // key position -> value text of the partition being named
    // Key positions named by the source of their generated column: the value is truncated.
    std::map<size_t, lake::TruncUnit> truncate;
    FL_ASSIGN_OR_RETURN(std::vector<lake::GeneratedPartition> generated, lake::GeneratedPartitions(schema));
    auto finish = [&]() -> Status {
        std::vector<Value> values;
        for (size_t k = 0; k < fields.size(); ++k) {
            const std::string& text = pending[k];
            FL_ASSIGN_OR_RETURN(LogicalType type, fields[k].type.ToLogicalType());
            if (text == default_name) {
                values.push_back(Value::Null(type));
                continue;
            }
            auto value = CastValue(Value::Varchar(text), type, /*strict=*/true);
            if (!value.ok() || value->is_null()) {
                return Status::InvalidArgument("partition value '" + text + "' of column '" + fields[k].name +
                                               "' is not a valid " + type.ToString());
            }
            auto unit = truncate.find(k);
            values.push_back(unit == truncate.end() ? std::move(value).value()
                                                    : lake::TruncateValue(*value, unit->second));
        }
        FL_ASSIGN_OR_RETURN(lake::BinaryRow row, lake::EncodeBinaryRow(values, types));
        partitions.push_back(std::move(row));
        pending.clear();
        truncate.clear();
        return Status::OK();
    };
    for (const std::string& name : names) {
        size_t start = 0;
        while (start <= name.size()) {
            size_t end = name.find('/', start);
            if (end == std::string::npos) end = name.size();
            std::string part = name.substr(start, end - start);
            start = end + 1;
            size_t equal = part.find('=');
            if (equal == std::string::npos) {
                return Status::InvalidArgument("unknown partition '" + name + "' of table '" + table +
                                               "': name partitions by value, as SHOW PARTITIONS does (`" +
                                               schema.partition_keys[0] + "=...`) or as PARTITION (" +
                                               schema.partition_keys[0] + " = value)");
            }
            std::string key = Lower(Unescape(part.substr(0, equal)));
            auto position = std::find(schema.partition_keys.begin(), schema.partition_keys.end(), key);
            std::optional<lake::TruncUnit> unit;
            if (position == schema.partition_keys.end()) {
                // PARTITION (ts = '2024-05-01') of a table partitioned by date_trunc('day', ts).
                for (const auto& partition : generated) {
                    if (partition.source != key) continue;
                    position = std::find(schema.partition_keys.begin(), schema.partition_keys.end(), partition.column);
                    unit = partition.unit;
                    break;
                }
            }
            if (position == schema.partition_keys.end()) {
                return Status::InvalidArgument("'" + key + "' is not a partition column of table '" + table +
                                               "' (partition columns: " + KeyList(schema) + ")");
            }
            size_t index = static_cast<size_t>(position - schema.partition_keys.begin());
            if (pending.count(index)) {
                return Status::InvalidArgument("partition column '" + key + "' is given twice for one partition of '" +
                                               table + "' (partition columns: " + KeyList(schema) + ")");
            }
            pending[index] = Unescape(part.substr(equal + 1));
            if (unit) truncate[index] = *unit;
            if (pending.size() == fields.size()) FL_RETURN_NOT_OK(finish());
        }
    }
    if (!pending.empty()) {
        return Status::InvalidArgument("PARTITION (...) of table '" + table +
                                       "' must give a value to every partition column (" + KeyList(schema) + ")");
    }
    return partitions;
}

Result<std::string> PartitionName(const lake::TableSchema& schema, const lake::BinaryRow& partition) {
    FL_ASSIGN_OR_RETURN(std::vector<lake::DataField> fields, schema.FieldsNamed(schema.partition_keys));
    return lake::PartitionPath(partition, fields, lake::PartitionPathOptions::FromSchema(schema));
}

}  // namespace flashlake::engine
