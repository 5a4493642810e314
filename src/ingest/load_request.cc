#include "ingest/load_request.h"

namespace flashlake::ingest {

namespace {

int HexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string_view LoadStatusName(LoadStatus status) {
    switch (status) {
        case LoadStatus::kSuccess:
            return "Success";
        case LoadStatus::kFail:
            return "Fail";
        case LoadStatus::kLabelAlreadyExists:
            return "Label Already Exists";
    }
    return "Fail";
}

Result<std::string> ParseSeparator(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 >= text.size()) {
            out += text[i];
            continue;
        }
        char next = text[++i];
        switch (next) {
            case 't':
                out += '\t';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case '\\':
                out += '\\';
                break;
            case 'x': {
                int high = i + 1 < text.size() ? HexDigit(text[i + 1]) : -1;
                int low = i + 2 < text.size() ? HexDigit(text[i + 2]) : -1;
                if (high < 0 || low < 0) {
                    return Status::InvalidArgument("bad separator '" + std::string(text) +
                                                   "': \\x must be followed by two hex digits");
                }
                out += static_cast<char>(high * 16 + low);
                i += 2;
                break;
            }
            default:
                out += '\\';
                out += next;
        }
    }
    if (out.empty()) return Status::InvalidArgument("a separator cannot be empty");
    if (out.size() > 50) return Status::InvalidArgument("a separator is at most 50 bytes");
    return out;
}

}  // namespace flashlake::ingest
