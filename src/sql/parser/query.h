#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/check.h"
#include "sql/parser/expr.h"
#include "sql/parser/table_ref.h"

// Query nodes: a SELECT block, a set operation (UNION / INTERSECT / EXCEPT) or a VALUES list.
// Every node can carry the clauses that apply to a whole query expression: WITH, ORDER BY and
// LIMIT/OFFSET. In `WITH c AS (...) SELECT a FROM t UNION SELECT b FROM u ORDER BY 1 LIMIT 5` they
// sit on the SetOpNode; in `(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (...)` on the operands.

namespace flashlake::sql {

enum class QueryKind : uint8_t { kSelect, kSetOperation, kValues };

// `name [(c1, c2)] AS (query)` of a WITH clause.
struct CommonTableExpr : AstNode {
    std::string name;
    std::vector<std::string> column_aliases;
    QueryPtr query;
    bool operator==(const CommonTableExpr&) const = default;
};

struct QueryNode : AstNode {
    const QueryKind kind;
    std::vector<CommonTableExpr> ctes;
    std::vector<OrderByItem> order_by;
    ExprPtr limit;   // an integer literal or a ? parameter
    ExprPtr offset;  // set only together with limit (LIMIT n OFFSET m, LIMIT m, n)

    virtual ~QueryNode() = default;
    virtual std::unique_ptr<QueryNode> Clone() const = 0;
    virtual bool Equals(const QueryNode& other) const = 0;
    // SQL text for the query, re-parseable to an equal tree.
    std::string ToString() const;
    // Whether the node has WITH, ORDER BY or LIMIT (then it needs parentheses as an operand).
    bool HasQueryClauses() const { return !ctes.empty() || !order_by.empty() || limit || offset; }

    template <typename T>
    bool Is() const {
        return kind == T::kKind;
    }
    template <typename T>
    T& As() {
        FL_CHECK(kind == T::kKind, "query node of kind ", static_cast<int>(kind), " is not the one asked for");
        return static_cast<T&>(*this);
    }
    template <typename T>
    const T& As() const {
        FL_CHECK(kind == T::kKind, "query node of kind ", static_cast<int>(kind), " is not the one asked for");
        return static_cast<const T&>(*this);
    }

protected:
    explicit QueryNode(QueryKind k) : kind(k) {}
    QueryNode(const QueryNode&) = default;
    bool ClausesEqual(const QueryNode& other) const {
        return ctes == other.ctes && order_by == other.order_by && limit == other.limit && offset == other.offset;
    }
};

template <typename Derived, QueryKind K>
struct QueryNodeImpl : QueryNode {
    static constexpr QueryKind kKind = K;
    QueryNodeImpl() : QueryNode(K) {}
    std::unique_ptr<QueryNode> Clone() const final {
        return std::make_unique<Derived>(static_cast<const Derived&>(*this));
    }
    bool Equals(const QueryNode& other) const final {
        return other.kind == K && static_cast<const Derived&>(*this) == static_cast<const Derived&>(other);
    }
    bool operator==(const QueryNodeImpl& other) const { return ClausesEqual(other); }
};

struct SelectItem {
    ExprPtr expr;       // may be a StarExpr
    std::string alias;  // empty when none was given
    bool operator==(const SelectItem&) const = default;
};

enum class GroupingKind : uint8_t { kExprs, kRollup, kCube, kGroupingSets };

// GROUP BY a, b | ROLLUP(a, b) | CUBE(a, b) | GROUPING SETS ((a, b), (a), ()).
// No GROUP BY clause: kind kExprs with no exprs. Ordinals (GROUP BY 1) are integer literals.
struct GroupByClause {
    GroupingKind kind = GroupingKind::kExprs;
    std::vector<ExprPtr> exprs;                       // kExprs, kRollup, kCube
    std::vector<std::vector<ExprPtr>> grouping_sets;  // kGroupingSets
    bool empty() const { return kind == GroupingKind::kExprs && exprs.empty(); }
    bool operator==(const GroupByClause&) const = default;
};

struct SelectNode : QueryNodeImpl<SelectNode, QueryKind::kSelect> {
    bool distinct = false;
    std::vector<SelectItem> select_list;
    std::vector<TableRefPtr> from;  // empty: SELECT without FROM (or FROM DUAL)
    ExprPtr where;
    GroupByClause group_by;
    ExprPtr having;
    ExprPtr qualify;
    bool operator==(const SelectNode&) const = default;
};

enum class SetOpKind : uint8_t { kUnion, kIntersect, kExcept };

// left op [ALL] right. MINUS is EXCEPT. INTERSECT binds tighter than UNION and EXCEPT; all are
// left-associative.
struct SetOpNode : QueryNodeImpl<SetOpNode, QueryKind::kSetOperation> {
    SetOpKind op = SetOpKind::kUnion;
    bool all = false;
    QueryPtr left;
    QueryPtr right;
    bool operator==(const SetOpNode&) const = default;
};

// VALUES (1, 'a'), (2, 'b') as a query.
struct ValuesNode : QueryNodeImpl<ValuesNode, QueryKind::kValues> {
    std::vector<std::vector<ExprPtr>> rows;
    bool operator==(const ValuesNode&) const = default;
};

}  // namespace flashlake::sql
