#include "sql/parser/expr.h"

#include "sql/parser/query.h"

namespace flashlake::sql {

namespace {

// One traversal for both constness flavours: Node is `const Expr` or `Expr`.
template <typename Node, typename Fn>
void ForEachChild(Node& expr, const Fn& fn) {
    auto visit = [&fn](auto& child) {
        if (child) fn(*child);
    };
    auto visit_order_by = [&visit](auto& items) {
        for (auto& item : items) visit(item.expr);
    };
    switch (expr.kind) {
        case ExprKind::kLiteral:
        case ExprKind::kColumnRef:
        case ExprKind::kStar:
        case ExprKind::kParameter:
        case ExprKind::kVariable:
        case ExprKind::kDefault:
        case ExprKind::kSubquery:
            return;
        case ExprKind::kUnary:
            visit(expr.template As<UnaryExpr>().operand);
            return;
        case ExprKind::kBinary: {
            auto& binary = expr.template As<BinaryExpr>();
            visit(binary.left);
            visit(binary.right);
            return;
        }
        case ExprKind::kIs:
            visit(expr.template As<IsExpr>().operand);
            return;
        case ExprKind::kBetween: {
            auto& between = expr.template As<BetweenExpr>();
            visit(between.operand);
            visit(between.low);
            visit(between.high);
            return;
        }
        case ExprKind::kIn: {
            auto& in = expr.template As<InExpr>();
            visit(in.operand);
            for (auto& item : in.list) visit(item);
            return;
        }
        case ExprKind::kFunctionCall: {
            auto& call = expr.template As<FunctionCallExpr>();
            for (auto& arg : call.args) visit(arg);
            visit_order_by(call.order_by);
            visit(call.separator);
            if (call.over) {
                for (auto& partition : call.over->partition_by) visit(partition);
                visit_order_by(call.over->order_by);
                if (call.over->frame) {
                    visit(call.over->frame->start.offset);
                    visit(call.over->frame->end.offset);
                }
            }
            return;
        }
        case ExprKind::kCase: {
            auto& case_expr = expr.template As<CaseExpr>();
            visit(case_expr.operand);
            for (auto& clause : case_expr.when_clauses) {
                visit(clause.condition);
                visit(clause.result);
            }
            visit(case_expr.else_result);
            return;
        }
        case ExprKind::kCast:
            visit(expr.template As<CastExpr>().operand);
            return;
        case ExprKind::kInterval:
            visit(expr.template As<IntervalExpr>().value);
            return;
        case ExprKind::kArray:
            for (auto& element : expr.template As<ArrayExpr>().elements) visit(element);
            return;
        case ExprKind::kSubscript: {
            auto& subscript = expr.template As<SubscriptExpr>();
            visit(subscript.base);
            visit(subscript.index);
            return;
        }
    }
}

}  // namespace

void VisitChildren(const Expr& expr, const std::function<void(const Expr&)>& fn) {
    ForEachChild(expr, fn);
}

void VisitChildren(Expr& expr, const std::function<void(Expr&)>& fn) {
    ForEachChild(expr, fn);
}

std::string_view BinaryOpText(BinaryOp op) {
    switch (op) {
        case BinaryOp::kOr:
            return "OR";
        case BinaryOp::kXor:
            return "XOR";
        case BinaryOp::kAnd:
            return "AND";
        case BinaryOp::kEq:
            return "=";
        case BinaryOp::kNullSafeEq:
            return "<=>";
        case BinaryOp::kNotEq:
            return "!=";
        case BinaryOp::kLess:
            return "<";
        case BinaryOp::kLessEq:
            return "<=";
        case BinaryOp::kGreater:
            return ">";
        case BinaryOp::kGreaterEq:
            return ">=";
        case BinaryOp::kLike:
            return "LIKE";
        case BinaryOp::kNotLike:
            return "NOT LIKE";
        case BinaryOp::kRegexp:
            return "REGEXP";
        case BinaryOp::kNotRegexp:
            return "NOT REGEXP";
        case BinaryOp::kBitOr:
            return "|";
        case BinaryOp::kBitAnd:
            return "&";
        case BinaryOp::kShiftLeft:
            return "<<";
        case BinaryOp::kShiftRight:
            return ">>";
        case BinaryOp::kAdd:
            return "+";
        case BinaryOp::kSubtract:
            return "-";
        case BinaryOp::kMultiply:
            return "*";
        case BinaryOp::kDivide:
            return "/";
        case BinaryOp::kIntDivide:
            return "DIV";
        case BinaryOp::kModulo:
            return "%";
        case BinaryOp::kBitXor:
            return "^";
        case BinaryOp::kJsonArrow:
            return "->";
    }
    return "?";
}

std::string_view UnaryOpText(UnaryOp op) {
    switch (op) {
        case UnaryOp::kNot:
            return "NOT";
        case UnaryOp::kNegate:
            return "-";
        case UnaryOp::kBitNot:
            return "~";
    }
    return "?";
}

}  // namespace flashlake::sql
