// DataType::Parse and DataType::FromJson: the type spellings of Paimon schema files.
#include <algorithm>
#include <cctype>
#include <charconv>

#include "lake/data_type.h"

namespace flashlake::lake {

namespace json = format::json;

namespace {

struct Token {
    enum Kind { kWord, kNumber, kSymbol, kQuoted, kText, kEnd } kind = kEnd;
    std::string text;  // words upper-cased; quoted identifiers and texts unquoted
};

class TypeParser {
public:
    explicit TypeParser(std::string_view text) : text_(text) {}

    Result<DataType> ParseAll() {
        FL_ASSIGN_OR_RETURN(DataType type, ParseType());
        FL_ASSIGN_OR_RETURN(Token token, Next());
        if (token.kind != Token::kEnd) return Error("unexpected '" + token.text + "'");
        return type;
    }

private:
    Status Error(const std::string& what) const {
        return Status::InvalidArgument("Paimon type \"" + std::string(text_) + "\": " + what);
    }

    Result<Token> Next() {
        if (peeked_) {
            peeked_ = false;
            return peek_;
        }
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
        Token token;
        if (pos_ >= text_.size()) return token;
        char c = text_[pos_];
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            token.kind = Token::kWord;
            while (pos_ < text_.size() &&
                   (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
                token.text += static_cast<char>(std::toupper(static_cast<unsigned char>(text_[pos_++])));
            }
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            token.kind = Token::kNumber;
            while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_])))
                token.text += text_[pos_++];
        } else if (c == '`' || c == '\'') {
            // `ident` (`` escapes a backquote) or 'text' ('' escapes a quote).
            token.kind = c == '`' ? Token::kQuoted : Token::kText;
            ++pos_;
            while (true) {
                if (pos_ >= text_.size()) return Error("unterminated quote");
                if (text_[pos_] == c) {
                    if (pos_ + 1 < text_.size() && text_[pos_ + 1] == c) {
                        token.text += c;
                        pos_ += 2;
                        continue;
                    }
                    ++pos_;
                    break;
                }
                token.text += text_[pos_++];
            }
        } else {
            token.kind = Token::kSymbol;
            token.text = std::string(1, c);
            ++pos_;
        }
        return token;
    }

    Result<Token> Peek() {
        if (!peeked_) {
            FL_ASSIGN_OR_RETURN(peek_, Next());
            peeked_ = true;
        }
        return peek_;
    }

    Result<bool> AcceptWord(const char* word) {
        FL_ASSIGN_OR_RETURN(Token token, Peek());
        if (token.kind != Token::kWord || token.text != word) return false;
        peeked_ = false;
        return true;
    }

    Result<bool> AcceptSymbol(char symbol) {
        FL_ASSIGN_OR_RETURN(Token token, Peek());
        if (token.kind != Token::kSymbol || token.text[0] != symbol) return false;
        peeked_ = false;
        return true;
    }

    Status ExpectSymbol(char symbol) {
        FL_ASSIGN_OR_RETURN(bool ok, AcceptSymbol(symbol));
        if (!ok) return Error(std::string("expected '") + symbol + "'");
        return Status::OK();
    }

    Status ExpectWord(const char* word) {
        FL_ASSIGN_OR_RETURN(bool ok, AcceptWord(word));
        if (!ok) return Error(std::string("expected ") + word);
        return Status::OK();
    }

    Result<int32_t> ParseNumber() {
        FL_ASSIGN_OR_RETURN(Token token, Next());
        int64_t value = 0;
        auto [end, ec] = std::from_chars(token.text.data(), token.text.data() + token.text.size(), value);
        if (token.kind != Token::kNumber || ec != std::errc() || value > DataType::kMaxLength) {
            return Error("expected a number, got '" + token.text + "'");
        }
        return static_cast<int32_t>(value);
    }

    // "(n)" if present, else `fallback`.
    Result<int32_t> OptionalSize(int32_t fallback) {
        FL_ASSIGN_OR_RETURN(bool open, AcceptSymbol('('));
        if (!open) return fallback;
        FL_ASSIGN_OR_RETURN(int32_t n, ParseNumber());
        FL_RETURN_NOT_OK(ExpectSymbol(')'));
        return n;
    }

    Result<DataType> ParseType() {
        FL_ASSIGN_OR_RETURN(DataType type, ParseRoot());
        FL_ASSIGN_OR_RETURN(bool is_not, AcceptWord("NOT"));
        if (is_not) {
            FL_RETURN_NOT_OK(ExpectWord("NULL"));
            return type.WithNullable(false);
        }
        FL_ASSIGN_OR_RETURN(bool is_null, AcceptWord("NULL"));
        (void)is_null;
        return type;
    }

    Status CheckRange(const char* what, int32_t value, int32_t min, int32_t max) const {
        if (value < min || value > max) {
            return Error(std::string(what) + " " + std::to_string(value) + " is outside " + std::to_string(min) + ".." +
                         std::to_string(max));
        }
        return Status::OK();
    }

    Result<DataType> ParseTimestamp(bool ltz) {
        FL_ASSIGN_OR_RETURN(int32_t precision, OptionalSize(6));
        FL_RETURN_NOT_OK(CheckRange("precision", precision, 0, 9));
        FL_ASSIGN_OR_RETURN(bool with, AcceptWord("WITH"));
        if (with) {
            FL_RETURN_NOT_OK(ExpectWord("LOCAL"));
            ltz = true;
        } else {
            FL_ASSIGN_OR_RETURN(bool without, AcceptWord("WITHOUT"));
            if (!without) return ltz ? DataType::TimestampLtz(precision) : DataType::Timestamp(precision);
        }
        FL_RETURN_NOT_OK(ExpectWord("TIME"));
        FL_RETURN_NOT_OK(ExpectWord("ZONE"));
        return ltz ? DataType::TimestampLtz(precision) : DataType::Timestamp(precision);
    }

    Result<DataType> ParseSized(TypeRoot root) {
        FL_ASSIGN_OR_RETURN(int32_t length, OptionalSize(1));
        FL_RETURN_NOT_OK(CheckRange("length", length, 1, DataType::kMaxLength));
        return Sized(root, length);
    }

    static DataType Sized(TypeRoot root, int32_t length) {
        switch (root) {
            case TypeRoot::kChar:
                return DataType::Char(length);
            case TypeRoot::kVarchar:
                return DataType::Varchar(length);
            case TypeRoot::kBinary:
                return DataType::Binary(length);
            default:
                return DataType::Varbinary(length);
        }
    }

    Result<DataType> ParseRow() {
        // ROW<name type ['description'], ...> or ROW(...); ids are not part of the text form, so
        // fields are numbered in order.
        FL_ASSIGN_OR_RETURN(bool angle, AcceptSymbol('<'));
        if (!angle) FL_RETURN_NOT_OK(ExpectSymbol('('));
        char close = angle ? '>' : ')';
        std::vector<DataField> fields;
        FL_ASSIGN_OR_RETURN(bool empty, AcceptSymbol(close));
        while (!empty) {
            FL_ASSIGN_OR_RETURN(Token name, Next());
            if (name.kind != Token::kWord && name.kind != Token::kQuoted) return Error("expected a field name");
            DataField field;
            field.id = static_cast<int32_t>(fields.size());
            // Unquoted words were upper-cased by the tokenizer; take the original spelling.
            field.name = name.kind == Token::kQuoted ? name.text : LastWordAsWritten(name.text.size());
            FL_ASSIGN_OR_RETURN(field.type, ParseType());
            FL_ASSIGN_OR_RETURN(Token next, Peek());
            if (next.kind == Token::kText) {
                field.description = next.text;
                peeked_ = false;
            }
            fields.push_back(std::move(field));
            FL_ASSIGN_OR_RETURN(bool comma, AcceptSymbol(','));
            if (!comma) {
                FL_RETURN_NOT_OK(ExpectSymbol(close));
                break;
            }
        }
        return DataType::Row(std::move(fields));
    }

    std::string LastWordAsWritten(size_t length) const {
        // pos_ is just past the word (a field name is never peeked before being consumed).
        return std::string(text_.substr(pos_ - length, length));
    }

    Result<DataType> ParseRoot() {
        FL_ASSIGN_OR_RETURN(Token token, Next());
        if (token.kind != Token::kWord) return Error(token.kind == Token::kEnd ? "empty type" : "expected a type name");
        const std::string& w = token.text;
        if (w == "BOOLEAN") return DataType::Boolean();
        if (w == "TINYINT") return DataType::TinyInt();
        if (w == "SMALLINT") return DataType::SmallInt();
        if (w == "INT" || w == "INTEGER") return DataType::Int();
        if (w == "BIGINT") return DataType::BigInt();
        if (w == "FLOAT") return DataType::Float();
        if (w == "DOUBLE") {
            FL_ASSIGN_OR_RETURN(bool precision_word, AcceptWord("PRECISION"));
            (void)precision_word;
            return DataType::Double();
        }
        if (w == "DECIMAL" || w == "NUMERIC" || w == "DEC") {
            int32_t precision = 10, scale = 0;
            FL_ASSIGN_OR_RETURN(bool open, AcceptSymbol('('));
            if (open) {
                FL_ASSIGN_OR_RETURN(precision, ParseNumber());
                FL_ASSIGN_OR_RETURN(bool comma, AcceptSymbol(','));
                if (comma) {
                    FL_ASSIGN_OR_RETURN(scale, ParseNumber());
                }
                FL_RETURN_NOT_OK(ExpectSymbol(')'));
            }
            FL_RETURN_NOT_OK(CheckRange("precision", precision, 1, 38));
            FL_RETURN_NOT_OK(CheckRange("scale", scale, 0, precision));
            return DataType::Decimal(precision, scale);
        }
        if (w == "CHAR" || w == "CHARACTER") return ParseSized(TypeRoot::kChar);
        if (w == "VARCHAR") return ParseSized(TypeRoot::kVarchar);
        if (w == "STRING") return DataType::String();
        if (w == "BINARY") return ParseSized(TypeRoot::kBinary);
        if (w == "VARBINARY") return ParseSized(TypeRoot::kVarbinary);
        if (w == "BYTES") return DataType::Bytes();
        if (w == "DATE") return DataType::Date();
        if (w == "TIME") {
            FL_ASSIGN_OR_RETURN(int32_t precision, OptionalSize(0));
            FL_RETURN_NOT_OK(CheckRange("precision", precision, 0, 9));
            FL_ASSIGN_OR_RETURN(bool without, AcceptWord("WITHOUT"));
            if (without) {
                FL_RETURN_NOT_OK(ExpectWord("TIME"));
                FL_RETURN_NOT_OK(ExpectWord("ZONE"));
            }
            return DataType::Time(precision);
        }
        if (w == "TIMESTAMP") return ParseTimestamp(false);
        if (w == "TIMESTAMP_LTZ") return ParseTimestamp(true);
        if (w == "VARIANT") return DataType(TypeRoot::kVariant);
        if (w == "BLOB") return DataType(TypeRoot::kBlob);
        if (w == "ARRAY" || w == "MULTISET") {
            FL_RETURN_NOT_OK(ExpectSymbol('<'));
            FL_ASSIGN_OR_RETURN(DataType element, ParseType());
            FL_RETURN_NOT_OK(ExpectSymbol('>'));
            return w == "ARRAY" ? DataType::Array(std::move(element)) : DataType::Multiset(std::move(element));
        }
        if (w == "MAP") {
            FL_RETURN_NOT_OK(ExpectSymbol('<'));
            FL_ASSIGN_OR_RETURN(DataType key, ParseType());
            FL_RETURN_NOT_OK(ExpectSymbol(','));
            FL_ASSIGN_OR_RETURN(DataType value, ParseType());
            FL_RETURN_NOT_OK(ExpectSymbol('>'));
            return DataType::Map(std::move(key), std::move(value));
        }
        if (w == "ROW") return ParseRow();
        return Error("unknown type " + w);
    }

    std::string_view text_;
    size_t pos_ = 0;
    Token peek_;
    bool peeked_ = false;
};

}  // namespace

