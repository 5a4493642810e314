#include "sql/parser/keywords.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace flashlake::sql {

namespace {

struct KeywordInfo {
    std::string_view text;
    Keyword keyword;
    KeywordClass keyword_class;
};

constexpr std::array kKeywords = {
#define FL_SQL_KEYWORD_INFO(name, cls) KeywordInfo{#name, Keyword::k##name, KeywordClass::cls},
    FL_SQL_KEYWORDS(FL_SQL_KEYWORD_INFO)
#undef FL_SQL_KEYWORD_INFO
};

// Longer than any keyword: words past this length skip the search.
constexpr size_t kMaxKeywordLength = 24;

int CompareUpper(std::string_view upper, std::string_view word) {
    size_t n = std::min(upper.size(), word.size());
    for (size_t i = 0; i < n; ++i) {
        char c = static_cast<char>(std::toupper(static_cast<unsigned char>(word[i])));
        if (upper[i] != c) return upper[i] < c ? -1 : 1;
    }
    if (upper.size() == word.size()) return 0;
    return upper.size() < word.size() ? -1 : 1;
}

}  // namespace

Keyword LookupKeyword(std::string_view word) {
    if (word.empty() || word.size() > kMaxKeywordLength) return Keyword::kNone;
    auto it =
        std::lower_bound(kKeywords.begin(), kKeywords.end(), word,
                         [](const KeywordInfo& info, std::string_view w) { return CompareUpper(info.text, w) < 0; });
    if (it != kKeywords.end() && CompareUpper(it->text, word) == 0) return it->keyword;
    return Keyword::kNone;
}

std::string_view KeywordText(Keyword keyword) {
    if (keyword == Keyword::kNone) return {};
    return kKeywords[static_cast<size_t>(keyword) - 1].text;
}

KeywordClass GetKeywordClass(Keyword keyword) {
    if (keyword == Keyword::kNone) return KeywordClass::kNonReserved;
    return kKeywords[static_cast<size_t>(keyword) - 1].keyword_class;
}

bool KeywordListIsSorted() {
    for (size_t i = 1; i < kKeywords.size(); ++i) {
        if (!(kKeywords[i - 1].text < kKeywords[i].text)) return false;
    }
    for (const KeywordInfo& info : kKeywords) {
        if (info.text.size() > kMaxKeywordLength) return false;
    }
    return true;
}

}  // namespace flashlake::sql
