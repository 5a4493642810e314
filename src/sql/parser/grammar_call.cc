// Function calls and the keyword forms of expressions (CASE, CAST, CONVERT, INTERVAL, EXTRACT,
// arrays), window specifications, ORDER BY lists and type names.

#include <algorithm>
#include <cctype>

#include "sql/parser/grammar.h"
#include "sql/parser/precedence.h"

namespace flashlake::sql {

namespace {

std::string Upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

bool NameIs(const std::vector<std::string>& name, std::string_view wanted) {
    return name.size() == 1 && Upper(name[0]) == wanted;
}

}  // namespace

ExprPtr Grammar::ParseFunctionCall(std::vector<std::string> name, Position position) {
    DepthGuard guard(*this);
    Expect(TokenKind::kLeftParen, "'('");
    auto call = NewNode<FunctionCallExpr>(position);
    call->name = std::move(name);
    if (PeekIs(TokenKind::kStar) && PeekIs(TokenKind::kRightParen, 1)) {
        Advance();
        call->star = true;
    } else if (!PeekIs(TokenKind::kRightParen)) {
        if (Match(Keyword::kDISTINCT)) {
            call->distinct = true;
        } else {
            Match(Keyword::kALL);
        }
        call->args.push_back(ParseExpr());
        if ((NameIs(call->name, "SUBSTRING") || NameIs(call->name, "SUBSTR")) && Match(Keyword::kFROM)) {
            // SUBSTRING(s FROM start [FOR length])
            call->args.push_back(ParseExpr());
            if (Match(Keyword::kFOR)) call->args.push_back(ParseExpr());
        } else {
            while (Match(TokenKind::kComma)) call->args.push_back(ParseExpr());
        }
        if (MatchSequence({Keyword::kORDER, Keyword::kBY})) call->order_by = ParseOrderByList();
        if (Match(Keyword::kSEPARATOR)) call->separator = ParseExpr();
    }
    Expect(TokenKind::kRightParen, "')'");
    if (Match(Keyword::kOVER)) call->over = ParseWindowSpec();
    return call;
}

// EXTRACT(unit FROM x) is the call unit(x), e.g. year(x).
ExprPtr Grammar::ParseExtract() {
    Position position = Advance().position;
    DepthGuard guard(*this);
    Expect(TokenKind::kLeftParen, "'('");
    auto call = NewNode<FunctionCallExpr>(position);
    std::string unit = ParseIntervalUnit();
    std::transform(unit.begin(), unit.end(), unit.begin(), [](unsigned char c) { return std::tolower(c); });
    call->name.push_back(unit);
    Expect(Keyword::kFROM);
    call->args.push_back(ParseExpr());
    Expect(TokenKind::kRightParen, "')'");
    return call;
}

ExprPtr Grammar::ParseCase() {
    DepthGuard guard(*this);
    auto expr = NewNode<CaseExpr>(Advance().position);
    if (!PeekIs(Keyword::kWHEN)) expr->operand = ParseExpr();
    if (!PeekIs(Keyword::kWHEN)) FailExpected("WHEN");
    while (Match(Keyword::kWHEN)) {
        WhenClause clause;
        clause.condition = ParseExpr();
        Expect(Keyword::kTHEN);
        clause.result = ParseExpr();
        expr->when_clauses.push_back(std::move(clause));
    }
    if (Match(Keyword::kELSE)) expr->else_result = ParseExpr();
    Expect(Keyword::kEND);
    return expr;
}

ExprPtr Grammar::ParseCast() {
    DepthGuard guard(*this);
    auto cast = NewNode<CastExpr>(Advance().position);
    Expect(TokenKind::kLeftParen, "'(' after CAST");
    cast->operand = ParseExpr();
    Expect(Keyword::kAS);
    cast->type = ParseType();
    Expect(TokenKind::kRightParen, "')'");
    return cast;
}

ExprPtr Grammar::ParseConvert() {
    DepthGuard guard(*this);
    auto cast = NewNode<CastExpr>(Advance().position);
    Expect(TokenKind::kLeftParen, "'(' after CONVERT");
    cast->operand = ParseExpr();
    if (Match(Keyword::kUSING)) {
        cast->charset = ParseIdentifierOrString("character set");
    } else {
        Expect(TokenKind::kComma, "',' or USING");
        cast->type = ParseType();
    }
    Expect(TokenKind::kRightParen, "')'");
    return cast;
}

ExprPtr Grammar::ParseInterval() {
    DepthGuard guard(*this);
    auto interval = NewNode<IntervalExpr>(Advance().position);
    interval->value = ParseExpr();
    interval->unit = ParseIntervalUnit();
    return interval;
}

std::string Grammar::ParseIntervalUnit() {
    switch (Peek().keyword) {
        case Keyword::kYEAR:
        case Keyword::kQUARTER:
        case Keyword::kMONTH:
        case Keyword::kWEEK:
        case Keyword::kDAY:
        case Keyword::kHOUR:
        case Keyword::kMINUTE:
        case Keyword::kSECOND:
        case Keyword::kMILLISECOND:
        case Keyword::kMICROSECOND:
            return std::string(KeywordText(Advance().keyword));
        default:
            FailExpected("a time unit (YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, ...)");
    }
}

ExprPtr Grammar::ParseArray() {
    DepthGuard guard(*this);
    auto array = NewNode<ArrayExpr>(Peek().position);
    if (PeekIs(Keyword::kARRAY)) {
        if (PeekIs(TokenKind::kLess, 1)) {
            array->type = ParseType();
        } else {
            Advance();
        }
    }
    Expect(TokenKind::kLeftBracket, "'['");
    if (!PeekIs(TokenKind::kRightBracket)) array->elements = ParseExprList();
    Expect(TokenKind::kRightBracket, "']'");
    return array;
}

std::vector<OrderByItem> Grammar::ParseOrderByList() {
    std::vector<OrderByItem> items;
    do {
        OrderByItem item;
        item.expr = ParseExpr();
        if (Match(Keyword::kDESC)) {
            item.ascending = false;
        } else {
            Match(Keyword::kASC);
        }
        if (Match(Keyword::kNULLS)) {
            if (Match(Keyword::kFIRST)) {
                item.nulls = NullsOrder::kFirst;
            } else {
                Expect(Keyword::kLAST);
                item.nulls = NullsOrder::kLast;
            }
        }
        items.push_back(std::move(item));
    } while (Match(TokenKind::kComma));
    return items;
}

WindowSpec Grammar::ParseWindowSpec() {
    DepthGuard guard(*this);
    Expect(TokenKind::kLeftParen, "'(' after OVER");
    WindowSpec spec;
    if (MatchSequence({Keyword::kPARTITION, Keyword::kBY})) spec.partition_by = ParseExprList();
    if (MatchSequence({Keyword::kORDER, Keyword::kBY})) spec.order_by = ParseOrderByList();
    if (PeekIs(Keyword::kROWS) || PeekIs(Keyword::kRANGE)) {
        WindowFrame frame;
        frame.unit = Advance().keyword == Keyword::kROWS ? FrameUnit::kRows : FrameUnit::kRange;
        if (Match(Keyword::kBETWEEN)) {
            frame.start = ParseFrameBound();
            Expect(Keyword::kAND);
            frame.end = ParseFrameBound();
            frame.has_end = true;
        } else {
            frame.start = ParseFrameBound();
        }
        spec.frame = std::move(frame);
    }
    Expect(TokenKind::kRightParen, "')'");
    return spec;
}

FrameBound Grammar::ParseFrameBound() {
    FrameBound bound;
    if (Match(Keyword::kUNBOUNDED)) {
        if (Match(Keyword::kPRECEDING)) {
            bound.kind = FrameBoundKind::kUnboundedPreceding;
        } else {
            Expect(Keyword::kFOLLOWING);
            bound.kind = FrameBoundKind::kUnboundedFollowing;
        }
        return bound;
    }
    if (MatchSequence({Keyword::kCURRENT, Keyword::kROW})) {
        bound.kind = FrameBoundKind::kCurrentRow;
        return bound;
    }
    bound.offset = ParseBinary(precedence::kBitOr);
    if (Match(Keyword::kPRECEDING)) {
        bound.kind = FrameBoundKind::kPreceding;
    } else {
        Expect(Keyword::kFOLLOWING);
        bound.kind = FrameBoundKind::kFollowing;
    }
    return bound;
}

TypeName Grammar::ParseType() {
    DepthGuard guard(*this);
    TypeName type;
    type.position = Peek().position;
    if (!PeekIs(TokenKind::kWord) && !PeekIs(TokenKind::kQuotedIdentifier)) FailExpected("a type name");
    const Token& name = Advance();
    type.name = Upper(name.kind == TokenKind::kWord ? name.text : name.value);
    if (type.name == "SIGNED" || type.name == "UNSIGNED") {
        // MySQL's CAST(x AS SIGNED [INTEGER]).
        if (Peek().kind == TokenKind::kWord && (Upper(Peek().text) == "INT" || Upper(Peek().text) == "INTEGER")) {
            Advance();
        }
    }
    if (Match(TokenKind::kLeftParen)) {
        do {
            if (!PeekIs(TokenKind::kInteger)) FailExpected("a type parameter");
            type.params.emplace_back(Advance().text);
        } while (Match(TokenKind::kComma));
        Expect(TokenKind::kRightParen, "')'");
    }
    if (Match(TokenKind::kLess)) {
        bool is_struct = type.name == "STRUCT";
        do {
            if (is_struct) type.field_names.push_back(ParseNamePart());
            type.children.push_back(ParseType());
        } while (Match(TokenKind::kComma));
        ExpectClosingAngle();
    }
    return type;
}

void Grammar::ExpectClosingAngle() {
    Token& token = tokens_[pos_];
    if (token.kind == TokenKind::kShiftRight) {
        // `ARRAY<ARRAY<INT>>`: the lexer saw `>>`; take its first half and leave a `>`.
        token.kind = TokenKind::kGreater;
        token.text.remove_prefix(1);
        token.offset += 1;
        token.position.column += 1;
        return;
    }
    Expect(TokenKind::kGreater, "'>'");
}

}  // namespace flashlake::sql
