// Expr::ToString and TypeName::ToString: SQL text that parses back to an equal tree.

#include "sql/parser/keywords.h"
#include "sql/parser/precedence.h"
#include "sql/parser/printer.h"
#include "sql/parser/query.h"
#include "sql/parser/quoting.h"

namespace flashlake::sql {

namespace {

std::string_view IsTestText(IsTest test) {
    switch (test) {
        case IsTest::kNull:
            return "NULL";
        case IsTest::kTrue:
            return "TRUE";
        case IsTest::kFalse:
            return "FALSE";
        case IsTest::kUnknown:
            return "UNKNOWN";
    }
    return "NULL";
}

// A function name part prints bare when the grammar reads that bare word followed by '(' as a
// call: any word after a '.', otherwise a non-keyword, a non-reserved keyword (but EXTRACT, which
// has its own syntax) or a reserved keyword that names functions (IF, LEFT, ...).
std::string FunctionNameToString(const std::vector<std::string>& name) {
    std::string out;
    for (size_t i = 0; i < name.size(); ++i) {
        if (i > 0) out += '.';
        const std::string& part = name[i];
        std::string quoted = QuoteIdentifier(part);
        Keyword keyword = LookupKeyword(part);
        bool plain_keyword = keyword != Keyword::kNone && quoted == "`" + part + "`";
        bool bare = quoted == part ||
                    (plain_keyword &&
                     (i > 0 || (keyword != Keyword::kEXTRACT && GetKeywordClass(keyword) != KeywordClass::kReserved)));
        out += bare ? part : quoted;
    }
    return out;
}

std::string LiteralToString(const LiteralExpr& literal) {
    switch (literal.literal_kind) {
        case LiteralKind::kNull:
            return "NULL";
        case LiteralKind::kString:
            return QuoteString(literal.text);
        case LiteralKind::kHexString:
            return "X'" + literal.text + "'";
        case LiteralKind::kDate:
            return "DATE " + QuoteString(literal.text);
        case LiteralKind::kDatetime:
            return "DATETIME " + QuoteString(literal.text);
        default:
            return literal.text;
    }
}

std::string VariableToString(const VariableExpr& variable) {
    std::string name = QuoteIdentifier(variable.name) == variable.name ? variable.name : QuoteString(variable.name);
    if (!variable.system) return "@" + name;
    switch (variable.scope) {
        case VariableScope::kGlobal:
            return "@@global." + variable.name;
        case VariableScope::kSession:
            return "@@session." + variable.name;
        default:
            return "@@" + variable.name;
    }
}

std::string FrameBoundToString(const FrameBound& bound) {
    switch (bound.kind) {
        case FrameBoundKind::kUnboundedPreceding:
            return "UNBOUNDED PRECEDING";
        case FrameBoundKind::kUnboundedFollowing:
            return "UNBOUNDED FOLLOWING";
        case FrameBoundKind::kCurrentRow:
            return "CURRENT ROW";
        case FrameBoundKind::kPreceding:
            return OperandToString(*bound.offset, precedence::kBitOr) + " PRECEDING";
        case FrameBoundKind::kFollowing:
            return OperandToString(*bound.offset, precedence::kBitOr) + " FOLLOWING";
    }
    return "";
}

std::string WindowToString(const WindowSpec& window) {
    std::string out;
    auto separate = [&out] {
        if (!out.empty()) out += ' ';
    };
    if (!window.partition_by.empty()) out += "PARTITION BY " + ExprListToString(window.partition_by);
    if (!window.order_by.empty()) {
        separate();
        out += "ORDER BY " + OrderByToString(window.order_by);
    }
    if (window.frame) {
        separate();
        out += window.frame->unit == FrameUnit::kRows ? "ROWS " : "RANGE ";
        if (window.frame->has_end) {
            out +=
                "BETWEEN " + FrameBoundToString(window.frame->start) + " AND " + FrameBoundToString(window.frame->end);
        } else {
            out += FrameBoundToString(window.frame->start);
        }
    }
    return out;
}

std::string CallToString(const FunctionCallExpr& call) {
    std::string out = FunctionNameToString(call.name) + "(";
    if (call.star) {
        out += '*';
    } else {
        if (call.distinct) out += "DISTINCT ";
        out += ExprListToString(call.args);
        if (!call.order_by.empty()) out += " ORDER BY " + OrderByToString(call.order_by);
        if (call.separator) out += " SEPARATOR " + call.separator->ToString();
    }
    out += ')';
    if (call.over) out += " OVER (" + WindowToString(*call.over) + ")";
    return out;
}

std::string CaseToString(const CaseExpr& expr) {
    std::string out = "CASE";
    if (expr.operand) out += " " + expr.operand->ToString();
    for (const WhenClause& clause : expr.when_clauses) {
        out += " WHEN " + clause.condition->ToString() + " THEN " + clause.result->ToString();
    }
    if (expr.else_result) out += " ELSE " + expr.else_result->ToString();
    return out + " END";
}

std::string BinaryToString(const BinaryExpr& binary) {
    if (binary.op == BinaryOp::kJsonArrow) {
        return OperandToString(*binary.left, precedence::kPostfix) + "->" +
               OperandToString(*binary.right, precedence::kPrimary);
    }
    // Left-associative: the left operand may bind as loosely as this operator, the right one not.
    // A chain `a + b - c + ...` is a left-deep tree as tall as the chain is long, so its left spine is
    // walked with a loop, keeping the printer's recursion as shallow as the parser's.
    int own = precedence::Of(binary.op);
    std::vector<const BinaryExpr*> spine = {&binary};
    const Expr* leftmost = binary.left.get();
    while (leftmost->Is<BinaryExpr>() && precedence::Of(leftmost->As<BinaryExpr>().op) == own) {
        spine.push_back(&leftmost->As<BinaryExpr>());
        leftmost = spine.back()->left.get();
    }
    std::string out = OperandToString(*leftmost, own);
    for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
        out += " ";
        out += BinaryOpText((*it)->op);
        out += " ";
        out += OperandToString(*(*it)->right, own + 1);
    }
    return out;
}

std::string UnaryToString(const UnaryExpr& unary) {
    if (unary.op == UnaryOp::kNot) return "NOT " + OperandToString(*unary.operand, precedence::kPrimary);
    std::string operand = OperandToString(*unary.operand, precedence::kUnary);
    // `- -x`, not `--x`, which reads as the start of a comment in other dialects and editors.
    std::string op(UnaryOpText(unary.op));
    return operand.starts_with('-') ? op + " " + operand : op + operand;
}

}  // namespace

