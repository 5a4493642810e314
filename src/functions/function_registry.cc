#include "functions/function_registry.h"

#include <algorithm>
#include <cctype>

namespace flashlake::functions {

namespace {
std::string Lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}
}  // namespace

std::string DescribeCall(const std::string& name, const std::vector<LogicalType>& argument_types) {
    std::string out = name + "(";
    for (size_t i = 0; i < argument_types.size(); ++i) {
        if (i > 0) out += ", ";
        out += argument_types[i].ToString();
    }
    return out + ")";
}

Status NoMatchingOverload(const std::string& name, const std::vector<LogicalType>& argument_types) {
    return Status(ErrorCode::kWrongArguments,
                  "No matching function with signature: " + DescribeCall(name, argument_types));
}

void FunctionRegistry::RegisterScalar(std::string name, ScalarBinder binder) { scalars_[Lower(name)] = std::move(binder); }

void FunctionRegistry::RegisterAlias(std::string alias, const std::string& target) {
    auto it = scalars_.find(Lower(target));
    FL_CHECK(it != scalars_.end(), "alias ", alias, " of unknown function ", target);
    scalars_[Lower(alias)] = it->second;
}

Result<BoundScalarFunction> FunctionRegistry::BindScalar(std::string_view name,
                                                         const std::vector<LogicalType>& argument_types) const {
    auto it = scalars_.find(Lower(name));
    if (it == scalars_.end()) {
        return Status(ErrorCode::kUnknownFunction, "Unknown function '" + std::string(name) + "'");
    }
    return it->second(argument_types);
}

bool FunctionRegistry::HasScalar(std::string_view name) const { return scalars_.find(Lower(name)) != scalars_.end(); }

std::vector<std::string> FunctionRegistry::ScalarNames() const {
    std::vector<std::string> names;
    for (const auto& [name, binder] : scalars_) names.push_back(name);
    return names;
}

}  // namespace flashlake::functions

#include "functions/scalar/scalar_families.h"

namespace flashlake::functions {

void RegisterBuiltinFunctions(FunctionRegistry& registry) {
    RegisterArithmeticFunctions(registry);
    RegisterComparisonFunctions(registry);
    RegisterLogicalFunctions(registry);
    RegisterStringFunctions(registry);
    RegisterDateTimeFunctions(registry);
    RegisterDateFormatFunctions(registry);
    RegisterMathFunctions(registry);
    RegisterStringMatchFunctions(registry);
    RegisterRegexpFunctions(registry);
    RegisterHashFunctions(registry);
}

}  // namespace flashlake::functions
