// + - * / DIV % on integers, DECIMAL and DOUBLE, with StarRocks' result types: integer results
// widen one step (INT + INT is BIGINT) so that ordinary sums cannot overflow; `/` on integers
// gives DOUBLE; DECIMAL results carry the precision and scale the SQL standard rules give, and
// overflow past 38 digits is an error. Division by zero yields NULL, as in MySQL and StarRocks.

#include <cmath>

#include "common/query_error.h"
#include "functions/function_registry.h"
#include "functions/scalar/scalar_families.h"
#include "functions/vectorized.h"
#include "types/decimal.h"
#include "types/type_coercion.h"

namespace flashlake::functions {

namespace {

enum class ArithmeticOp { kAdd, kSubtract, kMultiply, kDivide, kIntDivide, kModulo };

const char* OpName(ArithmeticOp op) {
    switch (op) {
        case ArithmeticOp::kAdd: return "add";
        case ArithmeticOp::kSubtract: return "subtract";
        case ArithmeticOp::kMultiply: return "multiply";
        case ArithmeticOp::kDivide: return "divide";
        case ArithmeticOp::kIntDivide: return "int_divide";
        case ArithmeticOp::kModulo: return "mod";
    }
    return "?";
}

LogicalType WidenInteger(TypeId id) {
    switch (id) {
        case TypeId::kBoolean:
        case TypeId::kTinyInt: return LogicalType::SmallInt();
        case TypeId::kSmallInt: return LogicalType::Int();
        case TypeId::kInt: return LogicalType::BigInt();
        default: return LogicalType::LargeInt();
    }
}

// Integer kernels run on int128 accumulators only for LARGEINT; narrower results compute in the
// result's own type, which the widening above keeps from overflowing for + - and one *.
template <typename T>
ScalarKernel IntegerKernel(ArithmeticOp op, LogicalType result_type) {
    return [op, result_type](const KernelArgs& args) -> ColumnPtr {
        const Column& a = *args.columns[0];
        const Column& b = *args.columns[1];
        switch (op) {
            case ArithmeticOp::kAdd:
                return BinaryExecute<T, T, T>(a, b, args.num_rows, result_type, [](T x, T y) {
                    T r;
                    if (__builtin_add_overflow(x, y, &r)) ThrowQueryError(ErrorCode::kNumericOverflow, "integer overflow in +");
                    return r;
                });
            case ArithmeticOp::kSubtract:
                return BinaryExecute<T, T, T>(a, b, args.num_rows, result_type, [](T x, T y) {
                    T r;
                    if (__builtin_sub_overflow(x, y, &r)) ThrowQueryError(ErrorCode::kNumericOverflow, "integer overflow in -");
                    return r;
                });
            case ArithmeticOp::kMultiply:
                return BinaryExecute<T, T, T>(a, b, args.num_rows, result_type, [](T x, T y) {
                    T r;
                    if (__builtin_mul_overflow(x, y, &r)) ThrowQueryError(ErrorCode::kNumericOverflow, "integer overflow in *");
                    return r;
                });
            case ArithmeticOp::kIntDivide:
                return BinaryExecuteNullable<T, T, T>(a, b, args.num_rows, result_type, [](T x, T y, T& out) {
                    if (y == 0) return false;
                    if (y == -1) {
                        if (__builtin_sub_overflow(T(0), x, &out)) ThrowQueryError(ErrorCode::kNumericOverflow, "integer overflow in DIV");
                        return true;
                    }
                    out = x / y;
                    return true;
                });
            case ArithmeticOp::kModulo:
                return BinaryExecuteNullable<T, T, T>(a, b, args.num_rows, result_type, [](T x, T y, T& out) {
                    if (y == 0) return false;
                    out = y == -1 ? T(0) : T(x % y);
                    return true;
                });
            case ArithmeticOp::kDivide: break;
        }
        FL_CHECK(false, "integer kernel for ", OpName(op));
        return nullptr;
    };
}

ScalarKernel DoubleKernel(ArithmeticOp op) {
    LogicalType type = LogicalType::Double();
    return [op, type](const KernelArgs& args) -> ColumnPtr {
        const Column& a = *args.columns[0];
        const Column& b = *args.columns[1];
        switch (op) {
            case ArithmeticOp::kAdd: return BinaryExecute<double, double, double>(a, b, args.num_rows, type, std::plus<>());
            case ArithmeticOp::kSubtract:
                return BinaryExecute<double, double, double>(a, b, args.num_rows, type, std::minus<>());
            case ArithmeticOp::kMultiply:
                return BinaryExecute<double, double, double>(a, b, args.num_rows, type, std::multiplies<>());
            case ArithmeticOp::kDivide:
                return BinaryExecuteNullable<double, double, double>(a, b, args.num_rows, type,
                                                                     [](double x, double y, double& out) {
                                                                         if (y == 0) return false;
                                                                         out = x / y;
                                                                         return true;
                                                                     });
            case ArithmeticOp::kModulo:
                return BinaryExecuteNullable<double, double, double>(a, b, args.num_rows, type,
                                                                     [](double x, double y, double& out) {
                                                                         if (y == 0) return false;
                                                                         out = std::fmod(x, y);
                                                                         return true;
                                                                     });
            case ArithmeticOp::kIntDivide: break;
        }
        FL_CHECK(false, "double kernel for ", OpName(op));
        return nullptr;
    };
}

// Decimal operands arrive already cast to `operand` types chosen at bind time; the kernel works
// on int128 unscaled values and checks the result fits the result precision.
template <typename L, typename R, typename Out>
ScalarKernel DecimalKernel(ArithmeticOp op, LogicalType left, LogicalType right, LogicalType result) {
    return [=](const KernelArgs& args) -> ColumnPtr {
        const int precision = result.precision();
        const int128_t max = decimal::MaxUnscaled(precision);
        auto check = [max, result](int128_t value) {
            if (value > max || value < -max) {
                ThrowQueryError(ErrorCode::kNumericOverflow, "decimal overflow: result does not fit ", result.ToString());
            }
            return static_cast<Out>(value);
        };
        const Column& a = *args.columns[0];
        const Column& b = *args.columns[1];
        switch (op) {
            case ArithmeticOp::kAdd:
                return BinaryExecute<L, R, Out>(a, b, args.num_rows, result, [=](L x, R y) { return check(int128_t(x) + y); });
            case ArithmeticOp::kSubtract:
                return BinaryExecute<L, R, Out>(a, b, args.num_rows, result, [=](L x, R y) { return check(int128_t(x) - y); });
            case ArithmeticOp::kMultiply:
                return BinaryExecute<L, R, Out>(a, b, args.num_rows, result, [=](L x, R y) {
                    int128_t r;
                    if (__builtin_mul_overflow(int128_t(x), int128_t(y), &r)) check(max + 1);
                    return check(r);
                });
            case ArithmeticOp::kDivide: {
                // result scale = left scale + shift; multiply the dividend up, then divide, rounding half up.
                int shift = result.scale() - left.scale() + right.scale();
                int128_t factor = decimal::PowerOfTen(shift);
                return BinaryExecuteNullable<L, R, Out>(a, b, args.num_rows, result, [=](L x, R y, Out& out) {
                    if (y == 0) return false;
                    int128_t dividend;
                    if (__builtin_mul_overflow(int128_t(x), factor, &dividend)) check(max + 1);
                    int128_t quotient = dividend / y, remainder = dividend % y;
                    if ((remainder < 0 ? -remainder : remainder) * 2 >= (y < 0 ? -int128_t(y) : int128_t(y))) {
                        quotient += (dividend < 0) != (y < 0) ? -1 : 1;
                    }
                    out = check(quotient);
                    return true;
                });
            }
            case ArithmeticOp::kModulo:
                return BinaryExecuteNullable<L, R, Out>(a, b, args.num_rows, result, [=](L x, R y, Out& out) {
                    if (y == 0) return false;
                    out = check(int128_t(x) % int128_t(y));
                    return true;
                });
            case ArithmeticOp::kIntDivide: break;
        }
        FL_CHECK(false, "decimal kernel for ", OpName(op));
        return nullptr;
    };
}

Result<BoundScalarFunction> BindDecimal(ArithmeticOp op, const std::string& name, LogicalType left, LogicalType right) {
    if (left.id() != TypeId::kDecimal) left = DecimalForInteger(left);
    if (right.id() != TypeId::kDecimal) right = DecimalForInteger(right);
    int p1 = left.precision(), s1 = left.scale(), p2 = right.precision(), s2 = right.scale();
    LogicalType result;
    switch (op) {
        case ArithmeticOp::kAdd:
        case ArithmeticOp::kSubtract: {
            int scale = std::max(s1, s2);
            int precision = std::min(kMaxDecimalPrecision, std::max(p1 - s1, p2 - s2) + scale + 1);
            // Operands are brought to the result scale so the kernel adds unscaled values directly.
            left = LogicalType::Decimal(std::min(kMaxDecimalPrecision, p1 - s1 + scale), scale);
            right = LogicalType::Decimal(std::min(kMaxDecimalPrecision, p2 - s2 + scale), scale);
            result = LogicalType::Decimal(precision, scale);
            break;
        }
        case ArithmeticOp::kMultiply: {
            int scale = std::min(kMaxDecimalPrecision, s1 + s2);
            result = LogicalType::Decimal(std::min(kMaxDecimalPrecision, std::max(p1 + p2, scale)), scale);
            break;
        }
        case ArithmeticOp::kDivide: {
            // As StarRocks: the quotient keeps the dividend's scale plus 6 digits (at most 12 in all
            // unless the dividend had more), in the widest precision.
            int scale = std::max(s1, std::min(s1 + 6, 12));
            result = LogicalType::Decimal(kMaxDecimalPrecision, scale);
            break;
        }
        case ArithmeticOp::kModulo: {
            int scale = std::max(s1, s2);
            left = LogicalType::Decimal(std::min(kMaxDecimalPrecision, p1 - s1 + scale), scale);
            right = LogicalType::Decimal(std::min(kMaxDecimalPrecision, p2 - s2 + scale), scale);
            result = LogicalType::Decimal(std::max(left.precision(), right.precision()), scale);
            break;
        }
        case ArithmeticOp::kIntDivide: return NoMatchingOverload(name, {left, right});
    }
    ScalarKernel kernel = DispatchPhysical(left.physical(), [&]<typename L>() -> ScalarKernel {
        if constexpr (std::is_same_v<L, int64_t> || std::is_same_v<L, int128_t>) {
            return DispatchPhysical(right.physical(), [&]<typename R>() -> ScalarKernel {
                if constexpr (std::is_same_v<R, int64_t> || std::is_same_v<R, int128_t>) {
                    if (result.physical() == PhysicalType::kInt64) return DecimalKernel<L, R, int64_t>(op, left, right, result);
                    return DecimalKernel<L, R, int128_t>(op, left, right, result);
                }
                return nullptr;
            });
        }
        return nullptr;
    });
    return BoundScalarFunction{name, {left, right}, result, std::move(kernel)};
}

ScalarBinder MakeArithmeticBinder(ArithmeticOp op, std::string name) {
    return [op, name](const std::vector<LogicalType>& types) -> Result<BoundScalarFunction> {
        if (types.size() != 2) return NoMatchingOverload(name, types);
        LogicalType left = types[0].id() == TypeId::kNull ? types[1] : types[0];
        LogicalType right = types[1].id() == TypeId::kNull ? types[0] : types[1];
        if (left.id() == TypeId::kNull) left = right = LogicalType::BigInt();
        // Strings in arithmetic are numbers written as text: MySQL and StarRocks compute in DOUBLE.
        if (left.IsString()) left = LogicalType::Double();
        if (right.IsString()) right = LogicalType::Double();
        bool left_int = left.IsInteger() || left.id() == TypeId::kBoolean;
        bool right_int = right.IsInteger() || right.id() == TypeId::kBoolean;
        if (!(left.IsNumeric() || left_int) || !(right.IsNumeric() || right_int)) return NoMatchingOverload(name, types);
        if (left.IsFloating() || right.IsFloating() || (op == ArithmeticOp::kDivide && left_int && right_int)) {
            if (op == ArithmeticOp::kIntDivide) return NoMatchingOverload(name, types);
            LogicalType d = LogicalType::Double();
            return BoundScalarFunction{name, {d, d}, d, DoubleKernel(op)};
        }
        if (left_int && right_int) {
            auto common = *CommonSuperType(left, right);
            LogicalType result = (op == ArithmeticOp::kIntDivide || op == ArithmeticOp::kModulo)
                                     ? (common.id() == TypeId::kBoolean ? LogicalType::TinyInt() : common)
                                     : WidenInteger(common.id());
            if (op == ArithmeticOp::kIntDivide) result = common.id() == TypeId::kLargeInt ? common : LogicalType::BigInt();
            ScalarKernel kernel = DispatchPhysical(result.physical(), [&]<typename T>() -> ScalarKernel {
                if constexpr (std::is_integral_v<T> || std::is_same_v<T, int128_t>) return IntegerKernel<T>(op, result);
                return nullptr;
            });
            return BoundScalarFunction{name, {result, result}, result, std::move(kernel)};
        }
        if (op == ArithmeticOp::kIntDivide) {
            LogicalType r = LogicalType::BigInt();
            return BoundScalarFunction{name, {r, r}, r, IntegerKernel<int64_t>(op, r)};
        }
        return BindDecimal(op, name, left, right);
    };
}

ScalarBinder MakeNegateBinder() {
    return [](const std::vector<LogicalType>& types) -> Result<BoundScalarFunction> {
        if (types.size() != 1) return NoMatchingOverload("negative", types);
        LogicalType type = types[0].IsString() || types[0].id() == TypeId::kNull ? LogicalType::Double() : types[0];
        if (type.id() == TypeId::kBoolean) type = LogicalType::TinyInt();
        if (!type.IsNumeric()) return NoMatchingOverload("negative", types);
        ScalarKernel kernel = DispatchPhysical(type.physical(), [&]<typename T>() -> ScalarKernel {
            if constexpr (std::is_arithmetic_v<T> || std::is_same_v<T, int128_t>) {
                return [type](const KernelArgs& args) {
                    return UnaryExecute<T, T>(*args.columns[0], args.num_rows, type, [](T x) { return T(-x); });
                };
            }
            return nullptr;
        });
        return BoundScalarFunction{"negative", {type}, type, std::move(kernel)};
    };
}

}  // namespace

void RegisterArithmeticFunctions(FunctionRegistry& registry) {
    registry.RegisterScalar("add", MakeArithmeticBinder(ArithmeticOp::kAdd, "add"));
    registry.RegisterScalar("subtract", MakeArithmeticBinder(ArithmeticOp::kSubtract, "subtract"));
    registry.RegisterScalar("multiply", MakeArithmeticBinder(ArithmeticOp::kMultiply, "multiply"));
    registry.RegisterScalar("divide", MakeArithmeticBinder(ArithmeticOp::kDivide, "divide"));
    registry.RegisterScalar("int_divide", MakeArithmeticBinder(ArithmeticOp::kIntDivide, "int_divide"));
    registry.RegisterScalar("mod", MakeArithmeticBinder(ArithmeticOp::kModulo, "mod"));
    registry.RegisterScalar("negative", MakeNegateBinder());
}

}  // namespace flashlake::functions
