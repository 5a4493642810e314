// Subqueries, decorrelated while binding:
//
//   WHERE [NOT] EXISTS (SELECT .. FROM f WHERE c)   semi (anti) join of the outer rows with f: the
//                                                   conjuncts of c over f alone filter f, those
//                                                   that reach outer columns become the join's
//                                                   condition (equalities end up as hash keys)
//   WHERE x IN (SELECT e ..)                        semi join on x = e (correlated: as EXISTS with
//                                                   the extra condition x = e)
//   WHERE x NOT IN (SELECT e ..)                    null-aware anti join (uncorrelated only)
//   (SELECT agg ..) in WHERE or a select list       uncorrelated: a one-row side (count + value,
//                                                   more than one row is an error) cross joined
//                                                   to the rows; correlated by equalities: the
//                                                   subquery grouped by its correlation columns,
//                                                   left joined on them
//
// Other shapes (subqueries in aggregating select lists or HAVING, correlation other than by
// equality in scalar subqueries, correlated NOT IN) are refused with a clear error.

#include "common/ascii.h"
#include "common/query_error.h"
#include "planner/binder/binder.h"
#include "sql/parser/query.h"
#include "types/type_coercion.h"

#include <vector>

namespace flashlake::planner {

namespace {

void SplitConjuncts(const sql::Expr& expr, std::vector<const sql::Expr*>& out) {
    if (expr.Is<sql::BinaryExpr>() && expr.As<sql::BinaryExpr>().op == sql::BinaryOp::kAnd) {
        SplitConjuncts(*expr.As<sql::BinaryExpr>().left, out);
        SplitConjuncts(*expr.As<sql::BinaryExpr>().right, out);
        return;
    }
    out.push_back(&expr);
}

void SplitDisjuncts(const sql::Expr& expr, std::vector<const sql::Expr*>& out) {
    if (expr.Is<sql::BinaryExpr>() && expr.As<sql::BinaryExpr>().op == sql::BinaryOp::kOr) {
        SplitDisjuncts(*expr.As<sql::BinaryExpr>().left, out);
        SplitDisjuncts(*expr.As<sql::BinaryExpr>().right, out);
        return;
    }
    out.push_back(&expr);
}

// Joins copies of `parts` with `op` (AND or OR), left-deep.
sql::ExprPtr Combine(const std::vector<const sql::Expr*>& parts, sql::BinaryOp op) {
    sql::ExprPtr result;
    for (const sql::Expr* part : parts) {
        sql::ExprPtr copy(part->Clone());
        if (!result) {
            result = std::move(copy);
            continue;
        }
        auto both = std::make_unique<sql::BinaryExpr>();
        both->op = op;
        both->left = std::move(result);
        both->right = std::move(copy);
        result = sql::ExprPtr(std::move(both));
    }
    return result;
}

bool HasEqual(const std::vector<const sql::Expr*>& exprs, const sql::Expr& wanted) {
    for (const sql::Expr* expr : exprs) {
        if (expr->Equals(wanted)) return true;
    }
    return false;
}

// (a AND b) OR (a AND c) becomes a AND (b OR c): a conjunct that every branch of an OR repeats
// (TPC-H Q19's join condition) stands on its own, so it can become a join key instead of a
// filter over a cross join. New expressions are kept in `owned`.
void FactorCommonConjuncts(std::vector<const sql::Expr*>& conjuncts, std::vector<sql::ExprPtr>& owned) {
    std::vector<const sql::Expr*> result;
    for (const sql::Expr* conjunct : conjuncts) {
        std::vector<const sql::Expr*> disjuncts;
        SplitDisjuncts(*conjunct, disjuncts);
        std::vector<std::vector<const sql::Expr*>> branches(disjuncts.size());
        for (size_t d = 0; d < disjuncts.size(); ++d) SplitConjuncts(*disjuncts[d], branches[d]);
        std::vector<const sql::Expr*> common;
        for (const sql::Expr* candidate : branches[0]) {
            bool everywhere = disjuncts.size() > 1 && !HasEqual(common, *candidate);
            for (size_t d = 1; d < branches.size() && everywhere; ++d) everywhere = HasEqual(branches[d], *candidate);
            if (everywhere) common.push_back(candidate);
        }
        if (common.empty()) {
            result.push_back(conjunct);
            continue;
        }
        std::vector<const sql::Expr*> rests;
        bool implied = false;  // a branch that is only common conjuncts makes the OR true
        for (const auto& branch : branches) {
            std::vector<const sql::Expr*> rest;
            for (const sql::Expr* part : branch) {
                if (!HasEqual(common, *part)) rest.push_back(part);
            }
            if (rest.empty()) implied = true;
            owned.push_back(Combine(rest, sql::BinaryOp::kAnd));
            rests.push_back(owned.back().get());
        }
        for (const sql::Expr* part : common) result.push_back(part);
        if (!implied) {
            owned.push_back(Combine(rests, sql::BinaryOp::kOr));
            result.push_back(owned.back().get());
        }
    }
    conjuncts = std::move(result);
}

bool ContainsSubquery(const sql::Expr& expr) {
    if (expr.Is<sql::SubqueryExpr>()) return true;
    if (expr.Is<sql::InExpr>() && expr.As<sql::InExpr>().subquery) return true;
    bool found = false;
    sql::VisitChildren(expr, [&](const sql::Expr& child) { found = found || ContainsSubquery(child); });
    return found;
}

void ShiftColumnRefs(BoundExpression& expr, size_t offset) {
    if (expr.kind == BoundExprKind::kColumnRef) expr.column_index += offset;
    for (auto& child : expr.children) ShiftColumnRefs(*child, offset);
}

LogicalOperatorPtr MakeJoin(JoinType type, LogicalOperatorPtr left, LogicalOperatorPtr right) {
    auto join = std::make_unique<LogicalOperator>(LogicalOperatorKind::kJoin);
    join->join_type = type;
    join->names = left->names;
    join->types = left->types;
    if (type != JoinType::kSemi && type != JoinType::kAnti) {
        join->names.insert(join->names.end(), right->names.begin(), right->names.end());
        join->types.insert(join->types.end(), right->types.begin(), right->types.end());
    }
    join->estimated_rows = left->estimated_rows;
    join->children.push_back(std::move(left));
    join->children.push_back(std::move(right));
    return join;
}

// Keeps the first `width` columns of `plan`.
LogicalOperatorPtr KeepColumns(LogicalOperatorPtr plan, size_t width) {
    if (plan->types.size() == width) return plan;
    auto projection = std::make_unique<LogicalOperator>(LogicalOperatorKind::kProjection);
    for (size_t c = 0; c < width; ++c) {
        projection->expressions.push_back(MakeColumnRef(c, plan->types[c], plan->names[c]));
        projection->names.push_back(plan->names[c]);
        projection->types.push_back(plan->types[c]);
    }
    projection->estimated_rows = plan->estimated_rows;
    projection->children.push_back(std::move(plan));
    return projection;
}

// Casts a pair of join keys to their common type.
void AddJoinKeys(LogicalOperator& join, BoundExprPtr left, BoundExprPtr right, const sql::Expr& at) {
    auto common = CommonSuperType(left->type, right->type);
    if (!common) {
        ThrowQueryError(ErrorCode::kTypeMismatch, "can't compare ", left->type.ToString(), " with ", right->type.ToString(),
                        " ", DescribePosition(at));
    }
    auto left_key = MakeCast(std::move(left), *common, false);
    auto right_key = MakeCast(std::move(right), *common, false);
    ThrowIfError(left_key.status());
    ThrowIfError(right_key.status());
    join.left_keys.push_back(std::move(left_key).value());
    join.right_keys.push_back(std::move(right_key).value());
}

}  // namespace

std::optional<BoundExprPtr> Binder::TryBind(const sql::Expr& expr, const BindScope& scope, const char* clause) {
    try {
        return BindExpression(expr, scope, clause);
    } catch (const QueryError& error) {
        if (error.code() == ErrorCode::kUnknownColumn) return std::nullopt;
        throw;
    }
}

LogicalOperatorPtr Binder::BindWhere(const sql::Expr& where, LogicalOperatorPtr plan, const BindScope& scope) {
    std::vector<const sql::Expr*> conjuncts;
    SplitConjuncts(where, conjuncts);
    std::vector<sql::ExprPtr> factored;
    FactorCommonConjuncts(conjuncts, factored);
    // Conjuncts without subqueries filter first, below the subqueries' joins: a filter above a
    // LEFT, semi or anti join is not pushed into its input, which would leave a comma join's
    // conditions over cross joins.
    std::vector<const sql::Expr*> simple;
    for (const sql::Expr* conjunct : conjuncts) {
        if (!ContainsSubquery(*conjunct)) simple.push_back(conjunct);
    }
    if (!simple.empty()) {
        auto filter = std::make_unique<LogicalOperator>(LogicalOperatorKind::kFilter);
        for (const sql::Expr* conjunct : simple) {
            auto cast = MakeCast(BindExpression(*conjunct, scope, "where clause"), LogicalType::Boolean(), false);
            ThrowIfError(cast.status());
            filter->expressions.push_back(std::move(cast).value());
        }
        filter->names = plan->names;
        filter->types = plan->types;
        filter->estimated_rows = plan->estimated_rows / 2;
        filter->children.push_back(std::move(plan));
        plan = std::move(filter);
    }
    std::vector<const sql::Expr*> plain;
    for (const sql::Expr* conjunct : conjuncts) {
        if (!ContainsSubquery(*conjunct)) continue;
        const sql::Expr* inner = conjunct;
        bool negated = false;
        if (inner->Is<sql::UnaryExpr>() && inner->As<sql::UnaryExpr>().op == sql::UnaryOp::kNot) {
            negated = true;
            inner = inner->As<sql::UnaryExpr>().operand.get();
        }
        if (inner->Is<sql::SubqueryExpr>() && inner->As<sql::SubqueryExpr>().subquery_kind == sql::SubqueryKind::kExists) {
            plan = BindExistsPredicate(*inner->As<sql::SubqueryExpr>().query, negated, nullptr, std::move(plan), scope, *inner);
        } else if (inner->Is<sql::InExpr>() && inner->As<sql::InExpr>().subquery) {
            const auto& in = inner->As<sql::InExpr>();
            plan = BindInPredicate(in, negated != in.negated, std::move(plan), scope);
        } else {
            plain.push_back(conjunct);
        }
    }
    if (plain.empty()) return plan;
    const size_t width = plan->types.size();
    ScalarSubqueries pending;
    pending.base_width = width;
    struct Restore {
        Binder& binder;
        ScalarSubqueries* saved;
        ~Restore() { binder.scalar_subqueries_ = saved; }
    } restore{*this, scalar_subqueries_};
    scalar_subqueries_ = &pending;
    auto filter = std::make_unique<LogicalOperator>(LogicalOperatorKind::kFilter);
    for (const sql::Expr* conjunct : plain) {
        auto cast = MakeCast(BindExpression(*conjunct, scope, "where clause"), LogicalType::Boolean(), false);
        ThrowIfError(cast.status());
        filter->expressions.push_back(std::move(cast).value());
    }
    scalar_subqueries_ = restore.saved;
    plan = AttachScalarSubqueries(std::move(plan), pending);
    filter->names = plan->names;
    filter->types = plan->types;
    filter->estimated_rows = plan->estimated_rows / 2;
    filter->children.push_back(std::move(plan));
    return KeepColumns(std::move(filter), width);
}

LogicalOperatorPtr Binder::BindExistsPredicate(const sql::QueryNode& query, bool negated, const sql::InExpr* in,
                                               LogicalOperatorPtr plan, const BindScope& outer, const sql::Expr& at) {
    if (!query.Is<sql::SelectNode>() || !query.ctes.empty()) {
        ThrowQueryError(ErrorCode::kNotSupported, "EXISTS over a set operation or WITH is not supported yet ",
                        DescribePosition(at));
    }
    const auto& select = query.As<sql::SelectNode>();
    const bool plain_select = select.group_by.empty() && !select.having && !query.limit && !select.distinct;
    BindScope inner;
    LogicalOperatorPtr right = BindFrom(select.from, inner);
    std::vector<const sql::Expr*> conjuncts;
    if (select.where) SplitConjuncts(*select.where, conjuncts);
    std::vector<BoundExprPtr> filters, correlated;
    BindScope combined = outer;
    combined.columns.insert(combined.columns.end(), inner.columns.begin(), inner.columns.end());
    bool nested = false;
    for (const sql::Expr* conjunct : conjuncts) nested = nested || ContainsSubquery(*conjunct);
    std::optional<LogicalOperatorPtr> uncorrelated;
    if (nested) {
        // Subqueries in the subquery's WHERE: fine when the subquery does not reach outside.
        try {
            uncorrelated = BindQueryNode(query);
        } catch (const QueryError& error) {
            if (error.code() != ErrorCode::kUnknownColumn) throw;
            ThrowQueryError(ErrorCode::kNotSupported,
                            "subqueries nested in a correlated subquery's WHERE are not supported yet ",
                            DescribePosition(at));
        }
        conjuncts.clear();
    }
    for (const sql::Expr* conjunct : conjuncts) {
        if (auto bound = TryBind(*conjunct, inner, "where clause")) {
            filters.push_back(std::move(*bound));
            continue;
        }
        correlated.push_back(BindExpression(*conjunct, combined, "where clause"));
    }
    bool is_correlated = !correlated.empty();
    if (in != nullptr && select.select_list.size() != 1) {
        ThrowQueryError(ErrorCode::kInvalidArgument, "Operand should contain 1 column(s) ", DescribePosition(at));
    }
    if (is_correlated && !plain_select) {
        ThrowQueryError(ErrorCode::kNotSupported,
                        "correlated subqueries with GROUP BY, HAVING, DISTINCT or LIMIT are not supported yet ",
                        DescribePosition(at));
    }
    if (!is_correlated) {
        // Uncorrelated: bind the whole subquery as it is (aggregates, LIMIT and all).
        right = uncorrelated ? std::move(*uncorrelated) : BindQueryNode(query);
        auto join = MakeJoin(negated ? JoinType::kAnti : JoinType::kSemi, std::move(plan), std::move(right));
        if (in != nullptr) {
            AddJoinKeys(*join, BindExpression(*in->operand, outer, "where clause"),
                        MakeColumnRef(0, join->children[1]->types[0], join->children[1]->names[0]), at);
            join->null_aware = negated;  // x NOT IN (.. NULL ..) is never true
        }
        return join;
    }
    if (in != nullptr && negated) {
        ThrowQueryError(ErrorCode::kNotSupported, "correlated NOT IN subqueries are not supported yet; use NOT EXISTS ",
                        DescribePosition(at));
    }
    for (auto& filter : filters) right = MakeFilter(std::move(right), std::move(filter));
    const size_t left_width = plan->types.size();
    auto join = MakeJoin(negated ? JoinType::kAnti : JoinType::kSemi, std::move(plan), std::move(right));
    if (in != nullptr) {
        BoundExprPtr item = BindExpression(*select.select_list[0].expr, inner, "field list");
        AddJoinKeys(*join, BindExpression(*in->operand, outer, "where clause"), std::move(item), at);
    }
    // The correlated conjuncts see the outer row then the subquery's row, as the join's
    // residual condition does; the optimizer turns equalities into hash keys.
    (void)left_width;
    for (auto& condition : correlated) {
        auto cast = MakeCast(std::move(condition), LogicalType::Boolean(), false);
        ThrowIfError(cast.status());
        join->expressions.push_back(std::move(cast).value());
    }
    return join;
}

LogicalOperatorPtr Binder::BindInPredicate(const sql::InExpr& in, bool negated, LogicalOperatorPtr plan,
                                           const BindScope& scope) {
    return BindExistsPredicate(*in.subquery, negated, &in, std::move(plan), scope, in);
}

BoundExprPtr Binder::BindScalarSubquery(const sql::QueryNode& query, const BindScope& outer, const sql::Expr& at) {
    if (scalar_subqueries_ == nullptr) {
        ThrowQueryError(ErrorCode::kNotSupported,
                        "a subquery here (aggregating select list, HAVING, ON, GROUP BY) is not supported yet ",
                        DescribePosition(at));
    }
    ScalarSubqueries& pending = *scalar_subqueries_;
    // Bound in a context of its own: the enclosing clause's aggregates and subqueries are not its.
    ScalarSubqueries* saved_pending = scalar_subqueries_;
    AggregateContext* saved_aggregates = aggregate_context_;
    scalar_subqueries_ = nullptr;
    aggregate_context_ = nullptr;
    struct Restore {
        Binder& binder;
        ScalarSubqueries* pending;
        AggregateContext* aggregates;
        ~Restore() {
            binder.scalar_subqueries_ = pending;
            binder.aggregate_context_ = aggregates;
        }
    } restore{*this, saved_pending, saved_aggregates};

    PendingSubquery subquery;
    std::optional<LogicalOperatorPtr> uncorrelated;
    try {
        uncorrelated = BindQueryNode(query);
    } catch (const QueryError& error) {
        if (error.code() != ErrorCode::kUnknownColumn || !query.Is<sql::SelectNode>()) throw;
    }
    size_t value_column = 0;
    bool count_value = false;
    if (uncorrelated) {
        LogicalOperatorPtr right = std::move(*uncorrelated);
        if (right->types.size() != 1) {
            ThrowQueryError(ErrorCode::kInvalidArgument, "Operand should contain 1 column(s) ", DescribePosition(at));
        }
        // One row whatever the subquery returns: its row count and a value (NULL for no rows).
        auto aggregate = std::make_unique<LogicalOperator>(LogicalOperatorKind::kAggregate);
        BoundAggregate count;
        count.name = "count";
        auto count_function = aggregate_resolver_.bind("count", {}, false);
        ThrowIfError(count_function.status());
        count.function = std::move(count_function).value();
        BoundAggregate value;
        value.name = "any_value";
        auto value_function = aggregate_resolver_.bind("any_value", {right->types[0]}, false);
        ThrowIfError(value_function.status());
        value.function = std::move(value_function).value();
        value.arguments.push_back(MakeColumnRef(0, right->types[0], right->names[0]));
        aggregate->names = {"__count", "__value"};
        aggregate->types = {count.function.return_type, value.function.return_type};
        aggregate->aggregates.push_back(std::move(count));
        aggregate->aggregates.push_back(std::move(value));
        aggregate->estimated_rows = 1;
        aggregate->children.push_back(std::move(right));
        std::vector<BoundExprPtr> arguments;
        arguments.push_back(MakeColumnRef(0, aggregate->types[0], "__count"));
        arguments.push_back(MakeColumnRef(1, aggregate->types[1], "__value"));
        BoundExprPtr checked = BindFunction("__scalar_subquery_value", std::move(arguments), at);
        auto projection = std::make_unique<LogicalOperator>(LogicalOperatorKind::kProjection);
        projection->names = {"__subquery"};
        projection->types = {checked->type};
        projection->expressions.push_back(std::move(checked));
        projection->estimated_rows = 1;
        projection->children.push_back(std::move(aggregate));
        subquery.plan = std::move(projection);
        subquery.type = JoinType::kCross;
    } else {
        // Correlated: SELECT agg FROM f WHERE inner AND i1 = o1 ... becomes
        // (SELECT i1, .., agg FROM f WHERE inner GROUP BY i1, ..) left joined on o1 = i1, ...
        const auto& select = query.As<sql::SelectNode>();
        if (select.select_list.size() != 1 || !select.group_by.empty() || select.having || query.limit ||
            !query.ctes.empty() || select.distinct || !ContainsAggregate(*select.select_list[0].expr)) {
            ThrowQueryError(ErrorCode::kNotSupported,
                            "correlated scalar subqueries must be SELECT <aggregate> FROM .. WHERE ..; this one is not "
                            "supported yet ",
                            DescribePosition(at));
        }
        BindScope inner;
        BindFrom(select.from, inner);  // for classifying the conjuncts
        std::vector<const sql::Expr*> conjuncts;
        if (select.where) SplitConjuncts(*select.where, conjuncts);
        std::vector<const sql::Expr*> inner_only;
        std::vector<const sql::Expr*> inner_keys;
        std::vector<BoundExprPtr> outer_keys;
        for (const sql::Expr* conjunct : conjuncts) {
            if (TryBind(*conjunct, inner, "where clause")) {
                inner_only.push_back(conjunct);
                continue;
            }
            bool matched = false;
            if (conjunct->Is<sql::BinaryExpr>() && conjunct->As<sql::BinaryExpr>().op == sql::BinaryOp::kEq) {
                const auto& equality = conjunct->As<sql::BinaryExpr>();
                for (int flip = 0; flip < 2 && !matched; ++flip) {
                    const sql::Expr& inner_side = flip ? *equality.right : *equality.left;
                    const sql::Expr& outer_side = flip ? *equality.left : *equality.right;
                    if (!TryBind(inner_side, inner, "where clause")) continue;
                    auto outer_bound = TryBind(outer_side, outer, "where clause");
                    if (!outer_bound) continue;
                    inner_keys.push_back(&inner_side);
                    outer_keys.push_back(std::move(*outer_bound));
                    matched = true;
                }
            }
            if (!matched) {
                ThrowQueryError(ErrorCode::kNotSupported,
                                "a correlated scalar subquery can only be correlated by equalities; '",
                                conjunct->ToString(), "' is not supported yet ", DescribePosition(*conjunct));
            }
        }
        auto derived = std::make_unique<sql::SelectNode>();
        derived->from = select.from;
        derived->where = Combine(inner_only, sql::BinaryOp::kAnd);
        for (size_t k = 0; k < inner_keys.size(); ++k) {
            derived->select_list.push_back(sql::SelectItem{sql::ExprPtr(inner_keys[k]->Clone()), "__k" + std::to_string(k)});
            derived->group_by.exprs.push_back(sql::ExprPtr(inner_keys[k]->Clone()));
        }
        derived->select_list.push_back(sql::SelectItem{select.select_list[0].expr, "__value"});
        const sql::Expr& item = *select.select_list[0].expr;
        count_value = item.Is<sql::FunctionCallExpr>() && AsciiLower(item.As<sql::FunctionCallExpr>().function_name()) == "count";
        subquery.plan = BindQueryNode(*derived);
        subquery.type = JoinType::kLeft;
        for (size_t k = 0; k < outer_keys.size(); ++k) {
            BoundExprPtr right_key = MakeColumnRef(k, subquery.plan->types[k], subquery.plan->names[k]);
            auto common = CommonSuperType(outer_keys[k]->type, right_key->type);
            if (!common) ThrowQueryError(ErrorCode::kTypeMismatch, "can't compare the correlated columns ", DescribePosition(at));
            auto left_cast = MakeCast(std::move(outer_keys[k]), *common, false);
            auto right_cast = MakeCast(std::move(right_key), *common, false);
            ThrowIfError(left_cast.status());
            ThrowIfError(right_cast.status());
            subquery.left_keys.push_back(std::move(left_cast).value());
            subquery.right_keys.push_back(std::move(right_cast).value());
        }
        value_column = outer_keys.size();
    }
    size_t index = pending.base_width + pending.added_width + value_column;
    LogicalType type = subquery.plan->types[value_column];
    pending.added_width += subquery.plan->types.size();
    pending.joins.push_back(std::move(subquery));
    BoundExprPtr value = MakeColumnRef(index, type, "__subquery");
    if (count_value) {
        // COUNT over no matching rows is 0, not the NULL the left join leaves.
        std::vector<BoundExprPtr> whens, thens;
        std::vector<BoundExprPtr> test;
        test.push_back(value->Clone());
        whens.push_back(BindFunction("is_null", std::move(test), at));
        thens.push_back(MakeConstant(Value::BigInt(0)));
        value = BindCase(std::move(whens), std::move(thens), std::move(value), at);
    }
    return value;
}

LogicalOperatorPtr Binder::AttachScalarSubqueries(LogicalOperatorPtr plan, ScalarSubqueries& pending) {
    for (auto& subquery : pending.joins) {
        auto join = MakeJoin(subquery.type, std::move(plan), std::move(subquery.plan));
        join->left_keys = std::move(subquery.left_keys);
        join->right_keys = std::move(subquery.right_keys);
        plan = std::move(join);
    }
    pending.joins.clear();
    return plan;
}

}  // namespace flashlake::planner
