// DDL and metadata statements of a session: CREATE/DROP DATABASE, TABLE and VIEW, USE, SHOW
// DATABASES/TABLES/COLUMNS, DESCRIBE. Tables live in the catalog over the warehouse.

#include <algorithm>

#include "catalog/catalog.h"
#include "common/query_error.h"
#include "engine/engine.h"
#include "engine/session.h"
#include "planner/binder/binder.h"
#include "sql/parser/parser.h"

namespace flashlake::engine {

namespace {

catalog::ColumnAggregation ToAggregation(sql::AggregationKind kind) {
    switch (kind) {
        case sql::AggregationKind::kNone: return catalog::ColumnAggregation::kNone;
        case sql::AggregationKind::kSum: return catalog::ColumnAggregation::kSum;
        case sql::AggregationKind::kMin: return catalog::ColumnAggregation::kMin;
        case sql::AggregationKind::kMax: return catalog::ColumnAggregation::kMax;
        case sql::AggregationKind::kReplace: return catalog::ColumnAggregation::kReplace;
        case sql::AggregationKind::kReplaceIfNotNull: return catalog::ColumnAggregation::kReplaceIfNotNull;
        case sql::AggregationKind::kBitmapUnion: return catalog::ColumnAggregation::kBitmapUnion;
        case sql::AggregationKind::kHllUnion: return catalog::ColumnAggregation::kHllUnion;
        case sql::AggregationKind::kPercentileUnion: break;
    }
    ThrowQueryError(ErrorCode::kNotSupported, "PERCENTILE_UNION columns are not supported");
}

catalog::TableDefinition ToDefinition(const sql::CreateTableStatement& create) {
    catalog::TableDefinition definition;
    for (const auto& column : create.columns) {
        catalog::ColumnDefinition out;
        out.name = column.name;
        out.type = planner::Binder::BindTypeName(column.type);
        out.nullable = column.nullable.value_or(true);
        out.aggregation = ToAggregation(column.aggregation);
        out.comment = column.comment;
        definition.columns.push_back(std::move(out));
    }
    switch (create.keys.kind) {
        case sql::KeysKind::kNone:
        case sql::KeysKind::kDuplicate: definition.model = catalog::TableModel::kDuplicate; break;
        case sql::KeysKind::kPrimary:
        case sql::KeysKind::kUnique: definition.model = catalog::TableModel::kPrimary; break;
        case sql::KeysKind::kAggregate: definition.model = catalog::TableModel::kAggregate; break;
    }
    definition.key_columns = create.keys.columns;
    for (const auto& expr : create.partition.exprs) {
        if (expr->Is<sql::ColumnRefExpr>()) {
            definition.partition_columns.push_back(expr->As<sql::ColumnRefExpr>().parts.back());
            continue;
        }
        ThrowQueryError(ErrorCode::kNotSupported, "PARTITION BY ", expr->ToString(),
                        ": only partitioning by columns is supported so far");
    }
    if (create.partition.kind == sql::PartitionKind::kRange || create.partition.kind == sql::PartitionKind::kList) {
        ThrowQueryError(ErrorCode::kNotSupported, "PARTITION BY RANGE/LIST is not supported; use PARTITION BY (columns)");
    }
    definition.bucket_columns = create.distribution.columns;
    definition.buckets = static_cast<int32_t>(create.distribution.buckets);
    for (const auto& property : create.properties) definition.properties.emplace_back(property.key, property.value);
    definition.comment = create.comment;
    return definition;
}

StatementResult Ok(int64_t affected = 0) {
    StatementResult result;
    result.affected_rows = affected;
    return result;
}

}  // namespace

std::pair<std::string, std::string> Session::ResolveTableName(const sql::QualifiedName& name) const {
    const auto& parts = name.parts;
    if (parts.size() >= 2) return {parts[parts.size() - 2], parts.back()};
    if (current_database_.empty()) ThrowQueryError(ErrorCode::kNoDatabaseSelected, "No database selected");
    return {current_database_, parts.back()};
}

Result<StatementResult> Session::ExecuteDdl(const sql::Statement& statement) {
    catalog::Catalog& catalog = engine_.catalog();
    switch (statement.kind) {
        case sql::StatementKind::kCreateDatabase: {
            const auto& create = statement.As<sql::CreateDatabaseStatement>();
            FL_RETURN_NOT_OK(catalog.CreateDatabase(create.name.name(), create.if_not_exists));
            return Ok(1);
        }
        case sql::StatementKind::kCreateTable: {
            const auto& create = statement.As<sql::CreateTableStatement>();
            if (create.as_query || !create.like_table.empty()) {
                return Status(ErrorCode::kNotSupported, "CREATE TABLE ... AS / LIKE is not supported yet");
            }
            auto [database, table] = ResolveTableName(create.name);
            FL_RETURN_NOT_OK(catalog.CreateTable(database, table, ToDefinition(create), create.if_not_exists));
            return Ok();
        }
        case sql::StatementKind::kCreateView: {
            const auto& create = statement.As<sql::CreateViewStatement>();
            auto [database, view] = ResolveTableName(create.name);
            // Bind now so that a view over unknown tables or columns is refused at creation.
            planner::Binder binder = MakeBinder();
            FL_ASSIGN_OR_RETURN(auto plan, binder.BindQuery(*create.query));
            catalog::ViewEntry entry{database, view, create.query->ToString(), {}};
            for (const auto& column : create.columns) entry.column_names.push_back(column.name);
            if (!entry.column_names.empty() && entry.column_names.size() != plan->names.size()) {
                return Status(ErrorCode::kWrongArguments, "view '" + view + "' names " +
                                                              std::to_string(entry.column_names.size()) +
                                                              " columns but its query has " +
                                                              std::to_string(plan->names.size()));
            }
            FL_RETURN_NOT_OK(catalog.CreateView(entry, create.or_replace, create.if_not_exists));
            return Ok();
        }
        case sql::StatementKind::kDrop: {
            const auto& drop = statement.As<sql::DropStatement>();
            switch (drop.object) {
                case sql::ObjectKind::kDatabase: {
                    FL_RETURN_NOT_OK(catalog.DropDatabase(drop.name.name(), drop.if_exists, drop.force));
                    if (drop.name.name() == current_database_) current_database_.clear();
                    return Ok();
                }
                case sql::ObjectKind::kTable: {
                    auto [database, table] = ResolveTableName(drop.name);
                    FL_RETURN_NOT_OK(catalog.DropTable(database, table, drop.if_exists));
                    return Ok();
                }
                case sql::ObjectKind::kView: {
                    auto [database, view] = ResolveTableName(drop.name);
                    FL_RETURN_NOT_OK(catalog.DropView(database, view, drop.if_exists));
                    return Ok();
                }
                default: return Status(ErrorCode::kNotSupported, "DROP of this kind of object is not supported yet");
            }
        }
        case sql::StatementKind::kUse: {
            const auto& use = statement.As<sql::UseStatement>();
            FL_ASSIGN_OR_RETURN(bool exists, catalog.DatabaseExists(use.database.name()));
            if (!exists) return Status(ErrorCode::kUnknownDatabase, "Unknown database '" + use.database.name() + "'");
            current_database_ = use.database.name();
            return Ok();
        }
        case sql::StatementKind::kDescribe: {
            auto [database, table] = ResolveTableName(statement.As<sql::DescribeStatement>().table);
            FL_ASSIGN_OR_RETURN(catalog::TableEntry entry, catalog.GetTable(database, table));
            std::vector<std::vector<std::string>> lines;
            for (const auto& field : entry.schema.fields) {
                auto type = field.type.ToLogicalType();
                bool key = std::find(entry.schema.primary_keys.begin(), entry.schema.primary_keys.end(), field.name) !=
                           entry.schema.primary_keys.end();
                lines.push_back({field.name, type.ok() ? type->ToString() : field.type.ToString(),
                                 field.type.nullable() ? "YES" : "NO", key ? "true" : "false", "NULL", ""});
            }
            return TextRows({"Field", "Type", "Null", "Key", "Default", "Extra"}, lines);
        }
        default: break;
    }
    return Status(ErrorCode::kNotSupported, "statement not supported yet: " + statement.ToString().substr(0, 80));
}

Result<StatementResult> Session::ExecuteShowCatalogObjects(const sql::ShowStatement& show) {
    catalog::Catalog& catalog = engine_.catalog();
    std::vector<std::vector<std::string>> lines;
    auto add = [&](const std::string& name, const std::string& kind) {
        if (show.like && !MatchesLike(name, *show.like)) return;
        if (show.full) lines.push_back({name, kind});
        else lines.push_back({name});
    };
    if (show.what == sql::ShowKind::kDatabases) {
        FL_ASSIGN_OR_RETURN(auto names, catalog.ListDatabases());
        for (const auto& name : names) add(name, "");
        return TextRows({"Database"}, lines);
    }
    std::string database = show.from.empty() ? current_database_ : show.from.name();
    if (database.empty()) return Status(ErrorCode::kNoDatabaseSelected, "No database selected");
    FL_ASSIGN_OR_RETURN(auto tables, catalog.ListTables(database));
    FL_ASSIGN_OR_RETURN(auto views, catalog.ListViews(database));
    std::vector<std::pair<std::string, std::string>> all;
    for (const auto& name : tables) all.emplace_back(name, "BASE TABLE");
    for (const auto& name : views) all.emplace_back(name, "VIEW");
    std::sort(all.begin(), all.end());
    for (const auto& [name, kind] : all) add(name, kind);
    if (show.full) return TextRows({"Tables_in_" + database, "Table_type"}, lines);
    return TextRows({"Tables_in_" + database}, lines);
}

}  // namespace flashlake::engine
