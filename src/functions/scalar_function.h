#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "column/column.h"
#include "common/result.h"
#include "types/logical_type.h"

namespace flashlake::functions {

// Arguments of a vectorized kernel: every column is kFlat or kConstant (the evaluator flattens
// other encodings first) and has `num_rows` rows.
struct KernelArgs {
    const std::vector<ColumnPtr>& columns;
    size_t num_rows;
};

// Computes a result column of `num_rows` rows from the arguments.
using ScalarKernel = std::function<ColumnPtr(const KernelArgs& args)>;

// A function resolved for concrete argument types: what to cast the arguments to, the result
// type, and the kernel. Produced by a ScalarFunction's binder at bind time, used at execution.
struct BoundScalarFunction {
    std::string name;
    std::vector<LogicalType> argument_types;  // arguments are cast to these before the call
    LogicalType return_type;
    ScalarKernel kernel;
    // False for functions whose result changes between calls with equal arguments (now(), rand()):
    // the constant folder leaves them alone.
    bool deterministic = true;
};

// Resolves a call for the given argument types, or fails with kWrongArguments naming the
// function and the types.
using ScalarBinder = std::function<Result<BoundScalarFunction>(const std::vector<LogicalType>& argument_types)>;

// Message for a call no overload accepts: "concat(INT, DATE)".
std::string DescribeCall(const std::string& name, const std::vector<LogicalType>& argument_types);
Status NoMatchingOverload(const std::string& name, const std::vector<LogicalType>& argument_types);

}  // namespace flashlake::functions
