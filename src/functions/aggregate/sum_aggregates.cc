// SUM and AVG, typed as StarRocks types them:
//   SUM(BOOLEAN..BIGINT) BIGINT, SUM(LARGEINT) LARGEINT (overflow is an error, never a wrap),
//   SUM(FLOAT/DOUBLE) DOUBLE, SUM(DECIMAL(p,s)) DECIMAL(38,s);
//   AVG of integers and floating point is DOUBLE; AVG(DECIMAL(p,s)) is DECIMAL(38,s') where s'
//   follows the decimal division rule (docs/architecture.md): s+6, at most 12 unless s was more.
// Over no non-NULL values both are NULL.

#include <type_traits>

#include "common/query_error.h"
#include "functions/aggregate/aggregate_families.h"
#include "functions/aggregate/aggregate_kernels.h"
#include "functions/aggregate/aggregate_registry.h"
#include "functions/scalar_function.h"
#include "types/decimal.h"

namespace flashlake::functions {

namespace {

// Adds with an overflow check for integer accumulators (floating point just adds).
template <typename Acc>
inline void CheckedAdd(Acc& sum, Acc value, const char* what) {
    if constexpr (std::is_floating_point_v<Acc>) {
        sum += value;
    } else {
        if (__builtin_add_overflow(sum, value, &sum)) ThrowQueryError(ErrorCode::kNumericOverflow, what);
    }
}

// SUM with accumulator Acc (int64_t, int128_t or double) over inputs of type In.
template <typename Acc>
struct SumOp {
    struct State {
        Acc sum = 0;
        bool has_value = false;
    };
    const char* overflow_message;
    int decimal_precision = 0;  // > 0: the result is a decimal that must fit this many digits

    template <typename In>
    void Update(State& state, const In& value) const {
        CheckedAdd<Acc>(state.sum, static_cast<Acc>(value), overflow_message);
        state.has_value = true;
    }
    void Combine(State& target, const State& source) const {
        if (!source.has_value) return;
        CheckedAdd<Acc>(target.sum, source.sum, overflow_message);
        target.has_value = true;
    }
    void Finalize(const State& state, Column& result, size_t row) const {
        if (!state.has_value) {
            result.SetNull(row);
            return;
        }
        if constexpr (std::is_same_v<Acc, int128_t>) {
            if (decimal_precision > 0 && !decimal::FitsPrecision(state.sum, decimal_precision)) {
                ThrowQueryError(ErrorCode::kNumericOverflow, overflow_message);
            }
        }
        result.MutableData<Acc>()[row] = state.sum;
    }
};

// AVG: a sum (Acc) and a count; the result is DOUBLE, or a decimal at `result_scale`.
template <typename Acc>
struct AvgOp {
    struct State {
        Acc sum = 0;
        int64_t count = 0;
    };
    int input_scale = -1;  // >= 0 for decimal inputs
    int result_scale = 0;

