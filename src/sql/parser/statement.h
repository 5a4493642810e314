#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/check.h"
#include "sql/parser/query.h"

// Statement nodes. This header has the base and the data statements (queries, INSERT, UPDATE,
// DELETE, EXPLAIN); ddl_statement.h has CREATE/ALTER/DROP of databases, tables, views,
// materialized views and catalogs; admin_statement.h the session, SHOW and access-control ones.
//
// The statement path dispatches on `statement.kind` and takes the node with
// `statement.As<InsertStatement>()`, like expressions.

namespace flashlake::sql {

enum class StatementKind : uint8_t {
    // statement.h
    kQuery,
    kInsert,
    kUpdate,
    kDelete,
    kExplain,
    // ddl_statement.h
    kCreateDatabase,
    kCreateTable,
    kCreateView,
    kCreateMaterializedView,
    kCreateCatalog,
    kDrop,
    kAlterTable,
    kTruncateTable,
    kRefreshMaterializedView,
    // admin_statement.h
    kUse,
    kSetCatalog,
    kSet,
    kShow,
    kDescribe,
    kKill,
    kTransaction,
    kCreateUser,
    kAlterUser,
    kDropUser,
    kCreateRole,
    kDropRole,
    kGrantPrivilege,
    kGrantRole,
    kCreateResourceGroup,
    kAlterResourceGroup,
};

struct Statement : AstNode {
    const StatementKind kind;

    virtual ~Statement() = default;
    virtual std::unique_ptr<Statement> Clone() const = 0;
    virtual bool Equals(const Statement& other) const = 0;
    // SQL text for the statement (no trailing ';'), re-parseable to an equal tree.
    std::string ToString() const;

    template <typename T>
    bool Is() const {
        return kind == T::kKind;
    }
    template <typename T>
    T& As() {
        FL_CHECK(kind == T::kKind, "statement of kind ", static_cast<int>(kind), " is not the one asked for");
        return static_cast<T&>(*this);
    }
    template <typename T>
    const T& As() const {
        FL_CHECK(kind == T::kKind, "statement of kind ", static_cast<int>(kind), " is not the one asked for");
        return static_cast<const T&>(*this);
    }

protected:
    explicit Statement(StatementKind k) : kind(k) {}
    Statement(const Statement&) = default;
};

template <typename Derived, StatementKind K>
struct StatementNode : Statement {
    static constexpr StatementKind kKind = K;
    StatementNode() : Statement(K) {}
    std::unique_ptr<Statement> Clone() const final {
        return std::make_unique<Derived>(static_cast<const Derived&>(*this));
    }
    bool Equals(const Statement& other) const final {
        return other.kind == K && static_cast<const Derived&>(*this) == static_cast<const Derived&>(other);
    }
    bool operator==(const StatementNode&) const { return true; }
};

// A query: SELECT, set operation, VALUES or a parenthesized query.
struct QueryStatement : StatementNode<QueryStatement, StatementKind::kQuery> {
    QueryPtr query;
    bool operator==(const QueryStatement&) const = default;
};

// INSERT INTO|OVERWRITE table [PARTITION (p, ...)] [WITH LABEL l] [(c1, c2)] {VALUES ... | query}.
// A VALUES source is a ValuesNode.
struct InsertStatement : StatementNode<InsertStatement, StatementKind::kInsert> {
    bool overwrite = false;
    QualifiedName table;
    std::vector<std::string> partitions;
    std::string label;
    std::vector<std::string> columns;
    QueryPtr source;
    bool operator==(const InsertStatement&) const = default;
};

struct Assignment {
    std::vector<std::string> column;  // usually one part; `t.c` allowed
    ExprPtr value;
    bool operator==(const Assignment&) const = default;
};

// UPDATE table [[AS] alias] SET c = e, ... [FROM refs] [WHERE cond].
struct UpdateStatement : StatementNode<UpdateStatement, StatementKind::kUpdate> {
    QualifiedName table;
    std::string alias;
    std::vector<Assignment> assignments;
    std::vector<TableRefPtr> from;
    ExprPtr where;
    bool operator==(const UpdateStatement&) const = default;
};

// DELETE FROM table [[AS] alias] [PARTITION (p, ...)] [USING refs] [WHERE cond].
struct DeleteStatement : StatementNode<DeleteStatement, StatementKind::kDelete> {
    QualifiedName table;
    std::string alias;
    std::vector<std::string> partitions;
    std::vector<TableRefPtr> using_tables;
    ExprPtr where;
    bool operator==(const DeleteStatement&) const = default;
};

enum class ExplainLevel : uint8_t { kDefault, kLogical, kVerbose, kCosts, kAnalyze };

// EXPLAIN [LOGICAL | VERBOSE | COSTS | ANALYZE] statement; also DESC|DESCRIBE <query>.
struct ExplainStatement : StatementNode<ExplainStatement, StatementKind::kExplain> {
    ExplainLevel level = ExplainLevel::kDefault;
    StatementPtr statement;
    bool operator==(const ExplainStatement&) const = default;
};

}  // namespace flashlake::sql
