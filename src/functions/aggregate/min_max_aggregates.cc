// MIN, MAX and ANY_VALUE of any type (result type = argument type), and MAX_BY(x, y) / MIN_BY(x, y):
// the x of the row with the largest / smallest y (rows whose y is NULL are skipped; x may be NULL).
// NULL over no non-NULL values. Ties keep the first value seen, so MAX_BY picks an arbitrary row
// among equal maxima when drivers run in parallel.

#include <type_traits>

#include "functions/aggregate/aggregate_families.h"
#include "functions/aggregate/aggregate_kernels.h"
#include "functions/aggregate/aggregate_registry.h"
#include "functions/scalar_function.h"

namespace flashlake::functions {

namespace {

// Holds one value of physical type T inside a state; strings own a copy of their bytes.
template <typename T>
struct ValueSlot {
    T value{};
    void Assign(const T& v) { value = v; }
    const T& Get() const { return value; }
    void Free() {}
};
template <>
struct ValueSlot<StringView> {
    OwnedString owned;
    void Assign(const StringView& v) { owned.Assign(v); }
    const StringView& Get() const { return owned.view; }
    void Free() { owned.Free(); }
};

template <typename T, bool kMax>
struct MinMaxOp {
    struct State {
        ValueSlot<T> slot;
        bool has_value = false;
    };
    static bool Better(const T& candidate, const T& current) {
        return kMax ? ValueLess(current, candidate) : ValueLess(candidate, current);
    }
    void Update(State& state, const T& value) const {
        if (!state.has_value || Better(value, state.slot.Get())) {
            state.slot.Assign(value);
            state.has_value = true;
        }
    }
    void Combine(State& target, const State& source) const {
        if (source.has_value) Update(target, source.slot.Get());
    }
    void Finalize(const State& state, Column& result, size_t row) const {
        if (state.has_value)
            WriteValue<T>(result, row, state.slot.Get());
        else
            result.SetNull(row);
    }
    static void Destroy(State& state) requires std::is_same_v<T, StringView> { state.slot.Free(); }
};

template <typename T>
struct AnyValueOp {
    struct State {
        ValueSlot<T> slot;
        bool has_value = false;
    };
    void Update(State& state, const T& value) const {
        if (state.has_value) return;
        state.slot.Assign(value);
        state.has_value = true;
    }
    void Combine(State& target, const State& source) const {
        if (source.has_value) Update(target, source.slot.Get());
    }
    void Finalize(const State& state, Column& result, size_t row) const {
        if (state.has_value)
            WriteValue<T>(result, row, state.slot.Get());
        else
            result.SetNull(row);
    }
    static void Destroy(State& state) requires std::is_same_v<T, StringView> { state.slot.Free(); }
};

// A value of any physical type, chosen at bind time: raw bytes, or an owned string.
struct AnyTypeValue {
    alignas(16) uint8_t raw[16] = {};
    OwnedString string;
    bool is_null = true;
};

// MAX_BY / MIN_BY ordered by a y of C++ type Y; x's physical type is a bind-time fact.
template <typename Y, bool kMax>
struct ByOp {
    struct State {
        ValueSlot<Y> key;
        AnyTypeValue x;
        bool has_value = false;
    };
    bool x_is_string = false;
    size_t x_size = 0;

