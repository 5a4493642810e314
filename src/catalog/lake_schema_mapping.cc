// StarRocks table models mapped onto Paimon table options (see ToLakeSchema in catalog.h).

#include <algorithm>

#include "catalog/catalog.h"
#include "common/ascii.h"
#include "lake/data_type.h"
#include "lake/generated_partition.h"

namespace flashlake::catalog {

namespace {

constexpr int32_t kDefaultPrimaryKeyBuckets = 4;

const char* PaimonAggregateFunction(ColumnAggregation aggregation) {
    switch (aggregation) {
        case ColumnAggregation::kSum: return "sum";
        case ColumnAggregation::kMin: return "min";
        case ColumnAggregation::kMax: return "max";
        case ColumnAggregation::kReplace: return "last_value";
        case ColumnAggregation::kReplaceIfNotNull: return "last_non_null_value";
        case ColumnAggregation::kBitmapUnion: return "rbm64";
        case ColumnAggregation::kHllUnion: return "hll_union";
        case ColumnAggregation::kNone: break;
    }
    return "";
}

std::string Join(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i) out += (i ? "," : "") + names[i];
    return out;
}

// Fills schema.partition_keys from PARTITION BY (the fields are already in `schema`) and returns
// the generated partition columns its date_trunc items need, checked: a known unit, a DATE or
// DATETIME column, no clash with a column of the table.
Result<std::vector<lake::GeneratedPartition>> AddPartitionKeys(const TableDefinition& definition,
                                                               lake::TableSchema& schema) {
    std::vector<lake::GeneratedPartition> generated;
    for (const auto& item : definition.partitions) {
        std::string column = AsciiLower(item.column);
        if (item.trunc_unit.empty()) {
            schema.partition_keys.push_back(column);
            continue;
        }
        std::string what = "PARTITION BY date_trunc('" + item.trunc_unit + "', " + item.column + ")";
        auto unit = lake::ParseTruncUnit(item.trunc_unit);
        if (!unit) {
            return Status::InvalidArgument(what + ": unknown unit '" + item.trunc_unit + "'; expected one of " +
                                           lake::TruncUnitNames());
        }
        const lake::DataField& source = schema.fields[static_cast<size_t>(schema.FieldIndex(column))];
        auto type = source.type.ToLogicalType();
        bool date = type.ok() && type->id() == TypeId::kDate;
        if (!type.ok() || (!date && type->id() != TypeId::kDateTime)) {
            return Status::InvalidArgument(what + ": column '" + column + "' is " +
                                           (type.ok() ? type->ToString() : source.type.ToString()) +
                                           ", but date_trunc partitioning needs a DATE or DATETIME column");
        }
        if (date && *unit == lake::TruncUnit::kHour) {
            return Status::InvalidArgument(what + ": column '" + column +
                                           "' is a DATE, which has no hours; partition by day or a longer unit");
        }
        lake::GeneratedPartition partition;
        partition.column = lake::GeneratedPartitionColumnName(*unit, column);
        partition.unit = *unit;
        partition.source = column;
        partition.type = *type;
        if (schema.FieldIndex(partition.column) >= 0) {
            return Status::InvalidArgument(what + ": its generated partition column '" + partition.column +
                                           "' is already a column of the table");
        }
        if (lake::FindGeneratedColumn(generated, partition.column) != nullptr) {
            return Status::InvalidArgument(what + " is given twice");
        }
        schema.partition_keys.push_back(partition.column);
        generated.push_back(std::move(partition));
    }
    for (size_t i = 0; i < schema.partition_keys.size(); ++i) {
        for (size_t j = 0; j < i; ++j) {
            if (schema.partition_keys[i] == schema.partition_keys[j]) {
                return Status::InvalidArgument("PARTITION BY names column '" + schema.partition_keys[i] + "' twice");
            }
        }
    }
    return generated;
}

}  // namespace

