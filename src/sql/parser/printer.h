#pragma once

#include <string>
#include <vector>

#include "sql/parser/expr.h"

// Shared pieces of the SQL printers (expr_printer.cc, query_printer.cc, statement_printer.cc,
// ddl_printer.cc, admin_printer.cc). Internal to sql/parser.

namespace flashlake::sql {

struct Statement;

// `a, b, c`
std::string ExprListToString(const std::vector<ExprPtr>& exprs);
// `a DESC NULLS LAST, b`
std::string OrderByToString(const std::vector<OrderByItem>& items);
// `('k' = 'v', ...)`
std::string PropertyListToString(const PropertyList& properties);
// `expr` with parentheses when its precedence is below min_precedence (see precedence.h).
std::string OperandToString(const Expr& expr, int min_precedence);

// The per-header statement printers Statement::ToString dispatches to.
std::string DdlStatementToString(const Statement& statement);
std::string AdminStatementToString(const Statement& statement);

}  // namespace flashlake::sql
