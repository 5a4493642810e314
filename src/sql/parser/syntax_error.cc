#include "sql/parser/syntax_error.h"

#include "common/query_error.h"

namespace flashlake::sql {

namespace {
constexpr size_t kMaxNearLength = 40;
}

std::string FormatSyntaxError(const Token& token, std::string_view detail) {
    std::string message = "syntax error at line " + std::to_string(token.position.line) + ", column " +
                          std::to_string(token.position.column) + " near ";
    if (token.kind == TokenKind::kEnd) {
        message += "end of input";
    } else {
        std::string_view near = token.text;
        message += '\'';
        if (near.size() > kMaxNearLength) {
            // Do not cut a UTF-8 sequence in half.
            size_t cut = kMaxNearLength;
            while (cut > 0 && (static_cast<unsigned char>(near[cut]) & 0xC0) == 0x80) --cut;
            message += near.substr(0, cut);
            message += "...";
        } else {
            message += near;
        }
        message += '\'';
    }
    if (!detail.empty()) {
        message += ": ";
        message += detail;
    }
    return message;
}

void ThrowSyntaxError(const Token& token, std::string_view detail) {
    throw QueryError(ErrorCode::kSyntaxError, FormatSyntaxError(token, detail));
}

}  // namespace flashlake::sql
