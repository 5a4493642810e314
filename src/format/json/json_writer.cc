#include "format/json/json_writer.h"

#include <charconv>
#include <cmath>

namespace flashlake::format::json {

namespace {

void AppendQuoted(std::string_view text, std::string* out) {
    static constexpr char kHex[] = "0123456789abcdef";
    out->push_back('"');
    size_t run = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out->append(text, run, i - run);
        run = i + 1;
        switch (c) {
            case '"':
                out->append("\\\"");
                break;
            case '\\':
                out->append("\\\\");
                break;
            case '\n':
                out->append("\\n");
                break;
            case '\r':
                out->append("\\r");
                break;
            case '\t':
                out->append("\\t");
                break;
            case '\b':
                out->append("\\b");
                break;
            case '\f':
                out->append("\\f");
                break;
            default:
                out->append("\\u00");
                out->push_back(kHex[c >> 4]);
                out->push_back(kHex[c & 15]);
        }
    }
    out->append(text, run, text.size() - run);
    out->push_back('"');
}

void AppendDouble(double value, std::string* out) {
    if (!std::isfinite(value)) {
        out->append("null");
        return;
    }
    char buffer[32];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value);
    std::string_view text(buffer, static_cast<size_t>(end - buffer));
    out->append(text);
    if (text.find_first_of(".e") == std::string_view::npos) out->append(".0");
}

class Writer {
public:
    Writer(std::string* out, bool pretty) : out_(out), pretty_(pretty) {}

    void WriteValue(const Value& value, int level) {
        switch (value.type()) {
            case Type::kNull:
                out_->append("null");
                break;
            case Type::kBool:
                out_->append(value.AsBool() ? "true" : "false");
                break;
            case Type::kInt: {
                char buffer[24];
                auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value.AsInt());
                out_->append(buffer, end);
                break;
            }
            case Type::kDouble:
                AppendDouble(value.AsDouble(), out_);
                break;
            case Type::kString:
                AppendQuoted(value.AsString(), out_);
                break;
            case Type::kArray:
                WriteArray(value.AsArray(), level);
                break;
            case Type::kObject:
                WriteObject(value.AsObject(), level);
                break;
        }
    }

private:
    void Indent(int level) {
        out_->push_back('\n');
        out_->append(static_cast<size_t>(level) * 2, ' ');
    }

    void WriteArray(const Value::Array& array, int level) {
        if (array.empty()) {
            out_->append(pretty_ ? "[ ]" : "[]");
            return;
        }
        out_->append(pretty_ ? "[ " : "[");
        for (size_t i = 0; i < array.size(); ++i) {
            if (i > 0) out_->append(pretty_ ? ", " : ",");
            WriteValue(array[i], level);  // arrays do not add an indentation level (Jackson)
        }
        out_->append(pretty_ ? " ]" : "]");
    }

    void WriteObject(const Value::Object& object, int level) {
        if (object.empty()) {
            out_->append(pretty_ ? "{ }" : "{}");
            return;
        }
        out_->push_back('{');
        for (size_t i = 0; i < object.size(); ++i) {
            if (i > 0) out_->push_back(',');
            if (pretty_) Indent(level + 1);
            AppendQuoted(object[i].first, out_);
            out_->append(pretty_ ? " : " : ":");
            WriteValue(object[i].second, level + 1);
        }
        if (pretty_) Indent(level);
        out_->push_back('}');
    }

    std::string* out_;
    bool pretty_;
};

}  // namespace

void Write(const Value& value, std::string* out, const WriteOptions& options) {
    Writer(out, options.pretty).WriteValue(value, 0);
}

std::string Write(const Value& value, const WriteOptions& options) {
    std::string out;
    Write(value, &out, options);
    return out;
}

std::string Quote(std::string_view text) {
    std::string out;
    AppendQuoted(text, &out);
    return out;
}

}  // namespace flashlake::format::json
