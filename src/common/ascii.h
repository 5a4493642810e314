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

}  // namespace flashlake
