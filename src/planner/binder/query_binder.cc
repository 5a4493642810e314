// Binding of query nodes (SELECT, VALUES, derived tables, LIMIT) into logical plans.

#include <algorithm>

#include "common/ascii.h"
#include "common/query_error.h"
#include "planner/binder/binder.h"
#include "sql/parser/query.h"
#include "types/cast.h"
#include "types/type_coercion.h"

namespace flashlake::planner {

namespace {

int64_t BindLimitValue(const sql::Expr& expr, const char* what) {
    if (expr.Is<sql::LiteralExpr>() && expr.As<sql::LiteralExpr>().literal_kind == sql::LiteralKind::kInteger) {
        auto value = ParseInteger(expr.As<sql::LiteralExpr>().text);
        if (value && *value >= 0) return *value;
    }
    ThrowQueryError(ErrorCode::kSyntaxError, what, " must be a non-negative integer, got '", expr.ToString(), "' ",
                    DescribePosition(expr));
}

}  // namespace

Binder::Binder(const functions::FunctionRegistry& registry, VariableLookup variables, io::FileSystem* fs,
               AggregateResolver aggregates, catalog::Catalog* catalog, std::string current_database,
               catalog::CatalogManager* catalogs)
    : registry_(registry),
      variables_(std::move(variables)),
      fs_(fs),
      aggregate_resolver_(std::move(aggregates)),
      catalog_(catalog),
      catalogs_(catalogs),
      current_database_(std::move(current_database)) {}

Result<LogicalOperatorPtr> Binder::BindQuery(const sql::QueryNode& query) {
    try {
        return BindQueryNode(query);
    } catch (const QueryError& error) {
        return error.ToStatus();
    }
}

LogicalOperatorPtr Binder::BindQueryNode(const sql::QueryNode& query) {
    // WITH names are visible in this query and its subqueries; each reference binds the
    // definition afresh (inlining), so every use can be optimised for its context; references
    // that are still alike after optimization are computed once (cte_reuse.cc).
    std::vector<const sql::CommonTableExpr*> ctes;
    for (const auto& cte : query.ctes) ctes.push_back(&cte);
    ctes_.push_back(std::move(ctes));
    LogicalOperatorPtr plan;
    switch (query.kind) {
        case sql::QueryKind::kSelect: plan = BindSelect(query.As<sql::SelectNode>()); break;  // binds its ORDER BY
        case sql::QueryKind::kValues: plan = BindOrderByOutputs(query.order_by, BindValues(query.As<sql::ValuesNode>())); break;
        case sql::QueryKind::kSetOperation: plan = BindOrderByOutputs(query.order_by, BindSetOperation(query)); break;
    }
    ctes_.pop_back();
    return BindLimit(query, std::move(plan));
}

LogicalOperatorPtr Binder::BindLimit(const sql::QueryNode& query, LogicalOperatorPtr plan) {
    if (!query.limit && !query.offset) return plan;
    auto limit = std::make_unique<LogicalOperator>(LogicalOperatorKind::kLimit);
    // LIMIT ? / OFFSET ? of a prepared statement take the parameter's value as a count.
    auto count = [this](const sql::Expr& expr, const char* what) -> int64_t {
        if (!expr.Is<sql::ParameterExpr>() || parameters_ == nullptr) return BindLimitValue(expr, what);
        auto index = static_cast<size_t>(expr.As<sql::ParameterExpr>().index);
        if (index < parameters_->size() && !(*parameters_)[index].is_null()) {
            const Value& parameter = (*parameters_)[index];
            TypeId id = parameter.type().id();
            if (id == TypeId::kDouble || id == TypeId::kFloat) {
                // Drivers bind JavaScript numbers and the like as DOUBLE: a whole one is a count.
                double number = parameter.GetDouble();
                if (number >= 0 && number <= 9.0e18 && number == static_cast<double>(static_cast<int64_t>(number))) {
                    return static_cast<int64_t>(number);
                }
            } else if (auto value = CastValue(parameter, LogicalType::BigInt(), true); value.ok() && value->GetInt64() >= 0) {
                return value->GetInt64();
            }
        }
        ThrowQueryError(ErrorCode::kWrongArguments, what, " must be a non-negative integer; parameter ", index + 1,
                        " is not one ", DescribePosition(expr));
    };
    limit->limit = query.limit ? count(*query.limit, "LIMIT") : -1;
    limit->offset = query.offset ? count(*query.offset, "OFFSET") : 0;
    limit->names = plan->names;
    limit->types = plan->types;
    limit->estimated_rows = limit->limit < 0 ? plan->estimated_rows : std::min<double>(plan->estimated_rows, limit->limit);
    limit->children.push_back(std::move(plan));
    return limit;
}

// VALUES rows: each column takes the common type of its values; values are cast to it.
LogicalOperatorPtr Binder::BindValues(const sql::ValuesNode& values) {
    auto plan = std::make_unique<LogicalOperator>(LogicalOperatorKind::kValues);
    BindScope empty;
    size_t width = values.rows.empty() ? 0 : values.rows[0].size();
    for (const auto& row : values.rows) {
        if (row.size() != width) {
            ThrowQueryError(ErrorCode::kWrongArguments, "VALUES rows must all have ", width, " values; a row has ",
                            row.size());
        }
        std::vector<BoundExprPtr> bound;
        for (const auto& expr : row) bound.push_back(BindExpression(*expr, empty, "VALUES"));
        plan->rows.push_back(std::move(bound));
    }
    for (size_t c = 0; c < width; ++c) {
        LogicalType type;
        for (const auto& row : plan->rows) {
            auto common = CommonSuperType(type, row[c]->type);
            if (!common) {
                ThrowQueryError(ErrorCode::kTypeMismatch, "VALUES column ", c + 1, " mixes ", type.ToString(), " and ",
                                row[c]->type.ToString());
            }
            type = *common;
        }
        if (type.id() == TypeId::kNull) type = LogicalType::Boolean();  // a column of only NULLs
        for (auto& row : plan->rows) {
            auto cast = MakeCast(std::move(row[c]), type, false);
            ThrowIfError(cast.status());
            row[c] = std::move(cast).value();
        }
        plan->types.push_back(type);
        plan->names.push_back("column_" + std::to_string(c));
    }
    plan->estimated_rows = static_cast<double>(plan->rows.size());
    return plan;
}

LogicalOperatorPtr Binder::BindTableRef(const sql::TableRef& ref, BindScope& scope) {
    switch (ref.kind) {
        case sql::TableRefKind::kSubquery: {
            const auto& subquery = ref.As<sql::SubqueryRef>();
            LogicalOperatorPtr plan = BindQueryNode(*subquery.query);
            if (!subquery.column_aliases.empty() && subquery.column_aliases.size() != plan->names.size()) {
                ThrowQueryError(ErrorCode::kWrongArguments, "derived table '", subquery.alias, "' has ",
                                plan->names.size(), " columns but ", subquery.column_aliases.size(), " names");
            }
            for (size_t i = 0; i < plan->names.size(); ++i) {
                if (!subquery.column_aliases.empty()) plan->names[i] = subquery.column_aliases[i];
                scope.columns.push_back({subquery.alias, plan->names[i], plan->types[i]});
            }
            return plan;
        }
        case sql::TableRefKind::kBaseTable: {
            const auto& table = ref.As<sql::BaseTableRef>();
            if (table.name.parts.size() == 1) {
                for (auto level = ctes_.rbegin(); level != ctes_.rend(); ++level) {
                    for (const sql::CommonTableExpr* cte : *level) {
                        if (!AsciiEqualsIgnoreCase(cte->name, table.name.name())) continue;
                        LogicalOperatorPtr plan = BindQueryNode(*cte->query);
                        plan->cte_id = cte_ids_.emplace(cte, static_cast<int>(cte_ids_.size()) + 1).first->second;
                        std::string alias = table.alias.empty() ? cte->name : table.alias;
                        if (!cte->column_aliases.empty() && cte->column_aliases.size() != plan->names.size()) {
                            ThrowQueryError(ErrorCode::kWrongArguments, "WITH '", cte->name, "' has ", plan->names.size(),
                                            " columns but ", cte->column_aliases.size(), " names");
                        }
                        for (size_t i = 0; i < plan->names.size(); ++i) {
                            if (!cte->column_aliases.empty()) plan->names[i] = cte->column_aliases[i];
                            scope.columns.push_back({alias, plan->names[i], plan->types[i]});
                        }
                        return plan;
                    }
                }
            }
            return BindCatalogObject(ref, scope);
        }
        case sql::TableRefKind::kTableFunction: {
            const auto& function = ref.As<sql::TableFunctionRef>();
            std::string name = function.name.back();
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
            if (name == "files") return BindFilesFunction(function, scope);
            ThrowQueryError(ErrorCode::kUnknownFunction, "Unknown table function '", function.name.back(), "'");
        }
        case sql::TableRefKind::kJoin: return BindJoin(ref, scope);
    }
    ThrowQueryError(ErrorCode::kInternal, "unknown table reference kind");
}

}  // namespace flashlake::planner
