#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "common/thread_pool.h"
#include "exec/operators/result_collector.h"
#include "exec/operators/values_source.h"
#include "exec/pipeline/pipeline.h"
#include "exec/query_executor.h"
#include "functions/aggregate/aggregate_registry.h"
#include "functions/function_registry.h"
#include "planner/logical/logical_operator.h"

namespace flashlake::exec::testing {

using planner::LogicalOperator;
using planner::LogicalOperatorKind;
using planner::LogicalOperatorPtr;

inline planner::BoundExprPtr Col(size_t index, LogicalType type) {
    return planner::MakeColumnRef(index, std::move(type), "c" + std::to_string(index));
}

// A VALUES node with the given column types and rows.
inline LogicalOperatorPtr Values(std::vector<LogicalType> types, const std::vector<std::vector<Value>>& rows) {
    auto node = std::make_unique<LogicalOperator>(LogicalOperatorKind::kValues);
    for (const auto& row : rows) {
        std::vector<planner::BoundExprPtr> exprs;
        for (const auto& value : row) exprs.push_back(planner::MakeConstant(value));
        node->rows.push_back(std::move(exprs));
    }
    for (size_t i = 0; i < types.size(); ++i) node->names.push_back("c" + std::to_string(i));
    node->types = std::move(types);
    return node;
}

inline const functions::AggregateRegistry& Aggregates() {
    static const functions::AggregateRegistry* registry = [] {
        auto* r = new functions::AggregateRegistry();
        functions::RegisterBuiltinAggregates(*r);
        return r;
    }();
    return *registry;
}

inline const functions::FunctionRegistry& Scalars() {
    static const functions::FunctionRegistry* registry = [] {
        auto* r = new functions::FunctionRegistry();
        functions::RegisterBuiltinFunctions(*r);
        return r;
    }();
    return *registry;
}

// A call of a scalar function over bound arguments (their types must match an overload).
inline planner::BoundExprPtr Call(const std::string& name, std::vector<planner::BoundExprPtr> arguments) {
    std::vector<LogicalType> types;
    for (const auto& argument : arguments) types.push_back(argument->type);
    auto bound = Scalars().BindScalar(name, types);
    EXPECT_TRUE(bound.ok()) << bound.status().ToString();
    auto expression = std::make_unique<planner::BoundExpression>();
    expression->kind = planner::BoundExprKind::kFunction;
    expression->type = bound->return_type;
    expression->function = *bound;
    expression->children = std::move(arguments);
    return expression;
}

inline planner::BoundAggregate Agg(const std::string& name, std::vector<planner::BoundExprPtr> arguments,
                                   bool distinct = false) {
    std::vector<LogicalType> types;
    for (const auto& argument : arguments) types.push_back(argument->type);
    auto bound = Aggregates().BindAggregate(name, types, distinct);
    EXPECT_TRUE(bound.ok()) << bound.status().ToString();
    planner::BoundAggregate aggregate;
    aggregate.name = name;
    aggregate.function = *bound;
    aggregate.arguments = std::move(arguments);
    aggregate.distinct = distinct;
    return aggregate;
}

inline LogicalOperatorPtr Aggregate(LogicalOperatorPtr child, std::vector<planner::BoundExprPtr> groups,
                                    std::vector<planner::BoundAggregate> aggregates) {
    auto node = std::make_unique<LogicalOperator>(LogicalOperatorKind::kAggregate);
    for (const auto& group : groups) node->types.push_back(group->type);
    for (const auto& aggregate : aggregates) node->types.push_back(aggregate.function.return_type);
    for (size_t i = 0; i < node->types.size(); ++i) node->names.push_back("a" + std::to_string(i));
    node->groups = std::move(groups);
    node->aggregates = std::move(aggregates);
    node->children.push_back(std::move(child));
    return node;
}

// Runs plans with a pool shared by the tests of a fixture.
class ExecTest : public ::testing::Test {
protected:
    ExecTest() : pool_(2) {}

    Result<QueryRows> Run(const LogicalOperator& plan, size_t parallelism = 4, MemoryTracker* memory = nullptr) {
        ExecContext context;
        context.pool = &pool_;
        context.parallelism = parallelism;
        context.memory = memory;
        return ExecutePlan(plan, context);
    }

