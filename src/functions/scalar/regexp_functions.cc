// Regular expressions with RE2 (RE2 syntax, UTF-8, matching in time linear in the input, so a
// user's pattern cannot stall a query): `s REGEXP p` / RLIKE / regexp(s, p), regexp_extract and
// regexp_replace. Each bound call compiles a pattern once and keeps it in a PatternCache. An
// invalid pattern gives NULL rows, in keeping with NULL for invalid input elsewhere.

#include <re2/re2.h>

#include "functions/function_registry.h"
#include "functions/scalar/pattern_cache.h"
#include "functions/scalar/row_kernel.h"
#include "functions/scalar/scalar_families.h"

namespace flashlake::functions {

namespace {

std::shared_ptr<const RE2> CompileRegex(std::string_view pattern) {
    RE2::Options options;
    options.set_log_errors(false);
    auto regex = std::make_shared<const RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
    return regex->ok() ? regex : nullptr;
}

re2::StringPiece Piece(std::string_view text) {
    return re2::StringPiece(text.data(), text.size());
}

// A kernel over rows whose argument 1 is the pattern; `row_op(i, regex, out)` sees a compiled
// regex (never null: rows with an invalid pattern are NULL).
template <typename Out, typename RowOp>
ColumnPtr RunWithRegex(const KernelArgs& args, PatternCache<RE2>& cache, const LogicalType& type, RowOp&& row_op) {
    PatternLookup<RE2> lookup(cache);
    auto produce = [&](size_t i, Out& out) {
        if (!AllValidAt(args, i)) return false;
        const RE2* regex = lookup.Get(StringAt(*args.columns[1], i).view(), CompileRegex);
        return regex != nullptr && row_op(i, *regex, out);
    };
    if constexpr (std::is_same_v<Out, std::string>) {
        (void)type;
        return BuildStrings(args, produce);
    } else {
        return BuildValues<Out>(args, type, produce);
    }
}

ScalarKernel RegexpMatchKernel(bool negated) {
    auto cache = std::make_shared<PatternCache<RE2>>();
    return [cache, negated](const KernelArgs& args) {
        return RunWithRegex<uint8_t>(
            args, *cache, LogicalType::Boolean(), [&](size_t i, const RE2& regex, uint8_t& out) {
                // Unanchored: REGEXP is true when the pattern matches anywhere in the string.
                out = RE2::PartialMatch(Piece(StringAt(*args.columns[0], i).view()), regex) != negated;
                return true;
            });
    };
}

// regexp_extract(s, p, n): group n (0 = the whole match) of the first match; '' when nothing
// matches or the group did not take part, NULL for a group the pattern does not have.
ScalarKernel RegexpExtractKernel() {
    auto cache = std::make_shared<PatternCache<RE2>>();
    return [cache](const KernelArgs& args) {
        std::vector<re2::StringPiece> groups;
        return RunWithRegex<std::string>(args, *cache, LogicalType::Varchar(),
                                         [&](size_t i, const RE2& regex, std::string& out) {
                                             int64_t index = ValueAt<int64_t>(*args.columns[2], i);
                                             if (index < 0 || index > regex.NumberOfCapturingGroups()) return false;
                                             std::string_view text = StringAt(*args.columns[0], i).view();
                                             groups.assign(static_cast<size_t>(index) + 1, re2::StringPiece());
                                             if (regex.Match(Piece(text), 0, text.size(), RE2::UNANCHORED,
                                                             groups.data(), static_cast<int>(groups.size()))) {
                                                 const re2::StringPiece& group = groups[index];
                                                 if (group.data() != nullptr) out.assign(group.data(), group.size());
                                             }
                                             return true;
                                         });
    };
}

// regexp_replace(s, p, r): every match replaced by r, where \0..\9 insert groups.
ScalarKernel RegexpReplaceKernel() {
    auto cache = std::make_shared<PatternCache<RE2>>();
    return [cache](const KernelArgs& args) {
        return RunWithRegex<std::string>(args, *cache, LogicalType::Varchar(),
                                         [&](size_t i, const RE2& regex, std::string& out) {
                                             out = StringAt(*args.columns[0], i).view();
                                             std::string_view rewrite = StringAt(*args.columns[2], i).view();
                                             std::string error;
                                             if (!regex.CheckRewriteString(Piece(rewrite), &error)) return false;
                                             RE2::GlobalReplace(&out, regex, Piece(rewrite));
                                             return true;
                                         });
    };
}

}  // namespace

void RegisterRegexpFunctions(FunctionRegistry& registry) {
    // Each binding makes a fresh kernel and so a fresh cache: patterns are cached per query.
    registry.RegisterScalar("regexp", [](const std::vector<LogicalType>& types) {
        return BindSignature("regexp", types, "SS", 2, LogicalType::Boolean(), RegexpMatchKernel(false));
    });
    registry.RegisterScalar("not_regexp", [](const std::vector<LogicalType>& types) {
        return BindSignature("not_regexp", types, "SS", 2, LogicalType::Boolean(), RegexpMatchKernel(true));
    });
    registry.RegisterScalar("regexp_extract", [](const std::vector<LogicalType>& types) {
        return BindSignature("regexp_extract", types, "SSI", 3, LogicalType::Varchar(), RegexpExtractKernel());
    });
    registry.RegisterScalar("regexp_replace", [](const std::vector<LogicalType>& types) {
        return BindSignature("regexp_replace", types, "SSS", 3, LogicalType::Varchar(), RegexpReplaceKernel());
    });
    registry.RegisterAlias("rlike", "regexp");
}

}  // namespace flashlake::functions
