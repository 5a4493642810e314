#pragma once

namespace flashlake::functions {

class AggregateRegistry;

// Each family of built-in aggregates registers itself; RegisterBuiltinAggregates calls all.
void RegisterCountAggregates(AggregateRegistry& registry);
void RegisterSumAggregates(AggregateRegistry& registry);     // sum, avg
void RegisterMinMaxAggregates(AggregateRegistry& registry);  // min, max, any_value, max_by, min_by
void RegisterVarianceAggregates(AggregateRegistry& registry);
void RegisterApproxCountDistinct(AggregateRegistry& registry);
void RegisterGroupConcat(AggregateRegistry& registry);

}  // namespace flashlake::functions
