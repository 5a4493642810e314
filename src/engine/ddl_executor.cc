// DDL and metadata statements of a session: CREATE/DROP DATABASE, TABLE and VIEW, USE, SHOW
// DATABASES/TABLES/COLUMNS, DESCRIBE. Tables live in the catalog over the warehouse.

#include <algorithm>

#include "catalog/catalog.h"
#include "catalog/catalog_manager.h"
#include "lake/commit/schema_evolution.h"
#include "lake/commit/table_commit.h"
#include "lake/generated_partition.h"
#include "lake/system_tables.h"
#include "common/query_error.h"
#include "engine/engine.h"
#include "engine/information_schema.h"
#include "engine/partition_names.h"
#include "engine/session.h"
#include "planner/binder/binder.h"
#include "sql/parser/parser.h"

namespace flashlake::engine {

namespace {

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

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

// A PARTITION BY item: a column, or date_trunc('<unit>', column) (the catalog checks the unit
// and the column's type).
catalog::PartitionKeyDefinition ToPartitionKey(const sql::Expr& expr) {
    if (expr.Is<sql::ColumnRefExpr>()) return {expr.As<sql::ColumnRefExpr>().parts.back(), ""};
    if (expr.Is<sql::FunctionCallExpr>()) {
        const auto& call = expr.As<sql::FunctionCallExpr>();
        bool trunc = call.name.size() == 1 && Lower(call.function_name()) == "date_trunc" && call.args.size() == 2 &&
                     !call.over && !call.distinct;
        if (trunc && call.args[0]->Is<sql::LiteralExpr>() && call.args[1]->Is<sql::ColumnRefExpr>()) {
            const auto& unit = call.args[0]->As<sql::LiteralExpr>();
            if (unit.literal_kind == sql::LiteralKind::kString) {
                return {call.args[1]->As<sql::ColumnRefExpr>().parts.back(), unit.text};
            }
        }
        if (trunc) {
            ThrowQueryError(ErrorCode::kInvalidArgument, "PARTITION BY ", expr.ToString(),
                            ": date_trunc takes a unit string and a column, as in date_trunc('day', dt)");
        }
    }
    ThrowQueryError(ErrorCode::kNotSupported, "PARTITION BY ", expr.ToString(),
                    ": a table is partitioned by columns or by date_trunc('<unit>', column)");
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
    for (const auto& expr : create.partition.exprs) definition.partitions.push_back(ToPartitionKey(*expr));
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

catalog::Catalog* Session::FindCatalog(const std::string& name) const {
    auto catalog = engine_.catalogs().Get(name);
    ThrowIfError(catalog.status());
    return *catalog;
}

Session::ResolvedName Session::ResolveTableName(const sql::QualifiedName& name) const {
    const auto& parts = name.parts;
    if (parts.size() > 3) ThrowQueryError(ErrorCode::kInvalidArgument, "name '", name.ToString(), "' has too many parts");
    catalog::Catalog* catalog = FindCatalog(parts.size() == 3 ? parts[0] : current_catalog_);
    if (parts.size() >= 2) return {catalog, parts[parts.size() - 2], parts.back()};
    if (current_database_.empty()) ThrowQueryError(ErrorCode::kNoDatabaseSelected, "No database selected");
    return {catalog, current_database_, parts.back()};
}

std::pair<catalog::Catalog*, std::string> Session::ResolveDatabaseName(const sql::QualifiedName& name) const {
    const auto& parts = name.parts;
    if (parts.size() > 2) ThrowQueryError(ErrorCode::kInvalidArgument, "database name '", name.ToString(), "' has too many parts");
    return {FindCatalog(parts.size() == 2 ? parts[0] : current_catalog_), parts.back()};
}

Result<catalog::TableEntry> Session::LookupTable(const sql::QualifiedName& name) const {
    auto [catalog, database, table] = ResolveTableName(name);
    return catalog->GetTable(database, table);
}

Result<StatementResult> Session::ExecuteDdl(const sql::Statement& statement) {
    switch (statement.kind) {
        case sql::StatementKind::kCreateDatabase: {
            const auto& create = statement.As<sql::CreateDatabaseStatement>();
            auto [catalog, database] = ResolveDatabaseName(create.name);
            FL_RETURN_NOT_OK(catalog->CreateDatabase(database, create.if_not_exists));
            return Ok(1);
        }
        case sql::StatementKind::kCreateCatalog: {
            const auto& create = statement.As<sql::CreateCatalogStatement>();
            catalog::ExternalCatalogInfo info;
            info.name = create.name;
            info.comment = create.comment;
            for (const auto& property : create.properties) info.properties.emplace_back(property.key, property.value);
            FL_RETURN_NOT_OK(engine_.catalogs().CreateExternal(std::move(info), create.if_not_exists));
            return Ok();
        }
        case sql::StatementKind::kSetCatalog: {
            const std::string& name = statement.As<sql::SetCatalogStatement>().catalog;
            FindCatalog(name);
            current_catalog_ = Lower(name);
            current_database_.clear();
            return Ok();
        }
        case sql::StatementKind::kCreateTable: {
            const auto& create = statement.As<sql::CreateTableStatement>();
            if (!create.like_table.empty()) return Status(ErrorCode::kNotSupported, "CREATE TABLE ... LIKE is not supported yet");
            if (create.as_query) return ExecuteCreateTableAs(create);
            auto [catalog, database, table] = ResolveTableName(create.name);
            FL_RETURN_NOT_OK(catalog->CreateTable(database, table, ToDefinition(create), create.if_not_exists));
            return Ok();
        }
        case sql::StatementKind::kCreateView: {
            const auto& create = statement.As<sql::CreateViewStatement>();
            auto [catalog, database, view] = ResolveTableName(create.name);
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
            FL_RETURN_NOT_OK(catalog->CreateView(entry, create.or_replace, create.if_not_exists));
            return Ok();
        }
        case sql::StatementKind::kDrop: {
            const auto& drop = statement.As<sql::DropStatement>();
            switch (drop.object) {
                case sql::ObjectKind::kDatabase: {
                    auto [catalog, database] = ResolveDatabaseName(drop.name);
                    FL_RETURN_NOT_OK(catalog->DropDatabase(database, drop.if_exists, drop.force));
                    if (database == current_database_) current_database_.clear();
                    return Ok();
                }
                case sql::ObjectKind::kTable: {
                    auto [catalog, database, table] = ResolveTableName(drop.name);
                    FL_RETURN_NOT_OK(catalog->DropTable(database, table, drop.if_exists));
                    return Ok();
                }
                case sql::ObjectKind::kView: {
                    auto [catalog, database, view] = ResolveTableName(drop.name);
                    FL_RETURN_NOT_OK(catalog->DropView(database, view, drop.if_exists));
                    return Ok();
                }
                case sql::ObjectKind::kCatalog: {
                    FL_RETURN_NOT_OK(engine_.catalogs().DropExternal(drop.name.name(), drop.if_exists));
                    if (Lower(drop.name.name()) == current_catalog_) {
                        current_catalog_ = std::string(catalog::CatalogManager::kDefaultCatalog);
                        current_database_.clear();
                    }
                    return Ok();
                }
                default: return Status(ErrorCode::kNotSupported, "DROP of this kind of object is not supported yet");
            }
        }
        case sql::StatementKind::kUse: {
            const auto& use = statement.As<sql::UseStatement>();
            // USE db, or USE catalog.db (which also switches the catalog, as in StarRocks).
            auto [catalog, database] = ResolveDatabaseName(use.database);
            FL_ASSIGN_OR_RETURN(bool exists, catalog->DatabaseExists(database));
            if (!exists && database != kInformationSchema) {
                return Status(ErrorCode::kUnknownDatabase, "Unknown database '" + database + "'");
            }
            if (use.database.parts.size() == 2) current_catalog_ = Lower(use.database.parts[0]);
            current_database_ = database;
            return Ok();
        }
        case sql::StatementKind::kDescribe: {
            FL_ASSIGN_OR_RETURN(catalog::TableEntry entry, LookupTable(statement.As<sql::DescribeStatement>().table));
            std::vector<std::vector<std::string>> lines;
            auto generated = lake::GeneratedPartitions(entry.schema);
            for (const auto& field : entry.schema.fields) {
                // Generated partition columns are hidden, as from SELECT *.
                if (generated.ok() && lake::FindGeneratedColumn(*generated, field.name)) continue;
                auto type = field.type.ToLogicalType();
                bool key = std::find(entry.schema.primary_keys.begin(), entry.schema.primary_keys.end(), field.name) !=
                           entry.schema.primary_keys.end();
                lines.push_back({field.name, type.ok() ? type->ToString() : field.type.ToString(),
                                 field.type.nullable() ? "YES" : "NO", key ? "true" : "false", "NULL", ""});
            }
            return TextRows({"Field", "Type", "Null", "Key", "Default", "Extra"}, lines);
        }
        case sql::StatementKind::kAlterTable: return ExecuteAlterTable(statement.As<sql::AlterTableStatement>());
        default: break;
    }
    return Status(ErrorCode::kNotSupported, "statement not supported yet: " + statement.ToString().substr(0, 80));
}

// CREATE TABLE t [keys, partitions, buckets, properties] AS query: the table takes the query's
// column names and types, then the rows are inserted. If the insert fails the table is dropped.
Result<StatementResult> Session::ExecuteCreateTableAs(const sql::CreateTableStatement& create) {
    if (!create.columns.empty()) {
        return Status(ErrorCode::kNotSupported, "CREATE TABLE ... (columns) AS query is not supported; name the columns in the query");
    }
    auto [catalog, database, name] = ResolveTableName(create.name);
    planner::Binder binder = MakeBinder();
    FL_ASSIGN_OR_RETURN(planner::LogicalOperatorPtr plan, binder.BindQuery(*create.as_query));
    catalog::TableDefinition definition = ToDefinition(create);
    for (size_t c = 0; c < plan->names.size(); ++c) {
        catalog::ColumnDefinition column;
        column.name = plan->names[c];
        // A column of NULLs has no type of its own; VARCHAR holds them, as StarRocks does.
        column.type = plan->types[c].id() == TypeId::kNull ? LogicalType::Varchar() : plan->types[c];
        definition.columns.push_back(std::move(column));
    }
    if (create.if_not_exists && catalog->GetTable(database, name).ok()) return StatementResult{};
    FL_RETURN_NOT_OK(catalog->CreateTable(database, name, definition, false));
    FL_ASSIGN_OR_RETURN(catalog::TableEntry table, catalog->GetTable(database, name));
    std::vector<int> targets;
    for (size_t c = 0; c < plan->names.size(); ++c) targets.push_back(static_cast<int>(c));
    auto inserted = [&]() -> Result<StatementResult> {
        try {
            return WriteRows(table, planner::ShapeForTable(std::move(plan), targets, table, true), WriteSpec{});
        } catch (const QueryError& error) {
            return error.ToStatus();
        }
    }();
    if (!inserted.ok()) {
        Status dropped = catalog->DropTable(database, name, true);
        (void)dropped;  // the insert's error is the one to report
    }
    return inserted;
}

// ALTER TABLE: column and option changes become one new schema version; data files keep the
// schema they were written with and are read through field ids, so nothing is rewritten.
Result<StatementResult> Session::ExecuteAlterTable(const sql::AlterTableStatement& alter) {
    FL_ASSIGN_OR_RETURN(catalog::TableEntry table, LookupTable(alter.table));
    if (alter.actions.size() == 1 && alter.actions[0].kind == sql::AlterActionKind::kDropPartition) {
        // A lake partition exists while it holds files: dropping it removes them in one snapshot
        // (as TRUNCATE TABLE t PARTITION (p) does).
        FL_ASSIGN_OR_RETURN(std::vector<lake::BinaryRow> partitions,
                            ResolvePartitionNames(table.schema, table.name, {alter.actions[0].name}));
        lake::TableCommit commit(&engine_.file_system(), table.path);
        auto overwritten =
            commit.Overwrite(engine_.commit_user(), engine_.NextCommitIdentifier(), {}, std::move(partitions));
        FL_RETURN_NOT_OK(overwritten.status());
        return StatementResult{};
    }
    std::vector<lake::SchemaChange> changes;
    for (const auto& action : alter.actions) {
        switch (action.kind) {
            case sql::AlterActionKind::kAddColumn:
                if (action.placement != sql::ColumnPlacement::kDefault) {
                    return Status(ErrorCode::kNotSupported, "ADD COLUMN ... FIRST|AFTER is not supported; columns are added last");
                }
                for (const auto& column : action.columns) {
                    if (column.nullable.has_value() && !*column.nullable) {
                        return Status(ErrorCode::kInvalidArgument, "column '" + column.name +
                                                                       "' can't be added as NOT NULL: the existing rows have no value for it");
                    }
                    if (column.aggregation != sql::AggregationKind::kNone || column.default_value) {
                        return Status(ErrorCode::kNotSupported, "ADD COLUMN with an aggregation or a DEFAULT is not supported yet");
                    }
                    FL_ASSIGN_OR_RETURN(lake::DataType type,
                                        lake::DataType::FromLogicalType(planner::Binder::BindTypeName(column.type)));
                    std::optional<std::string> comment;
                    if (!column.comment.empty()) comment = column.comment;
                    changes.push_back(lake::SchemaChange::AddColumn(Lower(column.name), type, comment));
                }
                break;
            case sql::AlterActionKind::kDropColumn:
                changes.push_back(lake::SchemaChange::DropColumn(Lower(action.name)));
                break;
            case sql::AlterActionKind::kRenameColumn:
                changes.push_back(lake::SchemaChange::RenameColumn(Lower(action.name), Lower(action.new_name)));
                break;
            case sql::AlterActionKind::kSetProperties:
                for (const auto& property : action.properties) {
                    changes.push_back(lake::SchemaChange::SetOption(property.key, property.value));
                }
                break;
            default:
                return Status(ErrorCode::kNotSupported, "this ALTER TABLE action is not supported yet");
        }
    }
    FL_RETURN_NOT_OK(lake::AlterTable(&engine_.file_system(), table.path, changes).status());
    return StatementResult{};
}

// SHOW PARTITIONS FROM t: one line per partition of the latest snapshot, named by its path
// ("dt=2024-05-01"); an unpartitioned table has the one partition named after the table.
Result<StatementResult> Session::ExecuteShowPartitions(const sql::ShowStatement& show) {
    FL_ASSIGN_OR_RETURN(catalog::TableEntry table, LookupTable(show.target));
    FL_ASSIGN_OR_RETURN(lake::SystemTableRows partitions,
                        lake::ReadSystemTable(&engine_.file_system(), table.path, "partitions"));
    std::string keys;
    for (const auto& key : table.schema.partition_keys) keys += (keys.empty() ? "" : ", ") + key;
    std::vector<std::vector<std::string>> lines;
    for (const auto& row : partitions.rows) {
        std::string partition = row[0].GetString();
        lines.push_back({partition.empty() ? table.name : partition, keys, row[1].ToString(), row[2].ToString(),
                         row[3].ToString(), row[4].ToString(), row[5].is_null() ? "NULL" : row[5].ToString()});
    }
    return TextRows({"PartitionName", "PartitionKey", "RowCount", "DataSize", "FileCount", "Buckets", "LastUpdateTime"},
                    lines);
}

Result<StatementResult> Session::ExecuteShowCatalogObjects(const sql::ShowStatement& show) {
    std::vector<std::vector<std::string>> lines;
    auto add = [&](const std::string& name, const std::string& kind) {
        if (show.like && !MatchesLike(name, *show.like)) return;
        if (show.full) lines.push_back({name, kind});
        else lines.push_back({name});
    };
    if (show.what == sql::ShowKind::kCatalogs) {
        std::vector<std::vector<std::string>> rows = {
            {std::string(catalog::CatalogManager::kDefaultCatalog), "Internal", "Flashlake's own warehouse"}};
        for (const auto& info : engine_.catalogs().ListExternal()) rows.push_back({info.name, "Paimon", info.comment});
        return TextRows({"Catalog", "Type", "Comment"}, rows);
    }
    if (show.what == sql::ShowKind::kDatabases) {
        // SHOW DATABASES [FROM catalog]
        catalog::Catalog* catalog = FindCatalog(show.from.empty() ? current_catalog_ : show.from.name());
        FL_ASSIGN_OR_RETURN(auto names, catalog->ListDatabases());
        names.push_back(kInformationSchema);
        std::sort(names.begin(), names.end());
        const AccessControl access = MakeAccessControl();
        for (const auto& name : names) {
            if (access.CanSeeDatabase(name)) add(name, "");
        }
        return TextRows({"Database"}, lines);
    }
    catalog::Catalog* catalog = FindCatalog(current_catalog_);
    std::string database = current_database_;
    if (!show.from.empty()) std::tie(catalog, database) = ResolveDatabaseName(show.from);
    if (database.empty()) return Status(ErrorCode::kNoDatabaseSelected, "No database selected");
    std::vector<std::string> tables, views;
    if (database == kInformationSchema) {
        views = {"caches", "columns", "loads", "schemata", "tables", "views"};
    } else {
        FL_ASSIGN_OR_RETURN(tables, catalog->ListTables(database));
        FL_ASSIGN_OR_RETURN(views, catalog->ListViews(database));
    }
    std::vector<std::pair<std::string, std::string>> all;
    for (const auto& name : tables) all.emplace_back(name, "BASE TABLE");
    for (const auto& name : views) all.emplace_back(name, "VIEW");
    std::sort(all.begin(), all.end());
    const AccessControl access = MakeAccessControl();
    for (const auto& [name, kind] : all) {
        if (access.CanSeeTable(database, name)) add(name, kind);
    }
    if (show.full) return TextRows({"Tables_in_" + database, "Table_type"}, lines);
    return TextRows({"Tables_in_" + database}, lines);
}

}  // namespace flashlake::engine
