// Expressions: precedence climbing over the binary operators (precedence.h), recursive descent for
// prefix operators, postfix forms and primaries. Calls and keyword forms are in grammar_call.cc.

#include <algorithm>
#include <cctype>

#include "sql/parser/grammar.h"
#include "sql/parser/precedence.h"

namespace flashlake::sql {

namespace {

struct InfixOperator {
    int precedence = 0;  // 0: the token is not an infix operator
    BinaryOp op = BinaryOp::kEq;
    bool predicate = false;  // IS, [NOT] BETWEEN / IN / LIKE / REGEXP: parsed by ParsePredicateSuffix
};

bool StartsNegatedPredicate(const Token& token) {
    return token.Is(Keyword::kBETWEEN) || token.Is(Keyword::kIN) || token.Is(Keyword::kLIKE) ||
           token.Is(Keyword::kREGEXP) || token.Is(Keyword::kRLIKE);
}

InfixOperator InfixAt(const Token& token, const Token& next) {
    using namespace precedence;
    switch (token.kind) {
        case TokenKind::kDoublePipe:
            return {kOr, BinaryOp::kOr};
        case TokenKind::kDoubleAmp:
            return {kAnd, BinaryOp::kAnd};
        case TokenKind::kEq:
            return {kComparison, BinaryOp::kEq};
        case TokenKind::kNullSafeEq:
            return {kComparison, BinaryOp::kNullSafeEq};
        case TokenKind::kNotEq:
            return {kComparison, BinaryOp::kNotEq};
        case TokenKind::kLess:
            return {kComparison, BinaryOp::kLess};
        case TokenKind::kLessEq:
            return {kComparison, BinaryOp::kLessEq};
        case TokenKind::kGreater:
            return {kComparison, BinaryOp::kGreater};
        case TokenKind::kGreaterEq:
            return {kComparison, BinaryOp::kGreaterEq};
        case TokenKind::kPipe:
            return {kBitOr, BinaryOp::kBitOr};
        case TokenKind::kAmp:
            return {kBitAnd, BinaryOp::kBitAnd};
        case TokenKind::kShiftLeft:
            return {kShift, BinaryOp::kShiftLeft};
        case TokenKind::kShiftRight:
            return {kShift, BinaryOp::kShiftRight};
        case TokenKind::kPlus:
            return {kAdditive, BinaryOp::kAdd};
        case TokenKind::kMinus:
            return {kAdditive, BinaryOp::kSubtract};
        case TokenKind::kStar:
            return {kMultiplicative, BinaryOp::kMultiply};
        case TokenKind::kSlash:
            return {kMultiplicative, BinaryOp::kDivide};
        case TokenKind::kPercent:
            return {kMultiplicative, BinaryOp::kModulo};
        case TokenKind::kCaret:
            return {kBitXor, BinaryOp::kBitXor};
        case TokenKind::kWord:
            break;
        default:
            return {};
    }
    switch (token.keyword) {
        case Keyword::kOR:
            return {kOr, BinaryOp::kOr};
        case Keyword::kXOR:
            return {kXor, BinaryOp::kXor};
        case Keyword::kAND:
            return {kAnd, BinaryOp::kAnd};
        case Keyword::kDIV:
            return {kMultiplicative, BinaryOp::kIntDivide};
        case Keyword::kMOD:
            return {kMultiplicative, BinaryOp::kModulo};
        case Keyword::kIS:
        case Keyword::kBETWEEN:
        case Keyword::kIN:
        case Keyword::kLIKE:
        case Keyword::kREGEXP:
        case Keyword::kRLIKE:
            return {kComparison, BinaryOp::kEq, true};
        case Keyword::kNOT:
            if (StartsNegatedPredicate(next)) return {kComparison, BinaryOp::kEq, true};
            return {};
        default:
            return {};
    }
}

std::string Upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

LiteralKind LiteralKindOf(TokenKind kind) {
    switch (kind) {
        case TokenKind::kInteger:
            return LiteralKind::kInteger;
        case TokenKind::kDecimal:
            return LiteralKind::kDecimal;
        case TokenKind::kFloat:
            return LiteralKind::kFloat;
        case TokenKind::kHexNumber:
            return LiteralKind::kHexNumber;
        case TokenKind::kHexString:
            return LiteralKind::kHexString;
        default:
            return LiteralKind::kString;
    }
}

bool IsNumericLiteral(const Expr& expr) {
    if (!expr.Is<LiteralExpr>()) return false;
    LiteralKind kind = expr.As<LiteralExpr>().literal_kind;
    return kind == LiteralKind::kInteger || kind == LiteralKind::kDecimal || kind == LiteralKind::kFloat;
}

}  // namespace

ExprPtr Grammar::ParseExpr() {
    return ParseBinary(0);
}

// Tree height bookkeeping: left-deep operator chains (a + b + c ...) are built by the loop below
// without recursion, so the nesting guard does not see them; their height is tracked instead.
// subtree_height_ holds, on return, the height of the tallest expression parsed since the caller
// reset it, which is how operands report their height up.
ExprPtr Grammar::ParseBinary(int min_precedence, ExprPtr first) {
    DepthGuard guard(*this);
    int outer_height = subtree_height_;
    subtree_height_ = 0;
    Position start = first ? first->position : Peek().position;
    ExprPtr left;
    if (first) {
        left = ParsePostfix(std::move(first));
    } else if (PeekIs(Keyword::kNOT)) {
        Advance();
        auto negation = NewNode<UnaryExpr>(start);
        negation->op = UnaryOp::kNot;
        negation->operand = ParseBinary(precedence::kNot);
        left = std::move(negation);
    } else {
        left = ParseUnary();
    }
    int height = subtree_height_ + 1;
    while (true) {
        InfixOperator infix = InfixAt(Peek(), Peek(1));
        if (infix.precedence == 0 || infix.precedence < min_precedence) break;
        subtree_height_ = 0;
        if (infix.predicate) {
            left = ParsePredicateSuffix(std::move(left), start);
        } else {
            Advance();
            auto binary = NewNode<BinaryExpr>(start);
            binary->op = infix.op;
            binary->left = std::move(left);
            binary->right = ParseBinary(infix.precedence + 1);
            left = std::move(binary);
        }
        height = std::max(height, subtree_height_) + 1;
        if (height > kMaxExpressionHeight) {
            Fail("expression too complex (more than " + std::to_string(kMaxExpressionHeight) + " nested operators)");
        }
    }
    subtree_height_ = std::max(outer_height, height);
    return left;
}

ExprPtr Grammar::ParsePredicateSuffix(ExprPtr left, Position position) {
    if (Match(Keyword::kIS)) {
        auto is = NewNode<IsExpr>(position);
        is->operand = std::move(left);
        is->negated = Match(Keyword::kNOT);
        if (Match(Keyword::kNULL)) {
            is->test = IsTest::kNull;
        } else if (Match(Keyword::kTRUE)) {
            is->test = IsTest::kTrue;
        } else if (Match(Keyword::kFALSE)) {
            is->test = IsTest::kFalse;
        } else if (Match(Keyword::kUNKNOWN)) {
            is->test = IsTest::kUnknown;
        } else {
            FailExpected("NULL, TRUE, FALSE or UNKNOWN after IS");
        }
        return is;
    }
    bool negated = Match(Keyword::kNOT);
    if (Match(Keyword::kBETWEEN)) {
        auto between = NewNode<BetweenExpr>(position);
        between->operand = std::move(left);
        between->negated = negated;
        between->low = ParseBinary(precedence::kBitOr);
        Expect(Keyword::kAND);
        between->high = ParseBinary(precedence::kBitOr);
        return between;
    }
    if (Match(Keyword::kIN)) {
        auto in = NewNode<InExpr>(position);
        in->operand = std::move(left);
        in->negated = negated;
        Expect(TokenKind::kLeftParen, "'(' after IN");
        if (PeekQueryStart()) {
            Position query_position = Peek().position;
            QueryPtr query = ParseQuery();
            if (Match(TokenKind::kRightParen)) {
                in->subquery = std::move(query);
                return in;
            }
            // `x IN ((SELECT 1), 2)`: the parenthesized query was the first list element.
            auto first = NewNode<SubqueryExpr>(query_position);
            first->query = std::move(query);
            in->list.push_back(ParseBinary(0, std::move(first)));
            if (Match(TokenKind::kComma)) {
                for (ExprPtr& item : ParseExprList()) in->list.push_back(std::move(item));
            }
        } else {
            in->list = ParseExprList();
        }
        Expect(TokenKind::kRightParen, "')'");
        return in;
    }
    BinaryOp op;
    if (Match(Keyword::kLIKE)) {
        op = negated ? BinaryOp::kNotLike : BinaryOp::kLike;
    } else if (Match(Keyword::kREGEXP) || Match(Keyword::kRLIKE)) {
        op = negated ? BinaryOp::kNotRegexp : BinaryOp::kRegexp;
    } else {
        FailExpected("BETWEEN, IN, LIKE or REGEXP after NOT");
    }
    auto binary = NewNode<BinaryExpr>(position);
    binary->op = op;
    binary->left = std::move(left);
    binary->right = ParseBinary(precedence::kBitOr);
    return binary;
}

ExprPtr Grammar::ParseUnary() {
    const Token& token = Peek();
    Position position = token.position;
    UnaryOp op;
    switch (token.kind) {
        case TokenKind::kMinus:
            op = UnaryOp::kNegate;
            break;
        case TokenKind::kTilde:
            op = UnaryOp::kBitNot;
            break;
        case TokenKind::kBang:
            op = UnaryOp::kNot;
            break;
        case TokenKind::kPlus: {
            DepthGuard guard(*this);
            Advance();
            return ParseUnary();  // unary plus does nothing, as in MySQL
        }
        default:
            return ParsePostfix(ParsePrimary());
    }
    DepthGuard guard(*this);
    Advance();
    ExprPtr operand = ParseUnary();
    if (op == UnaryOp::kNegate && IsNumericLiteral(*operand)) {
        // Fold the sign into the literal so that -9223372036854775808 is one BIGINT literal.
        auto& literal = operand->As<LiteralExpr>();
        literal.text = literal.text.starts_with('-') ? literal.text.substr(1) : "-" + literal.text;
        literal.position = position;
        return operand;
    }
    auto unary = NewNode<UnaryExpr>(position);
    unary->op = op;
    unary->operand = std::move(operand);
    return unary;
}

ExprPtr Grammar::ParsePostfix(ExprPtr expr) {
    while (true) {
        if (PeekIs(TokenKind::kLeftBracket)) {
            Advance();
            auto subscript = NewNode<SubscriptExpr>(expr->position);
            subscript->base = std::move(expr);
            subscript->index = ParseExpr();
            Expect(TokenKind::kRightBracket, "']'");
            expr = std::move(subscript);
        } else if (PeekIs(TokenKind::kArrow)) {
            Advance();
            auto arrow = NewNode<BinaryExpr>(expr->position);
            arrow->op = BinaryOp::kJsonArrow;
            arrow->left = std::move(expr);
            arrow->right = ParsePrimary();
            expr = std::move(arrow);
        } else if (Match(Keyword::kCOLLATE)) {
            ParseIdentifierOrString("collation name");  // collations are accepted and ignored
        } else {
            return expr;
        }
    }
}

bool Grammar::PeekTypedLiteral() const {
    return (PeekIs(Keyword::kDATE) || PeekIs(Keyword::kDATETIME) || PeekIs(Keyword::kTIMESTAMP)) &&
           PeekIs(TokenKind::kString, 1);
}

ExprPtr Grammar::ParsePrimary() {
    const Token& token = Peek();
    Position position = token.position;
    switch (token.kind) {
        case TokenKind::kInteger:
        case TokenKind::kDecimal:
        case TokenKind::kFloat:
        case TokenKind::kHexNumber:
        case TokenKind::kHexString:
        case TokenKind::kString: {
            auto literal = NewNode<LiteralExpr>(position);
            literal->literal_kind = LiteralKindOf(token.kind);
            bool has_value = token.kind == TokenKind::kString || token.kind == TokenKind::kHexString;
            literal->text = has_value ? token.value : std::string(token.text);
            Advance();
            return literal;
        }
        case TokenKind::kParameter: {
            Advance();
            auto parameter = NewNode<ParameterExpr>(position);
            parameter->index = parameter_count_++;
            return parameter;
        }
        case TokenKind::kUserVariable:
        case TokenKind::kSystemVariable: {
            auto variable = NewNode<VariableExpr>(position);
            variable->system = token.kind == TokenKind::kSystemVariable;
            std::string_view name = token.value;
            if (variable->system) {
                std::string prefix = Upper(name.substr(0, name.find('.') + 1));
                if (prefix == "GLOBAL.") variable->scope = VariableScope::kGlobal;
                if (prefix == "SESSION." || prefix == "LOCAL.") variable->scope = VariableScope::kSession;
                if (variable->scope != VariableScope::kDefault) name.remove_prefix(prefix.size());
            }
            variable->name = std::string(name);
            Advance();
            return variable;
        }
        case TokenKind::kLeftParen:
            return ParseParenthesized();
        case TokenKind::kLeftBracket:
            return ParseArray();
        case TokenKind::kStar: {
            Advance();
            return NewNode<StarExpr>(position);
        }
        case TokenKind::kQuotedIdentifier:
            return ParseNameOrCall();
        case TokenKind::kWord:
            break;
        default:
            FailExpected("expression");
    }
    switch (token.keyword) {
        case Keyword::kNULL:
        case Keyword::kTRUE:
        case Keyword::kFALSE: {
            auto literal = NewNode<LiteralExpr>(position);
            literal->literal_kind = token.keyword == Keyword::kNULL ? LiteralKind::kNull : LiteralKind::kBoolean;
            literal->text = std::string(KeywordText(token.keyword));
            Advance();
            return literal;
        }
        case Keyword::kCASE:
            return ParseCase();
        case Keyword::kCAST:
            return ParseCast();
        case Keyword::kCONVERT:
            return ParseConvert();
        case Keyword::kINTERVAL:
            return ParseInterval();
        case Keyword::kARRAY:
            return ParseArray();
        case Keyword::kDEFAULT: {
            Advance();
            return NewNode<DefaultExpr>(position);
        }
        case Keyword::kEXISTS: {
            Advance();
            Expect(TokenKind::kLeftParen, "'(' after EXISTS");
            auto exists = NewNode<SubqueryExpr>(position);
            exists->subquery_kind = SubqueryKind::kExists;
            if (!PeekQueryStart()) FailExpected("a query");
            exists->query = ParseQuery();
            Expect(TokenKind::kRightParen, "')'");
            return exists;
        }
        case Keyword::kDATE:
        case Keyword::kDATETIME:
        case Keyword::kTIMESTAMP:
            if (PeekTypedLiteral()) {
                auto literal = NewNode<LiteralExpr>(position);
                literal->literal_kind = token.keyword == Keyword::kDATE ? LiteralKind::kDate : LiteralKind::kDatetime;
                Advance();
                literal->text = Advance().value;
                return literal;
            }
            break;
        case Keyword::kEXTRACT:
            if (PeekIs(TokenKind::kLeftParen, 1)) return ParseExtract();
            break;
        case Keyword::kCURRENT_DATE:
        case Keyword::kCURRENT_TIME:
        case Keyword::kCURRENT_TIMESTAMP:
        case Keyword::kCURRENT_USER:
        case Keyword::kLOCALTIME:
        case Keyword::kLOCALTIMESTAMP:
            if (!PeekIs(TokenKind::kLeftParen, 1)) {
                auto call = NewNode<FunctionCallExpr>(position);
                call->name.emplace_back(Advance().text);
                return call;
            }
            break;
        default:
            break;
    }
    bool callable =
        GetKeywordClass(token.keyword) == KeywordClass::kReservedFunction && PeekIs(TokenKind::kLeftParen, 1);
    if (!PeekIdentifier() && !callable) FailExpected("expression");
    return ParseNameOrCall();
}

ExprPtr Grammar::ParseParenthesized() {
    Expect(TokenKind::kLeftParen, "'('");
    if (PeekQueryStart()) {
        Position position = Peek().position;
        auto subquery = NewNode<SubqueryExpr>(position);
        subquery->query = ParseQuery();
        if (Match(TokenKind::kRightParen)) return subquery;
        // `((SELECT 1) + 1)`: the parenthesized query was the first operand of a larger expression.
        ExprPtr expr = ParseBinary(0, std::move(subquery));
        Expect(TokenKind::kRightParen, "')'");
        return expr;
    }
    ExprPtr inner = ParseExpr();
    Expect(TokenKind::kRightParen, "')'");
    return inner;
}

ExprPtr Grammar::ParseNameOrCall() {
    Position position = Peek().position;
    std::vector<std::string> parts;
    const Token& first = Advance();
    parts.push_back(first.kind == TokenKind::kQuotedIdentifier ? first.value : std::string(first.text));
    while (PeekIs(TokenKind::kDot)) {
        if (PeekIs(TokenKind::kStar, 1)) {
            pos_ += 2;
            auto star = NewNode<StarExpr>(position);
            star->qualifier = std::move(parts);
            return star;
        }
        Advance();
        parts.push_back(ParseNamePart());
    }
    if (PeekIs(TokenKind::kLeftParen)) return ParseFunctionCall(std::move(parts), position);
    if (parts.size() > 4) FailAt(tokens_[pos_ - 1], "too many name parts in column reference");
    auto column = NewNode<ColumnRefExpr>(position);
    column->parts = std::move(parts);
    return column;
}

std::vector<ExprPtr> Grammar::ParseExprList() {
    std::vector<ExprPtr> list;
    do {
        list.push_back(ParseExpr());
    } while (Match(TokenKind::kComma));
    return list;
}

}  // namespace flashlake::sql
