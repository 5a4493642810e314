#pragma once

#include "column/column.h"
#include "column/physical_dispatch.h"

namespace flashlake::functions {

// Loops shared by the scalar kernels. Inputs are flat or constant columns; NULL in any input
// gives NULL out, and `op` runs on every row (NULL rows hold zeroes) so that the loop has no
// branch and the compiler can vectorise it. When every input is constant the result is constant.

namespace internal {
inline bool IsConstant(const Column& column) { return column.encoding() == ColumnEncoding::kConstant; }
// Marks rows NULL where `input` is NULL.
inline void PropagateNulls(const Column& input, Column& result, size_t num_rows) {
    if (input.validity().AllValid()) return;
    if (IsConstant(input)) {
        for (size_t i = 0; i < num_rows; ++i) result.SetNull(i);
        return;
    }
    for (size_t i = 0; i < num_rows; ++i) {
        if (!input.validity().IsValid(i)) result.SetNull(i);
    }
}
// A constant column of `num_rows` rows holding row 0 of a one-row flat result.
inline ColumnPtr ToConstant(const Column& one_row, size_t num_rows) {
    return Column::MakeConstant(one_row.GetValue(0), num_rows);
}
}  // namespace internal

template <typename In, typename Out, typename Op>
ColumnPtr UnaryExecute(const Column& input, size_t num_rows, const LogicalType& result_type, Op&& op) {
    bool constant = internal::IsConstant(input);
    size_t rows = constant ? 1 : num_rows;
    ColumnPtr result = Column::MakeFlat(result_type, rows);
    const In* in = input.Data<In>();
    Out* out = result->MutableData<Out>();
    for (size_t i = 0; i < rows; ++i) out[i] = op(in[i]);
    internal::PropagateNulls(input, *result, rows);
    return constant ? internal::ToConstant(*result, num_rows) : result;
}

template <typename Left, typename Right, typename Out, typename Op>
ColumnPtr BinaryExecute(const Column& left, const Column& right, size_t num_rows, const LogicalType& result_type,
                        Op&& op) {
    bool left_constant = internal::IsConstant(left), right_constant = internal::IsConstant(right);
    size_t rows = left_constant && right_constant ? 1 : num_rows;
    ColumnPtr result = Column::MakeFlat(result_type, rows);
    const Left* a = left.Data<Left>();
    const Right* b = right.Data<Right>();
    Out* out = result->MutableData<Out>();
    if (left_constant && !right_constant) {
        const Left value = a[0];
        for (size_t i = 0; i < rows; ++i) out[i] = op(value, b[i]);
    } else if (right_constant && !left_constant) {
        const Right value = b[0];
        for (size_t i = 0; i < rows; ++i) out[i] = op(a[i], value);
    } else {
        for (size_t i = 0; i < rows; ++i) out[i] = op(a[i], b[i]);
    }
    internal::PropagateNulls(left, *result, rows);
    internal::PropagateNulls(right, *result, rows);
    return left_constant && right_constant ? internal::ToConstant(*result, num_rows) : result;
}

// Like BinaryExecute, for operations that can yield NULL on valid inputs (division by zero):
// op(a, b, out) returns false for NULL.
template <typename Left, typename Right, typename Out, typename Op>
ColumnPtr BinaryExecuteNullable(const Column& left, const Column& right, size_t num_rows,
                                const LogicalType& result_type, Op&& op) {
    bool left_constant = internal::IsConstant(left), right_constant = internal::IsConstant(right);
    size_t rows = left_constant && right_constant ? 1 : num_rows;
    ColumnPtr result = Column::MakeFlat(result_type, rows);
    const Left* a = left.Data<Left>();
    const Right* b = right.Data<Right>();
    Out* out = result->MutableData<Out>();
    for (size_t i = 0; i < rows; ++i) {
        if (!op(a[left_constant ? 0 : i], b[right_constant ? 0 : i], out[i])) result->SetNull(i);
    }
    internal::PropagateNulls(left, *result, rows);
    internal::PropagateNulls(right, *result, rows);
    return left_constant && right_constant ? internal::ToConstant(*result, num_rows) : result;
}

// Like UnaryExecute, for operations that can yield NULL on valid inputs (sqrt of a negative):
// op(a, out) returns false for NULL.
template <typename In, typename Out, typename Op>
ColumnPtr UnaryExecuteNullable(const Column& input, size_t num_rows, const LogicalType& result_type, Op&& op) {
    bool constant = internal::IsConstant(input);
    size_t rows = constant ? 1 : num_rows;
    ColumnPtr result = Column::MakeFlat(result_type, rows);
    const In* in = input.Data<In>();
    Out* out = result->MutableData<Out>();
    for (size_t i = 0; i < rows; ++i) {
        if (!op(in[i], out[i])) result->SetNull(i);
    }
    internal::PropagateNulls(input, *result, rows);
    return constant ? internal::ToConstant(*result, num_rows) : result;
}

// Row index in a flat-or-constant column.
inline size_t RowOf(const Column& column, size_t row) {
    return column.encoding() == ColumnEncoding::kConstant ? 0 : row;
}

}  // namespace flashlake::functions
