// COUNT(*) and COUNT(x, ...): BIGINT, 0 over no rows, never NULL.

#include "functions/aggregate/aggregate_families.h"
#include "functions/aggregate/aggregate_kernels.h"
#include "functions/aggregate/aggregate_registry.h"

namespace flashlake::functions {

namespace {

struct CountOp {
    using State = int64_t;
    void Combine(State& target, const State& source) const { target += source; }
    void Finalize(const State& state, Column& result, size_t row) const { result.MutableData<int64_t>()[row] = state; }
};

// True when row `row` of a flat or constant column is not NULL.
inline bool IsValidRow(const Column& column, size_t row) {
    if (column.type().id() == TypeId::kNull) return false;
    return column.validity().IsValid(column.encoding() == ColumnEncoding::kConstant ? 0 : row);
}

BoundAggregateFunction BindCount(const std::vector<LogicalType>& argument_types) {
    BoundAggregateFunction function;
    function.name = "count";
    function.argument_types = argument_types;
    function.return_type = LogicalType::BigInt();
    SetStateOperations(function, CountOp{});
    if (argument_types.empty()) {
        // COUNT(*): every row counts.
        function.update = [](uint8_t** states, const std::vector<ColumnPtr>&, size_t num_rows) {
            for (size_t i = 0; i < num_rows; ++i) ++StateAt<int64_t>(states, i);
        };
    } else if (argument_types.size() == 1) {
        function.update = [](uint8_t** states, const std::vector<ColumnPtr>& arguments, size_t num_rows) {
            const Column& column = *arguments[0];
            if (column.type().id() == TypeId::kNull) return;
            const ValidityMask& validity = column.validity();
            if (column.encoding() == ColumnEncoding::kConstant) {
                if (!validity.IsValid(0)) return;
                for (size_t i = 0; i < num_rows; ++i) ++StateAt<int64_t>(states, i);
            } else if (validity.AllValid()) {
                for (size_t i = 0; i < num_rows; ++i) ++StateAt<int64_t>(states, i);
            } else {
                // Adds 0 or 1 without a branch per row.
                for (size_t i = 0; i < num_rows; ++i) StateAt<int64_t>(states, i) += validity.IsValid(i);
            }
        };
    } else {
        // COUNT(a, b, ...): rows where every argument is not NULL (what COUNT(DISTINCT a, b) counts).
        function.update = [](uint8_t** states, const std::vector<ColumnPtr>& arguments, size_t num_rows) {
            for (size_t i = 0; i < num_rows; ++i) {
                bool all_valid = true;
                for (const auto& argument : arguments) all_valid = all_valid && IsValidRow(*argument, i);
                StateAt<int64_t>(states, i) += all_valid;
            }
        };
    }
    return function;
}

}  // namespace

void RegisterCountAggregates(AggregateRegistry& registry) {
    registry.RegisterAggregate("count", [](const std::vector<LogicalType>& argument_types) {
        return Result<BoundAggregateFunction>(BindCount(argument_types));
    });
}

}  // namespace flashlake::functions
