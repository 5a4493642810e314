#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/check.h"
#include "sql/parser/ast_node.h"

// Expression nodes of the AST. Literals and type names stay textual: the binder maps them to
// logical types and values, so the parser does not depend on types/ or column/.
//
// Walking an expression: switch on `expr.kind` and take the concrete node with `expr.As<T>()`
// (checked), or visit the direct children generically with VisitChildren:
//
//     switch (expr.kind) {
//         case ExprKind::kBinary: {
//             const auto& binary = expr.As<BinaryExpr>();
//             Bind(*binary.left); Bind(*binary.right); ...
//         }
//         ...
//     }

namespace flashlake::sql {

enum class ExprKind : uint8_t {
    kLiteral,
    kColumnRef,
    kStar,
    kParameter,
    kVariable,
    kDefault,
    kUnary,
    kBinary,
    kIs,
    kBetween,
    kIn,
    kFunctionCall,
    kCase,
    kCast,
    kInterval,
    kSubquery,
    kArray,
    kSubscript,
};

// Base of all expression nodes. Equality (Equals, or == on ExprPtr) is structural and ignores
// positions; Clone copies the whole subtree.
struct Expr : AstNode {
    const ExprKind kind;

    virtual ~Expr() = default;
    virtual std::unique_ptr<Expr> Clone() const = 0;
    virtual bool Equals(const Expr& other) const = 0;

    // SQL text for the expression, re-parseable to an equal tree: keywords in upper case,
    // identifiers backquoted when needed, parentheses only where precedence requires them.
    std::string ToString() const;

    template <typename T>
    bool Is() const {
        return kind == T::kKind;
    }
    template <typename T>
    T& As() {
        FL_CHECK(kind == T::kKind, "expression node of kind ", static_cast<int>(kind), " is not the one asked for");
        return static_cast<T&>(*this);
    }
    template <typename T>
    const T& As() const {
        FL_CHECK(kind == T::kKind, "expression node of kind ", static_cast<int>(kind), " is not the one asked for");
        return static_cast<const T&>(*this);
    }

protected:
    explicit Expr(ExprKind k) : kind(k) {}
    Expr(const Expr&) = default;
};

// Gives a concrete node its kind, Clone and Equals from the defaulted copy constructor and
// operator== of Derived (which compare every field; AstPtr members compare deeply).
template <typename Derived, ExprKind K>
struct ExprNode : Expr {
    static constexpr ExprKind kKind = K;
    ExprNode() : Expr(K) {}
    std::unique_ptr<Expr> Clone() const final { return std::make_unique<Derived>(static_cast<const Derived&>(*this)); }
    bool Equals(const Expr& other) const final {
        return other.kind == K && static_cast<const Derived&>(*this) == static_cast<const Derived&>(other);
    }
    bool operator==(const ExprNode&) const { return true; }  // kind is K on both sides
};

// A type as written: `INT`, `DECIMAL(10, 2)`, `VARCHAR(255)`, `ARRAY<INT>`, `MAP<VARCHAR, INT>`,
// `STRUCT<a INT, b VARCHAR(10)>`. The name is upper-cased; params are the integer arguments as
// written; children the element types (field_names parallel to children for STRUCT).
struct TypeName : AstNode {
    std::string name;
    std::vector<std::string> params;
    std::vector<TypeName> children;
    std::vector<std::string> field_names;

