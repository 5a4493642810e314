#pragma once

namespace flashlake::functions {

class FunctionRegistry;

// Each family of built-in scalar functions registers itself; RegisterBuiltinFunctions calls all.
void RegisterArithmeticFunctions(FunctionRegistry& registry);
void RegisterComparisonFunctions(FunctionRegistry& registry);
void RegisterLogicalFunctions(FunctionRegistry& registry);
void RegisterStringFunctions(FunctionRegistry& registry);
void RegisterDateTimeFunctions(FunctionRegistry& registry);
void RegisterDateFormatFunctions(FunctionRegistry& registry);
void RegisterMathFunctions(FunctionRegistry& registry);
void RegisterStringMatchFunctions(FunctionRegistry& registry);
void RegisterRegexpFunctions(FunctionRegistry& registry);
void RegisterHashFunctions(FunctionRegistry& registry);

}  // namespace flashlake::functions
