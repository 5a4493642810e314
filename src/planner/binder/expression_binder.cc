// Binding of expressions: names to input columns, literals to typed Values, operators and calls
// to registry functions with their arguments cast to the types the function asked for.

#include <algorithm>
#include <cctype>
#include <optional>

#include "common/ascii.h"
#include "common/query_error.h"
#include "functions/function_registry.h"
#include "functions/scalar/date_format.h"
#include "planner/binder/binder.h"
#include "sql/parser/expr.h"
#include "types/cast.h"
#include "types/decimal.h"
#include "types/type_coercion.h"

namespace flashlake::planner {

namespace {

BoundExprPtr CastOrThrow(BoundExprPtr expr, const LogicalType& target) {
    auto cast = MakeCast(std::move(expr), target, false);
    ThrowIfError(cast.status());
    return std::move(cast).value();
}

// Integer literals take the smallest integer type holding them, as in StarRocks.
Value BindIntegerLiteral(const std::string& text, const sql::Expr& at) {
    auto value = ParseLargeInteger(text);
    if (!value) {
        // Too large for LARGEINT: a DECIMAL if it fits 38 digits, otherwise DOUBLE.
        auto as_double = ParseFloating(text);
        if (!as_double) ThrowQueryError(ErrorCode::kSyntaxError, "bad number '", text, "' ", DescribePosition(at));
        return Value::Double(*as_double);
    }
    if (IntegerFitsType(*value, TypeId::kTinyInt)) return Value::TinyInt(static_cast<int8_t>(*value));
    if (IntegerFitsType(*value, TypeId::kSmallInt)) return Value::SmallInt(static_cast<int16_t>(*value));
    if (IntegerFitsType(*value, TypeId::kInt)) return Value::Int(static_cast<int32_t>(*value));
    if (IntegerFitsType(*value, TypeId::kBigInt)) return Value::BigInt(static_cast<int64_t>(*value));
    return Value::LargeInt(*value);
}

// "12.50" is DECIMAL(4,2): as many digits as written.
Value BindDecimalLiteral(const std::string& text, const sql::Expr& at) {
    size_t point = text.find('.');
    int scale = point == std::string::npos ? 0 : static_cast<int>(text.size() - point - 1);
    int digits = 0;
    bool leading = true;
    for (char c : text) {
        if (c < '0' || c > '9') continue;
        if (leading && c == '0') continue;
        leading = false;
        ++digits;
    }
    int integer_digits = std::max(digits - scale, 1);
    int precision = std::max(integer_digits + scale, 1);
    if (precision > kMaxDecimalPrecision) return Value::Double(ParseFloating(text).value_or(0));
    auto unscaled = decimal::Parse(text, precision, scale);
    if (!unscaled.ok()) ThrowQueryError(ErrorCode::kSyntaxError, "bad number '", text, "' ", DescribePosition(at));
    return Value::Decimal(*unscaled, precision, scale);
}

Value BindLiteral(const sql::LiteralExpr& literal) {
    switch (literal.literal_kind) {
        case sql::LiteralKind::kNull: return Value();
        case sql::LiteralKind::kBoolean: return Value::Boolean(AsciiLower(literal.text) == "true");
        case sql::LiteralKind::kInteger: return BindIntegerLiteral(literal.text, literal);
        case sql::LiteralKind::kDecimal: return BindDecimalLiteral(literal.text, literal);
        case sql::LiteralKind::kFloat: return Value::Double(ParseFloating(literal.text).value_or(0));
        case sql::LiteralKind::kString: return Value::Varchar(literal.text);
        case sql::LiteralKind::kHexNumber: {
            uint64_t value = std::stoull(literal.text.substr(2), nullptr, 16);
            return Value::BigInt(static_cast<int64_t>(value));
        }
        case sql::LiteralKind::kHexString: {
            std::string bytes;
            for (size_t i = 0; i + 1 < literal.text.size(); i += 2) {
                bytes.push_back(static_cast<char>(std::stoi(literal.text.substr(i, 2), nullptr, 16)));
            }
            return Value::Binary(LogicalType::Varbinary(), bytes);
        }
        case sql::LiteralKind::kDate:
        case sql::LiteralKind::kDatetime: {
            LogicalType type = literal.literal_kind == sql::LiteralKind::kDate ? LogicalType::Date() : LogicalType::DateTime();
            auto value = CastValue(Value::Varchar(literal.text), type, true);
            ThrowIfError(value.status());
            return *value;
        }
    }
    return Value();
}

const char* FunctionForBinary(sql::BinaryOp op) {
    switch (op) {
        case sql::BinaryOp::kOr: return "or";
        case sql::BinaryOp::kXor: return "xor";
        case sql::BinaryOp::kAnd: return "and";
        case sql::BinaryOp::kEq: return "eq";
        case sql::BinaryOp::kNullSafeEq: return "eq_for_null";
        case sql::BinaryOp::kNotEq: return "ne";
        case sql::BinaryOp::kLess: return "lt";
        case sql::BinaryOp::kLessEq: return "le";
        case sql::BinaryOp::kGreater: return "gt";
        case sql::BinaryOp::kGreaterEq: return "ge";
        case sql::BinaryOp::kLike: return "like";
        case sql::BinaryOp::kNotLike: return "not_like";
        case sql::BinaryOp::kRegexp: return "regexp";
        case sql::BinaryOp::kNotRegexp: return "not_regexp";
        case sql::BinaryOp::kBitOr: return "bitor";
        case sql::BinaryOp::kBitAnd: return "bitand";
        case sql::BinaryOp::kShiftLeft: return "bit_shift_left";
        case sql::BinaryOp::kShiftRight: return "bit_shift_right";
        case sql::BinaryOp::kAdd: return "add";
        case sql::BinaryOp::kSubtract: return "subtract";
        case sql::BinaryOp::kMultiply: return "multiply";
        case sql::BinaryOp::kDivide: return "divide";
        case sql::BinaryOp::kIntDivide: return "int_divide";
        case sql::BinaryOp::kModulo: return "mod";
        case sql::BinaryOp::kBitXor: return "bitxor";
        case sql::BinaryOp::kJsonArrow: return "json_query";
    }
    return "?";
}

// `d + INTERVAL n unit` and `d - INTERVAL n unit` bind to <unit>s_add / <unit>s_sub.
std::string IntervalFunction(const std::string& unit, bool subtract) {
    return AsciiLower(unit) + "s_" + (subtract ? "sub" : "add");
}

// Result types that depend on a constant argument, which a function's binder cannot see (it
// gets types only): round/truncate(DECIMAL(p, s), d) keep min(d, s) digits, as StarRocks; and
// str_to_date with a date-only format gives DATE. nullopt when the registry's type stands.
std::optional<LogicalType> RefinedResultType(const std::string& name, const std::vector<BoundExprPtr>& arguments) {
    auto constant = [&](size_t i) -> std::optional<Value> {
        if (i >= arguments.size()) return std::nullopt;
        const BoundExpression* argument = arguments[i].get();
        bool negate = false;
        // A negative literal is negative(literal) until constant folding runs.
        if (argument->kind == BoundExprKind::kFunction && argument->function.name == "negative" &&
            argument->children.size() == 1) {
            negate = true;
            argument = argument->children[0].get();
        }
        if (argument->kind != BoundExprKind::kConstant || argument->constant.is_null()) return std::nullopt;
        if (!negate) return argument->constant;
        if (!argument->constant.type().IsInteger() || argument->constant.type().id() == TypeId::kLargeInt) return std::nullopt;
        return Value::BigInt(-argument->constant.GetInt64());
    };
    if ((name == "round" || name == "dround" || name == "truncate") && arguments.size() == 2 &&
        arguments[0]->type.id() == TypeId::kDecimal) {
        std::optional<Value> digits = constant(1);
        if (!digits || !digits->type().IsInteger() || digits->type().id() == TypeId::kLargeInt) return std::nullopt;
        int scale = arguments[0]->type.scale();
        int kept = static_cast<int>(std::clamp<int64_t>(digits->GetInt64(), 0, scale));
        int precision = std::min(kMaxDecimalPrecision, arguments[0]->type.precision() + 1);
        return LogicalType::Decimal(std::max(precision - (scale - kept), 1), kept);
    }
    if ((name == "str_to_date" || name == "str2date") && arguments.size() == 2) {
        std::optional<Value> format = constant(1);
        if (format && format->type().IsString() && !functions::DateFormatHasTime(format->GetString())) {
            return LogicalType::Date();
        }
    }
    return std::nullopt;
}

}  // namespace

std::string DescribePosition(const sql::Expr& expr) {
    return "at line " + std::to_string(expr.position.line) + ", column " + std::to_string(expr.position.column);
}

BoundExprPtr Binder::BindExpression(const sql::Expr& expr, const BindScope& scope, const char* clause) {
    if (aggregate_context_ != nullptr) {
        // After GROUP BY only group keys and aggregates are values; anything else is an error.
        const AggregateContext& context = *aggregate_context_;
        for (size_t i = 0; i < context.group_asts.size(); ++i) {
            if (expr.Equals(*context.group_asts[i])) return MakeColumnRef(i, context.group_types[i], expr.ToString());
        }
        if (expr.Is<sql::FunctionCallExpr>()) {
            const auto& call = expr.As<sql::FunctionCallExpr>();
            std::string function = AsciiLower(call.function_name());
            if (function == "grouping" || function == "grouping_id") return BindGroupingFunction(call);
            if (!call.over && aggregate_resolver_.is_aggregate && aggregate_resolver_.is_aggregate(AsciiLower(call.function_name()))) {
                return BindAggregateCall(call);
            }
        }
        if (expr.Is<sql::ColumnRefExpr>()) {
            ThrowQueryError(ErrorCode::kInvalidArgument, "'", expr.ToString(), "' in ", clause,
                            " must be an aggregate expression or appear in GROUP BY clause");
        }
    }
    switch (expr.kind) {
        case sql::ExprKind::kLiteral: return MakeConstant(BindLiteral(expr.As<sql::LiteralExpr>()));
        case sql::ExprKind::kColumnRef: {
            const auto& parts = expr.As<sql::ColumnRefExpr>().parts;
            std::string name = AsciiLower(parts.back());
            std::string table = parts.size() >= 2 ? AsciiLower(parts[parts.size() - 2]) : "";
            int found = -1;
            for (size_t i = 0; i < scope.columns.size(); ++i) {
                const auto& column = scope.columns[i];
                if (AsciiLower(column.name) != name || (!table.empty() && AsciiLower(column.table) != table)) continue;
                if (found >= 0) {
                    ThrowQueryError(ErrorCode::kAmbiguousColumn, "Column '", parts.back(), "' in ", clause,
                                    " is ambiguous");
                }
                found = static_cast<int>(i);
            }
            if (found < 0) {
                std::string full;
                for (size_t i = 0; i < parts.size(); ++i) full += (i > 0 ? "." : "") + parts[i];
                ThrowQueryError(ErrorCode::kUnknownColumn, "Unknown column '", full, "' in '", clause, "'");
            }
            const auto& column = scope.columns[found];
            return MakeColumnRef(found, column.type, column.name);
        }
        case sql::ExprKind::kStar:
            ThrowQueryError(ErrorCode::kSyntaxError, "'*' is not allowed here ", DescribePosition(expr));
        case sql::ExprKind::kVariable: {
            const auto& variable = expr.As<sql::VariableExpr>();
            if (!variable.system) return MakeConstant(Value());  // user variables are not kept yet: NULL
            auto value = variables_(AsciiLower(variable.name));
            if (!value) ThrowQueryError(ErrorCode::kNotFound, "Unknown system variable '", variable.name, "'");
            return MakeConstant(*value);
        }
        case sql::ExprKind::kUnary: {
            const auto& unary = expr.As<sql::UnaryExpr>();
            std::vector<BoundExprPtr> arguments;
            arguments.push_back(BindExpression(*unary.operand, scope, clause));
            const char* name = unary.op == sql::UnaryOp::kNot ? "not" : unary.op == sql::UnaryOp::kNegate ? "negative" : "bitnot";
            return BindFunction(name, std::move(arguments), expr);
        }
        case sql::ExprKind::kBinary: {
            const auto& binary = expr.As<sql::BinaryExpr>();
            bool add = binary.op == sql::BinaryOp::kAdd, subtract = binary.op == sql::BinaryOp::kSubtract;
            if ((add || subtract) && binary.right->Is<sql::IntervalExpr>()) {
                const auto& interval = binary.right->As<sql::IntervalExpr>();
                std::vector<BoundExprPtr> arguments;
                arguments.push_back(BindExpression(*binary.left, scope, clause));
                arguments.push_back(BindExpression(*interval.value, scope, clause));
                return BindFunction(IntervalFunction(interval.unit, subtract), std::move(arguments), expr);
            }
            if (add && binary.left->Is<sql::IntervalExpr>()) {
                const auto& interval = binary.left->As<sql::IntervalExpr>();
                std::vector<BoundExprPtr> arguments;
                arguments.push_back(BindExpression(*binary.right, scope, clause));
                arguments.push_back(BindExpression(*interval.value, scope, clause));
                return BindFunction(IntervalFunction(interval.unit, false), std::move(arguments), expr);
            }
            if (binary.op == sql::BinaryOp::kOr || binary.op == sql::BinaryOp::kAnd) {
                // `a OR b OR c ...` parses as a left-deep chain up to kMaxExpressionHeight high;
                // binding it by recursion overflows the stack (sanitizer builds already at ~1000
                // levels), and so would every later walk. Walk the chain in a loop and bind it as
                // a balanced tree: OR and AND are associative, NULLs included.
                std::vector<const sql::Expr*> operands{binary.right.get()};
                const sql::Expr* left = binary.left.get();
                while (left->Is<sql::BinaryExpr>() && left->As<sql::BinaryExpr>().op == binary.op) {
                    operands.push_back(left->As<sql::BinaryExpr>().right.get());
                    left = left->As<sql::BinaryExpr>().left.get();
                }
                operands.push_back(left);
                std::vector<BoundExprPtr> terms;
                for (auto it = operands.rbegin(); it != operands.rend(); ++it) {
                    terms.push_back(BindExpression(**it, scope, clause));
                }
                while (terms.size() > 1) {
                    std::vector<BoundExprPtr> level;
                    for (size_t i = 0; i + 1 < terms.size(); i += 2) {
                        std::vector<BoundExprPtr> pair;
                        pair.push_back(std::move(terms[i]));
                        pair.push_back(std::move(terms[i + 1]));
                        level.push_back(BindFunction(FunctionForBinary(binary.op), std::move(pair), expr));
                    }
                    if (terms.size() % 2 == 1) level.push_back(std::move(terms.back()));
                    terms = std::move(level);
                }
                return std::move(terms.front());
            }
            std::vector<BoundExprPtr> arguments;
            arguments.push_back(BindExpression(*binary.left, scope, clause));
            arguments.push_back(BindExpression(*binary.right, scope, clause));
            return BindFunction(FunctionForBinary(binary.op), std::move(arguments), expr);
        }
        case sql::ExprKind::kIs: {
            const auto& is = expr.As<sql::IsExpr>();
            std::vector<BoundExprPtr> arguments;
            arguments.push_back(BindExpression(*is.operand, scope, clause));
            BoundExprPtr result;
            if (is.test == sql::IsTest::kNull || is.test == sql::IsTest::kUnknown) {
                result = BindFunction(is.negated ? "is_not_null" : "is_null", std::move(arguments), expr);
            } else {
                // x IS TRUE: never NULL; true only for true values.
                arguments.push_back(MakeConstant(Value::Boolean(is.test == sql::IsTest::kTrue)));
                result = BindFunction("eq_for_null", std::move(arguments), expr);
                if (is.negated) {
                    std::vector<BoundExprPtr> negated;
                    negated.push_back(std::move(result));
                    result = BindFunction("not", std::move(negated), expr);
                }
            }
            return result;
        }
        case sql::ExprKind::kBetween: {
            const auto& between = expr.As<sql::BetweenExpr>();
            std::vector<BoundExprPtr> low, high;
            low.push_back(BindExpression(*between.operand, scope, clause));
            low.push_back(BindExpression(*between.low, scope, clause));
            high.push_back(BindExpression(*between.operand, scope, clause));
            high.push_back(BindExpression(*between.high, scope, clause));
            std::vector<BoundExprPtr> both;
            both.push_back(BindFunction(between.negated ? "lt" : "ge", std::move(low), expr));
            both.push_back(BindFunction(between.negated ? "gt" : "le", std::move(high), expr));
            return BindFunction(between.negated ? "or" : "and", std::move(both), expr);
        }
        case sql::ExprKind::kIn: {
            const auto& in = expr.As<sql::InExpr>();
            if (in.subquery) {
                ThrowQueryError(ErrorCode::kNotSupported, "IN (subquery) is supported as a condition of WHERE (alone or AND-ed) ",
                                DescribePosition(expr));
            }
            // x IN (a, b) == (x = a) OR (x = b): NULL semantics follow from OR's. The ORs form a
            // balanced tree: a left-deep chain as high as a list of thousands of values overflows
            // the stack of every recursive walk (the evaluator's included).
            std::vector<BoundExprPtr> terms;
            for (const auto& item : in.list) {
                std::vector<BoundExprPtr> pair;
                pair.push_back(BindExpression(*in.operand, scope, clause));
                pair.push_back(BindExpression(*item, scope, clause));
                terms.push_back(BindFunction("eq", std::move(pair), expr));
            }
            while (terms.size() > 1) {
                std::vector<BoundExprPtr> level;
                for (size_t i = 0; i + 1 < terms.size(); i += 2) {
                    std::vector<BoundExprPtr> either;
                    either.push_back(std::move(terms[i]));
                    either.push_back(std::move(terms[i + 1]));
                    level.push_back(BindFunction("or", std::move(either), expr));
                }
                if (terms.size() % 2 == 1) level.push_back(std::move(terms.back()));
                terms = std::move(level);
            }
            BoundExprPtr result = std::move(terms.front());
            if (in.negated) {
                std::vector<BoundExprPtr> negated;
                negated.push_back(std::move(result));
                result = BindFunction("not", std::move(negated), expr);
            }
            return result;
        }
        case sql::ExprKind::kFunctionCall: {
            const auto& call = expr.As<sql::FunctionCallExpr>();
            if (call.over) return BindWindowCall(call, scope, clause);  // window_binder.cc
            bool is_aggregate = aggregate_resolver_.is_aggregate && aggregate_resolver_.is_aggregate(AsciiLower(call.function_name()));
            if (is_aggregate || call.star || call.distinct) {
                ThrowQueryError(ErrorCode::kInvalidArgument, "aggregate function '", call.function_name(),
                                "' is not allowed in ", clause, " ", DescribePosition(expr));
            }
            std::string name = AsciiLower(call.function_name());
            if (call.args.empty() && call.name.size() == 1 && session_functions_) {
                if (std::optional<Value> value = session_functions_(name)) return MakeConstant(*value);
            }
            std::vector<BoundExprPtr> arguments;
            for (const auto& argument : call.args) {
                if (name == "time_slice" && arguments.size() >= 2 && argument->Is<sql::ColumnRefExpr>() &&
                    argument->As<sql::ColumnRefExpr>().parts.size() == 1) {
                    // time_slice(dt, INTERVAL n unit, FLOOR | CEIL): the last argument is a bare word.
                    arguments.push_back(MakeConstant(Value::Varchar(AsciiLower(argument->As<sql::ColumnRefExpr>().parts[0]))));
                    continue;
                }
                if (!argument->Is<sql::IntervalExpr>()) {
                    arguments.push_back(BindExpression(*argument, scope, clause));
                    continue;
                }
                const auto& interval = argument->As<sql::IntervalExpr>();
                bool subtract = name == "date_sub" || name == "subdate";
                if (call.args.size() == 2 && arguments.size() == 1 &&
                    (subtract || name == "date_add" || name == "adddate")) {
                    // date_add(d, INTERVAL n unit) is d + INTERVAL n unit.
                    arguments.push_back(BindExpression(*interval.value, scope, clause));
                    return BindFunction(IntervalFunction(interval.unit, subtract), std::move(arguments), expr);
                }
                // Elsewhere (time_slice) an interval is passed on as two arguments: n, 'unit'.
                arguments.push_back(BindExpression(*interval.value, scope, clause));
                arguments.push_back(MakeConstant(Value::Varchar(AsciiLower(interval.unit))));
            }
            std::optional<LogicalType> refined = RefinedResultType(name, arguments);
            BoundExprPtr bound = BindFunction(name, std::move(arguments), expr);
            return refined ? CastOrThrow(std::move(bound), *refined) : std::move(bound);
        }
        case sql::ExprKind::kCase: {
            const auto& case_expr = expr.As<sql::CaseExpr>();
            std::vector<BoundExprPtr> whens, thens;
            for (const auto& clause_item : case_expr.when_clauses) {
                BoundExprPtr condition = BindExpression(*clause_item.condition, scope, clause);
                if (case_expr.operand) {
                    std::vector<BoundExprPtr> pair;
                    pair.push_back(BindExpression(*case_expr.operand, scope, clause));
                    pair.push_back(std::move(condition));
                    condition = BindFunction("eq", std::move(pair), expr);
                }
                whens.push_back(std::move(condition));
                thens.push_back(BindExpression(*clause_item.result, scope, clause));
            }
            BoundExprPtr otherwise = case_expr.else_result ? BindExpression(*case_expr.else_result, scope, clause)
                                                           : MakeConstant(Value());
            return BindCase(std::move(whens), std::move(thens), std::move(otherwise), expr);
        }
        case sql::ExprKind::kCast: {
            const auto& cast = expr.As<sql::CastExpr>();
            BoundExprPtr operand = BindExpression(*cast.operand, scope, clause);
            if (cast.type.name.empty()) return operand;  // CONVERT(x USING charset): bytes unchanged
            LogicalType target = BindTypeName(cast.type);
            if (operand->type.IsString() && target.IsString()) return operand;
            return CastOrThrow(std::move(operand), target);
        }
        case sql::ExprKind::kInterval:
            ThrowQueryError(ErrorCode::kSyntaxError, "INTERVAL is only allowed added to or subtracted from a date ",
                            DescribePosition(expr));
        case sql::ExprKind::kSubquery: {
            const auto& subquery = expr.As<sql::SubqueryExpr>();
            if (subquery.subquery_kind == sql::SubqueryKind::kExists) {
                ThrowQueryError(ErrorCode::kNotSupported, "EXISTS is supported as a condition of WHERE (alone or AND-ed) ",
                                DescribePosition(expr));
            }
            return BindScalarSubquery(*subquery.query, scope, expr);
        }
        case sql::ExprKind::kParameter: {
            if (parameters_ == nullptr) {
                ThrowQueryError(ErrorCode::kNotSupported, "'?' parameters need a prepared statement ",
                                DescribePosition(expr));
            }
            auto index = static_cast<size_t>(expr.As<sql::ParameterExpr>().index);
            if (index >= parameters_->size()) {
                ThrowQueryError(ErrorCode::kWrongArguments, "no value for parameter ", index + 1, " ",
                                DescribePosition(expr));
            }
            return MakeConstant((*parameters_)[index]);
        }
        case sql::ExprKind::kDefault:
        case sql::ExprKind::kArray:
        case sql::ExprKind::kSubscript:
            ThrowQueryError(ErrorCode::kNotSupported, "expression '", expr.ToString(), "' is not supported yet ",
                            DescribePosition(expr));
    }
    ThrowQueryError(ErrorCode::kInternal, "unknown expression kind");
}

BoundExprPtr Binder::BindFunction(const std::string& name, std::vector<BoundExprPtr> arguments, const sql::Expr& at) {
    bool handled = false;
    BoundExprPtr special = BindSpecialFunction(name, arguments, at, handled);
    if (handled) return special;
    std::vector<LogicalType> types;
    for (const auto& argument : arguments) types.push_back(argument->type);
    auto bound = registry_.BindScalar(name, types);
    if (!bound.ok()) ThrowQueryError(bound.status().code(), bound.status().message(), " ", DescribePosition(at));
    auto expr = std::make_unique<BoundExpression>();
    expr->kind = BoundExprKind::kFunction;
    expr->type = bound->return_type;
    for (size_t i = 0; i < arguments.size(); ++i) {
        expr->children.push_back(CastOrThrow(std::move(arguments[i]), bound->argument_types[i]));
    }
    expr->function = std::move(bound).value();
    return expr;
}

BoundExprPtr Binder::BindCase(std::vector<BoundExprPtr> whens, std::vector<BoundExprPtr> thens, BoundExprPtr otherwise,
                              const sql::Expr& at) {
    LogicalType type = otherwise->type;
    for (const auto& then : thens) {
        auto common = CommonSuperType(type, then->type);
        if (!common) {
            ThrowQueryError(ErrorCode::kTypeMismatch, "CASE branches of types ", type.ToString(), " and ",
                            then->type.ToString(), " have no common type ", DescribePosition(at));
        }
        type = *common;
    }
    auto expr = std::make_unique<BoundExpression>();
    expr->kind = BoundExprKind::kCase;
    expr->type = type;
    for (size_t i = 0; i < whens.size(); ++i) {
        expr->children.push_back(CastOrThrow(std::move(whens[i]), LogicalType::Boolean()));
        expr->children.push_back(CastOrThrow(std::move(thens[i]), type));
    }
    expr->children.push_back(CastOrThrow(std::move(otherwise), type));
    return expr;
}

// Conditional functions that are CASE underneath: if, ifnull, nvl, coalesce, nullif.
BoundExprPtr Binder::BindSpecialFunction(const std::string& name, std::vector<BoundExprPtr>& arguments,
                                         const sql::Expr& at, bool& handled) {
    handled = true;
    auto arity = [&](size_t min, size_t max) {
        if (arguments.size() < min || arguments.size() > max) {
            std::vector<LogicalType> types;
            for (const auto& argument : arguments) types.push_back(argument->type);
            ThrowQueryError(ErrorCode::kWrongArguments, functions::NoMatchingOverload(name, types).message(), " ",
                            DescribePosition(at));
        }
    };
    auto is_not_null = [&](const BoundExprPtr& value) {
        std::vector<BoundExprPtr> argument;
        argument.push_back(value->Clone());
        return BindFunction("is_not_null", std::move(argument), at);
    };
    if (name == "if") {
        arity(3, 3);
        std::vector<BoundExprPtr> whens, thens;
        whens.push_back(std::move(arguments[0]));
        thens.push_back(std::move(arguments[1]));
        return BindCase(std::move(whens), std::move(thens), std::move(arguments[2]), at);
    }
    if (name == "ifnull" || name == "nvl" || name == "coalesce") {
        arity(name == "coalesce" ? 1 : 2, name == "coalesce" ? 1000 : 2);
        std::vector<BoundExprPtr> whens, thens;
        for (size_t i = 0; i + 1 < arguments.size(); ++i) {
            whens.push_back(is_not_null(arguments[i]));
            thens.push_back(std::move(arguments[i]));
        }
        return BindCase(std::move(whens), std::move(thens), std::move(arguments.back()), at);
    }
    if (name == "nullif") {
        arity(2, 2);
        std::vector<BoundExprPtr> pair;
        pair.push_back(arguments[0]->Clone());
        pair.push_back(std::move(arguments[1]));
        std::vector<BoundExprPtr> whens, thens;
        whens.push_back(BindFunction("eq", std::move(pair), at));
        thens.push_back(MakeConstant(Value::Null(arguments[0]->type)));
        return BindCase(std::move(whens), std::move(thens), std::move(arguments[0]), at);
    }
    handled = false;
    return nullptr;
}

LogicalType Binder::BindTypeName(const sql::TypeName& type_name) {
    std::string name = AsciiLower(type_name.name);
    auto param = [&](size_t i, int fallback) {
        return i < type_name.params.size() ? std::atoi(type_name.params[i].c_str()) : fallback;
    };
    if (name == "boolean" || name == "bool") return LogicalType::Boolean();
    if (name == "tinyint") return LogicalType::TinyInt();
    if (name == "smallint") return LogicalType::SmallInt();
    if (name == "int" || name == "integer" || name == "mediumint") return LogicalType::Int();
    if (name == "bigint" || name == "signed" || name == "unsigned") return LogicalType::BigInt();
    if (name == "largeint") return LogicalType::LargeInt();
    if (name == "float") return LogicalType::Float();
    if (name == "double" || name == "real") return LogicalType::Double();
    if (name == "decimal" || name == "decimalv2" || name == "decimalv3" || name == "numeric" || name == "decimal32" ||
        name == "decimal64" || name == "decimal128") {
        int precision = param(0, 10), scale = param(1, 0);
        if (precision < 1 || precision > kMaxDecimalPrecision || scale < 0 || scale > precision) {
            ThrowQueryError(ErrorCode::kInvalidArgument, "Invalid DECIMAL(", precision, ",", scale,
                            "): precision must be 1..38 and scale 0..precision");
        }
        return LogicalType::Decimal(precision, scale);
    }
    if (name == "date") return LogicalType::Date();
    if (name == "datetime" || name == "timestamp") return LogicalType::DateTime();
    if (name == "char" || name == "varchar") return LogicalType::Varchar(param(0, kDefaultVarcharLength));
    if (name == "string" || name == "text") return LogicalType::Varchar();
    if (name == "varbinary" || name == "binary") return LogicalType::Varbinary();
    if (name == "bitmap") return LogicalType::Bitmap();
    if (name == "hll") return LogicalType::Hll();
    if (name == "json") return LogicalType::Json();
    if (name == "array" && type_name.children.size() == 1) return LogicalType::Array(BindTypeName(type_name.children[0]));
    ThrowQueryError(ErrorCode::kNotSupported, "Unsupported type '", type_name.ToString(), "'");
}

}  // namespace flashlake::planner
