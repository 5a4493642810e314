#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "column/column.h"
#include "common/result.h"
#include "lake/data_type.h"

namespace flashlake::lake::lsm {

// The versions of one column for a batch of keys, as an aggregation merge sees them: `values`
// holds every version (oldest first within a key), `kinds` their row kinds, and key g owns
// versions [begin[g], end[g]). `end[g] == begin[g]` when nothing is left to aggregate.
struct AggregateInput {
    const Column& values;
    const int8_t* kinds;
    const uint32_t* begin;
    const uint32_t* end;
    size_t num_groups;
};

// One `fields.<f>.aggregate-function` of Paimon's aggregation merge engine, vectorized: one
// call aggregates a column for every key of a batch. `out` is a flat column of the field's
// type with num_groups rows, all valid on entry. Retraction versions (-U/-D) are retracted by
// the functions that support it (sum, count, last_value, last_non_null_value); the others fail
// with kNotSupported unless created with ignore_retract, which skips them.
class FieldAggregator {
public:
    virtual ~FieldAggregator() = default;
    virtual Status Aggregate(const AggregateInput& input, Column* out) const = 0;
};

// Creates the aggregator of `field` (its type decides the kernel); kNotSupported for a type the
// function does not accept.
using FieldAggregatorFactory =
    std::function<Result<std::unique_ptr<FieldAggregator>>(const DataField& field, bool ignore_retract)>;

// Merges the serialized values of one key (oldest first, NULLs left out, never empty) into one
// serialized value; the hook for binary sketch aggregates such as Paimon's rbm32 / rbm64
// bitmap unions, which the layer that owns the bitmap library provides.
using BinaryMergeFunction = std::function<Status(const std::vector<std::string_view>& values, std::string* out)>;

// Aggregate functions by name. Built-ins: sum, min, max, count, last_value,
// last_non_null_value, first_value, first_non_null_value, bool_and, bool_or, primary-key.
// The engine registers more (e.g. "rbm32" over a Roaring library) on its own instance; there
// is no global registry.
class FieldAggregatorRegistry {
public:
    // A registry holding the built-in functions.
    static FieldAggregatorRegistry WithBuiltins();

    void Register(std::string name, FieldAggregatorFactory factory) {
        factories_[std::move(name)] = std::move(factory);
    }
    // Registers `name` as a union of binary values (BYTES/VARBINARY fields) through `merge`.
    void RegisterBinaryMerge(std::string name, BinaryMergeFunction merge);

    // kNotSupported naming the function and field when `name` is unknown.
    Result<std::unique_ptr<FieldAggregator>> Create(const std::string& name, const DataField& field,
                                                    bool ignore_retract) const;

private:
    std::map<std::string, FieldAggregatorFactory, std::less<>> factories_;
};

}  // namespace flashlake::lake::lsm
