#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/check.h"
#include "sql/parser/expr.h"

// FROM-clause nodes: base tables, derived tables (subqueries and VALUES lists), table functions and
// joins. A FROM clause with commas is a list of these in SelectNode::from (each item possibly a
// join tree); the binder cross-joins the items.

namespace flashlake::sql {

enum class TableRefKind : uint8_t { kBaseTable, kSubquery, kTableFunction, kJoin };

struct TableRef : AstNode {
    const TableRefKind kind;

    virtual ~TableRef() = default;
    virtual std::unique_ptr<TableRef> Clone() const = 0;
    virtual bool Equals(const TableRef& other) const = 0;
    // SQL text for the table reference, re-parseable to an equal tree.
    std::string ToString() const;

    template <typename T>
    bool Is() const {
        return kind == T::kKind;
    }
    template <typename T>
    T& As() {
        FL_CHECK(kind == T::kKind, "table ref of kind ", static_cast<int>(kind), " is not the one asked for");
        return static_cast<T&>(*this);
    }
    template <typename T>
    const T& As() const {
        FL_CHECK(kind == T::kKind, "table ref of kind ", static_cast<int>(kind), " is not the one asked for");
        return static_cast<const T&>(*this);
    }

protected:
    explicit TableRef(TableRefKind k) : kind(k) {}
    TableRef(const TableRef&) = default;
};

template <typename Derived, TableRefKind K>
struct TableRefNode : TableRef {
    static constexpr TableRefKind kKind = K;
    TableRefNode() : TableRef(K) {}
    std::unique_ptr<TableRef> Clone() const final {
        return std::make_unique<Derived>(static_cast<const Derived&>(*this));
    }
    bool Equals(const TableRef& other) const final {
        return other.kind == K && static_cast<const Derived&>(*this) == static_cast<const Derived&>(other);
    }
    bool operator==(const TableRefNode&) const { return true; }
};

enum class TimeTravelKind : uint8_t { kNone, kVersion, kTimestamp };

// `[catalog.][db.]table [FOR VERSION AS OF n | FOR TIMESTAMP AS OF 'ts'] [PARTITION (p, ...)] [[AS] alias]`.
struct BaseTableRef : TableRefNode<BaseTableRef, TableRefKind::kBaseTable> {
    QualifiedName name;
    TimeTravelKind time_travel = TimeTravelKind::kNone;
    ExprPtr time_travel_value;  // the snapshot id or timestamp expression
    std::vector<std::string> partitions;
    std::string alias;
    bool operator==(const BaseTableRef&) const = default;
};

// `(query) [AS] alias [(c1, c2)]`; also `(VALUES (..), (..)) AS t(a, b)` (query is a ValuesNode).
struct SubqueryRef : TableRefNode<SubqueryRef, TableRefKind::kSubquery> {
    QueryPtr query;
    std::string alias;
    std::vector<std::string> column_aliases;
    bool operator==(const SubqueryRef&) const = default;
};

// A table-valued function: `FILES("path" = "...", "format" = "parquet")` (key=value properties)
// or `name(args)` such as `unnest(arr)`, `generate_series(1, 10)`; `TABLE(fn(...))` is the same.
struct TableFunctionRef : TableRefNode<TableFunctionRef, TableRefKind::kTableFunction> {
    std::vector<std::string> name;
    std::vector<ExprPtr> args;
    PropertyList properties;
    std::string alias;
    std::vector<std::string> column_aliases;
    bool operator==(const TableFunctionRef&) const = default;
};

enum class JoinKind : uint8_t { kInner, kLeft, kRight, kFull, kCross, kLeftSemi, kLeftAnti, kRightSemi, kRightAnti };

// left JOIN right [ON cond | USING (cols)]. A JOIN without a condition is a cross product. hint is
// a bracketed join hint such as [BROADCAST] or [SHUFFLE], upper-cased, or empty.
struct JoinRef : TableRefNode<JoinRef, TableRefKind::kJoin> {
    JoinKind join_kind = JoinKind::kInner;
    TableRefPtr left;
    TableRefPtr right;
    ExprPtr condition;
    std::vector<std::string> using_columns;
    std::string hint;
    bool operator==(const JoinRef&) const = default;
};

std::string_view JoinKindText(JoinKind kind);  // "INNER JOIN", "LEFT SEMI JOIN", ...

}  // namespace flashlake::sql
