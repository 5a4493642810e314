#pragma once

#include <string>
#include <string_view>

namespace flashlake {

// `text` with ASCII letters in lower case (names are case-insensitive and stored lower case, as
// in StarRocks; other bytes pass through).
inline std::string AsciiLower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

// Whether `a` and `b` are equal with ASCII letters compared case-insensitively (HTTP header
// names and values, SQL names).
inline bool AsciiEqualsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

}  // namespace flashlake
