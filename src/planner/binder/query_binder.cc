// Binding of query nodes (SELECT, VALUES, derived tables, LIMIT) into logical plans.

#include <algorithm>

#include "common/query_error.h"
#include "planner/binder/binder.h"
#include "sql/parser/query.h"
#include "types/cast.h"
#include "types/type_coercion.h"

namespace flashlake::planner {

namespace {

// The name a select item gets when it has no alias: a column's own name, else the text.
std::string OutputName(const sql::SelectItem& item) {
    if (!item.alias.empty()) return item.alias;
    if (item.expr->Is<sql::ColumnRefExpr>()) return item.expr->As<sql::ColumnRefExpr>().parts.back();
    return item.expr->ToString();
}

int64_t BindLimitValue(const sql::Expr& expr, const char* what) {
    if (expr.Is<sql::LiteralExpr>() && expr.As<sql::LiteralExpr>().literal_kind == sql::LiteralKind::kInteger) {
        auto value = ParseInteger(expr.As<sql::LiteralExpr>().text);
        if (value && *value >= 0) return *value;
    }
    ThrowQueryError(ErrorCode::kSyntaxError, what, " must be a non-negative integer, got '", expr.ToString(), "' ",
                    DescribePosition(expr));
}

}  // namespace

Binder::Binder(const functions::FunctionRegistry& registry, VariableLookup variables, io::FileSystem* fs)
    : registry_(registry), variables_(std::move(variables)), fs_(fs) {}

Result<LogicalOperatorPtr> Binder::BindQuery(const sql::QueryNode& query) {
    try {
        return BindQueryNode(query);
    } catch (const QueryError& error) {
        return error.ToStatus();
    }
}

LogicalOperatorPtr Binder::BindQueryNode(const sql::QueryNode& query) {
    if (!query.ctes.empty()) ThrowQueryError(ErrorCode::kNotSupported, "WITH (common table expressions) is not supported yet");
    if (!query.order_by.empty()) ThrowQueryError(ErrorCode::kNotSupported, "ORDER BY is not supported yet");
    LogicalOperatorPtr plan;
    switch (query.kind) {
        case sql::QueryKind::kSelect: plan = BindSelect(query.As<sql::SelectNode>()); break;
        case sql::QueryKind::kValues: plan = BindValues(query.As<sql::ValuesNode>()); break;
        case sql::QueryKind::kSetOperation:
            ThrowQueryError(ErrorCode::kNotSupported, "UNION/INTERSECT/EXCEPT are not supported yet");
    }
    return BindLimit(query, std::move(plan));
}

LogicalOperatorPtr Binder::BindLimit(const sql::QueryNode& query, LogicalOperatorPtr plan) {
    if (!query.limit && !query.offset) return plan;
    auto limit = std::make_unique<LogicalOperator>(LogicalOperatorKind::kLimit);
    limit->limit = query.limit ? BindLimitValue(*query.limit, "LIMIT") : -1;
    limit->offset = query.offset ? BindLimitValue(*query.offset, "OFFSET") : 0;
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
        case sql::TableRefKind::kBaseTable:
            ThrowQueryError(ErrorCode::kUnknownTable, "Unknown table '", ref.As<sql::BaseTableRef>().name.ToString(),
                            "': tables arrive with the lake storage layer");
        case sql::TableRefKind::kTableFunction: {
            const auto& function = ref.As<sql::TableFunctionRef>();
            std::string name = function.name.back();
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
            if (name == "files") return BindFilesFunction(function, scope);
            ThrowQueryError(ErrorCode::kUnknownFunction, "Unknown table function '", function.name.back(), "'");
        }
        case sql::TableRefKind::kJoin: ThrowQueryError(ErrorCode::kNotSupported, "joins are not supported yet");
    }
    ThrowQueryError(ErrorCode::kInternal, "unknown table reference kind");
}

LogicalOperatorPtr Binder::BindSelect(const sql::SelectNode& select) {
    if (select.distinct) ThrowQueryError(ErrorCode::kNotSupported, "SELECT DISTINCT is not supported yet");
    if (!select.group_by.empty() || select.having) ThrowQueryError(ErrorCode::kNotSupported, "GROUP BY is not supported yet");
    if (select.qualify) ThrowQueryError(ErrorCode::kNotSupported, "QUALIFY is not supported yet");
    if (select.from.size() > 1) ThrowQueryError(ErrorCode::kNotSupported, "joins are not supported yet");

    BindScope scope;
    LogicalOperatorPtr plan;
    if (select.from.empty()) {
        // SELECT without FROM reads one row with no columns.
        plan = std::make_unique<LogicalOperator>(LogicalOperatorKind::kValues);
        plan->rows.emplace_back();
        plan->estimated_rows = 1;
    } else {
        plan = BindTableRef(*select.from[0], scope);
    }
    if (select.where) {
        auto filter = std::make_unique<LogicalOperator>(LogicalOperatorKind::kFilter);
        BoundExprPtr predicate = BindExpression(*select.where, scope, "where clause");
        auto cast = MakeCast(std::move(predicate), LogicalType::Boolean(), false);
        ThrowIfError(cast.status());
        filter->expressions.push_back(std::move(cast).value());
        filter->names = plan->names;
        filter->types = plan->types;
        filter->estimated_rows = plan->estimated_rows / 2;
        filter->children.push_back(std::move(plan));
        plan = std::move(filter);
    }
    auto projection = std::make_unique<LogicalOperator>(LogicalOperatorKind::kProjection);
    for (const auto& item : select.select_list) {
        if (item.expr->Is<sql::StarExpr>()) {
            const auto& qualifier = item.expr->As<sql::StarExpr>().qualifier;
            bool any = false;
            for (size_t i = 0; i < scope.columns.size(); ++i) {
                const auto& column = scope.columns[i];
                if (!qualifier.empty() && column.table != qualifier.back()) continue;
                projection->expressions.push_back(MakeColumnRef(i, column.type, column.name));
                projection->names.push_back(column.name);
                projection->types.push_back(column.type);
                any = true;
            }
            if (!any) ThrowQueryError(ErrorCode::kUnknownTable, "'", item.expr->ToString(), "' matches no table in FROM");
            continue;
        }
        BoundExprPtr expr = BindExpression(*item.expr, scope, "field list");
        projection->names.push_back(OutputName(item));
        projection->types.push_back(expr->type);
        projection->expressions.push_back(std::move(expr));
    }
    projection->estimated_rows = plan->estimated_rows;
    projection->children.push_back(std::move(plan));
    return projection;
}

}  // namespace flashlake::planner
