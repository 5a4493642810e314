#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

// The pieces every AST header shares: source positions, the owning node pointer AstPtr, qualified
// names and key/value property lists.
//
// Equality of AST nodes is semantic: two trees are equal when they spell the same statement,
// whatever whitespace, comments, keyword case or redundant parentheses the text had. Positions are
// therefore excluded from equality; round-trip tests rely on this (parse(unparse(x)) == x).

namespace flashlake::sql {

// A place in the SQL text: 1-based line and column. Columns count characters (UTF-8 code points),
// not bytes, so they match what an editor shows.
struct Position {
    uint32_t line = 0;
    uint32_t column = 0;
    bool operator==(const Position&) const = default;
};

// Base of every node: where the construct starts in the text.
struct AstNode {
    Position position;
    // Positions never take part in equality (see the file comment).
    bool operator==(const AstNode&) const { return true; }
};

struct Expr;
struct QueryNode;
struct TableRef;
struct Statement;

// Hooks used by AstPtr, defined in ast_node.cc where the node types are complete: expressions
// contain queries and queries contain expressions, so each header sees the other incomplete.
void DeleteNode(Expr* node);
void DeleteNode(QueryNode* node);
void DeleteNode(TableRef* node);
void DeleteNode(Statement* node);
Expr* CloneNode(const Expr& node);
QueryNode* CloneNode(const QueryNode& node);
TableRef* CloneNode(const TableRef& node);
Statement* CloneNode(const Statement& node);
bool NodesEqual(const Expr& a, const Expr& b);
bool NodesEqual(const QueryNode& a, const QueryNode& b);
bool NodesEqual(const TableRef& a, const TableRef& b);
bool NodesEqual(const Statement& a, const Statement& b);

// Owning pointer to a polymorphic AST node (T is one of Expr, QueryNode, TableRef, Statement) with
// value semantics: copying clones the subtree and == compares subtrees. This lets every node type
// default its copy constructor and operator==, so Clone and Equals never drift from the fields.
template <typename T>
class AstPtr {
public:
    AstPtr() = default;
    AstPtr(std::nullptr_t) {}  // NOLINT(google-explicit-constructor)
    template <typename U>
    requires std::is_convertible_v<U*, T*> AstPtr(std::unique_ptr<U> node)
        : node_(node.release()) {}  // NOLINT(google-explicit-constructor)
    AstPtr(const AstPtr& other) : node_(other.node_ ? CloneNode(*other.node_) : nullptr) {}
    AstPtr(AstPtr&& other) noexcept : node_(std::exchange(other.node_, nullptr)) {}
    AstPtr& operator=(AstPtr other) noexcept {
        std::swap(node_, other.node_);
        return *this;
    }
    ~AstPtr() {
        if (node_ != nullptr) DeleteNode(node_);
    }

    T* get() const { return node_; }
    T& operator*() const { return *node_; }
    T* operator->() const { return node_; }
    explicit operator bool() const { return node_ != nullptr; }

    bool operator==(const AstPtr& other) const {
        if (node_ == nullptr || other.node_ == nullptr) return node_ == other.node_;
        return NodesEqual(*node_, *other.node_);
    }

private:
    T* node_ = nullptr;
};

using ExprPtr = AstPtr<Expr>;
using QueryPtr = AstPtr<QueryNode>;
using TableRefPtr = AstPtr<TableRef>;
using StatementPtr = AstPtr<Statement>;

// A dotted name as written (`catalog.db.tbl`, `db.tbl`, `tbl`), parts unquoted and case preserved:
// the binder decides which parts are case-insensitive.
struct QualifiedName : AstNode {
    std::vector<std::string> parts;

    bool empty() const { return parts.empty(); }
    // The last part: the object's own name.
    const std::string& name() const { return parts.back(); }
    // Parts joined by '.', each quoted with backticks when it needs it.
    std::string ToString() const;
    bool operator==(const QualifiedName&) const = default;
};

// One `"key" = "value"` pair of a PROPERTIES (...) clause or of a table function like FILES(...).
struct Property : AstNode {
    std::string key;
    std::string value;
    bool operator==(const Property&) const = default;
};
using PropertyList = std::vector<Property>;

}  // namespace flashlake::sql
