// Searching in strings: LIKE / NOT LIKE, instr, locate, starts_with, ends_with.
//
// LIKE patterns: `%` matches any run of characters, `_` exactly one UTF-8 character, and a
// backslash makes the next character literal (`\%`, `\_`, `\\`); matching is case-sensitive
// (binary collation). A pattern is analysed once per query (PatternCache) into one of the fast
// forms below, or into tokens for the general matcher.

#include <cstring>

#include "functions/function_registry.h"
#include "functions/scalar/pattern_cache.h"
#include "functions/scalar/row_kernel.h"
#include "functions/scalar/scalar_families.h"

namespace flashlake::functions {

namespace {

class LikeMatcher {
public:
    explicit LikeMatcher(std::string_view pattern) {
        // Tokens: literal bytes, kAnyOne for `_`, kAnyMany for `%` (runs of % collapse).
        for (size_t i = 0; i < pattern.size(); ++i) {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.size()) {
                tokens_.push_back(static_cast<unsigned char>(pattern[++i]));
            } else if (c == '%') {
                if (tokens_.empty() || tokens_.back() != kAnyMany) tokens_.push_back(kAnyMany);
            } else if (c == '_') {
                tokens_.push_back(kAnyOne);
            } else {
                tokens_.push_back(static_cast<unsigned char>(c));
            }
        }
        Classify();
    }

    bool Matches(std::string_view text) const {
        switch (kind_) {
            case Kind::kEquals:
                return text == literal_;
            case Kind::kPrefix:
                return text.substr(0, literal_.size()) == literal_;
            case Kind::kSuffix:
                return text.size() >= literal_.size() && text.substr(text.size() - literal_.size()) == literal_;
            case Kind::kContains:
                return literal_.empty() ||
                       memmem(text.data(), text.size(), literal_.data(), literal_.size()) != nullptr;
            case Kind::kGeneral:
                return MatchGeneral(text);
        }
        return false;
    }

private:
    static constexpr int kAnyOne = 256, kAnyMany = 257;
    enum class Kind { kEquals, kPrefix, kSuffix, kContains, kGeneral };

    // literal, literal%, %literal, %literal% (and % alone) skip the general matcher.
    void Classify() {
        size_t begin = 0, end = tokens_.size();
        bool leading = begin < end && tokens_[begin] == kAnyMany;
        if (leading) ++begin;
        bool trailing = end > begin && tokens_[end - 1] == kAnyMany;
        if (trailing) --end;
        for (size_t i = begin; i < end; ++i) {
            if (tokens_[i] >= kAnyOne) {
                kind_ = Kind::kGeneral;
                return;
            }
            literal_.push_back(static_cast<char>(tokens_[i]));
        }
        if (leading && tokens_.size() == 1) trailing = true;  // "%" alone
        kind_ = leading ? (trailing ? Kind::kContains : Kind::kSuffix) : (trailing ? Kind::kPrefix : Kind::kEquals);
    }

    static size_t NextChar(std::string_view text, size_t pos) {
        ++pos;
        while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
        return pos;
    }

    // Greedy matching that backtracks only to the last `%`: a later `%` can absorb whatever an
    // earlier one could, so earlier choices never need revisiting. O(text * pattern) worst case.
    bool MatchGeneral(std::string_view text) const {
        size_t t = 0, p = 0;
        size_t star_p = std::string_view::npos, star_t = 0;
        while (t < text.size()) {
            if (p < tokens_.size() && tokens_[p] == kAnyMany) {
                star_p = p++;
                star_t = t;
            } else if (p < tokens_.size() && tokens_[p] == kAnyOne) {
                t = NextChar(text, t);
                ++p;
            } else if (p < tokens_.size() && tokens_[p] == static_cast<unsigned char>(text[t])) {
                ++t;
                ++p;
            } else if (star_p != std::string_view::npos) {
                p = star_p + 1;
                star_t = NextChar(text, star_t);
                t = star_t;
            } else {
                return false;
            }
        }
        while (p < tokens_.size() && tokens_[p] == kAnyMany) ++p;
        return p == tokens_.size();
    }