    static bool Better(const Y& candidate, const Y& current) {
        return kMax ? ValueLess(current, candidate) : ValueLess(candidate, current);
    }
    void SetX(AnyTypeValue& x, const Column& column, size_t row) const {
        if (column.type().id() == TypeId::kNull) {
            x.is_null = true;
            return;
        }
        size_t physical_row = column.encoding() == ColumnEncoding::kConstant ? 0 : row;
        x.is_null = !column.validity().IsValid(physical_row);
        if (x.is_null) return;
        if (x_is_string)
            x.string.Assign(column.Data<StringView>()[physical_row]);
        else
            std::memcpy(x.raw, column.Data<uint8_t>() + physical_row * x_size, x_size);
    }
    void CopyX(AnyTypeValue& target, const AnyTypeValue& source) const {
        target.is_null = source.is_null;
        if (source.is_null) return;
        if (x_is_string)
            target.string.Assign(source.string.view);
        else
            std::memcpy(target.raw, source.raw, x_size);
    }
    void Combine(State& target, const State& source) const {
        if (!source.has_value) return;
        if (target.has_value && !Better(source.key.Get(), target.key.Get())) return;
        target.key.Assign(source.key.Get());
        CopyX(target.x, source.x);
        target.has_value = true;
    }
    void Finalize(const State& state, Column& result, size_t row) const {
        if (!state.has_value || state.x.is_null) {
            result.SetNull(row);
        } else if (x_is_string) {
            WriteValue<StringView>(result, row, state.x.string.view);
        } else {
            std::memcpy(result.MutableData<uint8_t>() + row * x_size, state.x.raw, x_size);
        }
    }
    static void Destroy(State& state) {
        state.key.Free();
        state.x.string.Free();
    }
};

template <template <typename, bool> class Op, bool kMax>
Result<BoundAggregateFunction> BindMinMax(const char* name, const std::vector<LogicalType>& argument_types) {
    if (argument_types.size() != 1 || argument_types[0].physical() == PhysicalType::kList) {
        return NoMatchingOverload(name, argument_types);
    }
    BoundAggregateFunction function;
    function.name = name;
    function.argument_types = argument_types;
    function.return_type = argument_types[0];
    DispatchPhysical(argument_types[0].physical(), [&]<typename T>() {
        Op<T, kMax> op;
        SetStateOperations(function, op);
        SetUnaryUpdate<T>(function, op);
    });
    return function;
}

template <typename T, bool kUnused>
using AnyValueOf = AnyValueOp<T>;

template <bool kMax>
Result<BoundAggregateFunction> BindBy(const char* name, const std::vector<LogicalType>& argument_types) {
    if (argument_types.size() != 2 || argument_types[0].physical() == PhysicalType::kList ||
        argument_types[1].physical() == PhysicalType::kList) {
        return NoMatchingOverload(name, argument_types);
    }
    BoundAggregateFunction function;
    function.name = name;
    function.argument_types = argument_types;
    function.return_type = argument_types[0];
    DispatchPhysical(argument_types[1].physical(), [&]<typename Y>() {
        ByOp<Y, kMax> op;
        op.x_is_string = argument_types[0].physical() == PhysicalType::kString;
        op.x_size = PhysicalTypeSize(argument_types[0].physical());
        SetStateOperations(function, op);
        using State = typename ByOp<Y, kMax>::State;
        function.update = [op](uint8_t** states, const std::vector<ColumnPtr>& arguments, size_t num_rows) {
            const Column& x = *arguments[0];
            ForEachValid<Y>(*arguments[1], num_rows, [&](size_t i, const Y& y) {
                State& state = StateAt<State>(states, i);
                if (state.has_value && !op.Better(y, state.key.Get())) return;
                state.key.Assign(y);
                op.SetX(state.x, x, i);
                state.has_value = true;
            });
        };
    });
    return function;
}

}  // namespace

void RegisterMinMaxAggregates(AggregateRegistry& registry) {
    registry.RegisterAggregate(
        "min", [](const std::vector<LogicalType>& types) { return BindMinMax<MinMaxOp, false>("min", types); });
    registry.RegisterAggregate(
        "max", [](const std::vector<LogicalType>& types) { return BindMinMax<MinMaxOp, true>("max", types); });
    registry.RegisterAggregate("any_value", [](const std::vector<LogicalType>& types) {
        return BindMinMax<AnyValueOf, false>("any_value", types);
    });
    registry.RegisterAggregate("max_by",
                               [](const std::vector<LogicalType>& types) { return BindBy<true>("max_by", types); });
    registry.RegisterAggregate("min_by",
                               [](const std::vector<LogicalType>& types) { return BindBy<false>("min_by", types); });
}

}  // namespace flashlake::functions
