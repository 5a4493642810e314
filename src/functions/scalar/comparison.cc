// = != < <= > >= and <=> (NULL-safe equality). The binder casts both sides to their common type
// first (types/type_coercion.h), so each kernel compares two columns of one physical type.

#include "functions/function_registry.h"
#include "functions/scalar/scalar_families.h"
#include "functions/vectorized.h"
#include "types/type_coercion.h"

namespace flashlake::functions {

namespace {

enum class CompareOp { kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual };

template <typename T>
int Compare3(const T& a, const T& b) {
    if constexpr (std::is_same_v<T, StringView>) {
        return a.Compare(b);
    } else {
        return a < b ? -1 : (b < a ? 1 : 0);
    }
}

template <typename T>
ScalarKernel CompareKernel(CompareOp op) {
    return [op](const KernelArgs& args) -> ColumnPtr {
        const Column& a = *args.columns[0];
        const Column& b = *args.columns[1];
        LogicalType result = LogicalType::Boolean();
        auto run = [&](auto predicate) {
            return BinaryExecute<T, T, uint8_t>(a, b, args.num_rows, result,
                                                [predicate](const T& x, const T& y) -> uint8_t { return predicate(x, y); });
        };
        switch (op) {
            case CompareOp::kEqual:
                if constexpr (std::is_same_v<T, StringView>) return run([](const T& x, const T& y) { return x == y; });
                else return run([](T x, T y) { return x == y; });
            case CompareOp::kNotEqual:
                if constexpr (std::is_same_v<T, StringView>) return run([](const T& x, const T& y) { return x != y; });
                else return run([](T x, T y) { return x != y; });
            case CompareOp::kLess: return run([](const T& x, const T& y) { return Compare3(x, y) < 0; });
            case CompareOp::kLessEqual: return run([](const T& x, const T& y) { return Compare3(x, y) <= 0; });
            case CompareOp::kGreater: return run([](const T& x, const T& y) { return Compare3(x, y) > 0; });
            case CompareOp::kGreaterEqual: return run([](const T& x, const T& y) { return Compare3(x, y) >= 0; });
        }
        return nullptr;
    };
}

// <=>: never NULL; NULL <=> NULL is true.
template <typename T>
ScalarKernel NullSafeEqualKernel() {
    return [](const KernelArgs& args) -> ColumnPtr {
        const Column& a = *args.columns[0];
        const Column& b = *args.columns[1];
        ColumnPtr result = Column::MakeFlat(LogicalType::Boolean(), args.num_rows);
        uint8_t* out = result->MutableData<uint8_t>();
        for (size_t i = 0; i < args.num_rows; ++i) {
            size_t ra = RowOf(a, i), rb = RowOf(b, i);
            bool null_a = !a.validity().IsValid(ra), null_b = !b.validity().IsValid(rb);
            out[i] = null_a || null_b ? (null_a && null_b) : Compare3(a.Data<T>()[ra], b.Data<T>()[rb]) == 0;
        }
        return result;
    };
}

ScalarBinder MakeComparisonBinder(CompareOp op, std::string name, bool null_safe) {
    return [op, name, null_safe](const std::vector<LogicalType>& types) -> Result<BoundScalarFunction> {
        if (types.size() != 2) return NoMatchingOverload(name, types);
        auto common = CommonSuperType(types[0], types[1]);
        if (!common) return NoMatchingOverload(name, types);
        LogicalType operand = common->id() == TypeId::kNull ? LogicalType::Boolean() : *common;
        if (operand.id() == TypeId::kBitmap || operand.id() == TypeId::kHll) return NoMatchingOverload(name, types);
        ScalarKernel kernel = DispatchPhysical(operand.physical(), [&]<typename T>() -> ScalarKernel {
            return null_safe ? NullSafeEqualKernel<T>() : CompareKernel<T>(op);
        });
        return BoundScalarFunction{name, {operand, operand}, LogicalType::Boolean(), std::move(kernel)};
    };
}

}  // namespace

void RegisterComparisonFunctions(FunctionRegistry& registry) {
    registry.RegisterScalar("eq", MakeComparisonBinder(CompareOp::kEqual, "eq", false));
    registry.RegisterScalar("ne", MakeComparisonBinder(CompareOp::kNotEqual, "ne", false));
    registry.RegisterScalar("lt", MakeComparisonBinder(CompareOp::kLess, "lt", false));
    registry.RegisterScalar("le", MakeComparisonBinder(CompareOp::kLessEqual, "le", false));
    registry.RegisterScalar("gt", MakeComparisonBinder(CompareOp::kGreater, "gt", false));
    registry.RegisterScalar("ge", MakeComparisonBinder(CompareOp::kGreaterEqual, "ge", false));
    registry.RegisterScalar("eq_for_null", MakeComparisonBinder(CompareOp::kEqual, "eq_for_null", true));
}

}  // namespace flashlake::functions
