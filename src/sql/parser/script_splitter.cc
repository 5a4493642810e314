#include "sql/parser/script_splitter.h"

namespace flashlake::sql {

namespace {

bool IsSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Tracks line and column while offsets only grow, like the lexer does.
class PositionCursor {
public:
    explicit PositionCursor(std::string_view text) : text_(text) {}
    Position At(size_t offset) {
        for (; offset_ < offset; ++offset_) {
            char c = text_[offset_];
            if (c == '\n') {
                ++position_.line;
                position_.column = 1;
            } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
                ++position_.column;
            }
        }
        return position_;
    }

private:
    std::string_view text_;
    size_t offset_ = 0;
    Position position_{1, 1};
};

}  // namespace

std::vector<ScriptPiece> SplitScript(std::string_view script) {
    std::vector<ScriptPiece> pieces;
    PositionCursor cursor(script);
    constexpr size_t kNone = static_cast<size_t>(-1);
    size_t start = kNone;  // first significant character of the current piece
    size_t end = 0;        // one past its last significant character
    auto emit = [&](bool terminated) {
        if (start == kNone) return;
        ScriptPiece piece;
        piece.text = script.substr(start, end - start);
        piece.offset = static_cast<uint32_t>(start);
        piece.position = cursor.At(start);
        piece.terminated = terminated;
        pieces.push_back(piece);
        start = kNone;
    };
    size_t n = script.size();
    size_t i = 0;
    while (i < n) {
        char c = script[i];
        if (IsSpace(c)) {
            ++i;
        } else if (c == '#' ||
                   (c == '-' && i + 1 < n && script[i + 1] == '-' && (i + 2 >= n || IsSpace(script[i + 2])))) {
            while (i < n && script[i] != '\n') ++i;
        } else if (c == '/' && i + 1 < n && script[i + 1] == '*') {
            size_t close = script.find("*/", i + 2);
            if (close == std::string_view::npos) {  // an unterminated comment leaves the piece open
                if (start == kNone) start = i;
                end = n;
                i = n;
                break;
            }
            i = close + 2;
        } else if (c == ';') {
            emit(true);
            ++i;
        } else if (c == '\'' || c == '"' || c == '`') {
            if (start == kNone) start = i;
            ++i;
            while (i < n) {
                if (script[i] == '\\' && c != '`') {
                    i += 2;
                } else if (script[i] == c) {
                    if (i + 1 < n && script[i + 1] == c) {
                        i += 2;  // doubled quote
                    } else {
                        break;
                    }
                } else {
                    ++i;
                }
            }
            i = i < n ? i + 1 : n;
            end = i;
        } else {
            if (start == kNone) start = i;
            end = ++i;
        }
    }
    emit(false);
    return pieces;
}

}  // namespace flashlake::sql
