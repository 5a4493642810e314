#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "functions/aggregate_function.h"

namespace flashlake::functions {

// Resolves an aggregate call for concrete argument types, or fails with kWrongArguments naming
// the call. The result's argument_types are what the binder casts the arguments to (as for
// scalar functions); most aggregates take their arguments as they come.
using AggregateBinder = std::function<Result<BoundAggregateFunction>(const std::vector<LogicalType>& argument_types)>;

// The aggregate functions the engine knows, by lower-case name. Built once by the Engine
// (RegisterBuiltinAggregates) and read-only afterwards, so lookups need no lock.
//
// DISTINCT is not a property of the function: BindAggregate(name, types, true) returns the same
// function as without DISTINCT (e.g. COUNT(DISTINCT x) is COUNT(x)), and the hash aggregation
// operator removes duplicate (group, arguments) pairs before the function sees them (see
// exec/operators/hash_aggregate.h). BindAggregate only rejects DISTINCT where it means nothing
// (COUNT(*)).
class AggregateRegistry {
public:
    void RegisterAggregate(std::string name, AggregateBinder binder);
    // A second name for an existing aggregate (e.g. "std" for "stddev").
    void RegisterAlias(std::string alias, const std::string& target);

    // kUnknownFunction when there is no such aggregate; the binder's error otherwise.
    Result<BoundAggregateFunction> BindAggregate(std::string_view name, const std::vector<LogicalType>& argument_types,
                                                 bool distinct) const;
    bool HasAggregate(std::string_view name) const;
    std::vector<std::string> AggregateNames() const;

private:
    std::map<std::string, AggregateBinder, std::less<>> aggregates_;
};

// Registers every built-in aggregate: count, sum, avg, min, max, any_value, max_by, min_by,
// stddev/variance and their _pop/_samp forms, approx_count_distinct (ndv), group_concat.
void RegisterBuiltinAggregates(AggregateRegistry& registry);

}  // namespace flashlake::functions
