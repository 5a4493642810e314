#pragma once

#include "sql/parser/expr.h"

// MySQL operator precedence, loosest first. Shared by the grammar and the printer so that printed
// text parses back to the same tree: the printer adds parentheses exactly where the grammar would
// otherwise group differently.

namespace flashlake::sql::precedence {

constexpr int kOr = 1;               // OR ||
constexpr int kXor = 2;              // XOR
constexpr int kAnd = 3;              // AND &&
constexpr int kNot = 4;              // prefix NOT
constexpr int kComparison = 5;       // = <=> != < <= > >= IS LIKE REGEXP IN BETWEEN
constexpr int kBitOr = 6;            // |
constexpr int kBitAnd = 7;           // &
constexpr int kShift = 8;            // << >>
constexpr int kAdditive = 9;         // + -
constexpr int kMultiplicative = 10;  // * / DIV % MOD
constexpr int kBitXor = 11;          // ^
constexpr int kUnary = 12;           // prefix - ~ !
constexpr int kPostfix = 13;         // x[i], x -> 'path'
constexpr int kPrimary = 14;         // literals, names, calls, parenthesized forms

inline int Of(BinaryOp op) {
    switch (op) {
        case BinaryOp::kOr:
            return kOr;
        case BinaryOp::kXor:
            return kXor;
        case BinaryOp::kAnd:
            return kAnd;
        case BinaryOp::kBitOr:
            return kBitOr;
        case BinaryOp::kBitAnd:
            return kBitAnd;
        case BinaryOp::kShiftLeft:
        case BinaryOp::kShiftRight:
            return kShift;
        case BinaryOp::kAdd:
        case BinaryOp::kSubtract:
            return kAdditive;
        case BinaryOp::kMultiply:
        case BinaryOp::kDivide:
        case BinaryOp::kIntDivide:
        case BinaryOp::kModulo:
            return kMultiplicative;
        case BinaryOp::kBitXor:
            return kBitXor;
        case BinaryOp::kJsonArrow:
            return kPostfix;
        default:
            return kComparison;
    }
}

// The precedence of an expression node as an operand: how tightly it holds together.
inline int Of(const Expr& expr) {
    switch (expr.kind) {
        case ExprKind::kBinary:
            return Of(expr.As<BinaryExpr>().op);
        case ExprKind::kUnary:
            return expr.As<UnaryExpr>().op == UnaryOp::kNot ? kNot : kUnary;
        case ExprKind::kIs:
        case ExprKind::kBetween:
        case ExprKind::kIn:
            return kComparison;
        case ExprKind::kSubscript:
            return kPostfix;
        // A negative number reads back as unary minus applied to the number.
        case ExprKind::kLiteral:
            return expr.As<LiteralExpr>().text.starts_with('-') ? kUnary : kPrimary;
        default:
            return kPrimary;
    }
}

}  // namespace flashlake::sql::precedence
