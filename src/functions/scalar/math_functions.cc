// Math functions with StarRocks' types: abs widens integers one step (abs(INT) is BIGINT, so the
// most negative value has an answer); ceil/floor/round of a DOUBLE give BIGINT; round/truncate
// of a DECIMAL stay DECIMAL and are exact. Results that are not real numbers (sqrt(-1), ln(0))
// are NULL, as in MySQL, not errors.

#include <cmath>
#include <numbers>
#include <random>

#include "functions/function_registry.h"
#include "functions/scalar/row_kernel.h"
#include "functions/scalar/scalar_families.h"
#include "types/decimal.h"
#include "types/type_coercion.h"

namespace flashlake::functions {

namespace {

// Numbers written as text compute in DOUBLE, as MySQL and StarRocks do.
bool TakesAsNumber(const LogicalType& type) {
    return type.IsNumeric() || type.id() == TypeId::kBoolean || type.id() == TypeId::kNull || type.IsString();
}

bool FitsInt64(double value) {
    return value >= -9223372036854775808.0 && value < 9223372036854775808.0;
}

// DOUBLE -> DOUBLE; a NaN or infinite result is NULL.
ScalarBinder DoubleFunction(std::string name, double (*fn)(double)) {
    return [name, fn](const std::vector<LogicalType>& types) -> Result<BoundScalarFunction> {
        if (types.size() != 1 || !TakesAsNumber(types[0])) return NoMatchingOverload(name, types);
        LogicalType d = LogicalType::Double();
        ScalarKernel kernel = [fn, d](const KernelArgs& args) {
            return UnaryExecuteNullable<double, double>(*args.columns[0], args.num_rows, d,
                                                        [fn](double x, double& out) {
                                                            out = fn(x);
                                                            return std::isfinite(out);
                                                        });
        };
        return BoundScalarFunction{name, {d}, d, std::move(kernel)};
    };
}

ScalarBinder DoubleFunction2(std::string name, double (*fn)(double, double)) {
    return [name, fn](const std::vector<LogicalType>& types) -> Result<BoundScalarFunction> {
        if (types.size() != 2 || !TakesAsNumber(types[0]) || !TakesAsNumber(types[1]))
            return NoMatchingOverload(name, types);
        LogicalType d = LogicalType::Double();
        ScalarKernel kernel = [fn, d](const KernelArgs& args) {
            return BinaryExecuteNullable<double, double, double>(*args.columns[0], *args.columns[1], args.num_rows, d,
                                                                 [fn](double x, double y, double& out) {
                                                                     out = fn(x, y);
                                                                     return std::isfinite(out);
                                                                 });
        };
        return BoundScalarFunction{name, {d, d}, d, std::move(kernel)};
    };
}

double Ln(double x) {
    return x > 0 ? std::log(x) : NAN;
}
double Log2(double x) {
    return x > 0 ? std::log2(x) : NAN;
}
double Log10(double x) {
    return x > 0 ? std::log10(x) : NAN;
}
double Sqrt(double x) {
    return x >= 0 ? std::sqrt(x) : NAN;
}
double Exp(double x) {
    return std::exp(x);
}
double LogBase(double base, double x) {
    if (base <= 0 || base == 1 || x <= 0) return NAN;
    return std::log(x) / std::log(base);
}
double Pow(double x, double y) {
    return std::pow(x, y);
}
double Degrees(double x) {
    return x * 180.0 / std::numbers::pi;
}
double Radians(double x) {
    return x * std::numbers::pi / 180.0;
}
double Asin(double x) {
    return std::asin(x);
}
double Acos(double x) {
    return std::acos(x);
}
double Atan(double x) {
    return std::atan(x);
}
double Atan2(double y, double x) {
    return std::atan2(y, x);
}
double Sin(double x) {
    return std::sin(x);
}
double Cos(double x) {
    return std::cos(x);
}
double Tan(double x) {
    return std::tan(x);
}
double Cot(double x) {
    return 1.0 / std::tan(x);
}

// ---- abs ----

LogicalType AbsType(const LogicalType& type) {
    switch (type.id()) {
        case TypeId::kBoolean:
        case TypeId::kTinyInt:
            return LogicalType::SmallInt();
        case TypeId::kSmallInt:
            return LogicalType::Int();
        case TypeId::kInt:
            return LogicalType::BigInt();
        case TypeId::kBigInt:
        case TypeId::kLargeInt:
            return LogicalType::LargeInt();
        case TypeId::kFloat:
        case TypeId::kDecimal:
            return type;
        default:
            return LogicalType::Double();
    }
}

Result<BoundScalarFunction> BindAbs(const std::vector<LogicalType>& types) {
    if (types.size() != 1 || !TakesAsNumber(types[0])) return NoMatchingOverload("abs", types);
    LogicalType type = AbsType(types[0]);
    ScalarKernel kernel = DispatchPhysical(type.physical(), [&]<typename T>() -> ScalarKernel {
        if constexpr (std::is_arithmetic_v<T> || std::is_same_v<T, int128_t>) {
            // Computed in the widened type, so only LARGEINT's minimum can overflow (it wraps).
            return [type](const KernelArgs& args) {
                return UnaryExecute<T, T>(*args.columns[0], args.num_rows, type, [](T x) { return x < 0 ? T(-x) : x; });
            };
        }
        return nullptr;
    });
    return BoundScalarFunction{"abs", {type}, type, std::move(kernel)};
}

// ---- ceil / floor / round / truncate ----

enum class Rounding { kCeil, kFloor, kRound, kTruncate };

double RoundDouble(double x, Rounding mode) {
    switch (mode) {
        case Rounding::kCeil:
            return std::ceil(x);
        case Rounding::kFloor:
            return std::floor(x);
        case Rounding::kRound:
            return std::round(x);  // half away from zero
        case Rounding::kTruncate:
            return std::trunc(x);
    }
    return x;
}

// Rounds an unscaled decimal to a multiple of `factor` (> 1), returning the quotient.
int128_t DivideRounding(int128_t value, int128_t factor, Rounding mode) {
    int128_t quotient = value / factor, remainder = value % factor;
    if (remainder == 0) return quotient;
    switch (mode) {
        case Rounding::kCeil:
            return remainder > 0 ? quotient + 1 : quotient;
        case Rounding::kFloor:
            return remainder < 0 ? quotient - 1 : quotient;
        case Rounding::kRound: {
            int128_t magnitude = remainder < 0 ? -remainder : remainder;
            if (magnitude * 2 >= factor) quotient += value < 0 ? -1 : 1;
            return quotient;
        }
        case Rounding::kTruncate:
            return quotient;
    }
    return quotient;
}

// x -> BIGINT (DOUBLE inputs; out of BIGINT's range is NULL), or DECIMAL(p-s+1, 0) for DECIMAL.
ScalarBinder MakeRoundToIntegerBinder(std::string name, Rounding mode) {
    return [name, mode](const std::vector<LogicalType>& types) -> Result<BoundScalarFunction> {
        if (types.size() != 1 || !TakesAsNumber(types[0])) return NoMatchingOverload(name, types);
        const LogicalType& in = types[0];
        if (in.IsInteger() || in.id() == TypeId::kBoolean) {
            LogicalType type = in.id() == TypeId::kLargeInt ? in : LogicalType::BigInt();
            return BoundScalarFunction{name, {type}, type, [](const KernelArgs& args) { return args.columns[0]; }};
        }
        if (in.id() == TypeId::kDecimal && mode != Rounding::kTruncate) {
            int scale = in.scale();
            LogicalType result = LogicalType::Decimal(std::min(kMaxDecimalPrecision, in.precision() - scale + 1), 0);
            LogicalType operand = LogicalType::Decimal(kMaxDecimalPrecision, scale);
            int128_t factor = decimal::PowerOfTen(scale);
            ScalarKernel kernel = [mode, factor, result](const KernelArgs& args) {
                return UnaryExecute<int128_t, int128_t>(*args.columns[0], args.num_rows, result, [=](int128_t v) {
                    return factor == 1 ? v : DivideRounding(v, factor, mode);
                });
            };
            if (result.physical() == PhysicalType::kInt64) {
                kernel = [mode, factor, result](const KernelArgs& args) {
                    return UnaryExecute<int128_t, int64_t>(*args.columns[0], args.num_rows, result, [=](int128_t v) {
                        return static_cast<int64_t>(factor == 1 ? v : DivideRounding(v, factor, mode));
                    });
                };
            }
            return BoundScalarFunction{name, {operand}, result, std::move(kernel)};
        }
        LogicalType d = LogicalType::Double(), big = LogicalType::BigInt();
        ScalarKernel kernel = [mode, big](const KernelArgs& args) {
            return UnaryExecuteNullable<double, int64_t>(*args.columns[0], args.num_rows, big,
                                                         [mode](double x, int64_t& out) {
                                                             double r = RoundDouble(x, mode);
                                                             if (!FitsInt64(r)) return false;
                                                             out = static_cast<int64_t>(r);
                                                             return true;
                                                         });
        };
        return BoundScalarFunction{name, {d}, big, std::move(kernel)};
    };
}

// round(x, d) / truncate(x, d): DOUBLE stays DOUBLE; DECIMAL(p, s) gives DECIMAL(p+1, s) here, and
// the binder narrows the scale to d when d is a constant.
ScalarBinder MakeRoundToDigitsBinder(std::string name, Rounding mode) {
    return [name, mode](const std::vector<LogicalType>& types) -> Result<BoundScalarFunction> {
        if (types.size() != 2 || !TakesAsNumber(types[0]) || !TakesAsInteger(types[1])) {
            return NoMatchingOverload(name, types);
        }
        LogicalType digits = LogicalType::BigInt();
        if (types[0].id() == TypeId::kDecimal) {
            int scale = types[0].scale();
            LogicalType result = LogicalType::Decimal(std::min(kMaxDecimalPrecision, types[0].precision() + 1), scale);
            LogicalType operand = LogicalType::Decimal(kMaxDecimalPrecision, scale);
            ScalarKernel kernel = [mode, scale, result](const KernelArgs& args) {
                const int128_t max = decimal::MaxUnscaled(result.precision());
                auto round = [=](int128_t v, int64_t d, int128_t& out) {
                    if (d >= scale) {
                        out = v;
                    } else if (scale - d > kMaxDecimalPrecision) {
                        out = 0;
                    } else {
                        int128_t factor = decimal::PowerOfTen(static_cast<int>(scale - d));
                        int128_t q = DivideRounding(v, factor, mode);
                        // q * factor overflows only past the result precision, which is NULL anyway.
                        if (__builtin_mul_overflow(q, factor, &out)) return false;
                    }
                    return out <= max && out >= -max;
                };
                return DispatchPhysical(result.physical(), [&]<typename Out>() -> ColumnPtr {
                    if constexpr (std::is_same_v<Out, int64_t> || std::is_same_v<Out, int128_t>) {
                        return BinaryExecuteNullable<int128_t, int64_t, Out>(*args.columns[0], *args.columns[1],
                                                                             args.num_rows, result,
                                                                             [&](int128_t v, int64_t d, Out& out) {
                                                                                 int128_t wide;
                                                                                 if (!round(v, d, wide)) return false;
                                                                                 out = static_cast<Out>(wide);
                                                                                 return true;
                                                                             });
                    }
                    return nullptr;
                });
            };
            return BoundScalarFunction{name, {operand, digits}, result, std::move(kernel)};
        }
        LogicalType d = LogicalType::Double();
        ScalarKernel kernel = [mode, d](const KernelArgs& args) {
            return BinaryExecuteNullable<double, int64_t, double>(
                *args.columns[0], *args.columns[1], args.num_rows, d, [mode](double x, int64_t digits, double& out) {
                    if (digits > 308 || digits < -308) {
                        out = digits > 0 ? x : 0;
                        return true;
                    }
                    double scale = std::pow(10.0, static_cast<double>(digits < 0 ? -digits : digits));
                    out = digits >= 0 ? RoundDouble(x * scale, mode) / scale : RoundDouble(x / scale, mode) * scale;
                    if (!std::isfinite(out)) out = x;  // x * scale overflowed: x has no digits to drop
                    return true;
                });
        };
        return BoundScalarFunction{name, {d, digits}, d, std::move(kernel)};
    };
}

ScalarBinder MakeRoundBinder(std::string name, Rounding mode) {
    ScalarBinder one = MakeRoundToIntegerBinder(name, mode), two = MakeRoundToDigitsBinder(name, mode);
    return [one, two](const std::vector<LogicalType>& types) { return types.size() == 2 ? two(types) : one(types); };
}

// ---- sign, pi, rand ----

Result<BoundScalarFunction> BindSign(const std::vector<LogicalType>& types) {
    if (types.size() != 1 || !TakesAsNumber(types[0])) return NoMatchingOverload("sign", types);
    LogicalType d = LogicalType::Double(), out = LogicalType::TinyInt();
    ScalarKernel kernel = [out](const KernelArgs& args) {
        return UnaryExecute<double, int8_t>(*args.columns[0], args.num_rows, out,
                                            [](double x) { return static_cast<int8_t>((x > 0) - (x < 0)); });
    };
    return BoundScalarFunction{"sign", {d}, out, std::move(kernel)};
}

ScalarBinder MakeConstantBinder(std::string name, double value) {
    return [name, value](const std::vector<LogicalType>& types) -> Result<BoundScalarFunction> {
        if (!types.empty()) return NoMatchingOverload(name, types);
        return BoundScalarFunction{name, {}, LogicalType::Double(), [value](const KernelArgs& args) {
                                       return Column::MakeConstant(Value::Double(value), args.num_rows);
                                   }};
    };
}

// rand() / rand(seed): uniform in [0, 1). With a seed the sequence restarts at every call of the
// kernel (every chunk), which keeps it reproducible for a given plan.
Result<BoundScalarFunction> BindRand(const std::vector<LogicalType>& types) {
    if (types.size() > 1 || (types.size() == 1 && !TakesAsInteger(types[0]))) return NoMatchingOverload("rand", types);
    std::vector<LogicalType> arguments(types.size(), LogicalType::BigInt());
    ScalarKernel kernel = [](const KernelArgs& args) {
        std::mt19937_64 generator;
        if (args.columns.empty() || !ValidAt(*args.columns[0], 0)) {
            generator.seed(std::random_device{}());
        } else {
            generator.seed(static_cast<uint64_t>(ValueAt<int64_t>(*args.columns[0], 0)));
        }
        std::uniform_real_distribution<double> uniform(0.0, 1.0);
        ColumnPtr result = Column::MakeFlat(LogicalType::Double(), args.num_rows);
        double* out = result->MutableData<double>();
        for (size_t i = 0; i < args.num_rows; ++i) out[i] = uniform(generator);
        return result;
    };
    BoundScalarFunction bound{"rand", std::move(arguments), LogicalType::Double(), std::move(kernel)};
    bound.deterministic = false;
    return bound;
}

// ---- greatest / least ----

ScalarBinder MakeExtremeBinder(std::string name, bool greatest) {
    return [name, greatest](const std::vector<LogicalType>& types) -> Result<BoundScalarFunction> {
        if (types.empty()) return NoMatchingOverload(name, types);
        LogicalType common = types[0];
        for (size_t i = 1; i < types.size(); ++i) {
            auto next = CommonSuperType(common, types[i]);
            if (!next) return NoMatchingOverload(name, types);
            common = *next;
        }
        if (common.id() == TypeId::kNull) common = LogicalType::BigInt();
        if (common.id() == TypeId::kBitmap || common.id() == TypeId::kHll || common.id() == TypeId::kArray ||
            common.id() == TypeId::kJson) {
            return NoMatchingOverload(name, types);
        }
        ScalarKernel kernel = DispatchPhysical(common.physical(), [&]<typename T>() -> ScalarKernel {
            return [greatest, common](const KernelArgs& args) {
                // A NULL argument makes the result NULL, as in StarRocks.
                return BuildValues<T>(args, common, [&](size_t row, T& out) {
                    if (!AllValidAt(args, row)) return false;
                    out = ValueAt<T>(*args.columns[0], row);
                    for (size_t c = 1; c < args.columns.size(); ++c) {
                        const T& value = args.columns[c]->Data<T>()[RowOf(*args.columns[c], row)];
                        bool better;
                        if constexpr (std::is_same_v<T, StringView>) {
                            better = greatest ? out.Compare(value) < 0 : value.Compare(out) < 0;
                        } else {
                            better = greatest ? out < value : value < out;
                        }
                        if (better) out = value;
                    }
                    return true;
                });
            };
        });
        if (common.IsString()) {
            // Result strings point into the arguments' heaps: copy them into the result's own.
            ScalarKernel inner = std::move(kernel);
            kernel = [inner](const KernelArgs& args) {
                ColumnPtr result = inner(args);
                for (const auto& column : args.columns) result->strings().AdoptFrom(column->strings());
                return result;
            };
        }
        return BoundScalarFunction{name, std::vector<LogicalType>(types.size(), common), common, std::move(kernel)};
    };
}

}  // namespace

void RegisterMathFunctions(FunctionRegistry& registry) {
    registry.RegisterScalar("abs", BindAbs);
    registry.RegisterScalar("ceil", MakeRoundToIntegerBinder("ceil", Rounding::kCeil));
    registry.RegisterScalar("floor", MakeRoundToIntegerBinder("floor", Rounding::kFloor));
    registry.RegisterScalar("round", MakeRoundBinder("round", Rounding::kRound));
    registry.RegisterScalar("truncate", MakeRoundToDigitsBinder("truncate", Rounding::kTruncate));
    registry.RegisterScalar("sqrt", DoubleFunction("sqrt", Sqrt));
    registry.RegisterScalar("exp", DoubleFunction("exp", Exp));
    registry.RegisterScalar("ln", DoubleFunction("ln", Ln));
    registry.RegisterScalar("log2", DoubleFunction("log2", Log2));
    registry.RegisterScalar("log10", DoubleFunction("log10", Log10));
    registry.RegisterScalar("degrees", DoubleFunction("degrees", Degrees));
    registry.RegisterScalar("radians", DoubleFunction("radians", Radians));
    registry.RegisterScalar("sin", DoubleFunction("sin", Sin));
    registry.RegisterScalar("cos", DoubleFunction("cos", Cos));
    registry.RegisterScalar("tan", DoubleFunction("tan", Tan));
    registry.RegisterScalar("cot", DoubleFunction("cot", Cot));
    registry.RegisterScalar("asin", DoubleFunction("asin", Asin));
    registry.RegisterScalar("acos", DoubleFunction("acos", Acos));
    registry.RegisterScalar("atan", DoubleFunction("atan", Atan));
    registry.RegisterScalar("atan2", DoubleFunction2("atan2", Atan2));
    registry.RegisterScalar("pow", DoubleFunction2("pow", Pow));
    // log(x) is the natural logarithm, log(b, x) the logarithm to base b.
    ScalarBinder ln = DoubleFunction("log", Ln), log_base = DoubleFunction2("log", LogBase);
    registry.RegisterScalar("log", [ln, log_base](const std::vector<LogicalType>& types) {
        return types.size() == 2 ? log_base(types) : ln(types);
    });
    registry.RegisterScalar("sign", BindSign);
    registry.RegisterScalar("pi", MakeConstantBinder("pi", std::numbers::pi));
    registry.RegisterScalar("e", MakeConstantBinder("e", std::numbers::e));
    registry.RegisterScalar("rand", BindRand);
    registry.RegisterScalar("greatest", MakeExtremeBinder("greatest", true));
    registry.RegisterScalar("least", MakeExtremeBinder("least", false));
    registry.RegisterAlias("ceiling", "ceil");
    registry.RegisterAlias("dceil", "ceil");
    registry.RegisterAlias("dfloor", "floor");
    registry.RegisterAlias("dround", "round");
    registry.RegisterAlias("power", "pow");
    registry.RegisterAlias("dpow", "pow");
    registry.RegisterAlias("fpow", "pow");
    registry.RegisterAlias("dsqrt", "sqrt");
    registry.RegisterAlias("dexp", "exp");
    registry.RegisterAlias("dlog10", "log10");
    registry.RegisterAlias("random", "rand");
}

}  // namespace flashlake::functions