Result<DataType> DataType::Parse(std::string_view text) {
    return TypeParser(text).ParseAll();
}

Result<DataType> DataType::FromJson(const json::Value& value) {
    if (value.is_string()) return Parse(value.AsString());
    if (!value.is_object()) return Status::InvalidArgument("Paimon type: expected a string or an object");
    FL_ASSIGN_OR_RETURN(std::string name, value.GetString("type"));
    // The "type" member holds the root name with its nullability ("ARRAY NOT NULL").
    std::string upper = name;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    bool not_null = upper.size() >= 9 && upper.compare(upper.size() - 9, 9, " NOT NULL") == 0;
    std::string base = not_null ? upper.substr(0, upper.size() - 9) : upper;
    while (!base.empty() && base.back() == ' ') base.pop_back();
    DataType type;
    if (base == "ARRAY" || base == "MULTISET") {
        const json::Value* element = value.Find("element");
        if (element == nullptr) return Status::InvalidArgument("Paimon type " + name + ": missing \"element\"");
        FL_ASSIGN_OR_RETURN(DataType element_type, FromJson(*element));
        type = base == "ARRAY" ? Array(std::move(element_type)) : Multiset(std::move(element_type));
    } else if (base == "MAP") {
        const json::Value* key = value.Find("key");
        const json::Value* val = value.Find("value");
        if (key == nullptr || val == nullptr) {
            return Status::InvalidArgument("Paimon type " + name + ": missing \"key\" or \"value\"");
        }
        FL_ASSIGN_OR_RETURN(DataType key_type, FromJson(*key));
        FL_ASSIGN_OR_RETURN(DataType value_type, FromJson(*val));
        type = Map(std::move(key_type), std::move(value_type));
    } else if (base == "ROW") {
        FL_ASSIGN_OR_RETURN(const json::Value* fields, value.Get("fields", json::Type::kArray));
        std::vector<DataField> row_fields;
        for (const json::Value& field : fields->AsArray()) {
            FL_ASSIGN_OR_RETURN(DataField row_field, DataField::FromJson(field));
            row_fields.push_back(std::move(row_field));
        }
        type = Row(std::move(row_fields));
    } else {
        // Atomic types are written as strings, but accept the object form too.
        return Parse(name);
    }
    return type.WithNullable(!not_null);
}

}  // namespace flashlake::lake