Result<lake::TableSchema> ToLakeSchema(const TableDefinition& definition) {
    lake::TableSchema schema;
    if (definition.columns.empty()) return Status::InvalidArgument("a table needs at least one column");
    auto has_column = [&](const std::string& name) {
        return std::any_of(definition.columns.begin(), definition.columns.end(),
                           [&](const ColumnDefinition& column) { return AsciiLower(column.name) == AsciiLower(name); });
    };
    for (const auto* list : {&definition.key_columns, &definition.bucket_columns}) {
        for (const auto& name : *list) {
            if (!has_column(name)) return Status(ErrorCode::kUnknownColumn, "Unknown column '" + name + "' in table definition");
        }
    }
    for (const auto& partition : definition.partitions) {
        if (!has_column(partition.column)) {
            return Status(ErrorCode::kUnknownColumn, "Unknown column '" + partition.column + "' in PARTITION BY");
        }
    }
    int32_t next_id = 0;
    for (const auto& column : definition.columns) {
        auto type = lake::DataType::FromLogicalType(column.type);
        if (!type.ok()) return type.status().WithContext("column '" + column.name + "'");
        bool is_key = std::find(definition.key_columns.begin(), definition.key_columns.end(), column.name) !=
                      definition.key_columns.end();
        bool nullable = column.nullable && !(is_key && definition.model != TableModel::kDuplicate);
        lake::DataField field;
        field.id = next_id++;
        field.name = AsciiLower(column.name);
        field.type = type->WithNullable(nullable);
        if (!column.comment.empty()) field.description = column.comment;
        schema.fields.push_back(std::move(field));
        if (definition.model == TableModel::kAggregate && !is_key) {
            ColumnAggregation aggregation = column.aggregation == ColumnAggregation::kNone ? ColumnAggregation::kReplace
                                                                                           : column.aggregation;
            schema.options.emplace_back("fields." + AsciiLower(column.name) + ".aggregate-function",
                                        PaimonAggregateFunction(aggregation));
        }
    }
    FL_ASSIGN_OR_RETURN(std::vector<lake::GeneratedPartition> generated, AddPartitionKeys(definition, schema));
    for (const auto& partition : generated) {
        // The generated column follows its source's type and nullability (NOT NULL for keys).
        lake::DataField field = schema.fields[static_cast<size_t>(schema.FieldIndex(partition.source))];
        field.id = next_id++;
        field.name = partition.column;
        field.description.reset();
        schema.fields.push_back(std::move(field));
        schema.options.push_back(lake::GeneratedPartitionOption(partition));
    }
    schema.highest_field_id = next_id - 1;
    int32_t buckets = definition.buckets;
    if (definition.model == TableModel::kDuplicate) {
        // An append table: without DISTRIBUTED BY HASH rows go anywhere (bucket -1, unaware).
        if (definition.bucket_columns.empty()) buckets = -1;
        else if (buckets <= 0) buckets = kDefaultPrimaryKeyBuckets;
    } else {
        if (definition.key_columns.empty()) return Status::InvalidArgument("a PRIMARY or AGGREGATE KEY table needs key columns");
        // Paimon requires the partition columns in the primary key; StarRocks users expect that too.
        std::vector<std::string> keys;
        for (const auto& name : definition.key_columns) keys.push_back(AsciiLower(name));
        for (const auto& partition : schema.partition_keys) {
            if (std::find(keys.begin(), keys.end(), partition) != keys.end()) continue;
            // A generated partition column is a function of its source, which must be a key:
            // then adding it to the key (as Paimon requires) keeps the same rows apart.
            const lake::GeneratedPartition* expression = lake::FindGeneratedColumn(generated, partition);
            if (expression == nullptr) {
                return Status::InvalidArgument("partition column '" + partition + "' must be part of the key");
            }
            if (std::find(keys.begin(), keys.end(), expression->source) == keys.end()) {
                return Status::InvalidArgument("PARTITION BY " + expression->ToSql() + ": column '" +
                                               expression->source + "' must be part of the key");
            }
        }
        for (const auto& partition : generated) keys.push_back(partition.column);
        schema.primary_keys = keys;
        if (buckets <= 0) buckets = kDefaultPrimaryKeyBuckets;
        schema.options.emplace_back("merge-engine", definition.model == TableModel::kAggregate ? "aggregation" : "deduplicate");
    }
    schema.options.emplace_back("bucket", std::to_string(buckets));
    if (!definition.bucket_columns.empty() && buckets > 0) {
        std::vector<std::string> bucket_keys;
        for (const auto& name : definition.bucket_columns) bucket_keys.push_back(AsciiLower(name));
        schema.options.emplace_back("bucket-key", Join(bucket_keys));
    }
    schema.options.emplace_back("file.format", "parquet");
    // Partition directories named by readable values (dt=2024-05-01, not Paimon's legacy
    // dt=19844); Paimon readers honour the option.
    if (!schema.partition_keys.empty()) schema.options.emplace_back("partition.legacy-name", "false");
    for (const auto& [key, value] : definition.properties) {
        if (key == "replication_num" || key == "storage_medium") continue;  // StarRocks-only, no meaning here
        auto existing = std::find_if(schema.options.begin(), schema.options.end(),
                                     [&](const auto& option) { return option.first == key; });
        if (existing != schema.options.end()) existing->second = value;
        else schema.options.emplace_back(key, value);
    }
    if (!definition.comment.empty()) schema.comment = definition.comment;
    return schema;
}

}  // namespace flashlake::catalog