    std::vector<int> tokens_;
    Kind kind_ = Kind::kGeneral;
    std::string literal_;
};

ScalarKernel LikeKernel(bool negated) {
    auto cache = std::make_shared<PatternCache<LikeMatcher>>();
    return [cache, negated](const KernelArgs& args) {
        PatternLookup<LikeMatcher> lookup(*cache);
        auto compile = [](std::string_view pattern) { return std::make_shared<const LikeMatcher>(pattern); };
        const Column& text = *args.columns[0];
        const Column& pattern = *args.columns[1];
        if (pattern.encoding() == ColumnEncoding::kConstant && ValidAt(pattern, 0)) {
            // The common case: one matcher for the whole column, no per-row lookup.
            const LikeMatcher* matcher = lookup.Get(StringAt(pattern, 0).view(), compile);
            return UnaryExecute<StringView, uint8_t>(text, args.num_rows, LogicalType::Boolean(),
                                                     [matcher, negated](const StringView& value) -> uint8_t {
                                                         return matcher->Matches(value.view()) != negated;
                                                     });
        }
        return BuildValues<uint8_t>(args, LogicalType::Boolean(), [&](size_t i, uint8_t& out) {
            if (!AllValidAt(args, i)) return false;
            out = lookup.Get(StringAt(pattern, i).view(), compile)->Matches(StringAt(text, i).view()) != negated;
            return true;
        });
    };
}

// 1-based character position of `needle` in `haystack` at or after character `from` (1-based),
// 0 when absent.
int64_t Locate(std::string_view haystack, std::string_view needle, int64_t from) {
    if (from < 1) return 0;
    int64_t chars = CharLength(haystack);
    if (from > chars + 1) return 0;
    size_t start = ByteOffsetOfChar(haystack, from - 1);
    size_t hit = haystack.find(needle, start);
    if (hit == std::string_view::npos) return 0;
    return CharLength(haystack.substr(0, hit)) + 1;
}

// instr(str, substr) and locate(substr, str[, pos]) differ only in argument order.
ScalarKernel LocateKernel(bool haystack_first) {
    return [haystack_first](const KernelArgs& args) {
        size_t h = haystack_first ? 0 : 1, n = haystack_first ? 1 : 0;
        return BuildValues<int32_t>(args, LogicalType::Int(), [&](size_t i, int32_t& out) {
            if (!AllValidAt(args, i)) return false;
            int64_t from = args.columns.size() > 2 ? ValueAt<int64_t>(*args.columns[2], i) : 1;
            out = static_cast<int32_t>(
                Locate(StringAt(*args.columns[h], i).view(), StringAt(*args.columns[n], i).view(), from));
            return true;
        });
    };
}

ScalarKernel AffixKernel(bool prefix) {
    return [prefix](const KernelArgs& args) {
        return BuildValues<uint8_t>(args, LogicalType::Boolean(), [&](size_t i, uint8_t& out) {
            if (!AllValidAt(args, i)) return false;
            std::string_view text = StringAt(*args.columns[0], i).view(), affix = StringAt(*args.columns[1], i).view();
            out = text.size() >= affix.size() &&
                  (prefix ? text.substr(0, affix.size()) : text.substr(text.size() - affix.size())) == affix;
            return true;
        });
    };
}

void RegisterFixed(FunctionRegistry& registry, const std::string& name, std::string signature, size_t required,
                   LogicalType result, ScalarKernel kernel) {
    registry.RegisterScalar(name, [=](const std::vector<LogicalType>& types) {
        return BindSignature(name, types, signature, required, result, kernel);
    });
}

}  // namespace

void RegisterStringMatchFunctions(FunctionRegistry& registry) {
    // Each binding makes its own kernel, so each query gets its own pattern cache.
    registry.RegisterScalar("like", [](const std::vector<LogicalType>& types) {
        return BindSignature("like", types, "SS", 2, LogicalType::Boolean(), LikeKernel(false));
    });
    registry.RegisterScalar("not_like", [](const std::vector<LogicalType>& types) {
        return BindSignature("not_like", types, "SS", 2, LogicalType::Boolean(), LikeKernel(true));
    });
    RegisterFixed(registry, "instr", "SS", 2, LogicalType::Int(), LocateKernel(true));
    RegisterFixed(registry, "locate", "SSI", 2, LogicalType::Int(), LocateKernel(false));
    RegisterFixed(registry, "starts_with", "SS", 2, LogicalType::Boolean(), AffixKernel(true));
    RegisterFixed(registry, "ends_with", "SS", 2, LogicalType::Boolean(), AffixKernel(false));
    registry.RegisterAlias("position", "locate");
}

}  // namespace flashlake::functions
