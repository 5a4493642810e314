#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "sql/parser/parser.h"

// Helpers shared by the parser tests.

namespace flashlake::sql {

inline void PrintTo(const Position& position, std::ostream* out) {
    *out << position.line << ":" << position.column;
}

}  // namespace flashlake::sql

namespace flashlake::sql::testing {

// Parses one statement or fails the test with the parser's message.
inline StatementPtr Parse(std::string_view sql) {
    auto result = ParseStatement(sql);
    EXPECT_TRUE(result.ok()) << sql << "\n  -> " << result.status().ToString();
    return result.ok() ? std::move(result).value() : StatementPtr();
}

// The statement as a node of type T (fails the test if it is another kind).
template <typename T>
const T& ParseAs(std::string_view sql, StatementPtr& holder) {
    holder = Parse(sql);
    static const T kEmpty{};
    if (!holder) return kEmpty;
    EXPECT_TRUE(holder->Is<T>()) << sql << " parsed as kind " << static_cast<int>(holder->kind);
    return holder->Is<T>() ? holder->As<T>() : kEmpty;
}

// The SELECT node of a plain query statement.
inline const SelectNode& ParseSelect(std::string_view sql, StatementPtr& holder) {
    const auto& query = ParseAs<QueryStatement>(sql, holder);
    static const SelectNode kEmpty{};
    if (!query.query || !query.query->Is<SelectNode>()) {
        ADD_FAILURE() << sql << " is not a single SELECT";
        return kEmpty;
    }
    return query.query->As<SelectNode>();
}

// A fully parenthesized prefix form of an expression, to check how operators grouped:
// "a + b * c" is "(+ a (* b c))". Nodes other than operators print with ToString.
inline std::string Shape(const Expr& expr) {
    switch (expr.kind) {
        case ExprKind::kBinary: {
            const auto& binary = expr.As<BinaryExpr>();
            return "(" + std::string(BinaryOpText(binary.op)) + " " + Shape(*binary.left) + " " + Shape(*binary.right) +
                   ")";
        }
        case ExprKind::kUnary: {
            const auto& unary = expr.As<UnaryExpr>();
            return "(" + std::string(UnaryOpText(unary.op)) + " " + Shape(*unary.operand) + ")";
        }
        case ExprKind::kIs: {
            const auto& is = expr.As<IsExpr>();
            static constexpr const char* kTests[] = {"NULL", "TRUE", "FALSE", "UNKNOWN"};
            return std::string(is.negated ? "(IS NOT " : "(IS ") + kTests[static_cast<int>(is.test)] + " " +
                   Shape(*is.operand) + ")";
        }
        case ExprKind::kBetween: {
            const auto& between = expr.As<BetweenExpr>();
            return std::string(between.negated ? "(NOT BETWEEN " : "(BETWEEN ") + Shape(*between.operand) + " " +
                   Shape(*between.low) + " " + Shape(*between.high) + ")";
        }
        case ExprKind::kIn: {
            const auto& in = expr.As<InExpr>();
            std::string out = std::string(in.negated ? "(NOT IN " : "(IN ") + Shape(*in.operand);
            for (const auto& item : in.list) out += " " + Shape(*item);
            if (in.subquery) out += " <subquery>";
            return out + ")";
        }
        default:
            return expr.ToString();
    }
}

// The shape of a parsed expression.
inline std::string ShapeOf(std::string_view expression) {
    auto result = ParseExpression(expression);
    EXPECT_TRUE(result.ok()) << expression << "\n  -> " << result.status().ToString();
    return result.ok() ? Shape(**result) : "<error>";
}

// Parses an expression and prints it back.
inline std::string Reprint(std::string_view expression) {
    auto result = ParseExpression(expression);
    EXPECT_TRUE(result.ok()) << expression << "\n  -> " << result.status().ToString();
    return result.ok() ? (*result)->ToString() : "<error>";
}

// The error message of a statement that must not parse (and must fail with a syntax error).
inline std::string ParseError(std::string_view sql) {
    auto result = ParseStatement(sql);
    EXPECT_FALSE(result.ok()) << sql << " parsed, but should not have";
    if (result.ok()) return "";
    EXPECT_EQ(result.status().code(), ErrorCode::kSyntaxError) << result.status().ToString();
    return result.status().message();
}

// parse(x) == parse(print(parse(x))), and printing is stable. Returns the printed text.
inline std::string ExpectRoundTrip(std::string_view sql) {
    auto first = ParseStatement(sql);
    EXPECT_TRUE(first.ok()) << sql << "\n  -> " << first.status().ToString();
    if (!first.ok()) return "";
    std::string printed = (*first)->ToString();
    auto second = ParseStatement(printed);
    EXPECT_TRUE(second.ok()) << "printed text does not parse: " << printed << "\n  -> " << second.status().ToString()
                             << "\n  original: " << sql;
    if (!second.ok()) return printed;
    EXPECT_TRUE(*first == *second) << "round trip changed the tree\n  original: " << sql << "\n  printed:  " << printed
                                   << "\n  reprinted: " << (*second)->ToString();
    EXPECT_EQ((*second)->ToString(), printed);
    return printed;
}

}  // namespace flashlake::sql::testing
