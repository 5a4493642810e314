// String functions over VARCHAR that build new strings: concat, case, substrings, padding,
// trimming, replacing. Positions and lengths count UTF-8 code points, as StarRocks' do. Results
// are written into the result column's string heap through one scratch buffer (row_kernel.h).

#include <algorithm>
#include <cctype>

#include "functions/function_registry.h"
#include "functions/scalar/row_kernel.h"
#include "functions/scalar/scalar_families.h"

namespace flashlake::functions {

namespace {

// Longest result repeat/space/lpad/rpad build; past it the result is NULL rather than a
// multi-gigabyte allocation from one row.
constexpr int64_t kMaxResultBytes = 64ll << 20;

std::string_view StrArg(const KernelArgs& args, size_t column, size_t row) {
    return StringAt(*args.columns[column], row).view();
}
int64_t IntArg(const KernelArgs& args, size_t column, size_t row) {
    return ValueAt<int64_t>(*args.columns[column], row);
}

Result<BoundScalarFunction> AllVarchar(const std::string& name, const std::vector<LogicalType>& types, size_t min_args,
                                       size_t max_args, LogicalType result, ScalarKernel kernel) {
    if (types.size() < min_args || types.size() > max_args) return NoMatchingOverload(name, types);
    return BindSignature(name, types, std::string(types.size(), 'S'), min_args, std::move(result), std::move(kernel));
}

ScalarKernel CaseKernel(bool upper) {
    return [upper](const KernelArgs& args) {
        return BuildStrings(args, [&](size_t i, std::string& out) {
            if (!AllValidAt(args, i)) return false;
            out = StrArg(args, 0, i);
            for (char& c : out)
                c = static_cast<char>(upper ? std::toupper(static_cast<unsigned char>(c))
                                            : std::tolower(static_cast<unsigned char>(c)));
            return true;
        });
    };
}

ScalarKernel LengthKernel(bool in_chars) {
    return [in_chars](const KernelArgs& args) {
        return BuildValues<int32_t>(args, LogicalType::Int(), [&](size_t i, int32_t& out) {
            if (!AllValidAt(args, i)) return false;
            std::string_view text = StrArg(args, 0, i);
            out = static_cast<int32_t>(in_chars ? CharLength(text) : static_cast<int64_t>(text.size()));
            return true;
        });
    };
}

// substr(s, pos[, len]): 1-based position in characters; negative counts from the end.
void Substring(std::string_view text, int64_t pos, int64_t count, std::string& out) {
    int64_t chars = CharLength(text);
    if (pos < 0) pos = chars + pos + 1;
    if (pos < 1 || pos > chars || count <= 0) return;  // empty string
    size_t begin = ByteOffsetOfChar(text, pos - 1);
    size_t end = count >= chars ? text.size() : begin + ByteOffsetOfChar(text.substr(begin), count);
    out = text.substr(begin, end - begin);
}

ScalarKernel SubstrKernel() {
    return [](const KernelArgs& args) {
        return BuildStrings(args, [&](size_t i, std::string& out) {
            if (!AllValidAt(args, i)) return false;
            Substring(StrArg(args, 0, i), IntArg(args, 1, i), args.columns.size() > 2 ? IntArg(args, 2, i) : INT64_MAX,
                      out);
            return true;
        });
    };
}

// left(s, n) / right(s, n): the first / last n characters.
ScalarKernel SideKernel(bool left) {
    return [left](const KernelArgs& args) {
        return BuildStrings(args, [&](size_t i, std::string& out) {
            if (!AllValidAt(args, i)) return false;
            std::string_view text = StrArg(args, 0, i);
            int64_t n = IntArg(args, 1, i);
            if (n <= 0) return true;
            if (left) {
                out = text.substr(0, ByteOffsetOfChar(text, n));
            } else {
                int64_t chars = CharLength(text);
                out = n >= chars ? text : text.substr(ByteOffsetOfChar(text, chars - n));
            }
            return true;
        });
    };
}

// Byte length of the UTF-8 code point starting at `text[pos]`.
size_t CodePointLength(std::string_view text, size_t pos) {
    size_t end = pos + 1;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    return end - pos;
}

enum class TrimSide { kBoth, kLeft, kRight };

// Removes leading/trailing characters found in `set` (code points, so multi-byte characters trim whole).
std::string_view Trim(std::string_view text, std::string_view set, TrimSide side) {
    auto in_set = [&](std::string_view ch) {
        for (size_t p = 0; p < set.size();) {
            size_t n = CodePointLength(set, p);
            if (set.substr(p, n) == ch) return true;
            p += n;
        }
        return false;
    };
    size_t begin = 0, end = text.size();
    if (side != TrimSide::kRight) {
        while (begin < end) {
            size_t n = CodePointLength(text, begin);
            if (!in_set(text.substr(begin, n))) break;
            begin += n;
        }
    }
    if (side != TrimSide::kLeft) {
        while (end > begin) {
            size_t start = end - 1;
            while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
            if (!in_set(text.substr(start, end - start))) break;
            end = start;
        }
    }
    return text.substr(begin, end - begin);
}

ScalarKernel TrimKernel(TrimSide side) {
    return [side](const KernelArgs& args) {
        return BuildStrings(args, [&](size_t i, std::string& out) {
            if (!AllValidAt(args, i)) return false;
            out = Trim(StrArg(args, 0, i), args.columns.size() > 1 ? StrArg(args, 1, i) : std::string_view(" "), side);
            return true;
        });
    };
}

// lpad / rpad(s, len[, pad]): pads to len characters, or cuts s to len characters.
ScalarKernel PadKernel(bool left) {
    return [left](const KernelArgs& args) {
        return BuildStrings(args, [&](size_t i, std::string& out) {
            if (!AllValidAt(args, i)) return false;
            std::string_view text = StrArg(args, 0, i);
            std::string_view pad = args.columns.size() > 2 ? StrArg(args, 2, i) : std::string_view(" ");
            int64_t length = IntArg(args, 1, i);
            if (length < 0 || length > kMaxResultBytes) return false;
            int64_t chars = CharLength(text);
            if (length <= chars) {
                out = text.substr(0, ByteOffsetOfChar(text, length));
                return true;
            }
            if (pad.empty()) return false;  // cannot reach the length: NULL, as MySQL
            int64_t missing = length - chars, pad_chars = CharLength(pad);
            std::string filler;
            for (int64_t k = 0; k < missing / pad_chars; ++k) filler += pad;
            filler += pad.substr(0, ByteOffsetOfChar(pad, missing % pad_chars));
            out = left ? filler + std::string(text) : std::string(text) + filler;
            return true;
        });
    };
}

ScalarKernel ReplaceKernel() {
    return [](const KernelArgs& args) {
        return BuildStrings(args, [&](size_t i, std::string& out) {
            if (!AllValidAt(args, i)) return false;
            std::string_view text = StrArg(args, 0, i), from = StrArg(args, 1, i), to = StrArg(args, 2, i);
            if (from.empty()) {
                out = text;
                return true;
            }
            size_t pos = 0;
            for (size_t hit; (hit = text.find(from, pos)) != std::string_view::npos; pos = hit + from.size()) {
                out.append(text.substr(pos, hit - pos));
                out.append(to);
            }
            out.append(text.substr(pos));
            return true;
        });
    };
}

// split_part(s, delimiter, n): the n-th field (1-based; negative counts from the end). A field
// that does not exist is NULL, as in StarRocks.
ScalarKernel SplitPartKernel() {
    return [](const KernelArgs& args) {
        return BuildStrings(args, [&](size_t i, std::string& out) {
            if (!AllValidAt(args, i)) return false;
            std::string_view text = StrArg(args, 0, i), delimiter = StrArg(args, 1, i);
            int64_t field = IntArg(args, 2, i);
            if (field == 0 || delimiter.empty()) return false;
            if (field > 0) {
                size_t begin = 0;
                for (int64_t k = 1; k < field; ++k) {
                    size_t hit = text.find(delimiter, begin);
                    if (hit == std::string_view::npos) return false;
                    begin = hit + delimiter.size();
                }
                size_t end = text.find(delimiter, begin);
                out = text.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
                return true;
            }
            size_t end = text.size();
            for (int64_t k = -1; k > field; --k) {
                if (end < delimiter.size()) return false;
                size_t hit = text.rfind(delimiter, end - delimiter.size());
                if (hit == std::string_view::npos) return false;
                end = hit;
            }
            size_t begin = 0;
            if (end >= delimiter.size()) {
                size_t hit = text.rfind(delimiter, end - delimiter.size());
                if (hit != std::string_view::npos) begin = hit + delimiter.size();
            }
            out = text.substr(begin, end - begin);
            return true;
        });
    };
}

ScalarKernel ReverseKernel() {
    return [](const KernelArgs& args) {
        return BuildStrings(args, [&](size_t i, std::string& out) {
            if (!AllValidAt(args, i)) return false;
            std::string_view text = StrArg(args, 0, i);
            out.resize(text.size());
            // Code points keep their byte order; their sequence is reversed.
            size_t write = text.size();
            for (size_t pos = 0; pos < text.size();) {
                size_t n = CodePointLength(text, pos);
                write -= n;
                std::copy_n(text.data() + pos, n, out.data() + write);
                pos += n;
            }
            return true;
        });
    };
}

ScalarKernel RepeatKernel() {
    return [](const KernelArgs& args) {
        return BuildStrings(args, [&](size_t i, std::string& out) {
            if (!AllValidAt(args, i)) return false;
            std::string_view text = StrArg(args, 0, i);
            int64_t times = IntArg(args, 1, i);
            if (times <= 0) return true;
            if (static_cast<double>(text.size()) * static_cast<double>(times) > kMaxResultBytes) return false;
            for (int64_t k = 0; k < times; ++k) out.append(text);
            return true;
        });
    };
}

ScalarKernel SpaceKernel() {
    return [](const KernelArgs& args) {
        return BuildStrings(args, [&](size_t i, std::string& out) {
            if (!AllValidAt(args, i)) return false;
            int64_t n = IntArg(args, 0, i);
            if (n > kMaxResultBytes) return false;
            if (n > 0) out.assign(static_cast<size_t>(n), ' ');
            return true;
        });
    };
}

void RegisterConcat(FunctionRegistry& registry) {
    registry.RegisterScalar("concat", [](const std::vector<LogicalType>& types) {
        return AllVarchar("concat", types, 1, 1000, LogicalType::Varchar(), [](const KernelArgs& args) {
            return BuildStrings(args, [&](size_t i, std::string& out) {
                if (!AllValidAt(args, i)) return false;  // concat with a NULL is NULL
                for (const auto& column : args.columns) out += StringAt(*column, i).view();
                return true;
            });
        });
    });
    registry.RegisterScalar("concat_ws", [](const std::vector<LogicalType>& types) {
        return AllVarchar("concat_ws", types, 2, 1000, LogicalType::Varchar(), [](const KernelArgs& args) {
            return BuildStrings(args, [&](size_t i, std::string& out) {
                if (!ValidAt(*args.columns[0], i)) return false;
                std::string_view separator = StrArg(args, 0, i);
                bool first = true;
                for (size_t c = 1; c < args.columns.size(); ++c) {
                    if (!ValidAt(*args.columns[c], i)) continue;  // concat_ws skips NULLs
                    if (!first) out += separator;
                    out += StringAt(*args.columns[c], i).view();
                    first = false;
                }
                return true;
            });
        });
    });
}

// Registers `name` with a fixed signature (see BindSignature).
void RegisterFixed(FunctionRegistry& registry, const std::string& name, std::string signature, size_t required,
                   LogicalType result, ScalarKernel kernel) {
    registry.RegisterScalar(name, [=](const std::vector<LogicalType>& types) {
        return BindSignature(name, types, signature, required, result, kernel);
    });
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry& registry) {
    RegisterConcat(registry);
    LogicalType varchar = LogicalType::Varchar();
    RegisterFixed(registry, "upper", "S", 1, varchar, CaseKernel(true));
    RegisterFixed(registry, "lower", "S", 1, varchar, CaseKernel(false));
    RegisterFixed(registry, "length", "S", 1, LogicalType::Int(), LengthKernel(false));
    RegisterFixed(registry, "char_length", "S", 1, LogicalType::Int(), LengthKernel(true));
    RegisterFixed(registry, "substr", "SII", 2, varchar, SubstrKernel());
    RegisterFixed(registry, "left", "SI", 2, varchar, SideKernel(true));
    RegisterFixed(registry, "right", "SI", 2, varchar, SideKernel(false));
    RegisterFixed(registry, "trim", "SS", 1, varchar, TrimKernel(TrimSide::kBoth));
    RegisterFixed(registry, "ltrim", "SS", 1, varchar, TrimKernel(TrimSide::kLeft));
    RegisterFixed(registry, "rtrim", "SS", 1, varchar, TrimKernel(TrimSide::kRight));
    RegisterFixed(registry, "lpad", "SIS", 2, varchar, PadKernel(true));
    RegisterFixed(registry, "rpad", "SIS", 2, varchar, PadKernel(false));
    RegisterFixed(registry, "replace", "SSS", 3, varchar, ReplaceKernel());
    RegisterFixed(registry, "split_part", "SSI", 3, varchar, SplitPartKernel());
    RegisterFixed(registry, "reverse", "S", 1, varchar, ReverseKernel());
    RegisterFixed(registry, "repeat", "SI", 2, varchar, RepeatKernel());
    RegisterFixed(registry, "space", "I", 1, varchar, SpaceKernel());
    registry.RegisterAlias("ucase", "upper");
    registry.RegisterAlias("lcase", "lower");
    registry.RegisterAlias("substring", "substr");
    registry.RegisterAlias("character_length", "char_length");
    registry.RegisterAlias("strleft", "left");
    registry.RegisterAlias("strright", "right");
}

}  // namespace flashlake::functions