    std::string ToString() const;
    bool operator==(const TypeName&) const = default;
};

enum class NullsOrder : uint8_t { kDefault, kFirst, kLast };

struct OrderByItem {
    ExprPtr expr;
    bool ascending = true;
    NullsOrder nulls = NullsOrder::kDefault;
    bool operator==(const OrderByItem&) const = default;
};

enum class LiteralKind : uint8_t {
    kNull,
    kBoolean,    // text "TRUE" or "FALSE"
    kInteger,    // decimal digits, possibly with a leading '-'
    kDecimal,    // digits with a '.', e.g. "1.50", "-.5"
    kFloat,      // with an exponent, e.g. "1e10"
    kString,     // the unescaped bytes
    kHexNumber,  // "0x1F"
    kHexString,  // the hex digits of X'1F', i.e. "1F"
    kDate,       // DATE '2024-01-01': text is the string
    kDatetime,   // DATETIME '...' or TIMESTAMP '...': text is the string
};

// A constant. Numbers keep their spelling (a negated number literal folds its sign into the text,
// so -9223372036854775808 is one literal); the binder picks the type.
struct LiteralExpr : ExprNode<LiteralExpr, ExprKind::kLiteral> {
    LiteralKind literal_kind = LiteralKind::kNull;
    std::string text;
    bool operator==(const LiteralExpr&) const = default;
};

// A column reference: 1 to 4 name parts (`c`, `t.c`, `db.t.c`, `catalog.db.t.c`).
struct ColumnRefExpr : ExprNode<ColumnRefExpr, ExprKind::kColumnRef> {
    std::vector<std::string> parts;
    bool operator==(const ColumnRefExpr&) const = default;
};

// `*` or a qualified star `t.*` (qualifier holds the name parts before `.*`).
struct StarExpr : ExprNode<StarExpr, ExprKind::kStar> {
    std::vector<std::string> qualifier;
    bool operator==(const StarExpr&) const = default;
};

// A `?` placeholder of a prepared statement; index counts from 0 in text order per statement.
struct ParameterExpr : ExprNode<ParameterExpr, ExprKind::kParameter> {
    int index = 0;
    bool operator==(const ParameterExpr&) const = default;
};

enum class VariableScope : uint8_t { kDefault, kGlobal, kSession };

// @user_variable, or @@system_variable with an optional scope (@@global.x, @@session.x, @@local.x).
struct VariableExpr : ExprNode<VariableExpr, ExprKind::kVariable> {
    bool system = false;
    VariableScope scope = VariableScope::kDefault;
    std::string name;
    bool operator==(const VariableExpr&) const = default;
};

// The DEFAULT keyword where a value may be defaulted (INSERT ... VALUES, SET var = DEFAULT).
struct DefaultExpr : ExprNode<DefaultExpr, ExprKind::kDefault> {
    bool operator==(const DefaultExpr&) const = default;
};

// NOT and `!` are both kNot (they differ only in precedence, which the tree shape records).
enum class UnaryOp : uint8_t { kNot, kNegate, kBitNot };

struct UnaryExpr : ExprNode<UnaryExpr, ExprKind::kUnary> {
    UnaryOp op = UnaryOp::kNot;
    ExprPtr operand;
    bool operator==(const UnaryExpr&) const = default;
};

enum class BinaryOp : uint8_t {
    kOr,  // OR, ||
    kXor,
    kAnd,  // AND, &&
    kEq,
    kNullSafeEq,  // <=>
    kNotEq,       // != <>
    kLess,
    kLessEq,
    kGreater,
    kGreaterEq,
    kLike,
    kNotLike,
    kRegexp,  // REGEXP, RLIKE
    kNotRegexp,
    kBitOr,
    kBitAnd,
    kShiftLeft,
    kShiftRight,
    kAdd,
    kSubtract,
    kMultiply,
    kDivide,     // /
    kIntDivide,  // DIV
    kModulo,     // % MOD
    kBitXor,     // ^
    kJsonArrow,  // json -> 'path'
};

struct BinaryExpr : ExprNode<BinaryExpr, ExprKind::kBinary> {
    BinaryOp op = BinaryOp::kEq;
    ExprPtr left;
    ExprPtr right;
    bool operator==(const BinaryExpr&) const = default;
};

enum class IsTest : uint8_t { kNull, kTrue, kFalse, kUnknown };

// `x IS [NOT] NULL | TRUE | FALSE | UNKNOWN`.
struct IsExpr : ExprNode<IsExpr, ExprKind::kIs> {
    ExprPtr operand;
    IsTest test = IsTest::kNull;
    bool negated = false;
    bool operator==(const IsExpr&) const = default;
};

struct BetweenExpr : ExprNode<BetweenExpr, ExprKind::kBetween> {
    ExprPtr operand;
    ExprPtr low;
    ExprPtr high;
    bool negated = false;
    bool operator==(const BetweenExpr&) const = default;
};

// `x [NOT] IN (a, b, ...)` (list) or `x [NOT] IN (SELECT ...)` (subquery set, list empty).
struct InExpr : ExprNode<InExpr, ExprKind::kIn> {
    ExprPtr operand;
    std::vector<ExprPtr> list;
    QueryPtr subquery;
    bool negated = false;
    bool operator==(const InExpr&) const = default;
};

enum class FrameUnit : uint8_t { kRows, kRange };
enum class FrameBoundKind : uint8_t { kUnboundedPreceding, kPreceding, kCurrentRow, kFollowing, kUnboundedFollowing };

struct FrameBound {
    FrameBoundKind kind = FrameBoundKind::kCurrentRow;
    ExprPtr offset;  // for kPreceding / kFollowing
    bool operator==(const FrameBound&) const = default;
};

// ROWS|RANGE start, or ROWS|RANGE BETWEEN start AND end (has_end).
struct WindowFrame {
    FrameUnit unit = FrameUnit::kRows;
    FrameBound start;
    FrameBound end;
    bool has_end = false;
    bool operator==(const WindowFrame&) const = default;
};

// OVER ([PARTITION BY ...] [ORDER BY ...] [frame]).
struct WindowSpec {
    std::vector<ExprPtr> partition_by;
    std::vector<OrderByItem> order_by;
    std::optional<WindowFrame> frame;
    bool operator==(const WindowSpec&) const = default;
};

// A call `name(args)`: scalar, aggregate or window function; the binder tells which. The name is
// as written (the binder matches case-insensitively) and may be qualified (`db.fn(x)`).
// `count(*)` has star set and no args. Keyword forms map to calls: EXTRACT(YEAR FROM x) is
// year(x), SUBSTRING(s FROM a FOR b) is substring(s, a, b), CURRENT_DATE is current_date().
struct FunctionCallExpr : ExprNode<FunctionCallExpr, ExprKind::kFunctionCall> {
    std::vector<std::string> name;
    std::vector<ExprPtr> args;
    bool distinct = false;
    bool star = false;
    std::vector<OrderByItem> order_by;  // aggregate ORDER BY, e.g. group_concat(x ORDER BY y)
    ExprPtr separator;                  // group_concat(... SEPARATOR ',')
    std::optional<WindowSpec> over;
    bool operator==(const FunctionCallExpr&) const = default;

