// APPROX_COUNT_DISTINCT(x) (alias NDV): a HyperLogLog estimate of the number of distinct non-NULL
// values, BIGINT, 0 over no values. Precision p = 14 (16384 one-byte registers, standard error
// about 0.8%).
//
// A group starts sparse: up to kMaxSparse (register, rank) pairs in a small buffer, so that a
// query with a million small groups does not hold 16 KiB per group; past that the state turns
// into the dense register array. Registers are heap memory the state owns (freed by Destroy).

#include <cmath>
#include <cstdlib>
#include <type_traits>

#include "common/hash.h"
#include "functions/aggregate/aggregate_families.h"
#include "functions/aggregate/aggregate_kernels.h"
#include "functions/aggregate/aggregate_registry.h"
#include "functions/scalar_function.h"

namespace flashlake::functions {

namespace {

constexpr int kPrecision = 14;
constexpr uint32_t kRegisters = 1u << kPrecision;
constexpr uint32_t kMaxSparse = 256;

// One 64-bit hash per value; equal values of one type hash equally (-0.0 as 0.0, every NaN alike).
template <typename T>
inline uint64_t HashForSketch(const T& value) {
    if constexpr (std::is_same_v<T, StringView>) {
        return HashBytes(value.data(), value.size());
    } else if constexpr (std::is_same_v<T, int128_t>) {
        return HashCombine(HashMix(static_cast<uint64_t>(value)), static_cast<uint64_t>(value >> 64));
    } else if constexpr (std::is_floating_point_v<T>) {
        double normalized = value == 0 ? 0.0 : static_cast<double>(value);
        if (std::isnan(normalized)) normalized = std::numeric_limits<double>::quiet_NaN();
        uint64_t bits;
        std::memcpy(&bits, &normalized, sizeof(bits));
        return HashMix(bits);
    } else {
        return HashMix(static_cast<uint64_t>(static_cast<int64_t>(value)));
    }
}

struct HllState {
    uint8_t* dense = nullptr;    // kRegisters registers, or null while sparse
    uint32_t* sparse = nullptr;  // entries (register << 8 | rank), unordered, one per register
    uint32_t sparse_size = 0;
    uint32_t sparse_capacity = 0;
};

void MakeDense(HllState& state) {
    state.dense = static_cast<uint8_t*>(std::calloc(kRegisters, 1));
    FL_CHECK(state.dense != nullptr, "out of memory for a HyperLogLog sketch");
    for (uint32_t i = 0; i < state.sparse_size; ++i) {
        uint32_t entry = state.sparse[i];
        state.dense[entry >> 8] = std::max<uint8_t>(state.dense[entry >> 8], entry & 0xff);
    }
    std::free(state.sparse);
    state.sparse = nullptr;
    state.sparse_size = state.sparse_capacity = 0;
}

void AddRank(HllState& state, uint32_t index, uint8_t rank) {
    if (state.dense != nullptr) {
        if (rank > state.dense[index]) state.dense[index] = rank;
        return;
    }
    for (uint32_t i = 0; i < state.sparse_size; ++i) {
        if ((state.sparse[i] >> 8) == index) {
            if (rank > (state.sparse[i] & 0xff)) state.sparse[i] = index << 8 | rank;
            return;
        }
    }
    if (state.sparse_size == kMaxSparse) {
        MakeDense(state);
        state.dense[index] = std::max(state.dense[index], rank);
        return;
    }
    if (state.sparse_size == state.sparse_capacity) {
        state.sparse_capacity = state.sparse_capacity == 0 ? 8 : state.sparse_capacity * 2;
        state.sparse = static_cast<uint32_t*>(std::realloc(state.sparse, state.sparse_capacity * sizeof(uint32_t)));
        FL_CHECK(state.sparse != nullptr, "out of memory for a HyperLogLog sketch");
    }
    state.sparse[state.sparse_size++] = index << 8 | rank;
}

inline void AddHash(HllState& state, uint64_t hash) {
    uint32_t index = static_cast<uint32_t>(hash >> (64 - kPrecision));
    // The remaining bits with a stop bit, so the rank is at most 64 - p + 1.
    uint64_t rest = (hash << kPrecision) | (uint64_t{1} << (kPrecision - 1));
    AddRank(state, index, static_cast<uint8_t>(__builtin_clzll(rest) + 1));
}

int64_t Estimate(const HllState& state) {
    const double m = kRegisters;
    double sum = 0;
    uint32_t zeros = 0;
    if (state.dense != nullptr) {
        for (uint32_t i = 0; i < kRegisters; ++i) {
            sum += std::ldexp(1.0, -state.dense[i]);
            zeros += state.dense[i] == 0;
        }
    } else {
        zeros = kRegisters - state.sparse_size;
        sum = zeros;
        for (uint32_t i = 0; i < state.sparse_size; ++i)
            sum += std::ldexp(1.0, -static_cast<int>(state.sparse[i] & 0xff));
    }
    double alpha = 0.7213 / (1 + 1.079 / m);
    double estimate = alpha * m * m / sum;
    // Small cardinalities: linear counting over the empty registers is more accurate.
    if (estimate <= 2.5 * m && zeros > 0) estimate = m * std::log(m / zeros);
    return static_cast<int64_t>(std::llround(estimate));
}

struct HllOp {
    using State = HllState;
    template <typename T>
    void Update(State& state, const T& value) const {
        AddHash(state, HashForSketch(value));
    }
    void Combine(State& target, const State& source) const {
        if (source.dense != nullptr) {
            if (target.dense == nullptr) MakeDense(target);
            for (uint32_t i = 0; i < kRegisters; ++i) target.dense[i] = std::max(target.dense[i], source.dense[i]);
            return;
        }
        for (uint32_t i = 0; i < source.sparse_size; ++i) {
            AddRank(target, source.sparse[i] >> 8, static_cast<uint8_t>(source.sparse[i] & 0xff));
        }
    }
    void Finalize(const State& state, Column& result, size_t row) const {
        result.MutableData<int64_t>()[row] = Estimate(state);
    }
    static void Destroy(State& state) {
        std::free(state.dense);
        std::free(state.sparse);
        state = HllState();
    }
};

Result<BoundAggregateFunction> BindApproxCountDistinct(const std::vector<LogicalType>& argument_types) {
    if (argument_types.size() != 1 || argument_types[0].physical() == PhysicalType::kList) {
        return NoMatchingOverload("approx_count_distinct", argument_types);
    }
    BoundAggregateFunction function;
    function.name = "approx_count_distinct";
    function.argument_types = argument_types;
    function.return_type = LogicalType::BigInt();
    HllOp op;
    SetStateOperations(function, op);
    DispatchPhysical(argument_types[0].physical(), [&]<typename T>() { SetUnaryUpdate<T>(function, op); });
    return function;
}

}  // namespace

void RegisterApproxCountDistinct(AggregateRegistry& registry) {
    registry.RegisterAggregate("approx_count_distinct", BindApproxCountDistinct);
    registry.RegisterAlias("ndv", "approx_count_distinct");
}

}  // namespace flashlake::functions
