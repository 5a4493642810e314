// Binding of SELECT: FROM, WHERE, GROUP BY with aggregates, HAVING, the select list, DISTINCT
// and ORDER BY. The plan is built bottom-up:
//   FROM -> FILTER(where) -> [AGGREGATE -> FILTER(having)] -> PROJECT(select list + order keys)
//   -> [AGGREGATE(distinct)] -> [SORT -> PROJECT(drop order keys)]

#include <algorithm>

#include "common/ascii.h"
#include "common/check.h"
#include "common/query_error.h"
#include "planner/binder/binder.h"
#include "sql/parser/query.h"
#include "types/cast.h"

namespace flashlake::planner {

namespace {

// The name a select item gets when it has no alias: a column's own name, else the text.
std::string OutputName(const sql::SelectItem& item) {
    if (!item.alias.empty()) return item.alias;
    if (item.expr->Is<sql::ColumnRefExpr>()) return item.expr->As<sql::ColumnRefExpr>().parts.back();
    return item.expr->ToString();
}

// A 1-based ordinal (`ORDER BY 2`, `GROUP BY 1`), or 0.
size_t Ordinal(const sql::Expr& expr) {
    if (!expr.Is<sql::LiteralExpr>() || expr.As<sql::LiteralExpr>().literal_kind != sql::LiteralKind::kInteger) return 0;
    auto value = ParseInteger(expr.As<sql::LiteralExpr>().text);
    return value && *value > 0 ? static_cast<size_t>(*value) : 0;
}

// The select item a bare name refers to as an alias, or -1.
int FindAlias(const sql::Expr& expr, const std::vector<sql::SelectItem>& items) {
    if (!expr.Is<sql::ColumnRefExpr>() || expr.As<sql::ColumnRefExpr>().parts.size() != 1) return -1;
    std::string name = AsciiLower(expr.As<sql::ColumnRefExpr>().parts[0]);
    for (size_t i = 0; i < items.size(); ++i) {
        if (!items[i].alias.empty() && AsciiLower(items[i].alias) == name) return static_cast<int>(i);
    }
    return -1;
}

bool ScopeHas(const BindScope& scope, const sql::Expr& expr);

// The select item an ORDER BY key stands for: a 1-based position, an alias (unless `scope` has a
// column of that name, which wins), or an expression written as in the select list; else -1.
int FindSelectItem(const sql::Expr& key, const std::vector<sql::SelectItem>& items, const BindScope* scope) {
    if (size_t ordinal = Ordinal(key); ordinal > 0 && ordinal <= items.size()) return static_cast<int>(ordinal - 1);
    if (int alias = FindAlias(key, items); alias >= 0 && (scope == nullptr || !ScopeHas(*scope, key))) return alias;
    for (size_t i = 0; i < items.size(); ++i) {
        if (key.Equals(*items[i].expr)) return static_cast<int>(i);
    }
    return -1;
}

bool ScopeHas(const BindScope& scope, const sql::Expr& expr) {
    if (!expr.Is<sql::ColumnRefExpr>()) return false;
    std::string name = AsciiLower(expr.As<sql::ColumnRefExpr>().parts.back());
    for (const auto& column : scope.columns) {
        if (AsciiLower(column.name) == name) return true;
    }
    return false;
}

// The end of every SELECT: DISTINCT over the select list, ORDER BY over `order_columns` of the
// projection (which may carry extra order keys after the select list), and a final projection
// that drops those extra keys.
LogicalOperatorPtr FinishSelect(LogicalOperatorPtr plan, size_t num_items, const sql::SelectNode& select,
                                const std::vector<int>& order_columns) {
    auto wrap = [&](LogicalOperatorKind kind) {
        auto node = std::make_unique<LogicalOperator>(kind);
        node->names = plan->names;
        node->types = plan->types;
        node->estimated_rows = plan->estimated_rows;
        return node;
    };
    if (select.distinct) {
        if (plan->names.size() != num_items) {
            ThrowQueryError(ErrorCode::kInvalidArgument,
                            "with SELECT DISTINCT, ORDER BY expressions must appear in the select list");
        }
        auto distinct = wrap(LogicalOperatorKind::kAggregate);
        for (size_t c = 0; c < plan->types.size(); ++c) {
            distinct->groups.push_back(MakeColumnRef(c, plan->types[c], plan->names[c]));
        }
        distinct->children.push_back(std::move(plan));
        plan = std::move(distinct);
    }
    if (select.order_by.empty()) return plan;
    auto sort = wrap(LogicalOperatorKind::kSort);
    for (size_t i = 0; i < select.order_by.size(); ++i) {
        const auto& order = select.order_by[i];
        int column = order_columns[i];
        BoundOrderBy key;
        key.expression = MakeColumnRef(column, plan->types[column], plan->names[column]);
        key.ascending = order.ascending;
        key.nulls_first =
            order.nulls == sql::NullsOrder::kDefault ? order.ascending : order.nulls == sql::NullsOrder::kFirst;
        sort->order_by.push_back(std::move(key));
    }
    sort->children.push_back(std::move(plan));
    plan = std::move(sort);
    if (plan->names.size() == num_items) return plan;
    auto trim = wrap(LogicalOperatorKind::kProjection);
    trim->names.resize(num_items);
    trim->types.resize(num_items);
    for (size_t c = 0; c < num_items; ++c) trim->expressions.push_back(MakeColumnRef(c, plan->types[c], plan->names[c]));
    trim->children.push_back(std::move(plan));
    return trim;
}

// HAVING may hold uncorrelated scalar subqueries, whose columns join after the aggregate's output.
// That width is only known once every aggregate call (HAVING's and ORDER BY's too) has been seen,
// so HAVING binds them at this offset and RebaseSubqueryColumns moves them after the output.
constexpr size_t kHavingSubqueryBase = size_t{1} << 30;

void RebaseSubqueryColumns(BoundExpression& expr, size_t aggregate_width) {
    if (expr.kind == BoundExprKind::kColumnRef && expr.column_index >= kHavingSubqueryBase) {
        expr.column_index = expr.column_index - kHavingSubqueryBase + aggregate_width;
    }
    for (auto& child : expr.children) RebaseSubqueryColumns(*child, aggregate_width);
}

}  // namespace

LogicalOperatorPtr MakeFilter(LogicalOperatorPtr child, BoundExprPtr predicate) {
    auto cast = MakeCast(std::move(predicate), LogicalType::Boolean(), false);
    ThrowIfError(cast.status());
    auto filter = std::make_unique<LogicalOperator>(LogicalOperatorKind::kFilter);
    filter->expressions.push_back(std::move(cast).value());
    filter->names = child->names;
    filter->types = child->types;
    filter->estimated_rows = child->estimated_rows / 2;
    filter->children.push_back(std::move(child));
    return filter;
}

bool Binder::ContainsAggregate(const sql::Expr& expr) const {
    if (expr.Is<sql::FunctionCallExpr>()) {
        const auto& call = expr.As<sql::FunctionCallExpr>();
        if (!call.over && aggregate_resolver_.is_aggregate && aggregate_resolver_.is_aggregate(AsciiLower(call.function_name()))) {
            return true;
        }
    }
    bool found = false;
    sql::VisitChildren(expr, [&](const sql::Expr& child) { found = found || ContainsAggregate(child); });
    return found;
}

BoundExprPtr Binder::BindAggregateCall(const sql::FunctionCallExpr& call) {
    AggregateContext& context = *aggregate_context_;
    std::string key = call.ToString();
    for (size_t i = 0; i < context.aggregate_keys.size(); ++i) {
        if (context.aggregate_keys[i] == key) {
            const auto& aggregate = context.aggregates[i];
            return MakeColumnRef(context.group_asts.size() + i, aggregate.function.return_type, key);
        }
    }
    // Arguments see the input rows, not the groups; an aggregate inside an aggregate is an error.
    AggregateContext* saved = aggregate_context_;
    aggregate_context_ = nullptr;
    BoundAggregate aggregate;
    aggregate.name = AsciiLower(call.function_name());
    aggregate.distinct = call.distinct;
    std::vector<LogicalType> types;
    for (const auto& argument : call.args) {
        if (ContainsAggregate(*argument)) {
            ThrowQueryError(ErrorCode::kInvalidArgument, "aggregate functions cannot be nested: ", call.ToString(), " ",
                            DescribePosition(call));
        }
        aggregate.arguments.push_back(BindExpression(*argument, *context.input, "aggregate"));
        types.push_back(aggregate.arguments.back()->type);
    }
    aggregate_context_ = saved;
    auto bound = aggregate_resolver_.bind(aggregate.name, types, call.distinct);
    if (!bound.ok()) ThrowQueryError(bound.status().code(), bound.status().message(), " ", DescribePosition(call));
    for (size_t i = 0; i < aggregate.arguments.size(); ++i) {
        auto cast = MakeCast(std::move(aggregate.arguments[i]), bound->argument_types[i], false);
        ThrowIfError(cast.status());
        aggregate.arguments[i] = std::move(cast).value();
    }
    aggregate.function = std::move(bound).value();
    LogicalType type = aggregate.function.return_type;
    context.aggregates.push_back(std::move(aggregate));
    context.aggregate_keys.push_back(key);
    return MakeColumnRef(context.group_asts.size() + context.aggregates.size() - 1, type, key);
}

LogicalOperatorPtr Binder::BindFrom(const std::vector<sql::TableRefPtr>& from, BindScope& scope) {
    if (from.empty()) {
        // SELECT without FROM reads one row with no columns.
        auto plan = std::make_unique<LogicalOperator>(LogicalOperatorKind::kValues);
        plan->rows.emplace_back();
        plan->estimated_rows = 1;
        return plan;
    }
    LogicalOperatorPtr plan = BindTableRef(*from[0], scope);
    for (size_t i = 1; i < from.size(); ++i) {
        // `FROM a, b`: a cross join; the optimizer turns WHERE equalities into join keys.
        BindScope right_scope;
        LogicalOperatorPtr right = BindTableRef(*from[i], right_scope);
        auto join = std::make_unique<LogicalOperator>(LogicalOperatorKind::kJoin);
        join->join_type = JoinType::kCross;
        join->names = plan->names;
        join->types = plan->types;
        join->names.insert(join->names.end(), right->names.begin(), right->names.end());
        join->types.insert(join->types.end(), right->types.begin(), right->types.end());
        join->estimated_rows = plan->estimated_rows * right->estimated_rows;
        join->children.push_back(std::move(plan));
        join->children.push_back(std::move(right));
        scope.columns.insert(scope.columns.end(), right_scope.columns.begin(), right_scope.columns.end());
        plan = std::move(join);
    }
    return plan;
}

LogicalOperatorPtr Binder::BindSelect(const sql::SelectNode& select) {
    if (select.qualify) ThrowQueryError(ErrorCode::kNotSupported, "QUALIFY is not supported yet");
    if (select.group_by.kind != sql::GroupingKind::kExprs) return BindGroupingSets(select);
    BindScope scope;
    LogicalOperatorPtr plan = BindFrom(select.from, scope);
    if (select.where) {
        if (ContainsAggregate(*select.where)) {
            ThrowQueryError(ErrorCode::kInvalidArgument, "aggregate functions are not allowed in WHERE");
        }
        plan = BindWhere(*select.where, std::move(plan), scope);
    }

    // Expand `*` and `t.*` into column references first, so the rest sees plain items.
    std::vector<sql::SelectItem> items;
    for (const auto& item : select.select_list) {
        if (!item.expr->Is<sql::StarExpr>()) {
            items.push_back(item);
            continue;
        }
        const auto& qualifier = item.expr->As<sql::StarExpr>().qualifier;
        size_t before = items.size();
        for (const auto& column : scope.columns) {
            if (column.hidden) continue;
            if (!qualifier.empty() && AsciiLower(column.table) != AsciiLower(qualifier.back())) continue;
            auto ref = std::make_unique<sql::ColumnRefExpr>();
            ref->parts = {column.table, column.name};
            if (column.table.empty()) ref->parts = {column.name};
            items.push_back(sql::SelectItem{sql::ExprPtr(std::move(ref)), column.name});
        }
        if (items.size() == before) ThrowQueryError(ErrorCode::kUnknownTable, "'", item.expr->ToString(), "' matches no table in FROM");
    }

    WindowScope windows(*this);  // window calls of the select list and ORDER BY (window_binder.cc)
    bool aggregating = !select.group_by.empty() || select.having;
    for (const auto& item : items) aggregating = aggregating || ContainsAggregate(*item.expr);
    for (const auto& order : select.order_by) aggregating = aggregating || ContainsAggregate(*order.expr);

    AggregateContext context;
    context.input = &scope;
    if (aggregating) {
        auto aggregate = std::make_unique<LogicalOperator>(LogicalOperatorKind::kAggregate);
        for (const auto& group : select.group_by.exprs) {
            // GROUP BY 2 and GROUP BY alias name select items (a FROM column wins over an alias).
            const sql::Expr* key = group.get();
            if (size_t ordinal = Ordinal(*group); ordinal > 0) {
                if (ordinal > items.size()) ThrowQueryError(ErrorCode::kInvalidArgument, "GROUP BY position ", ordinal, " is not in the select list");
                key = items[ordinal - 1].expr.get();
            } else if (int alias = FindAlias(*group, items); alias >= 0 && !ScopeHas(scope, *group)) {
                key = items[alias].expr.get();
            }
            if (ContainsAggregate(*key)) ThrowQueryError(ErrorCode::kInvalidArgument, "GROUP BY cannot contain aggregate functions");
            BoundExprPtr bound = BindExpression(*key, scope, "group statement");
            if (grouping_excluded_ != nullptr && (*grouping_excluded_)[aggregate->groups.size()]) {
                // A key outside this grouping set: grouped as one NULL of its type.
                auto null = MakeCast(MakeConstant(Value()), bound->type, false);
                ThrowIfError(null.status());
                bound = std::move(null).value();
            }
            aggregate->groups.push_back(std::move(bound));
            context.group_asts.push_back(key);
            context.group_types.push_back(aggregate->groups.back()->type);
        }
        aggregate_context_ = &context;
        // The aggregate's output (groups, then aggregates) is what the rest binds against; the
        // node is finished once every aggregate call has been seen.
        std::vector<BoundExprPtr> outputs;
        std::vector<std::string> names;
        for (const auto& item : items) {
            outputs.push_back(BindExpression(*item.expr, scope, "field list"));
            names.push_back(OutputName(item));
        }
        BoundExprPtr having;
        ScalarSubqueries having_subqueries;
        if (select.having) {
            having_subqueries.base_width = kHavingSubqueryBase;
            struct Restore {
                Binder& binder;
                ScalarSubqueries* saved;
                ~Restore() { binder.scalar_subqueries_ = saved; }
            } restore{*this, scalar_subqueries_};
            scalar_subqueries_ = &having_subqueries;
            having = BindExpression(*select.having, scope, "having clause");
            for (const auto& subquery : having_subqueries.joins) {
                if (subquery.type != JoinType::kCross) {
                    ThrowQueryError(ErrorCode::kNotSupported, "correlated subqueries in HAVING are not supported yet ",
                                    DescribePosition(*select.having));
                }
            }
        }
        std::vector<BoundExprPtr> order_keys;
        std::vector<int> order_columns;
        for (const auto& order : select.order_by) {
            if (int column = FindSelectItem(*order.expr, items, nullptr); column >= 0) {
                order_columns.push_back(column);
            } else {
                order_columns.push_back(static_cast<int>(items.size() + order_keys.size()));
                order_keys.push_back(BindExpression(*order.expr, scope, "order clause"));
            }
        }
        aggregate_context_ = nullptr;
        for (size_t g = 0; g < aggregate->groups.size(); ++g) {
            aggregate->names.push_back(context.group_asts[g]->ToString());
            aggregate->types.push_back(context.group_types[g]);
        }
        for (size_t a = 0; a < context.aggregates.size(); ++a) {
            aggregate->names.push_back(context.aggregate_keys[a]);
            aggregate->types.push_back(context.aggregates[a].function.return_type);
        }
        aggregate->aggregates = std::move(context.aggregates);
        aggregate->estimated_rows = aggregate->groups.empty() ? 1 : std::max(1.0, plan->estimated_rows / 10);
        aggregate->children.push_back(std::move(plan));
        plan = std::move(aggregate);
        if (having && !having_subqueries.joins.empty()) {
            // Filter over the aggregate's output joined with the subqueries' one-row sides, then
            // keep the aggregate's columns.
            const size_t width = plan->types.size();
            RebaseSubqueryColumns(*having, width);
            plan = MakeFilter(AttachScalarSubqueries(std::move(plan), having_subqueries), std::move(having));
            auto keep = std::make_unique<LogicalOperator>(LogicalOperatorKind::kProjection);
            for (size_t c = 0; c < width; ++c) {
                keep->expressions.push_back(MakeColumnRef(c, plan->types[c], plan->names[c]));
                keep->names.push_back(plan->names[c]);
                keep->types.push_back(plan->types[c]);
            }
            keep->estimated_rows = plan->estimated_rows;
            keep->children.push_back(std::move(plan));
            plan = std::move(keep);
        } else if (having) {
            plan = MakeFilter(std::move(plan), std::move(having));
        }
        plan = AttachWindows(std::move(plan), {&outputs, &order_keys});

        auto projection = std::make_unique<LogicalOperator>(LogicalOperatorKind::kProjection);
        for (size_t i = 0; i < outputs.size(); ++i) {
            projection->types.push_back(outputs[i]->type);
            projection->names.push_back(names[i]);
            projection->expressions.push_back(std::move(outputs[i]));
        }
        for (auto& key : order_keys) {
            projection->types.push_back(key->type);
            projection->names.push_back("__order_" + std::to_string(projection->names.size()));
            projection->expressions.push_back(std::move(key));
        }
        projection->estimated_rows = plan->estimated_rows;
        projection->children.push_back(std::move(plan));
        plan = std::move(projection);
        return FinishSelect(std::move(plan), items.size(), select, order_columns);
    }

    // No aggregation: the same shape without the AGGREGATE node. Scalar subqueries of the select
    // list join their columns after the input's.
    ScalarSubqueries pending;
    pending.base_width = plan->types.size();
    FL_CHECK(pending.base_width == scope.columns.size());
    struct Restore {
        Binder& binder;
        ~Restore() { binder.scalar_subqueries_ = nullptr; }
    } restore{*this};
    scalar_subqueries_ = &pending;
    auto projection = std::make_unique<LogicalOperator>(LogicalOperatorKind::kProjection);
    for (const auto& item : items) {
        BoundExprPtr expr = BindExpression(*item.expr, scope, "field list");
        projection->names.push_back(OutputName(item));
        projection->types.push_back(expr->type);
        projection->expressions.push_back(std::move(expr));
    }
    std::vector<int> order_columns;
    for (const auto& order : select.order_by) {
        if (int column = FindSelectItem(*order.expr, items, &scope); column >= 0) {
            order_columns.push_back(column);
        } else {
            BoundExprPtr key = BindExpression(*order.expr, scope, "order clause");
            order_columns.push_back(static_cast<int>(projection->expressions.size()));
            projection->types.push_back(key->type);
            projection->names.push_back("__order_" + std::to_string(projection->names.size()));
            projection->expressions.push_back(std::move(key));
        }
    }
    scalar_subqueries_ = nullptr;
    plan = AttachScalarSubqueries(std::move(plan), pending);
    plan = AttachWindows(std::move(plan), {&projection->expressions});
    projection->estimated_rows = plan->estimated_rows;
    projection->children.push_back(std::move(plan));
    plan = std::move(projection);
    return FinishSelect(std::move(plan), items.size(), select, order_columns);
}

LogicalOperatorPtr Binder::BindOrderByOutputs(const std::vector<sql::OrderByItem>& order_by, LogicalOperatorPtr plan) {
    if (order_by.empty()) return plan;
    BindScope outputs;
    for (size_t c = 0; c < plan->names.size(); ++c) outputs.columns.push_back({"", plan->names[c], plan->types[c]});
    auto sort = std::make_unique<LogicalOperator>(LogicalOperatorKind::kSort);
    for (const auto& order : order_by) {
        BoundOrderBy key;
        if (size_t ordinal = Ordinal(*order.expr); ordinal > 0) {
            if (ordinal > plan->names.size()) ThrowQueryError(ErrorCode::kInvalidArgument, "ORDER BY position ", ordinal, " is not in the select list");
            key.expression = MakeColumnRef(ordinal - 1, plan->types[ordinal - 1], plan->names[ordinal - 1]);
        } else {
            key.expression = BindExpression(*order.expr, outputs, "order clause");
        }
        key.ascending = order.ascending;
        key.nulls_first = order.nulls == sql::NullsOrder::kDefault ? order.ascending : order.nulls == sql::NullsOrder::kFirst;
        sort->order_by.push_back(std::move(key));
    }
    sort->names = plan->names;
    sort->types = plan->types;
    sort->estimated_rows = plan->estimated_rows;
    sort->children.push_back(std::move(plan));
    return sort;
}

}  // namespace flashlake::planner
