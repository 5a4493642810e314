#include "engine/information_schema_catalog.h"

#include <algorithm>
#include <functional>

#include "common/ascii.h"
#include "engine/information_schema.h"
#include "lake/generated_partition.h"
#include "lake/snapshot_manager.h"

namespace flashlake::engine {

namespace {

// MySQL's catalog name for everything.
constexpr const char* kCatalogName = "def";

Value Text(const std::string& text) { return Value::Varchar(text); }
Value NullText() { return Value::Null(LogicalType::Varchar()); }
Value NullBigInt() { return Value::Null(LogicalType::BigInt()); }

// The databases the account may see, information_schema first.
Result<std::vector<std::string>> VisibleDatabases(const CatalogListing& listing) {
    FL_ASSIGN_OR_RETURN(std::vector<std::string> names, listing.catalog->ListDatabases());
    std::vector<std::string> visible = {kInformationSchema};
    for (const auto& name : names) {
        if (listing.access->CanSeeDatabase(name)) visible.push_back(name);
    }
    return visible;
}

// Calls `table_fn(database, entry)` for every table and `view_fn(database, name)` for every view
// the account may see (either may be null); objects dropped meanwhile are skipped.
Status ForEachVisibleObject(const CatalogListing& listing,
                            const std::function<void(const std::string&, const catalog::TableEntry&)>& table_fn,
                            const std::function<void(const std::string&, const std::string&)>& view_fn) {
    FL_ASSIGN_OR_RETURN(auto databases, VisibleDatabases(listing));
    for (const auto& database : databases) {
        if (database == kInformationSchema) continue;
        if (table_fn) {
            FL_ASSIGN_OR_RETURN(auto tables, listing.catalog->ListTables(database));
            for (const auto& name : tables) {
                if (!listing.access->CanSeeTable(database, name)) continue;
                auto entry = listing.catalog->GetTable(database, name);
                if (entry.ok()) table_fn(database, *entry);
            }
        }
        if (view_fn) {
            FL_ASSIGN_OR_RETURN(auto views, listing.catalog->ListViews(database));
            for (const auto& name : views) {
                if (listing.access->CanSeeTable(database, name)) view_fn(database, name);
            }
        }
    }
    return Status::OK();
}

// "int", "varchar", "decimal", ... (DATA_TYPE) from the SQL spelling "INT", "VARCHAR(20)", ...
std::string DataTypeName(const LogicalType& type) {
    std::string spelled = AsciiLower(type.ToString());
    size_t paren = spelled.find('(');
    return paren == std::string::npos ? spelled : spelled.substr(0, paren);
}

// Precision of integer types in decimal digits, as MySQL reports NUMERIC_PRECISION.
std::optional<int64_t> NumericPrecision(const LogicalType& type) {
    switch (type.id()) {
        case TypeId::kTinyInt: return 3;
        case TypeId::kSmallInt: return 5;
        case TypeId::kInt: return 10;
        case TypeId::kBigInt: return 19;
        case TypeId::kLargeInt: return 39;
        case TypeId::kFloat: return 12;
        case TypeId::kDouble: return 22;
        case TypeId::kDecimal: return type.precision();
        default: return std::nullopt;
    }
}

Value OptionalBigInt(std::optional<int64_t> value) { return value ? Value::BigInt(*value) : NullBigInt(); }

Value TimeValue(int64_t millis) {
    return millis > 0 ? Value::DateTime(millis * 1000) : Value::Null(LogicalType::DateTime());
}

}  // namespace

Result<planner::Binder::VirtualTable> SchemataTable(const CatalogListing& listing) {
    planner::Binder::VirtualTable table;
    table.names = {"CATALOG_NAME", "SCHEMA_NAME", "DEFAULT_CHARACTER_SET_NAME", "DEFAULT_COLLATION_NAME", "SQL_PATH"};
    table.types = std::vector<LogicalType>(5, LogicalType::Varchar());
    FL_ASSIGN_OR_RETURN(auto databases, VisibleDatabases(listing));
    for (const auto& name : databases) {
        table.rows.push_back({Text(kCatalogName), Text(name), Text("utf8mb4"), Text("utf8mb4_0900_bin"), NullText()});
    }
    return table;
}

Result<planner::Binder::VirtualTable> TablesTable(const CatalogListing& listing) {
    planner::Binder::VirtualTable table;
    table.names = {"TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME",    "TABLE_TYPE",   "ENGINE",
                   "VERSION",       "ROW_FORMAT",   "TABLE_ROWS",    "DATA_LENGTH",  "CREATE_TIME",
                   "UPDATE_TIME",   "TABLE_COLLATION", "TABLE_COMMENT"};
    auto varchar = LogicalType::Varchar();
    auto bigint = LogicalType::BigInt();
    auto datetime = LogicalType::DateTime();
    table.types = {varchar, varchar, varchar, varchar, varchar, bigint,  varchar,
                   bigint,  bigint,  datetime, datetime, varchar, varchar};
    auto add_table = [&](const std::string& database, const catalog::TableEntry& entry) {
        // Row count and last change from the latest snapshot (nothing yet for an empty table).
        Value rows = Value::BigInt(0);
        Value updated = Value::Null(datetime);
        auto latest = lake::SnapshotManager(listing.fs, entry.path).Latest();
        if (latest.ok() && latest->has_value()) {
            rows = OptionalBigInt((*latest)->total_record_count);
            updated = TimeValue((*latest)->time_millis);
        }
        table.rows.push_back({Text(kCatalogName), Text(database), Text(entry.name), Text("BASE TABLE"), Text("Paimon"),
                              Value::BigInt(entry.schema.id), Text("Dynamic"), rows, NullBigInt(),
                              TimeValue(entry.schema.time_millis), updated, Text("utf8mb4_0900_bin"),
                              Text(entry.schema.comment.value_or(""))});
    };
    auto add_view = [&](const std::string& database, const std::string& name) {
        table.rows.push_back({Text(kCatalogName), Text(database), Text(name), Text("VIEW"), NullText(), NullBigInt(),
                              NullText(), NullBigInt(), NullBigInt(), Value::Null(datetime), Value::Null(datetime),
                              NullText(), Text("VIEW")});
    };
    FL_RETURN_NOT_OK(ForEachVisibleObject(listing, add_table, add_view));
    return table;
}

Result<planner::Binder::VirtualTable> ColumnsTable(const CatalogListing& listing) {
    planner::Binder::VirtualTable table;
    table.names = {"TABLE_CATALOG",    "TABLE_SCHEMA",      "TABLE_NAME",         "COLUMN_NAME",
                   "ORDINAL_POSITION", "COLUMN_DEFAULT",    "IS_NULLABLE",        "DATA_TYPE",
                   "CHARACTER_MAXIMUM_LENGTH", "NUMERIC_PRECISION", "NUMERIC_SCALE", "COLUMN_TYPE",
                   "COLUMN_KEY",       "COLUMN_COMMENT"};
    auto varchar = LogicalType::Varchar();
    auto bigint = LogicalType::BigInt();
    table.types = {varchar, varchar, varchar, varchar, bigint, varchar, varchar,
                   varchar, bigint,  bigint,  bigint,  varchar, varchar, varchar};
    auto add_columns = [&](const std::string& database, const catalog::TableEntry& entry) {
        const auto& keys = entry.schema.primary_keys;
        auto generated = lake::GeneratedPartitions(entry.schema);
        int64_t position = 0;
        for (const auto& field : entry.schema.fields) {
            // Generated partition columns (PARTITION BY date_trunc) are hidden, as from SELECT *.
            if (generated.ok() && lake::FindGeneratedColumn(*generated, field.name)) continue;
            ++position;
            auto type = field.type.ToLogicalType();
            if (!type.ok()) continue;  // a nested type SQL does not read yet
            const bool key = std::find(keys.begin(), keys.end(), field.name) != keys.end();
            table.rows.push_back(
                {Text(kCatalogName), Text(database), Text(entry.name), Text(field.name), Value::BigInt(position),
                 NullText(), Text(field.type.nullable() ? "YES" : "NO"), Text(DataTypeName(*type)),
                 type->IsString() ? Value::BigInt(type->length()) : NullBigInt(), OptionalBigInt(NumericPrecision(*type)),
                 type->IsNumeric() ? Value::BigInt(type->id() == TypeId::kDecimal ? type->scale() : 0) : NullBigInt(),
                 Text(AsciiLower(type->ToString())), Text(key ? "PRI" : ""), Text(field.description.value_or(""))});
        }
    };
    FL_RETURN_NOT_OK(ForEachVisibleObject(listing, add_columns, nullptr));
    return table;
}

Result<planner::Binder::VirtualTable> ViewsTable(const CatalogListing& listing) {
    planner::Binder::VirtualTable table;
    table.names = {"TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "VIEW_DEFINITION", "CHECK_OPTION", "IS_UPDATABLE",
                   "DEFINER", "SECURITY_TYPE", "CHARACTER_SET_CLIENT", "COLLATION_CONNECTION"};
    table.types = std::vector<LogicalType>(10, LogicalType::Varchar());
    auto add_view = [&](const std::string& database, const std::string& name) {
        auto view = listing.catalog->GetView(database, name);
        if (!view.ok() || !view->has_value()) return;  // dropped meanwhile
        table.rows.push_back({Text(kCatalogName), Text(database), Text(name), Text((*view)->definition), Text("NONE"),
                              Text("NO"), NullText(), Text("DEFINER"), Text("utf8mb4"), Text("utf8mb4_0900_bin")});
    };
    FL_RETURN_NOT_OK(ForEachVisibleObject(listing, nullptr, add_view));
    return table;
}

}  // namespace flashlake::engine
