// GROUP BY ROLLUP / CUBE / GROUPING SETS: one aggregation per grouping set, their rows
// concatenated. Each branch groups by every key of the clause, with the keys outside its set
// replaced by a NULL of the key's type, so select items naming such a key read NULL and
// GROUPING(key) is 1 there. The branches re-read the input (no shared scan yet).

#include "common/query_error.h"
#include "planner/binder/binder.h"
#include "sql/parser/query.h"

namespace flashlake::planner {

namespace {

constexpr size_t kMaxCubeKeys = 10;

// The index of `expr` among `keys`, appending it when new.
size_t KeyIndex(const sql::Expr& expr, std::vector<const sql::Expr*>& keys) {
    for (size_t i = 0; i < keys.size(); ++i) {
        if (expr.Equals(*keys[i])) return i;
    }
    keys.push_back(&expr);
    return keys.size() - 1;
}

}  // namespace

LogicalOperatorPtr Binder::BindGroupingSets(const sql::SelectNode& select) {
    const sql::GroupByClause& clause = select.group_by;
    std::vector<const sql::Expr*> keys;
    std::vector<std::vector<size_t>> sets;
    if (clause.kind == sql::GroupingKind::kGroupingSets) {
        for (const auto& set : clause.grouping_sets) {
            std::vector<size_t> indexes;
            for (const auto& expr : set) indexes.push_back(KeyIndex(*expr, keys));
            sets.push_back(std::move(indexes));
        }
    } else {
        for (const auto& expr : clause.exprs) KeyIndex(*expr, keys);
        const size_t n = keys.size();
        if (clause.kind == sql::GroupingKind::kRollup) {
            for (size_t length = n + 1; length-- > 0;) {
                std::vector<size_t> indexes;
                for (size_t i = 0; i < length; ++i) indexes.push_back(i);
                sets.push_back(std::move(indexes));
            }
        } else {  // CUBE: every subset, the full set first
            if (n > kMaxCubeKeys) ThrowQueryError(ErrorCode::kInvalidArgument, "CUBE takes at most ", kMaxCubeKeys, " columns");
            for (size_t mask = (size_t{1} << n); mask-- > 0;) {
                std::vector<size_t> indexes;
                for (size_t i = 0; i < n; ++i) {
                    if (mask & (size_t{1} << i)) indexes.push_back(i);
                }
                sets.push_back(std::move(indexes));
            }
        }
    }

    std::vector<LogicalOperatorPtr> branches;
    for (const auto& set : sets) {
        sql::SelectNode branch = select;
        branch.order_by.clear();
        branch.limit = nullptr;
        branch.offset = nullptr;
        branch.group_by = sql::GroupByClause{};
        for (const sql::Expr* key : keys) branch.group_by.exprs.push_back(sql::ExprPtr(key->Clone()));
        std::vector<bool> excluded(keys.size(), true);
        for (size_t index : set) excluded[index] = false;
        std::vector<bool>* saved = grouping_excluded_;
        grouping_excluded_ = &excluded;
        try {
            branches.push_back(BindSelect(branch));
        } catch (...) {
            grouping_excluded_ = saved;
            throw;
        }
        grouping_excluded_ = saved;
    }
    auto node = std::make_unique<LogicalOperator>(LogicalOperatorKind::kUnion);
    node->names = branches[0]->names;
    node->types = branches[0]->types;
    for (auto& branch : branches) {
        if (branch->types != node->types) ThrowQueryError(ErrorCode::kInternal, "grouping set branches differ in types");
        node->estimated_rows += branch->estimated_rows;
        node->children.push_back(std::move(branch));
    }
    return BindOrderByOutputs(select.order_by, std::move(node));
}

BoundExprPtr Binder::BindGroupingFunction(const sql::FunctionCallExpr& call) {
    if (aggregate_context_ == nullptr || grouping_excluded_ == nullptr) {
        ThrowQueryError(ErrorCode::kInvalidArgument, "GROUPING() needs GROUP BY ROLLUP, CUBE or GROUPING SETS ",
                        DescribePosition(call));
    }
    // GROUPING(a, b, ..): a bit per argument, 1 where the key is not grouped in this row's set.
    int64_t bits = 0;
    for (const auto& argument : call.args) {
        size_t index = aggregate_context_->group_asts.size();
        for (size_t i = 0; i < aggregate_context_->group_asts.size(); ++i) {
            if (argument->Equals(*aggregate_context_->group_asts[i])) index = i;
        }
        if (index == aggregate_context_->group_asts.size()) {
            ThrowQueryError(ErrorCode::kInvalidArgument, "GROUPING() arguments must be GROUP BY keys ", DescribePosition(call));
        }
        bits = (bits << 1) | ((*grouping_excluded_)[index] ? 1 : 0);
    }
    return MakeConstant(Value::BigInt(bits));
}

}  // namespace flashlake::planner
