// Binding of names that the catalog resolves: views (bound from their stored definition) and
// lake tables.

#include "catalog/catalog.h"
#include "common/query_error.h"
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
    if (parts.size() > 3 || (parts.size() == 3 && parts[0] != "default_catalog")) {
        ThrowQueryError(ErrorCode::kNotSupported, "catalog '", parts[0], "' is not known; external catalogs are not supported yet");
    }
    std::string database = parts.size() >= 2 ? parts[parts.size() - 2] : current_database_;
    if (database.empty()) ThrowQueryError(ErrorCode::kNoDatabaseSelected, "No database selected");
    const std::string& name = parts.back();
    std::string alias = table.alias.empty() ? name : table.alias;

    auto view = catalog_->GetView(database, name);
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
        auto saved_ctes = std::move(ctes_);
        ctes_.clear();
        current_database_ = database;
        LogicalOperatorPtr plan = BindQueryNode(*(*parsed)->As<sql::QueryStatement>().query);
        current_database_ = saved_database;
        ctes_ = std::move(saved_ctes);
        --view_depth_;
        const auto& names = (*view)->column_names;
        for (size_t i = 0; i < plan->names.size(); ++i) {
            if (i < names.size()) plan->names[i] = names[i];
            scope.columns.push_back({alias, plan->names[i], plan->types[i]});
        }
        return plan;
    }
    auto entry = catalog_->GetTable(database, name);
    ThrowIfError(entry.status());
    auto spec = std::make_shared<TableScanSpec>();
    spec->table_name = entry->database + "." + entry->name;
    spec->table_path = entry->path;
    if (table.time_travel != sql::TimeTravelKind::kNone) {
        BindScope none;
        BoundExprPtr point = BindExpression(*table.time_travel_value, none, "time travel");
        Value value = point->IsConstant() ? point->constant : Value();
        if (table.time_travel == sql::TimeTravelKind::kVersion) {
            auto id = CastValue(value, LogicalType::BigInt(), true);
            if (!id.ok() || id->is_null()) ThrowQueryError(ErrorCode::kInvalidArgument, "FOR VERSION AS OF needs a snapshot id");
            spec->snapshot_id = id->GetInt64();
        } else {
            auto when = CastValue(value, LogicalType::DateTime(), true);
            if (!when.ok() || when->is_null()) {
                ThrowQueryError(ErrorCode::kInvalidArgument, "FOR TIMESTAMP AS OF needs a datetime, got '", value.ToString(), "'");
            }
            spec->timestamp_millis = when->GetInt64() / 1000;
        }
    }
    auto scan = std::make_unique<LogicalOperator>(LogicalOperatorKind::kTableScan);
    for (const auto& field : entry->schema.fields) {
        auto type = field.type.ToLogicalType();
        if (!type.ok()) continue;  // nested columns are not readable yet; the others are
        spec->columns.push_back(field.name);
        scan->names.push_back(field.name);
        scan->types.push_back(*type);
        scope.columns.push_back({alias, field.name, *type});
    }
    scan->estimated_rows = 1e6;
    scan->table_scan = std::move(spec);
    return scan;
}

}  // namespace flashlake::planner