    // The rows of a result as text lines ("a | b"), sorted when `sorted`.
    std::vector<std::string> Lines(const LogicalOperator& plan, bool sorted = true, size_t parallelism = 4) {
        auto result = Run(plan, parallelism);
        EXPECT_TRUE(result.ok()) << result.status().ToString();
        std::vector<std::string> lines;
        if (!result.ok()) return lines;
        for (const auto& chunk : result->chunks) {
            for (size_t r = 0; r < chunk.num_rows(); ++r) {
                std::string line;
                for (size_t c = 0; c < chunk.num_columns(); ++c) {
                    if (c > 0) line += " | ";
                    line += chunk.column(c)->GetValue(r).ToString();
                }
                lines.push_back(line);
            }
        }
        if (sorted) std::sort(lines.begin(), lines.end());
        return lines;
    }

    ThreadPool pool_;
};

// Chunks of `rows` rows each built by fill(column_index, row_index) -> Value is too slow for big
// inputs, so big tests fill flat buffers directly with these.
inline ColumnPtr Int64Column(size_t rows, const std::function<int64_t(size_t)>& value) {
    ColumnPtr column = Column::MakeFlat(LogicalType::BigInt(), rows);
    int64_t* data = column->MutableData<int64_t>();
    for (size_t i = 0; i < rows; ++i) data[i] = value(i);
    return column;
}

}  // namespace flashlake::exec::testing

namespace flashlake::exec::testing {

inline planner::BoundOrderBy OrderBy(planner::BoundExprPtr expression, bool ascending = true, bool nulls_first = true) {
    planner::BoundOrderBy item;
    item.expression = std::move(expression);
    item.ascending = ascending;
    item.nulls_first = nulls_first;
    return item;
}

inline LogicalOperatorPtr Sort(LogicalOperatorPtr child, std::vector<planner::BoundOrderBy> order_by,
                               int64_t limit = -1) {
    auto node = std::make_unique<LogicalOperator>(LogicalOperatorKind::kSort);
    node->types = child->types;
    node->names = child->names;
    node->order_by = std::move(order_by);
    node->limit = limit;
    node->children.push_back(std::move(child));
    return node;
}

inline LogicalOperatorPtr Limit(LogicalOperatorPtr child, int64_t limit, int64_t offset = 0) {
    auto node = std::make_unique<LogicalOperator>(LogicalOperatorKind::kLimit);
    node->types = child->types;
    node->names = child->names;
    node->limit = limit;
    node->offset = offset;
    node->children.push_back(std::move(child));
    return node;
}

template <typename T, typename... Rest>
std::vector<T> List(T first, Rest... rest) {
    std::vector<T> list;
    list.push_back(std::move(first));
    (list.push_back(std::move(rest)), ...);
    return list;
}

}  // namespace flashlake::exec::testing

namespace flashlake::exec::testing {

inline LogicalOperatorPtr Join(LogicalOperatorPtr left, LogicalOperatorPtr right, planner::JoinType type,
                               std::vector<planner::BoundExprPtr> left_keys,
                               std::vector<planner::BoundExprPtr> right_keys,
                               std::vector<planner::BoundExprPtr> residual = {}, bool null_aware = false) {
    auto node = std::make_unique<LogicalOperator>(LogicalOperatorKind::kJoin);
    node->types = left->types;
    node->names = left->names;
    if (type != planner::JoinType::kSemi && type != planner::JoinType::kAnti) {
        node->types.insert(node->types.end(), right->types.begin(), right->types.end());
        node->names.insert(node->names.end(), right->names.begin(), right->names.end());
    }
    node->join_type = type;
    node->left_keys = std::move(left_keys);
    node->right_keys = std::move(right_keys);
    node->expressions = std::move(residual);
    node->null_aware = null_aware;
    node->children.push_back(std::move(left));
    node->children.push_back(std::move(right));
    return node;
}

inline LogicalOperatorPtr Union(std::vector<LogicalOperatorPtr> children, bool distinct) {
    auto node = std::make_unique<LogicalOperator>(LogicalOperatorKind::kUnion);
    node->types = children[0]->types;
    node->names = children[0]->names;
    node->distinct = distinct;
    for (auto& child : children) node->children.push_back(std::move(child));
    return node;
}

inline LogicalOperatorPtr Filter(LogicalOperatorPtr child, std::vector<planner::BoundExprPtr> predicates) {
    auto node = std::make_unique<LogicalOperator>(LogicalOperatorKind::kFilter);
    node->types = child->types;
    node->names = child->names;
    node->expressions = std::move(predicates);
    node->children.push_back(std::move(child));
    return node;
}

}  // namespace flashlake::exec::testing
