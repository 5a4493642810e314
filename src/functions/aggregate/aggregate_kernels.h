#pragma once

#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>

#include "column/column.h"
#include "column/physical_dispatch.h"
#include "common/check.h"
#include "functions/aggregate_function.h"

namespace flashlake::functions {

// Loops and state helpers shared by the aggregate families. Update loops are templates over the
// argument's C++ type and the state, instantiated once per type at bind time, so the per-row work
// is inlined: no call through a function pointer per value.

// Calls fn(row, value) for every non-NULL row of a flat or constant argument column. Validity is
// read a 64-bit word at a time so that all-valid stretches run without a per-row test.
template <typename T, typename Fn>
inline void ForEachValid(const Column& column, size_t num_rows, Fn&& fn) {
    if (column.type().id() == TypeId::kNull) return;
    const T* data = column.Data<T>();
    const ValidityMask& validity = column.validity();
    if (column.encoding() == ColumnEncoding::kConstant) {
        if (!validity.IsValid(0)) return;
        const T& value = data[0];
        for (size_t i = 0; i < num_rows; ++i) fn(i, value);
        return;
    }
    if (validity.AllValid()) {
        for (size_t i = 0; i < num_rows; ++i) fn(i, data[i]);
        return;
    }
    const uint64_t* words = validity.words();
    for (size_t base = 0; base < num_rows; base += 64) {
        uint64_t word = words[base / 64];
        size_t count = std::min<size_t>(64, num_rows - base);
        if (word == ~uint64_t{0}) {
            for (size_t j = 0; j < count; ++j) fn(base + j, data[base + j]);
            continue;
        }
        while (word != 0) {
            size_t j = static_cast<size_t>(__builtin_ctzll(word));
            if (j >= count) break;
            fn(base + j, data[base + j]);
            word &= word - 1;
        }
    }
}

template <typename State>
inline State& StateAt(uint8_t** states, size_t i) {
    return *reinterpret_cast<State*>(states[i]);
}

// Fills the state layout and the initialize/combine/finalize/destroy operations of `function`
// from an Op that provides:
//   using State;                                            default-constructible
//   void Combine(State& target, const State& source) const;
//   void Finalize(const State& state, Column& result, size_t row) const;
//   static void Destroy(State& state);                      optional: frees what State owns
// The Op is copied into the closures, so it may carry bind-time facts (a decimal scale).
template <typename Op>
void SetStateOperations(BoundAggregateFunction& function, const Op& op) {
    using State = typename Op::State;
    function.state_size = sizeof(State);
    function.state_alignment = alignof(State);
    function.initialize = [](uint8_t* state) { new (state) State(); };
    function.combine = [op](uint8_t** targets, uint8_t** sources, size_t count) {
        for (size_t i = 0; i < count; ++i) op.Combine(StateAt<State>(targets, i), StateAt<State>(sources, i));
    };
    function.finalize = [op](uint8_t** states, size_t count, Column& result) {
        for (size_t i = 0; i < count; ++i) op.Finalize(StateAt<State>(states, i), result, i);
    };
    if constexpr (requires(State & state) { Op::Destroy(state); }) {
        function.destroy = [](uint8_t** states, size_t count) {
            for (size_t i = 0; i < count; ++i) Op::Destroy(StateAt<State>(states, i));
        };
    }
}

// Sets function.update to fold every non-NULL value of the single argument (of C++ type T) into
// its row's state with op.Update(state, value).
template <typename T, typename Op>
void SetUnaryUpdate(BoundAggregateFunction& function, const Op& op) {
    using State = typename Op::State;
    function.update = [op](uint8_t** states, const std::vector<ColumnPtr>& arguments, size_t num_rows) {
        ForEachValid<T>(*arguments[0], num_rows,
                        [&](size_t i, const T& value) { op.Update(StateAt<State>(states, i), value); });
    };
}

// A string value that a state keeps after the chunk it came from is gone. Strings of up to 12
// bytes stay inline in the view; longer ones are copied into a buffer the state owns (grown as
// needed, released by Free from the aggregate's Destroy).
struct OwnedString {
    StringView view;
    char* buffer = nullptr;
    uint32_t capacity = 0;

    void Assign(const StringView& value) {
        if (value.IsInline()) {
            view = value;
            return;
        }
        if (value.size() > capacity) {
            std::free(buffer);
            capacity = std::max<uint32_t>(value.size(), 32);
            buffer = static_cast<char*>(std::malloc(capacity));
            FL_CHECK(buffer != nullptr, "out of memory keeping a string of ", value.size(), " bytes");
        }
        std::memcpy(buffer, value.data(), value.size());
        view = StringView(buffer, value.size());
    }
    void Free() {
        std::free(buffer);
        buffer = nullptr;
        capacity = 0;
    }
};

// Writes a value of the physical type T into row `row` of a flat result column.
template <typename T>
inline void WriteValue(Column& result, size_t row, const T& value) {
    if constexpr (std::is_same_v<T, StringView>) {
        result.MutableData<StringView>()[row] = result.strings().Add(value.view());
    } else {
        result.MutableData<T>()[row] = value;
    }
}

// Orders values of one physical type the way SQL compares them: strings byte-wise, the rest by
// their C++ order.
template <typename T>
inline bool ValueLess(const T& a, const T& b) {
    if constexpr (std::is_same_v<T, StringView>) {
        return a.Compare(b) < 0;
    } else {
        return a < b;
    }
}

}  // namespace flashlake::functions
