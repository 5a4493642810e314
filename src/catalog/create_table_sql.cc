#include "catalog/create_table_sql.h"

#include <algorithm>
#include <set>

#include "lake/data_type.h"
#include "lake/generated_partition.h"

namespace flashlake::catalog {

namespace {

// Paimon's aggregate function option as the StarRocks column aggregation (lake_schema_mapping.cc
// maps the other way).
std::string StarRocksAggregation(const std::string& function) {
    if (function == "sum") return "SUM";
    if (function == "min") return "MIN";
    if (function == "max") return "MAX";
    if (function == "last_value") return "REPLACE";
    if (function == "last_non_null_value") return "REPLACE_IF_NOT_NULL";
    if (function == "rbm64") return "BITMAP_UNION";
    if (function == "hll_union") return "HLL_UNION";
    return "";
}

std::string Quoted(const std::string& name) { return "`" + name + "`"; }

std::string QuotedList(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + Quoted(names[i]);
    return out;
}

// A double-quoted SQL string literal.
std::string Literal(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::vector<std::string> SplitCommas(const std::string& text) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= text.size()) {
        size_t comma = text.find(',', start);
        if (comma == std::string::npos) comma = text.size();
        if (comma > start) parts.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return parts;
}

}  // namespace

std::string CreateTableSql(const TableEntry& table) {
    const lake::TableSchema& schema = table.schema;
    const std::string merge_engine = schema.Option("merge-engine").value_or("deduplicate");
    const bool keyed = !schema.primary_keys.empty();
    const bool aggregate = keyed && merge_engine == "aggregation";
    std::set<std::string> implied_options = {"bucket", "bucket-key", "file.format", "partition.legacy-name"};
    if (keyed && (merge_engine == "deduplicate" || aggregate)) implied_options.insert("merge-engine");

    // Generated partition columns are not declared: PARTITION BY date_trunc(...) makes them.
    auto generated = lake::GeneratedPartitions(schema);
    std::vector<lake::GeneratedPartition> expressions =
        generated.ok() ? *generated : std::vector<lake::GeneratedPartition>{};
    for (const auto& expression : expressions) implied_options.insert(lake::GeneratedPartitionOption(expression).first);
    std::vector<const lake::DataField*> declared;
    for (const auto& field : schema.fields) {
        if (lake::FindGeneratedColumn(expressions, field.name) == nullptr) declared.push_back(&field);
    }
    std::vector<std::string> keys;
    for (const auto& key : schema.primary_keys) {
        if (lake::FindGeneratedColumn(expressions, key) == nullptr) keys.push_back(key);
    }

    std::string sql = "CREATE TABLE " + Quoted(table.name) + " (\n";
    for (size_t i = 0; i < declared.size(); ++i) {
        const lake::DataField& field = *declared[i];
        auto type = field.type.ToLogicalType();
        sql += "  " + Quoted(field.name) + " " + (type.ok() ? type->ToString() : field.type.ToString());
        const std::string aggregation_key = "fields." + field.name + ".aggregate-function";
        if (aggregate) {
            if (auto function = schema.Option(aggregation_key)) {
                std::string name = StarRocksAggregation(*function);
                if (!name.empty()) {
                    sql += " " + name;
                    implied_options.insert(aggregation_key);
                }
            }
        }
        sql += field.type.nullable() ? " NULL" : " NOT NULL";
        if (field.description) sql += " COMMENT " + Literal(*field.description);
        sql += i + 1 < declared.size() ? ",\n" : "\n";
    }
    sql += ")";
    if (keyed) sql += std::string(aggregate ? "\nAGGREGATE KEY(" : "\nPRIMARY KEY(") + QuotedList(keys) + ")";
    if (schema.comment) sql += "\nCOMMENT " + Literal(*schema.comment);
    if (!schema.partition_keys.empty()) {
        std::string items;
        for (const auto& key : schema.partition_keys) {
            const lake::GeneratedPartition* expression = lake::FindGeneratedColumn(expressions, key);
            items += (items.empty() ? "" : ", ") + (expression ? expression->ToSql() : Quoted(key));
        }
        // StarRocks' spelling: one expression stands alone, several items are parenthesized.
        bool bare = schema.partition_keys.size() == 1 &&
                    lake::FindGeneratedColumn(expressions, schema.partition_keys[0]) != nullptr;
        sql += bare ? "\nPARTITION BY " + items : "\nPARTITION BY (" + items + ")";
    }
    auto buckets = schema.NumBuckets();
    if (buckets.ok() && *buckets > 0) {
        std::vector<std::string> bucket_keys = SplitCommas(schema.Option("bucket-key").value_or(""));
        if (bucket_keys.empty()) {
            // Paimon's default bucket key: the primary key without the partition columns.
            for (const auto& key : schema.primary_keys) {
                if (std::find(schema.partition_keys.begin(), schema.partition_keys.end(), key) == schema.partition_keys.end()) {
                    bucket_keys.push_back(key);
                }
            }
        }
        if (!bucket_keys.empty()) {
            sql += "\nDISTRIBUTED BY HASH(" + QuotedList(bucket_keys) + ") BUCKETS " + std::to_string(*buckets);
        } else {
            implied_options.erase("bucket");
        }
    } else if (buckets.ok() && *buckets != -1) {
        implied_options.erase("bucket");  // postpone (-2) or another mode the DDL cannot say
    }
    std::string properties;
    for (const auto& [key, value] : schema.options) {
        if (implied_options.count(key) != 0) continue;
        properties += std::string(properties.empty() ? "" : ",\n") + Literal(key) + " = " + Literal(value);
    }
    if (auto format = schema.Option("file.format"); format && *format != "parquet") {
        properties += std::string(properties.empty() ? "" : ",\n") + Literal("file.format") + " = " + Literal(*format);
    }
    if (!properties.empty()) sql += "\nPROPERTIES (\n" + properties + "\n)";
    return sql + ";";
}

}  // namespace flashlake::catalog