    template <typename In>
    void Update(State& state, const In& value) const {
        CheckedAdd<Acc>(state.sum, static_cast<Acc>(value), "overflow in AVG");
        ++state.count;
    }
    void Combine(State& target, const State& source) const {
        CheckedAdd<Acc>(target.sum, source.sum, "overflow in AVG");
        target.count += source.count;
    }
    void Finalize(const State& state, Column& result, size_t row) const {
        if (state.count == 0) {
            result.SetNull(row);
            return;
        }
        if constexpr (std::is_same_v<Acc, int128_t>) {
            if (input_scale >= 0) {
                result.MutableData<int128_t>()[row] = DecimalAverage(state);
                return;
            }
        }
        result.MutableData<double>()[row] = static_cast<double>(state.sum) / static_cast<double>(state.count);
    }
    // sum / count at result_scale, rounded half away from zero.
    int128_t DecimalAverage(const State& state) const {
        int128_t scaled;
        if (decimal::MultiplyOverflows(state.sum, decimal::PowerOfTen(result_scale - input_scale), &scaled)) {
            ThrowQueryError(ErrorCode::kNumericOverflow, "decimal overflow in AVG");
        }
        int128_t quotient = scaled / state.count;
        int128_t remainder = scaled % state.count;
        if (remainder < 0) remainder = -remainder;
        if (2 * remainder >= state.count) quotient += scaled < 0 ? -1 : 1;
        return quotient;
    }
};

template <typename Op>
BoundAggregateFunction MakeNumeric(const char* name, const LogicalType& input, LogicalType result, const Op& op) {
    BoundAggregateFunction function;
    function.name = name;
    function.argument_types = {input};
    function.return_type = std::move(result);
    SetStateOperations(function, op);
    DispatchPhysical(input.physical(), [&]<typename In>() {
        if constexpr (!std::is_same_v<In, StringView>) SetUnaryUpdate<In>(function, op);
    });
    return function;
}

bool IsSmallInteger(const LogicalType& type) {
    switch (type.id()) {
        case TypeId::kBoolean:
        case TypeId::kTinyInt:
        case TypeId::kSmallInt:
        case TypeId::kInt:
        case TypeId::kBigInt:
            return true;
        default:
            return false;
    }
}

Result<BoundAggregateFunction> BindSum(const std::vector<LogicalType>& argument_types) {
    if (argument_types.size() != 1) return NoMatchingOverload("sum", argument_types);
    const LogicalType& input = argument_types[0];
    if (input.id() == TypeId::kNull || IsSmallInteger(input)) {
        LogicalType in = input.id() == TypeId::kNull ? LogicalType::BigInt() : input;
        return MakeNumeric("sum", in, LogicalType::BigInt(), SumOp<int64_t>{"BIGINT overflow in SUM"});
    }
    if (input.id() == TypeId::kLargeInt) {
        return MakeNumeric("sum", input, LogicalType::LargeInt(), SumOp<int128_t>{"LARGEINT overflow in SUM"});
    }
    if (input.IsFloating()) return MakeNumeric("sum", input, LogicalType::Double(), SumOp<double>{nullptr});
    if (input.id() == TypeId::kDecimal) {
        return MakeNumeric(
            "sum", input, LogicalType::Decimal(kMaxDecimalPrecision, input.scale()),
            SumOp<int128_t>{"DECIMAL overflow in SUM: the result does not fit DECIMAL(38)", kMaxDecimalPrecision});
    }
    return NoMatchingOverload("sum", argument_types);
}

Result<BoundAggregateFunction> BindAvg(const std::vector<LogicalType>& argument_types) {
    if (argument_types.size() != 1) return NoMatchingOverload("avg", argument_types);
    const LogicalType& input = argument_types[0];
    if (input.id() == TypeId::kNull)
        return MakeNumeric("avg", LogicalType::Double(), LogicalType::Double(), AvgOp<double>{});
    if (IsSmallInteger(input) || input.id() == TypeId::kLargeInt) {
        return MakeNumeric("avg", input, LogicalType::Double(), AvgOp<int128_t>{});
    }
    if (input.IsFloating()) return MakeNumeric("avg", input, LogicalType::Double(), AvgOp<double>{});
    if (input.id() == TypeId::kDecimal) {
        int scale = input.scale() > 12 ? input.scale() : std::min(input.scale() + 6, 12);
        AvgOp<int128_t> op;
        op.input_scale = input.scale();
        op.result_scale = scale;
        return MakeNumeric("avg", input, LogicalType::Decimal(kMaxDecimalPrecision, scale), op);
    }
    return NoMatchingOverload("avg", argument_types);
}

}  // namespace

void RegisterSumAggregates(AggregateRegistry& registry) {
    registry.RegisterAggregate("sum", BindSum);
    registry.RegisterAggregate("avg", BindAvg);
}

}  // namespace flashlake::functions
