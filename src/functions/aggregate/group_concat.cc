// GROUP_CONCAT(x [, separator]): the non-NULL values of x joined by the separator (',' when
// omitted), VARCHAR, NULL over no values. The order of the values follows the input order within
// a driver; with parallel drivers it is unspecified (ORDER BY inside GROUP_CONCAT is not supported
// yet).
//
// The state owns a heap buffer with the text so far and remembers the separator it was built with,
// because Combine, which has no arguments, must join two partial texts with it.

#include <cstdlib>

#include "functions/aggregate/aggregate_families.h"
#include "functions/aggregate/aggregate_kernels.h"
#include "functions/aggregate/aggregate_registry.h"
#include "functions/scalar_function.h"
#include "functions/vectorized.h"

namespace flashlake::functions {

namespace {

struct GroupConcatState {
    char* text = nullptr;  // owned
    uint32_t size = 0;
    uint32_t capacity = 0;
    OwnedString separator;
    bool has_value = false;
};

void AppendBytes(GroupConcatState& state, const char* bytes, size_t count) {
    if (count == 0) return;  // an empty string may have no buffer at all (memcpy from null is UB)
    if (state.size + count > state.capacity) {
        size_t capacity = std::max<size_t>({64, state.size + count, size_t{state.capacity} * 2});
        FL_CHECK(capacity <= UINT32_MAX, "GROUP_CONCAT result longer than 4 GB");
        state.text = static_cast<char*>(std::realloc(state.text, capacity));
        FL_CHECK(state.text != nullptr, "out of memory in GROUP_CONCAT");
        state.capacity = static_cast<uint32_t>(capacity);
    }
    std::memcpy(state.text + state.size, bytes, count);
    state.size += static_cast<uint32_t>(count);
}

// Appends one value, preceded by the separator unless it is the first.
void AppendValue(GroupConcatState& state, const StringView& value, const StringView& separator) {
    if (state.has_value) {
        AppendBytes(state, state.separator.view.data(), state.separator.view.size());
    } else {
        state.separator.Assign(separator);
        state.has_value = true;
    }
    AppendBytes(state, value.data(), value.size());
}

struct GroupConcatOp {
    using State = GroupConcatState;
    void Combine(State& target, const State& source) const {
        if (!source.has_value) return;
        StringView text(source.text, source.size);
        AppendValue(target, text, source.separator.view);
    }
    void Finalize(const State& state, Column& result, size_t row) const {
        if (!state.has_value) {
            result.SetNull(row);
            return;
        }
        result.MutableData<StringView>()[row] = result.strings().Add(std::string_view(state.text, state.size));
    }
    static void Destroy(State& state) {
        std::free(state.text);
        state.separator.Free();
        state = GroupConcatState();
    }
};

Result<BoundAggregateFunction> BindGroupConcat(const std::vector<LogicalType>& argument_types) {
    if (argument_types.empty() || argument_types.size() > 2) return NoMatchingOverload("group_concat", argument_types);
    for (const auto& type : argument_types) {
        if (type.physical() == PhysicalType::kList) return NoMatchingOverload("group_concat", argument_types);
    }
    BoundAggregateFunction function;
    function.name = "group_concat";
    // Non-string values are cast to VARCHAR by the binder.
    function.argument_types.assign(argument_types.size(), LogicalType::Varchar());
    function.return_type = LogicalType::Varchar();
    SetStateOperations(function, GroupConcatOp{});
    function.update = [](uint8_t** states, const std::vector<ColumnPtr>& arguments, size_t num_rows) {
        static const StringView kComma(",", 1);
        const Column* separators = arguments.size() > 1 ? arguments[1].get() : nullptr;
        ForEachValid<StringView>(*arguments[0], num_rows, [&](size_t i, const StringView& value) {
            const StringView* separator = &kComma;
            if (separators != nullptr) {
                size_t row = RowOf(*separators, i);
                // A NULL separator drops the value, as CONCAT_WS-like functions do with NULL glue.
                if (separators->type().id() == TypeId::kNull || !separators->validity().IsValid(row)) return;
                separator = &separators->Data<StringView>()[row];
            }
            AppendValue(StateAt<GroupConcatState>(states, i), value, *separator);
        });
    };
    return function;
}

}  // namespace

void RegisterGroupConcat(AggregateRegistry& registry) {
    registry.RegisterAggregate("group_concat", BindGroupConcat);
}

}  // namespace flashlake::functions
