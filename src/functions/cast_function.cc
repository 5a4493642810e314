#include "functions/cast_function.h"

#include "common/query_error.h"
#include "functions/vectorized.h"
#include "types/cast.h"

namespace flashlake::functions {

namespace {

// Row-at-a-time conversion through Value: correct for every pair the cast rules allow, and the
// fallback for pairs without a vectorised path below.
ScalarKernel GenericCastKernel(LogicalType to, bool strict) {
    return [to, strict](const KernelArgs& args) -> ColumnPtr {
        const Column& input = *args.columns[0];
        bool constant = input.encoding() == ColumnEncoding::kConstant;
        size_t rows = constant ? 1 : args.num_rows;
        ColumnPtr result = Column::MakeFlat(to, rows);
        for (size_t i = 0; i < rows; ++i) {
            Result<Value> converted = CastValue(input.GetValue(i), to, strict);
            ThrowIfError(converted.status());
            result->SetValue(i, *converted);
        }
        return constant ? internal::ToConstant(*result, args.num_rows) : result;
    };
}

template <typename From, typename To>
ScalarKernel NumericCastKernel(LogicalType to) {
    return [to](const KernelArgs& args) {
        return UnaryExecute<From, To>(*args.columns[0], args.num_rows, to, [](From x) { return static_cast<To>(x); });
    };
}

bool IsPlainNumber(const LogicalType& type) {
    return type.IsInteger() || type.IsFloating() || type.id() == TypeId::kBoolean;
}

}  // namespace

Result<ScalarKernel> BindCast(const LogicalType& from, const LogicalType& to, bool strict) {
    if (from == to && from.id() != TypeId::kDecimal) {
        return ScalarKernel([](const KernelArgs& args) { return args.columns[0]; });
    }
    if (from.id() == TypeId::kNull) {
        return ScalarKernel([to](const KernelArgs& args) { return Column::MakeConstant(Value::Null(to), args.num_rows); });
    }
    // Widening integer casts and anything to DOUBLE/FLOAT cannot fail: plain static_cast loops.
    bool widening = IsPlainNumber(from) && (to.IsFloating() || (to.IsInteger() && from.IsInteger() && from.id() <= to.id()));
    if (widening && to.id() != TypeId::kBoolean) {
        return DispatchPhysical(from.physical(), [&]<typename F>() -> ScalarKernel {
            return DispatchPhysical(to.physical(), [&]<typename T>() -> ScalarKernel {
                if constexpr (std::is_arithmetic_v<F> || std::is_same_v<F, int128_t>) {
                    if constexpr (std::is_arithmetic_v<T> || std::is_same_v<T, int128_t>) {
                        return NumericCastKernel<F, T>(to);
                    }
                }
                return GenericCastKernel(to, strict);
            });
        });
    }
    if (to.id() == TypeId::kBitmap || to.id() == TypeId::kHll || to.id() == TypeId::kArray ||
        ((from.id() == TypeId::kBitmap || from.id() == TypeId::kHll) && to.id() != from.id())) {
        return Status(ErrorCode::kInvalidCast, "Invalid type cast from " + from.ToString() + " to " + to.ToString());
    }
    return GenericCastKernel(to, strict);
}

}  // namespace flashlake::functions
