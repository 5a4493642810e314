#include "functions/aggregate/aggregate_registry.h"

#include <algorithm>
#include <cctype>

#include "functions/aggregate/aggregate_families.h"
#include "functions/scalar_function.h"

namespace flashlake::functions {

namespace {
std::string Lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}
}  // namespace

void AggregateRegistry::RegisterAggregate(std::string name, AggregateBinder binder) {
    aggregates_[Lower(name)] = std::move(binder);
}

void AggregateRegistry::RegisterAlias(std::string alias, const std::string& target) {
    auto it = aggregates_.find(Lower(target));
    FL_CHECK(it != aggregates_.end(), "alias ", alias, " of unknown aggregate ", target);
    aggregates_[Lower(alias)] = it->second;
}

Result<BoundAggregateFunction> AggregateRegistry::BindAggregate(std::string_view name,
                                                                const std::vector<LogicalType>& argument_types,
                                                                bool distinct) const {
    auto it = aggregates_.find(Lower(name));
    if (it == aggregates_.end()) {
        return Status(ErrorCode::kUnknownFunction, "Unknown aggregate function '" + std::string(name) + "'");
    }
    if (distinct && argument_types.empty()) {
        return Status(ErrorCode::kWrongArguments, Lower(name) + "(DISTINCT) needs at least one argument");
    }
    return it->second(argument_types);
}

bool AggregateRegistry::HasAggregate(std::string_view name) const {
    return aggregates_.find(Lower(name)) != aggregates_.end();
}

std::vector<std::string> AggregateRegistry::AggregateNames() const {
    std::vector<std::string> names;
    for (const auto& [name, binder] : aggregates_) names.push_back(name);
    return names;
}

void RegisterBuiltinAggregates(AggregateRegistry& registry) {
    RegisterCountAggregates(registry);
    RegisterSumAggregates(registry);
    RegisterMinMaxAggregates(registry);
    RegisterVarianceAggregates(registry);
    RegisterApproxCountDistinct(registry);
    RegisterGroupConcat(registry);
}

}  // namespace flashlake::functions
