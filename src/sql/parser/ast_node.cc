#include "sql/parser/ast_node.h"

#include "sql/parser/query.h"
#include "sql/parser/quoting.h"
#include "sql/parser/statement.h"

namespace flashlake::sql {

void DeleteNode(Expr* node) {
    delete node;
}
void DeleteNode(QueryNode* node) {
    delete node;
}
void DeleteNode(TableRef* node) {
    delete node;
}
void DeleteNode(Statement* node) {
    delete node;
}

Expr* CloneNode(const Expr& node) {
    return node.Clone().release();
}
QueryNode* CloneNode(const QueryNode& node) {
    return node.Clone().release();
}
TableRef* CloneNode(const TableRef& node) {
    return node.Clone().release();
}
Statement* CloneNode(const Statement& node) {
    return node.Clone().release();
}

bool NodesEqual(const Expr& a, const Expr& b) {
    return a.Equals(b);
}
bool NodesEqual(const QueryNode& a, const QueryNode& b) {
    return a.Equals(b);
}
bool NodesEqual(const TableRef& a, const TableRef& b) {
    return a.Equals(b);
}
bool NodesEqual(const Statement& a, const Statement& b) {
    return a.Equals(b);
}

std::string QualifiedName::ToString() const {
    return QuoteQualifiedName(parts);
}

}  // namespace flashlake::sql
