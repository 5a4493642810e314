// VARIANCE/VAR_POP/VARIANCE_POP, VAR_SAMP/VARIANCE_SAMP, STDDEV/STD/STDDEV_POP, STDDEV_SAMP over
// numeric arguments, as DOUBLE. NULL over no values; the sample forms are NULL over one value.
//
// States keep (count, mean, M2) updated with Welford's method and merged with Chan et al.'s
// pairwise formula, which stays accurate where sum-of-squares would cancel catastrophically.

#include <cmath>
#include <type_traits>

#include "functions/aggregate/aggregate_families.h"
#include "functions/aggregate/aggregate_kernels.h"
#include "functions/aggregate/aggregate_registry.h"
#include "functions/scalar_function.h"

namespace flashlake::functions {

namespace {

enum class Moment { kVarPop, kVarSamp, kStddevPop, kStddevSamp };

struct VarianceOp {
    struct State {
        int64_t count = 0;
        double mean = 0;
        double m2 = 0;
    };
    Moment moment = Moment::kVarPop;
    double scale = 1;  // decimal inputs: 10^-s turns the unscaled integer into the value

    template <typename In>
    void Update(State& state, const In& raw) const {
        double value = static_cast<double>(raw) * scale;
        ++state.count;
        double delta = value - state.mean;
        state.mean += delta / static_cast<double>(state.count);
        state.m2 += delta * (value - state.mean);
    }
    void Combine(State& target, const State& source) const {
        if (source.count == 0) return;
        if (target.count == 0) {
            target = source;
            return;
        }
        double n_a = static_cast<double>(target.count), n_b = static_cast<double>(source.count);
        double n = n_a + n_b;
        double delta = source.mean - target.mean;
        target.mean += delta * n_b / n;
        target.m2 += source.m2 + delta * delta * n_a * n_b / n;
        target.count += source.count;
    }
    void Finalize(const State& state, Column& result, size_t row) const {
        bool sample = moment == Moment::kVarSamp || moment == Moment::kStddevSamp;
        int64_t divisor = sample ? state.count - 1 : state.count;
        if (divisor <= 0) {
            result.SetNull(row);
            return;
        }
        double variance = std::max(0.0, state.m2 / static_cast<double>(divisor));
        bool root = moment == Moment::kStddevPop || moment == Moment::kStddevSamp;
        result.MutableData<double>()[row] = root ? std::sqrt(variance) : variance;
    }
};

Result<BoundAggregateFunction> BindVariance(const char* name, Moment moment,
                                            const std::vector<LogicalType>& argument_types) {
    if (argument_types.size() != 1) return NoMatchingOverload(name, argument_types);
    LogicalType input = argument_types[0];
    if (input.id() == TypeId::kNull) input = LogicalType::Double();
    if (!input.IsNumeric() && input.id() != TypeId::kBoolean) return NoMatchingOverload(name, argument_types);
    BoundAggregateFunction function;
    function.name = name;
    function.argument_types = {input};
    function.return_type = LogicalType::Double();
    VarianceOp op;
    op.moment = moment;
    if (input.id() == TypeId::kDecimal) op.scale = std::pow(10.0, -input.scale());
    SetStateOperations(function, op);
    DispatchPhysical(input.physical(), [&]<typename In>() {
        if constexpr (!std::is_same_v<In, StringView>) SetUnaryUpdate<In>(function, op);
    });
    return function;
}

void Register(AggregateRegistry& registry, const char* name, Moment moment) {
    registry.RegisterAggregate(
        name, [name, moment](const std::vector<LogicalType>& types) { return BindVariance(name, moment, types); });
}

}  // namespace

void RegisterVarianceAggregates(AggregateRegistry& registry) {
    Register(registry, "var_pop", Moment::kVarPop);
    Register(registry, "var_samp", Moment::kVarSamp);
    Register(registry, "stddev_pop", Moment::kStddevPop);
    Register(registry, "stddev_samp", Moment::kStddevSamp);
    // StarRocks: VARIANCE and STDDEV are the population forms.
    registry.RegisterAlias("variance", "var_pop");
    registry.RegisterAlias("variance_pop", "var_pop");
    registry.RegisterAlias("variance_samp", "var_samp");
    registry.RegisterAlias("stddev", "stddev_pop");
    registry.RegisterAlias("std", "stddev_pop");
}

}  // namespace flashlake::functions
