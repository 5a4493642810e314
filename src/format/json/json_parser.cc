#include "format/json/json_parser.h"

#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>

namespace flashlake::format::json {

namespace {

class Parser {
public:
    Parser(std::string_view text, const ParseOptions& options) : text_(text), options_(options) {}

    Result<Value> ParseDocument() {
        SkipWhitespace();
        Value value;
        FL_RETURN_NOT_OK(ParseValue(&value, 0));
        SkipWhitespace();
        if (pos_ != text_.size()) return Error("unexpected text after the JSON value");
        return value;
    }

private:
    Status Error(std::string_view what) const { return ErrorAt(pos_, what); }

    Status ErrorAt(size_t offset, std::string_view what) const {
        size_t line = 1, column = 1;
        for (size_t i = 0; i < offset && i < text_.size(); ++i) {
            if (text_[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        return Status::InvalidArgument("JSON line " + std::to_string(line) + ", column " + std::to_string(column) +
                                       ": " + std::string(what));
    }

    void SkipWhitespace() {
        while (pos_ < text_.size()) {
            char c = text_[pos_];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
            ++pos_;
        }
    }

    bool Consume(std::string_view literal) {
        if (text_.substr(pos_, literal.size()) != literal) return false;
        pos_ += literal.size();
        return true;
    }

    Status ParseValue(Value* out, int depth) {
        if (pos_ >= text_.size()) return Error("unexpected end of input, expected a value");
        char c = text_[pos_];
        switch (c) {
            case '{':
                return ParseObject(out, depth + 1);
            case '[':
                return ParseArray(out, depth + 1);
            case '"': {
                std::string s;
                FL_RETURN_NOT_OK(ParseString(&s));
                *out = Value(std::move(s));
                return Status::OK();
            }
            case 't':
                if (!Consume("true")) return Error("invalid literal, expected 'true'");
                *out = Value(true);
                return Status::OK();
            case 'f':
                if (!Consume("false")) return Error("invalid literal, expected 'false'");
                *out = Value(false);
                return Status::OK();
            case 'n':
                if (!Consume("null")) return Error("invalid literal, expected 'null'");
                *out = Value();
                return Status::OK();
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber(out);
                return Error(std::string("unexpected character '") + c + "', expected a value");
        }
    }

    Status ParseObject(Value* out, int depth) {
        if (depth > options_.max_depth) return Error("nesting deeper than " + std::to_string(options_.max_depth));
        ++pos_;  // '{'
        Value::Object members;
        SkipWhitespace();
        if (pos_ < text_.size() && text_[pos_] == '}') {
            ++pos_;
            *out = Value(std::move(members));
            return Status::OK();
        }
        while (true) {
            SkipWhitespace();
            if (pos_ >= text_.size() || text_[pos_] != '"') return Error("expected a string key");
            std::string key;
            FL_RETURN_NOT_OK(ParseString(&key));
            SkipWhitespace();
            if (pos_ >= text_.size() || text_[pos_] != ':') return Error("expected ':' after an object key");
            ++pos_;
            SkipWhitespace();
            Value value;
            FL_RETURN_NOT_OK(ParseValue(&value, depth));
            members.emplace_back(std::move(key), std::move(value));
            SkipWhitespace();
            if (pos_ < text_.size() && text_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (pos_ < text_.size() && text_[pos_] == '}') {
                ++pos_;
                break;
            }
            return Error("expected ',' or '}' in an object");
        }
        *out = Value(std::move(members));
        return Status::OK();
    }

    Status ParseArray(Value* out, int depth) {
        if (depth > options_.max_depth) return Error("nesting deeper than " + std::to_string(options_.max_depth));
        ++pos_;  // '['
        Value::Array elements;
        SkipWhitespace();
        if (pos_ < text_.size() && text_[pos_] == ']') {
            ++pos_;
            *out = Value(std::move(elements));
            return Status::OK();
        }
        while (true) {
            SkipWhitespace();
            Value value;
            FL_RETURN_NOT_OK(ParseValue(&value, depth));
            elements.push_back(std::move(value));
            SkipWhitespace();
            if (pos_ < text_.size() && text_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (pos_ < text_.size() && text_[pos_] == ']') {
                ++pos_;
                break;
            }
            return Error("expected ',' or ']' in an array");
        }
        *out = Value(std::move(elements));
        return Status::OK();
    }

    static int HexDigit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    Status ParseHex4(uint32_t* out) {
        if (text_.size() - pos_ < 4) return Error("truncated \\u escape");
        uint32_t value = 0;
        for (int i = 0; i < 4; ++i) {
            int digit = HexDigit(text_[pos_ + i]);
            if (digit < 0) return Error("invalid hex digit in \\u escape");
            value = value * 16 + static_cast<uint32_t>(digit);
        }
        pos_ += 4;
        *out = value;
        return Status::OK();
    }

    static void AppendUtf8(uint32_t code_point, std::string* out) {
        if (code_point < 0x80) {
            out->push_back(static_cast<char>(code_point));
        } else if (code_point < 0x800) {
            out->push_back(static_cast<char>(0xC0 | (code_point >> 6)));
            out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
        } else if (code_point < 0x10000) {
            out->push_back(static_cast<char>(0xE0 | (code_point >> 12)));
            out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
            out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
        } else {
            out->push_back(static_cast<char>(0xF0 | (code_point >> 18)));
            out->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
            out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
            out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
        }
    }

    Status ParseString(std::string* out) {
        size_t start = pos_;
        ++pos_;  // opening quote
        while (true) {
            // Copy the run up to the next quote, backslash or control character at once.
            size_t run = pos_;
            while (run < text_.size()) {
                unsigned char c = static_cast<unsigned char>(text_[run]);
                if (c == '"' || c == '\\' || c < 0x20) break;
                ++run;
            }
            out->append(text_, pos_, run - pos_);
            pos_ = run;
            if (pos_ >= text_.size()) return ErrorAt(start, "unterminated string");
            char c = text_[pos_];
            if (c == '"') {
                ++pos_;
                return Status::OK();
            }
            if (c != '\\') return Error("control character in a string must be escaped");
            if (++pos_ >= text_.size()) return ErrorAt(start, "unterminated string");
            char escape = text_[pos_++];
            switch (escape) {
                case '"':
                    out->push_back('"');
                    break;
                case '\\':
                    out->push_back('\\');
                    break;
                case '/':
                    out->push_back('/');
                    break;
                case 'b':
                    out->push_back('\b');
                    break;
                case 'f':
                    out->push_back('\f');
                    break;
                case 'n':
                    out->push_back('\n');
                    break;
                case 'r':
                    out->push_back('\r');
                    break;
                case 't':
                    out->push_back('\t');
                    break;
                case 'u':
                    FL_RETURN_NOT_OK(ParseUnicodeEscape(out));
                    break;
                default:
                    --pos_;
                    return Error(std::string("invalid escape '\\") + escape + "'");
            }
        }
    }

    Status ParseUnicodeEscape(std::string* out) {
        uint32_t code = 0;
        FL_RETURN_NOT_OK(ParseHex4(&code));
        if (code >= 0xDC00 && code <= 0xDFFF) return Error("unpaired low surrogate in \\u escape");
        if (code >= 0xD800 && code <= 0xDBFF) {
            if (!Consume("\\u")) return Error("high surrogate not followed by a \\u low surrogate");
            uint32_t low = 0;
            FL_RETURN_NOT_OK(ParseHex4(&low));
            if (low < 0xDC00 || low > 0xDFFF) return Error("high surrogate not followed by a low surrogate");
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
        AppendUtf8(code, out);
        return Status::OK();
    }

    Status ParseNumber(Value* out) {
        size_t start = pos_;
        bool integral = true;
        if (text_[pos_] == '-') ++pos_;
        if (pos_ >= text_.size() || !IsDigit(text_[pos_])) return Error("expected a digit");
        if (text_[pos_] == '0') {
            ++pos_;
            if (pos_ < text_.size() && IsDigit(text_[pos_])) return Error("leading zeros are not allowed");
        } else {
            while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
        }
        if (pos_ < text_.size() && text_[pos_] == '.') {
            integral = false;
            ++pos_;
            if (pos_ >= text_.size() || !IsDigit(text_[pos_])) return Error("expected a digit after '.'");
            while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
        }
        if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
            integral = false;
            ++pos_;
            if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
            if (pos_ >= text_.size() || !IsDigit(text_[pos_])) return Error("expected a digit in the exponent");
            while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
        }
        const char* first = text_.data() + start;
        const char* last = text_.data() + pos_;
        if (integral) {
            int64_t value = 0;
            auto [end, error] = std::from_chars(first, last, value);
            if (error == std::errc() && end == last) {
                *out = Value(value);
                return Status::OK();
            }
            // Too large for int64: fall through to double, as JavaScript readers would.
        }
        double value = 0;
        auto [end, error] = std::from_chars(first, last, value);
        if (end != last || (error != std::errc() && error != std::errc::result_out_of_range)) {
            return ErrorAt(start, "invalid number");
        }
        if (error == std::errc::result_out_of_range) value = OutOfRangeDouble(std::string_view(first, last - first));
        *out = Value(value);
        return Status::OK();
    }

    // from_chars leaves the value unset when a number overflows or underflows a double; tell the
    // two apart by the decimal magnitude of the (already validated) text.
    static double OutOfRangeDouble(std::string_view number) {
        bool negative = number.front() == '-';
        if (negative) number.remove_prefix(1);
        size_t exponent_at = number.find_first_of("eE");
        int64_t exponent = 0;
        if (exponent_at != std::string_view::npos) {
            std::string_view digits = number.substr(exponent_at + 1);
            bool negative_exponent = !digits.empty() && digits.front() == '-';
            if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) digits.remove_prefix(1);
            auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), exponent);
            if (error != std::errc()) exponent = INT64_MAX / 2;  // absurdly long exponent
            if (negative_exponent) exponent = -exponent;
            number = number.substr(0, exponent_at);
        }
        std::string_view integer = number.substr(0, number.find('.'));
        while (!integer.empty() && integer.front() == '0') integer.remove_prefix(1);
        int64_t magnitude = static_cast<int64_t>(integer.size()) + exponent;
        double value = magnitude > 0 ? HUGE_VAL : 0.0;
        return negative ? -value : value;
    }

    static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

    std::string_view text_;
    const ParseOptions& options_;
    size_t pos_ = 0;
};

}  // namespace

Result<Value> Parse(std::string_view text, const ParseOptions& options) {
    return Parser(text, options).ParseDocument();
}

}  // namespace flashlake::format::json
