#include "lake/data_type.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "common/check.h"

namespace flashlake::lake {

namespace json = format::json;

DataType DataType::Sized(TypeRoot root, int32_t length) {
    DataType type(root);
    type.length_ = length;
    return type;
}

DataType DataType::Decimal(int precision, int scale) {
    DataType type(TypeRoot::kDecimal);
    type.length_ = precision;
    type.scale_ = scale;
    return type;
}

DataType DataType::Array(DataType element) {
    DataType type(TypeRoot::kArray);
    type.children_ = std::make_shared<const std::vector<DataType>>(std::vector<DataType>{std::move(element)});
    return type;
}

DataType DataType::Multiset(DataType element) {
    DataType type(TypeRoot::kMultiset);
    type.children_ = std::make_shared<const std::vector<DataType>>(std::vector<DataType>{std::move(element)});
    return type;
}

DataType DataType::Map(DataType key, DataType value) {
    DataType type(TypeRoot::kMap);
    type.children_ =
        std::make_shared<const std::vector<DataType>>(std::vector<DataType>{std::move(key), std::move(value)});
    return type;
}

DataType DataType::Row(std::vector<DataField> fields) {
    DataType type(TypeRoot::kRow);
    type.fields_ = std::make_shared<const std::vector<DataField>>(std::move(fields));
    return type;
}

DataType DataType::WithNullable(bool nullable) const {
    DataType copy = *this;
    copy.nullable_ = nullable;
    return copy;
}

const DataType& DataType::element() const {
    FL_CHECK(root_ == TypeRoot::kArray || root_ == TypeRoot::kMultiset, "element() of ", ToString());
    return (*children_)[0];
}

const DataType& DataType::key() const {
    FL_CHECK(root_ == TypeRoot::kMap, "key() of ", ToString());
    return (*children_)[0];
}

const DataType& DataType::value() const {
    FL_CHECK(root_ == TypeRoot::kMap, "value() of ", ToString());
    return (*children_)[1];
}

const std::vector<DataField>& DataType::fields() const {
    FL_CHECK(root_ == TypeRoot::kRow, "fields() of ", ToString());
    return *fields_;
}

bool DataType::IsNested() const {
    return root_ == TypeRoot::kArray || root_ == TypeRoot::kMap || root_ == TypeRoot::kMultiset ||
           root_ == TypeRoot::kRow;
}

bool DataType::IsBinaryLike() const {
    return root_ == TypeRoot::kBinary || root_ == TypeRoot::kVarbinary || root_ == TypeRoot::kBlob;
}

bool DataType::operator==(const DataType& other) const {
    if (root_ != other.root_ || nullable_ != other.nullable_ || length_ != other.length_ || scale_ != other.scale_) {
        return false;
    }
    if ((children_ != nullptr) != (other.children_ != nullptr)) return false;
    if (children_ && *children_ != *other.children_) return false;
    if ((fields_ != nullptr) != (other.fields_ != nullptr)) return false;
    return !fields_ || *fields_ == *other.fields_;
}

// ---------------------------------------------------------------------------------------------
// Printing

namespace {

std::string Suffix(const DataType& type) {
    return type.nullable() ? "" : " NOT NULL";
}

std::string AtomicName(const DataType& type) {
    auto sized = [](const char* name, int32_t n) { return std::string(name) + "(" + std::to_string(n) + ")"; };
    switch (type.root()) {
        case TypeRoot::kBoolean:
            return "BOOLEAN";
        case TypeRoot::kTinyInt:
            return "TINYINT";
        case TypeRoot::kSmallInt:
            return "SMALLINT";
        case TypeRoot::kInt:
            return "INT";
        case TypeRoot::kBigInt:
            return "BIGINT";
        case TypeRoot::kFloat:
            return "FLOAT";
        case TypeRoot::kDouble:
            return "DOUBLE";
        case TypeRoot::kDecimal:
            return "DECIMAL(" + std::to_string(type.precision()) + ", " + std::to_string(type.scale()) + ")";
        case TypeRoot::kChar:
            return sized("CHAR", type.length());
        case TypeRoot::kVarchar:
            return type.length() == DataType::kMaxLength ? "STRING" : sized("VARCHAR", type.length());
        case TypeRoot::kBinary:
            return sized("BINARY", type.length());
        case TypeRoot::kVarbinary:
            return type.length() == DataType::kMaxLength ? "BYTES" : sized("VARBINARY", type.length());
        case TypeRoot::kDate:
            return "DATE";
        case TypeRoot::kTime:
            return sized("TIME", type.precision());
        case TypeRoot::kTimestamp:
            return sized("TIMESTAMP", type.precision());
        case TypeRoot::kTimestampLtz:
            return sized("TIMESTAMP", type.precision()) + " WITH LOCAL TIME ZONE";
        case TypeRoot::kArray:
            return "ARRAY";
        case TypeRoot::kMap:
            return "MAP";
        case TypeRoot::kMultiset:
            return "MULTISET";
        case TypeRoot::kRow:
            return "ROW";
        case TypeRoot::kVariant:
            return "VARIANT";
        case TypeRoot::kBlob:
            return "BLOB";
    }
    return "?";
}

}  // namespace

std::string DataType::ToString() const {
    switch (root_) {
        case TypeRoot::kArray:
            return "ARRAY<" + element().ToString() + ">" + Suffix(*this);
        case TypeRoot::kMultiset:
            return "MULTISET<" + element().ToString() + ">" + Suffix(*this);
        case TypeRoot::kMap:
            return "MAP<" + key().ToString() + ", " + value().ToString() + ">" + Suffix(*this);
        case TypeRoot::kRow: {
            std::string text = "ROW<";
            for (size_t i = 0; i < fields_->size(); ++i) {
                const DataField& field = (*fields_)[i];
                if (i > 0) text += ", ";
                text += "`" + field.name + "` " + field.type.ToString();
                if (field.description) text += " '" + *field.description + "'";
            }
            return text + ">" + Suffix(*this);
        }
        default:
            return AtomicName(*this) + Suffix(*this);
    }
}

json::Value DataType::ToJson() const {
    if (!IsNested()) return json::Value(ToString());
    json::Value object = json::Value::MakeObject();
    object.Set("type", AtomicName(*this) + Suffix(*this));
    switch (root_) {
        case TypeRoot::kArray:
        case TypeRoot::kMultiset:
            object.Set("element", element().ToJson());
            break;
        case TypeRoot::kMap:
            object.Set("key", key().ToJson());
            object.Set("value", value().ToJson());
            break;
        default: {
            json::Value fields = json::Value::MakeArray();
            for (const DataField& field : *fields_) fields.Append(field.ToJson());
            object.Set("fields", std::move(fields));
        }
    }
    return object;
}

// ---------------------------------------------------------------------------------------------
// Parsing the SQL-like spelling

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

// ---------------------------------------------------------------------------------------------
// Mapping to and from Flashlake types

Result<LogicalType> DataType::ToLogicalType() const {
    switch (root_) {
        case TypeRoot::kBoolean:
            return LogicalType::Boolean();
        case TypeRoot::kTinyInt:
            return LogicalType::TinyInt();
        case TypeRoot::kSmallInt:
            return LogicalType::SmallInt();
        case TypeRoot::kInt:
            return LogicalType::Int();
        case TypeRoot::kBigInt:
            return LogicalType::BigInt();
        case TypeRoot::kFloat:
            return LogicalType::Float();
        case TypeRoot::kDouble:
            return LogicalType::Double();
        case TypeRoot::kDecimal:
            return LogicalType::Decimal(length_, scale_);
        case TypeRoot::kChar:
        case TypeRoot::kVarchar:
            return LogicalType::Varchar(length_);
        case TypeRoot::kBinary:
        case TypeRoot::kVarbinary:
        case TypeRoot::kBlob:
            return LogicalType::Varbinary();
        case TypeRoot::kDate:
            return LogicalType::Date();
        case TypeRoot::kTime:
            return LogicalType::Int();
        case TypeRoot::kTimestamp:
        case TypeRoot::kTimestampLtz:
            return LogicalType::DateTime();
        case TypeRoot::kArray: {
            FL_ASSIGN_OR_RETURN(LogicalType element_type, element().ToLogicalType());
            return LogicalType::Array(std::move(element_type));
        }
        default:
            return Status::NotSupported("Paimon type " + ToString() + " has no Flashlake type yet");
    }
}

Result<DataType> DataType::FromLogicalType(const LogicalType& type) {
    switch (type.id()) {
        case TypeId::kBoolean:
            return Boolean();
        case TypeId::kTinyInt:
            return TinyInt();
        case TypeId::kSmallInt:
            return SmallInt();
        case TypeId::kInt:
            return Int();
        case TypeId::kBigInt:
            return BigInt();
        case TypeId::kFloat:
            return Float();
        case TypeId::kDouble:
            return Double();
        case TypeId::kDecimal:
            return Decimal(type.precision(), type.scale());
        case TypeId::kDate:
            return Date();
        case TypeId::kDateTime:
            return Timestamp(6);
        case TypeId::kVarchar:
            return type.length() >= 1 ? Varchar(type.length()) : String();
        case TypeId::kVarbinary:
        case TypeId::kBitmap:
        case TypeId::kHll:
            return Bytes();
        case TypeId::kJson:
            return String();
        case TypeId::kArray: {
            FL_ASSIGN_OR_RETURN(DataType element_type, FromLogicalType(type.element()));
            return Array(std::move(element_type));
        }
        default:
            return Status::NotSupported("type " + type.ToString() + " cannot be stored in a Paimon table");
    }
}

// ---------------------------------------------------------------------------------------------
// DataField

Result<DataField> DataField::FromJson(const json::Value& json) {
    if (!json.is_object()) return Status::InvalidArgument("Paimon field: expected an object");
    DataField field;
    FL_ASSIGN_OR_RETURN(int64_t id, json.GetInt("id"));
    field.id = static_cast<int32_t>(id);
    FL_ASSIGN_OR_RETURN(field.name, json.GetString("name"));
    const json::Value* type = json.Find("type");
    if (type == nullptr) return Status::InvalidArgument("Paimon field " + field.name + ": missing \"type\"");
    auto parsed = DataType::FromJson(*type);
    if (!parsed.ok()) return parsed.status().WithContext("field " + field.name);
    field.type = std::move(parsed).value();
    if (const json::Value* description = json.Find("description"); description && description->is_string()) {
        field.description = description->AsString();
    }
    return field;
}

json::Value DataField::ToJson() const {
    json::Value object = json::Value::MakeObject();
    object.Set("id", static_cast<int64_t>(id));
    object.Set("name", name);
    object.Set("type", type.ToJson());
    if (description) object.Set("description", *description);
    return object;
}

int32_t MaxFieldId(const std::vector<DataField>& fields) {
    int32_t max_id = -1;
    for (const DataField& field : fields) {
        max_id = std::max(max_id, field.id);
        if (field.type.root() == TypeRoot::kRow) max_id = std::max(max_id, MaxFieldId(field.type.fields()));
        // ARRAY/MAP of ROW: descend through the containers.
        const DataType* inner = &field.type;
        while (inner->root() == TypeRoot::kArray || inner->root() == TypeRoot::kMultiset ||
               inner->root() == TypeRoot::kMap) {
            inner = inner->root() == TypeRoot::kMap ? &inner->value() : &inner->element();
        }
        if (inner != &field.type && inner->root() == TypeRoot::kRow) {
            max_id = std::max(max_id, MaxFieldId(inner->fields()));
        }
    }
    return max_id;
}

}  // namespace flashlake::lake
