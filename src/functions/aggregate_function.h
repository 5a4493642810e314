#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "column/column.h"
#include "common/result.h"
#include "types/logical_type.h"

namespace flashlake::functions {

// An aggregate function resolved for concrete argument types. Aggregation keeps one fixed-size
// state per group in memory the operator owns (an arena), so the functions here only say how big
// a state is and how to work on many states at once:
//   - Initialize(state): a fresh state.
//   - Update(states, arguments, num_rows): fold row i of the arguments into states[i] (several
//     rows may point at one state); arguments are flat or constant columns of argument_types.
//   - Combine(targets, sources, count): merge partial states (two-phase parallel aggregation).
//   - Finalize(states, count, result): write one value per state into `result` (flat, of
//     return_type, already sized to `count`).
//   - Destroy(states, count): frees what a state owns outside the arena (may be null).
// A state may hold pointers to memory it allocates itself (e.g. a hash set for DISTINCT or a
// string for MIN(VARCHAR)); Destroy releases it.
struct BoundAggregateFunction {
    std::string name;
    std::vector<LogicalType> argument_types;
    LogicalType return_type;
    size_t state_size = 0;
    size_t state_alignment = 8;
    std::function<void(uint8_t* state)> initialize;
    std::function<void(uint8_t** states, const std::vector<ColumnPtr>& arguments, size_t num_rows)> update;
    std::function<void(uint8_t** targets, uint8_t** sources, size_t count)> combine;
    std::function<void(uint8_t** states, size_t count, Column& result)> finalize;
    std::function<void(uint8_t** states, size_t count)> destroy;
};

}  // namespace flashlake::functions
