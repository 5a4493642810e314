#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "functions/scalar_function.h"

namespace flashlake::functions {

// All functions the engine knows, by lower-case name. Built once by the Engine
// (RegisterBuiltinFunctions) and read-only afterwards, so lookups need no lock.
class FunctionRegistry {
public:
    void RegisterScalar(std::string name, ScalarBinder binder);
    // A second name for an existing function (e.g. "substring" for "substr").
    void RegisterAlias(std::string alias, const std::string& target);

    // kUnknownFunction when there is no such function; the binder's error otherwise.
    Result<BoundScalarFunction> BindScalar(std::string_view name, const std::vector<LogicalType>& argument_types) const;
    bool HasScalar(std::string_view name) const;
    std::vector<std::string> ScalarNames() const;

private:
    std::map<std::string, ScalarBinder, std::less<>> scalars_;
};

// Registers every built-in function (scalar/*.cc each add their family).
void RegisterBuiltinFunctions(FunctionRegistry& registry);

}  // namespace flashlake::functions