std::string OperandToString(const Expr& expr, int min_precedence) {
    std::string text = expr.ToString();
    return precedence::Of(expr) < min_precedence ? "(" + text + ")" : text;
}

std::string ExprListToString(const std::vector<ExprPtr>& exprs) {
    std::string out;
    for (size_t i = 0; i < exprs.size(); ++i) {
        if (i > 0) out += ", ";
        out += exprs[i]->ToString();
    }
    return out;
}

std::string OrderByToString(const std::vector<OrderByItem>& items) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ", ";
        out += items[i].expr->ToString();
        if (!items[i].ascending) out += " DESC";
        if (items[i].nulls == NullsOrder::kFirst) out += " NULLS FIRST";
        if (items[i].nulls == NullsOrder::kLast) out += " NULLS LAST";
    }
    return out;
}

std::string PropertyListToString(const PropertyList& properties) {
    std::string out = "(";
    for (size_t i = 0; i < properties.size(); ++i) {
        if (i > 0) out += ", ";
        out += QuoteString(properties[i].key) + " = " + QuoteString(properties[i].value);
    }
    return out + ")";
}

std::string Expr::ToString() const {
    using namespace precedence;
    switch (kind) {
        case ExprKind::kLiteral:
            return LiteralToString(As<LiteralExpr>());
        case ExprKind::kColumnRef:
            return QuoteQualifiedName(As<ColumnRefExpr>().parts);
        case ExprKind::kStar: {
            const auto& star = As<StarExpr>();
            return star.qualifier.empty() ? "*" : QuoteQualifiedName(star.qualifier) + ".*";
        }
        case ExprKind::kParameter:
            return "?";
        case ExprKind::kVariable:
            return VariableToString(As<VariableExpr>());
        case ExprKind::kDefault:
            return "DEFAULT";
        case ExprKind::kUnary:
            return UnaryToString(As<UnaryExpr>());
        case ExprKind::kBinary:
            return BinaryToString(As<BinaryExpr>());
        case ExprKind::kIs: {
            const auto& is = As<IsExpr>();
            return OperandToString(*is.operand, kComparison) + (is.negated ? " IS NOT " : " IS ") +
                   std::string(IsTestText(is.test));
        }
        case ExprKind::kBetween: {
            const auto& between = As<BetweenExpr>();
            return OperandToString(*between.operand, kComparison) + (between.negated ? " NOT BETWEEN " : " BETWEEN ") +
                   OperandToString(*between.low, kBitOr) + " AND " + OperandToString(*between.high, kBitOr);
        }
        case ExprKind::kIn: {
            const auto& in = As<InExpr>();
            std::string items = in.subquery ? in.subquery->ToString() : ExprListToString(in.list);
            return OperandToString(*in.operand, kComparison) + (in.negated ? " NOT IN (" : " IN (") + items + ")";
        }
        case ExprKind::kFunctionCall:
            return CallToString(As<FunctionCallExpr>());
        case ExprKind::kCase:
            return CaseToString(As<CaseExpr>());
        case ExprKind::kCast: {
            const auto& cast = As<CastExpr>();
            if (!cast.charset.empty()) {
                return "CONVERT(" + cast.operand->ToString() + " USING " + QuoteIdentifier(cast.charset) + ")";
            }
            return "CAST(" + cast.operand->ToString() + " AS " + cast.type.ToString() + ")";
        }
        case ExprKind::kInterval: {
            const auto& interval = As<IntervalExpr>();
            return "INTERVAL " + OperandToString(*interval.value, kUnary) + " " + interval.unit;
        }
        case ExprKind::kSubquery: {
            const auto& subquery = As<SubqueryExpr>();
            std::string text = "(" + subquery.query->ToString() + ")";
            return subquery.subquery_kind == SubqueryKind::kExists ? "EXISTS " + text : text;
        }
        case ExprKind::kArray: {
            const auto& array = As<ArrayExpr>();
            return (array.type ? array.type->ToString() : "") + "[" + ExprListToString(array.elements) + "]";
        }
        case ExprKind::kSubscript: {
            const auto& subscript = As<SubscriptExpr>();
            return OperandToString(*subscript.base, kPostfix) + "[" + subscript.index->ToString() + "]";
        }
    }
    return "";
}

std::string TypeName::ToString() const {
    std::string out = name;
    if (!params.empty()) {
        out += '(';
        for (size_t i = 0; i < params.size(); ++i) {
            if (i > 0) out += ", ";
            out += params[i];
        }
        out += ')';
    }
    if (!children.empty()) {
        out += '<';
        for (size_t i = 0; i < children.size(); ++i) {
            if (i > 0) out += ", ";
            if (i < field_names.size()) out += QuoteIdentifier(field_names[i]) + " ";
            out += children[i].ToString();
        }
        out += '>';
    }
    return out;
}

}  // namespace flashlake::sql
