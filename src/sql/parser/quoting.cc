#include "sql/parser/quoting.h"

#include "sql/parser/keywords.h"

namespace flashlake::sql {

namespace {

bool IsPlainWord(std::string_view name) {
    if (name.empty()) return false;
    char first = name.front();
    if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '_')) return false;
    for (char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    return true;
}

}  // namespace

std::string QuoteIdentifier(std::string_view name) {
    if (IsPlainWord(name) && LookupKeyword(name) == Keyword::kNone) return std::string(name);
    std::string out = "`";
    for (char c : name) {
        if (c == '`') out += '`';
        out += c;
    }
    out += '`';
    return out;
}

std::string QuoteQualifiedName(const std::vector<std::string>& parts) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += '.';
        out += QuoteIdentifier(parts[i]);
    }
    return out;
}

std::string QuoteString(std::string_view value) {
    std::string out = "'";
    for (size_t i = 0; i < value.size(); ++i) {
        char c = value[i];
        switch (c) {
            case '\'':
                out += "\\'";
                break;
            case '\0':
                out += "\\0";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\x1A':
                out += "\\Z";
                break;
            case '\\':
                // The lexer keeps `\%` and `\_` as two characters; write them back the same way.
                if (i + 1 < value.size() && (value[i + 1] == '%' || value[i + 1] == '_')) {
                    out += '\\';
                    out += value[++i];
                } else {
                    out += "\\\\";
                }
                break;
            default:
                out += c;
                break;
        }
    }
    out += '\'';
    return out;
}

std::string QuoteNameList(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += ", ";
        out += QuoteIdentifier(names[i]);
    }
    return out;
}

}  // namespace flashlake::sql
