// String functions over VARCHAR. Results are written into the result column's string heap.

#include <algorithm>
#include <cctype>

#include "functions/function_registry.h"
#include "functions/scalar/scalar_families.h"
#include "functions/vectorized.h"

namespace flashlake::functions {

namespace {

// Builds a VARCHAR column row by row from a producer that returns false for NULL.
template <typename Producer>
ColumnPtr BuildStrings(size_t num_rows, Producer&& produce) {
    ColumnPtr result = Column::MakeFlat(LogicalType::Varchar(), num_rows);
    StringView* out = result->MutableData<StringView>();
    std::string scratch;
    for (size_t i = 0; i < num_rows; ++i) {
        scratch.clear();
        if (produce(i, scratch)) out[i] = result->strings().Add(scratch);
        else result->SetNull(i);
    }
    return result;
}

// By reference: an inline StringView holds its bytes, so a copy's view() would dangle.
const StringView& StringAt(const Column& column, size_t row) { return column.Data<StringView>()[RowOf(column, row)]; }
bool ValidAt(const Column& column, size_t row) { return column.validity().IsValid(RowOf(column, row)); }

// Number of UTF-8 code points.
int64_t CharLength(std::string_view text) {
    int64_t count = 0;
    for (unsigned char c : text) count += (c & 0xC0) != 0x80;
    return count;
}

// Byte offset of the code point with index `chars` (clamped to the end).
size_t ByteOffsetOfChar(std::string_view text, int64_t chars) {
    size_t pos = 0;
    while (pos < text.size() && chars > 0) {
        ++pos;
        while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
        --chars;
    }
    return pos;
}

Result<BoundScalarFunction> AllVarchar(const std::string& name, const std::vector<LogicalType>& types, size_t min_args,
                                       size_t max_args, LogicalType result, ScalarKernel kernel) {
    if (types.size() < min_args || types.size() > max_args) return NoMatchingOverload(name, types);
    for (const auto& type : types) {
        if (type.id() == TypeId::kBitmap || type.id() == TypeId::kHll) return NoMatchingOverload(name, types);
    }
    return BoundScalarFunction{name, std::vector<LogicalType>(types.size(), LogicalType::Varchar()), result,
                               std::move(kernel)};
}

ScalarKernel CaseKernel(bool upper) {
    return [upper](const KernelArgs& args) {
        const Column& input = *args.columns[0];
        return BuildStrings(args.num_rows, [&](size_t i, std::string& out) {
            if (!ValidAt(input, i)) return false;
            out = StringAt(input, i).view();
            for (char& c : out) c = static_cast<char>(upper ? std::toupper(static_cast<unsigned char>(c))
                                                              : std::tolower(static_cast<unsigned char>(c)));
            return true;
        });
    };
}

ScalarKernel LengthKernel(bool in_chars) {
    return [in_chars](const KernelArgs& args) {
        const Column& input = *args.columns[0];
        ColumnPtr result = Column::MakeFlat(LogicalType::Int(), args.num_rows);
        int32_t* out = result->MutableData<int32_t>();
        for (size_t i = 0; i < args.num_rows; ++i) {
            if (!ValidAt(input, i)) {
                result->SetNull(i);
                continue;
            }
            std::string_view text = StringAt(input, i).view();
            out[i] = static_cast<int32_t>(in_chars ? CharLength(text) : static_cast<int64_t>(text.size()));
        }
        return result;
    };
}

// substr(s, pos[, len]): 1-based position in characters; negative counts from the end.
ScalarKernel SubstrKernel() {
    return [](const KernelArgs& args) {
        const Column& input = *args.columns[0];
        const Column& position = *args.columns[1];
        const Column* length = args.columns.size() > 2 ? args.columns[2].get() : nullptr;
        return BuildStrings(args.num_rows, [&](size_t i, std::string& out) {
            if (!ValidAt(input, i) || !ValidAt(position, i) || (length && !ValidAt(*length, i))) return false;
            std::string_view text = StringAt(input, i).view();
            int64_t pos = position.Data<int64_t>()[RowOf(position, i)];
            int64_t count = length ? length->Data<int64_t>()[RowOf(*length, i)] : INT64_MAX;
            int64_t chars = CharLength(text);
            if (pos < 0) pos = chars + pos + 1;
            if (pos < 1 || pos > chars || count <= 0) return true;  // empty string
            size_t begin = ByteOffsetOfChar(text, pos - 1);
            size_t end = count >= chars ? text.size() : begin + ByteOffsetOfChar(text.substr(begin), count);
            out = text.substr(begin, end - begin);
            return true;
        });
    };
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry& registry) {
    registry.RegisterScalar("concat", [](const std::vector<LogicalType>& types) {
        return AllVarchar("concat", types, 1, 1000, LogicalType::Varchar(), [](const KernelArgs& args) {
            return BuildStrings(args.num_rows, [&](size_t i, std::string& out) {
                for (const auto& column : args.columns) {
                    if (!ValidAt(*column, i)) return false;  // concat with a NULL is NULL
                    out += StringAt(*column, i).view();
                }
                return true;
            });
        });
    });
    registry.RegisterScalar("concat_ws", [](const std::vector<LogicalType>& types) {
        return AllVarchar("concat_ws", types, 2, 1000, LogicalType::Varchar(), [](const KernelArgs& args) {
            return BuildStrings(args.num_rows, [&](size_t i, std::string& out) {
                if (!ValidAt(*args.columns[0], i)) return false;
                std::string_view separator = StringAt(*args.columns[0], i).view();
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
    registry.RegisterScalar("upper", [](const std::vector<LogicalType>& types) {
        return AllVarchar("upper", types, 1, 1, LogicalType::Varchar(), CaseKernel(true));
    });
    registry.RegisterScalar("lower", [](const std::vector<LogicalType>& types) {
        return AllVarchar("lower", types, 1, 1, LogicalType::Varchar(), CaseKernel(false));
    });
    registry.RegisterScalar("length", [](const std::vector<LogicalType>& types) {
        return AllVarchar("length", types, 1, 1, LogicalType::Int(), LengthKernel(false));
    });
    registry.RegisterScalar("char_length", [](const std::vector<LogicalType>& types) {
        return AllVarchar("char_length", types, 1, 1, LogicalType::Int(), LengthKernel(true));
    });
    registry.RegisterScalar("substr", [](const std::vector<LogicalType>& types) -> Result<BoundScalarFunction> {
        if (types.size() < 2 || types.size() > 3) return NoMatchingOverload("substr", types);
        std::vector<LogicalType> arguments = {LogicalType::Varchar(), LogicalType::BigInt()};
        if (types.size() == 3) arguments.push_back(LogicalType::BigInt());
        for (size_t i = 1; i < types.size(); ++i) {
            if (!types[i].IsInteger() && types[i].id() != TypeId::kNull) return NoMatchingOverload("substr", types);
        }
        return BoundScalarFunction{"substr", arguments, LogicalType::Varchar(), SubstrKernel()};
    });
    registry.RegisterAlias("ucase", "upper");
    registry.RegisterAlias("lcase", "lower");
    registry.RegisterAlias("substring", "substr");
    registry.RegisterAlias("character_length", "char_length");
}

}  // namespace flashlake::functions
