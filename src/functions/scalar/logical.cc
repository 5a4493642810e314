// AND, OR, NOT, XOR with SQL's three-valued logic, and IS [NOT] NULL.

#include "common/query_error.h"
#include "functions/function_registry.h"
#include "functions/scalar/scalar_families.h"
#include "functions/vectorized.h"

namespace flashlake::functions {

namespace {

// AND: false wins over NULL; OR: true wins over NULL.
ScalarKernel ConnectiveKernel(bool is_and) {
    return [is_and](const KernelArgs& args) -> ColumnPtr {
        const Column& a = *args.columns[0];
        const Column& b = *args.columns[1];
        ColumnPtr result = Column::MakeFlat(LogicalType::Boolean(), args.num_rows);
        uint8_t* out = result->MutableData<uint8_t>();
        const uint8_t* x = a.Data<uint8_t>();
        const uint8_t* y = b.Data<uint8_t>();
        const uint8_t dominant = is_and ? 0 : 1;
        for (size_t i = 0; i < args.num_rows; ++i) {
            size_t ra = RowOf(a, i), rb = RowOf(b, i);
            bool valid_a = a.validity().IsValid(ra), valid_b = b.validity().IsValid(rb);
            if ((valid_a && x[ra] == dominant) || (valid_b && y[rb] == dominant)) {
                out[i] = dominant;
            } else if (valid_a && valid_b) {
                out[i] = 1 - dominant;
            } else {
                result->SetNull(i);
            }
        }
        return result;
    };
}

Result<BoundScalarFunction> BindBooleanFunction(const std::string& name, const std::vector<LogicalType>& types,
                                                size_t arity, ScalarKernel kernel) {
    if (types.size() != arity) return NoMatchingOverload(name, types);
    for (const auto& type : types) {
        bool ok = type.id() == TypeId::kBoolean || type.id() == TypeId::kNull || type.IsNumeric() || type.IsString();
        if (!ok) return NoMatchingOverload(name, types);
    }
    return BoundScalarFunction{name, std::vector<LogicalType>(arity, LogicalType::Boolean()), LogicalType::Boolean(),
                               std::move(kernel)};
}

ScalarKernel IsNullKernel(bool want_null) {
    return [want_null](const KernelArgs& args) -> ColumnPtr {
        const Column& a = *args.columns[0];
        ColumnPtr result = Column::MakeFlat(LogicalType::Boolean(), args.num_rows);
        uint8_t* out = result->MutableData<uint8_t>();
        for (size_t i = 0; i < args.num_rows; ++i) out[i] = a.validity().IsValid(RowOf(a, i)) != want_null;
        return result;
    };
}

}  // namespace

void RegisterLogicalFunctions(FunctionRegistry& registry) {
    registry.RegisterScalar("and", [](const std::vector<LogicalType>& types) {
        return BindBooleanFunction("and", types, 2, ConnectiveKernel(true));
    });
    registry.RegisterScalar("or", [](const std::vector<LogicalType>& types) {
        return BindBooleanFunction("or", types, 2, ConnectiveKernel(false));
    });
    registry.RegisterScalar("xor", [](const std::vector<LogicalType>& types) {
        return BindBooleanFunction("xor", types, 2, [](const KernelArgs& args) {
            return BinaryExecute<uint8_t, uint8_t, uint8_t>(*args.columns[0], *args.columns[1], args.num_rows,
                                                            LogicalType::Boolean(),
                                                            [](uint8_t x, uint8_t y) -> uint8_t { return x != y; });
        });
    });
    registry.RegisterScalar("not", [](const std::vector<LogicalType>& types) {
        return BindBooleanFunction("not", types, 1, [](const KernelArgs& args) {
            return UnaryExecute<uint8_t, uint8_t>(*args.columns[0], args.num_rows, LogicalType::Boolean(),
                                                  [](uint8_t x) -> uint8_t { return x == 0; });
        });
    });
    // The value of a scalar subquery: its rows were counted and one value kept; more than one row
    // is an error, as in MySQL.
    registry.RegisterScalar("__scalar_subquery_value", [](const std::vector<LogicalType>& types) -> Result<BoundScalarFunction> {
        if (types.size() != 2 || types[0].id() != TypeId::kBigInt) return NoMatchingOverload("__scalar_subquery_value", types);
        ScalarKernel kernel = [](const KernelArgs& args) -> ColumnPtr {
            const Column& counts = *args.columns[0];
            for (size_t i = 0; i < args.num_rows; ++i) {
                size_t row = RowOf(counts, i);
                if (counts.validity().IsValid(row) && counts.Data<int64_t>()[row] > 1) {
                    ThrowQueryError(ErrorCode::kInvalidArgument, "Subquery returns more than 1 row");
                }
            }
            return args.columns[1];
        };
        return BoundScalarFunction{"__scalar_subquery_value", types, types[1], std::move(kernel)};
    });
    for (bool want_null : {true, false}) {
        std::string name = want_null ? "is_null" : "is_not_null";
        registry.RegisterScalar(name, [name, want_null](const std::vector<LogicalType>& types) -> Result<BoundScalarFunction> {
            if (types.size() != 1) return NoMatchingOverload(name, types);
            return BoundScalarFunction{name, types, LogicalType::Boolean(), IsNullKernel(want_null)};
        });
    }
}

}  // namespace flashlake::functions