    // The last name part (the function's own name).
    const std::string& function_name() const { return name.back(); }
};

struct WhenClause {
    ExprPtr condition;  // for a simple CASE: the value compared with the operand
    ExprPtr result;
    bool operator==(const WhenClause&) const = default;
};

// CASE [operand] WHEN .. THEN .. [ELSE ..] END. Without an operand it is a searched CASE.
struct CaseExpr : ExprNode<CaseExpr, ExprKind::kCase> {
    ExprPtr operand;
    std::vector<WhenClause> when_clauses;
    ExprPtr else_result;
    bool operator==(const CaseExpr&) const = default;
};

// CAST(x AS type) and CONVERT(x, type); CONVERT(x USING charset) has an empty type name and the
// charset set.
struct CastExpr : ExprNode<CastExpr, ExprKind::kCast> {
    ExprPtr operand;
    TypeName type;
    std::string charset;
    bool operator==(const CastExpr&) const = default;
};

// INTERVAL value unit, e.g. `INTERVAL 1 DAY`; unit upper-cased (YEAR, QUARTER, MONTH, WEEK, DAY,
// HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND).
struct IntervalExpr : ExprNode<IntervalExpr, ExprKind::kInterval> {
    ExprPtr value;
    std::string unit;
    bool operator==(const IntervalExpr&) const = default;
};

enum class SubqueryKind : uint8_t { kScalar, kExists };

// (SELECT ...) as a value, or EXISTS (SELECT ...).
struct SubqueryExpr : ExprNode<SubqueryExpr, ExprKind::kSubquery> {
    SubqueryKind subquery_kind = SubqueryKind::kScalar;
    QueryPtr query;
    bool operator==(const SubqueryExpr&) const = default;
};

// [a, b, c], optionally typed: ARRAY<INT>[1, 2].
struct ArrayExpr : ExprNode<ArrayExpr, ExprKind::kArray> {
    std::optional<TypeName> type;
    std::vector<ExprPtr> elements;
    bool operator==(const ArrayExpr&) const = default;
};

// base[index]: array element or map value.
struct SubscriptExpr : ExprNode<SubscriptExpr, ExprKind::kSubscript> {
    ExprPtr base;
    ExprPtr index;
    bool operator==(const SubscriptExpr&) const = default;
};

// Calls fn on each direct child expression, in text order. Subqueries are separate scopes and are
// not entered (their expressions are not children).
void VisitChildren(const Expr& expr, const std::function<void(const Expr&)>& fn);
void VisitChildren(Expr& expr, const std::function<void(Expr&)>& fn);

// Operator spellings as unparsed ("AND", "<=", "DIV", ...).
std::string_view BinaryOpText(BinaryOp op);
std::string_view UnaryOpText(UnaryOp op);

}  // namespace flashlake::sql
