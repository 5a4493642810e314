// Binding of names that the catalog resolves: views (bound from their stored definition) and
// lake tables.

#include "catalog/catalog.h"
#include "catalog/catalog_manager.h"
#include "common/ascii.h"
#include "common/query_error.h"
#include "lake/generated_partition.h"
#include "lake/read/table_scan.h"
#include "lake/snapshot_manager.h"
#include "lake/system_tables.h"
#include "planner/binder/binder.h"
#include "sql/parser/parser.h"
#include "types/cast.h"

namespace flashlake::planner {

namespace {
constexpr int kMaxViewDepth = 32;
}

LogicalOperatorPtr Binder::BindCatalogObject(const sql::TableRef& ref, BindScope& scope) {
    const auto& table = ref.As<sql::BaseTableRef>();
    const auto& parts = table.name.parts;
    if (catalog_ == nullptr) ThrowQueryError(ErrorCode::kUnknownTable, "Unknown table '", table.name.ToString(), "'");
    if (parts.size() > 3) ThrowQueryError(ErrorCode::kInvalidArgument, "name '", table.name.ToString(), "' has too many parts");
    catalog::Catalog* catalog = catalog_;
    if (parts.size() == 3) {
        if (catalogs_ == nullptr) ThrowQueryError(ErrorCode::kNotSupported, "catalog-qualified names are not available here");
        auto found = catalogs_->Get(parts[0]);
        ThrowIfError(found.status());
        catalog = *found;
    }
    std::string database = parts.size() >= 2 ? parts[parts.size() - 2] : current_database_;
    if (database.empty()) ThrowQueryError(ErrorCode::kNoDatabaseSelected, "No database selected");
    const std::string& name = parts.back();
    std::string alias = table.alias.empty() ? name : table.alias;

    if (virtual_tables_ && parts.size() <= 2) {
        if (auto found = virtual_tables_(AsciiLower(database), AsciiLower(name))) {
            ThrowIfError(found->status());
            auto values = std::make_unique<LogicalOperator>(LogicalOperatorKind::kValues);
            values->names = (*found)->names;
            values->types = (*found)->types;
            for (auto& row : (*found)->rows) {
                std::vector<BoundExprPtr> literals;
                for (auto& value : row) literals.push_back(MakeConstant(std::move(value)));
                values->rows.push_back(std::move(literals));
            }
            for (size_t c = 0; c < values->names.size(); ++c) {
                scope.columns.push_back({alias, values->names[c], values->types[c]});
            }
            values->estimated_rows = static_cast<double>(values->rows.size());
            return values;
        }
    }
    if (read_check_ && view_depth_ == 0) {
        std::string table_name = AsciiLower(name);
        if (size_t dollar = table_name.find('$'); dollar != std::string::npos) table_name.resize(dollar);
        read_check_(AsciiLower(database), table_name);
    }
    if (size_t dollar = name.find('$'); dollar != std::string::npos) {
        return BindSystemTable(*catalog, database, name.substr(0, dollar), name.substr(dollar + 1), alias, scope);
    }
    auto view = catalog->GetView(database, name);
    ThrowIfError(view.status());
    if (view->has_value()) {
        if (table.time_travel != sql::TimeTravelKind::kNone) {
            ThrowQueryError(ErrorCode::kInvalidArgument, "time travel applies to tables, and '", name, "' is a view");
        }
        if (++view_depth_ > kMaxViewDepth) ThrowQueryError(ErrorCode::kInvalidArgument, "views nested deeper than ", kMaxViewDepth, " (a cycle?)");
        auto parsed = sql::ParseStatement((*view)->definition);
        if (!parsed.ok()) {
            ThrowQueryError(ErrorCode::kCorruption, "view '", database, ".", name, "' has a definition that no longer parses: ",
                            parsed.status().message());
        }
        // A view sees its own database and none of the query's WITH names.
        std::string saved_database = current_database_;
        catalog::Catalog* saved_catalog = catalog_;
        auto saved_ctes = std::move(ctes_);
        ctes_.clear();
        current_database_ = database;
        catalog_ = catalog;
        LogicalOperatorPtr plan = BindQueryNode(*(*parsed)->As<sql::QueryStatement>().query);
        current_database_ = saved_database;
        catalog_ = saved_catalog;
        ctes_ = std::move(saved_ctes);
        --view_depth_;
        const auto& names = (*view)->column_names;
        for (size_t i = 0; i < plan->names.size(); ++i) {
            if (i < names.size()) plan->names[i] = names[i];
            scope.columns.push_back({alias, plan->names[i], plan->types[i]});
        }
        return plan;
    }
    auto entry = catalog->GetTable(database, name);
    ThrowIfError(entry.status());
    if (table.time_travel == sql::TimeTravelKind::kNone) return ScanTable(*entry, alias, scope);
    // Time travel reads the snapshot under the schema it was committed with, as Paimon does.
    lake::ScanOptions options;
    BindScope none;
    BoundExprPtr point = BindExpression(*table.time_travel_value, none, "time travel");
    Value value = point->IsConstant() ? point->constant : Value();
    if (table.time_travel == sql::TimeTravelKind::kVersion) {
        auto id = CastValue(value, LogicalType::BigInt(), true);
        if (!id.ok() || id->is_null()) ThrowQueryError(ErrorCode::kInvalidArgument, "FOR VERSION AS OF needs a snapshot id");
        options.snapshot_id = id->GetInt64();
    } else {
        auto when = CastValue(value, LogicalType::DateTime(), true);
        if (!when.ok() || when->is_null()) {
            ThrowQueryError(ErrorCode::kInvalidArgument, "FOR TIMESTAMP AS OF needs a datetime, got '", value.ToString(), "'");
        }
        options.timestamp_millis = when->GetInt64() / 1000;
    }
    if (fs_ == nullptr) ThrowQueryError(ErrorCode::kNotSupported, "time travel needs a file system");
    auto resolved = lake::ResolveScanSnapshot(fs_, entry->path, options);
    ThrowIfError(resolved.status());
    catalog::TableEntry then = *entry;
    then.schema = resolved->second;
    LogicalOperatorPtr scan = ScanTable(then, alias, scope);
    auto spec = std::make_shared<TableScanSpec>(*scan->table_scan);
    spec->snapshot_id = options.snapshot_id;
    spec->timestamp_millis = options.timestamp_millis;
    scan->table_scan = std::move(spec);
    return scan;
}

// `t$snapshots` and the other metadata tables: read when bound (they are small), then literal rows.
LogicalOperatorPtr Binder::BindSystemTable(catalog::Catalog& catalog, const std::string& database, const std::string& table,
                                           const std::string& system_table, const std::string& alias,
                                           BindScope& scope) {
    auto entry = catalog.GetTable(database, table);
    ThrowIfError(entry.status());
    if (fs_ == nullptr) ThrowQueryError(ErrorCode::kNotSupported, "system tables need a file system");
    auto rows = lake::ReadSystemTable(fs_, entry->path, system_table);
    ThrowIfError(rows.status());
    auto values = std::make_unique<LogicalOperator>(LogicalOperatorKind::kValues);
    values->names = rows->names;
    values->types = rows->types;
    for (auto& row : rows->rows) {
        std::vector<BoundExprPtr> literals;
        for (auto& value : row) literals.push_back(MakeConstant(std::move(value)));
        values->rows.push_back(std::move(literals));
    }
    for (size_t c = 0; c < values->names.size(); ++c) scope.columns.push_back({alias, values->names[c], values->types[c]});
    values->estimated_rows = static_cast<double>(values->rows.size());
    return values;
}

LogicalOperatorPtr Binder::ScanTable(const catalog::TableEntry& table, const std::string& alias, BindScope& scope) {
    auto spec = std::make_shared<TableScanSpec>();
    spec->table_name = table.database + "." + table.name;
    spec->table_path = table.path;
    auto scan = std::make_unique<LogicalOperator>(LogicalOperatorKind::kTableScan);
    auto generated = lake::GeneratedPartitions(table.schema);
    ThrowIfError(generated.status());
    spec->generated_partitions = std::move(generated).value();
    for (const auto& field : table.schema.fields) {
        auto type = field.type.ToLogicalType();
        if (!type.ok()) continue;  // nested columns are not readable yet; the others are
        spec->columns.push_back(field.name);
        scan->names.push_back(field.name);
        scan->types.push_back(*type);
        bool hidden = lake::FindGeneratedColumn(spec->generated_partitions, field.name) != nullptr;
        scope.columns.push_back({alias, field.name, *type, hidden});
    }
    // Rows of the latest snapshot (all versions of a primary-key table's rows: an upper bound).
    scan->estimated_rows = 1e6;
    if (fs_ != nullptr) {
        auto latest = lake::SnapshotManager(fs_, table.path).Latest();
        if (latest.ok() && latest->has_value() && (*latest)->total_record_count) {
            scan->estimated_rows = static_cast<double>(*(*latest)->total_record_count);
        }
    }
    scan->table_scan = std::move(spec);
    return scan;
}

}  // namespace flashlake::planner
