#include "exec/expression/expression_evaluator.h"

#include "column/physical_dispatch.h"
#include "common/check.h"

namespace flashlake::exec {

namespace {

// Kernels accept flat and constant columns; dictionary columns are decoded first.
ColumnPtr ForKernel(ColumnPtr column) {
    if (column->encoding() == ColumnEncoding::kDictionary) return column->Flatten();
    return column;
}

// CASE: each row takes the first THEN whose WHEN is true, else the ELSE value.
ColumnPtr EvaluateCase(const planner::BoundExpression& expression, const Chunk& input) {
    size_t num_rows = input.num_rows();
    ColumnPtr result = Column::MakeFlat(expression.type, num_rows);
    std::vector<uint8_t> decided(num_rows, 0);
    const auto& children = expression.children;
    auto take = [&](const Column& branch, size_t row) {
        if (branch.IsNull(row)) result->SetNull(row);
        else result->SetValue(row, branch.GetValue(row));
    };
    for (size_t i = 0; i + 1 < children.size(); i += 2) {
        ColumnPtr condition = ExpressionEvaluator::Evaluate(*children[i], input);
        ColumnPtr branch = ExpressionEvaluator::Evaluate(*children[i + 1], input);
        for (size_t row = 0; row < num_rows; ++row) {
            if (decided[row] || condition->IsNull(row) || !condition->GetValue(row).GetBool()) continue;
            take(*branch, row);
            decided[row] = 1;
        }
    }
    ColumnPtr otherwise = ExpressionEvaluator::Evaluate(*children.back(), input);
    for (size_t row = 0; row < num_rows; ++row) {
        if (!decided[row]) take(*otherwise, row);
    }
    return result;
}

}  // namespace

ColumnPtr ExpressionEvaluator::Evaluate(const planner::BoundExpression& expression, const Chunk& input) {
    switch (expression.kind) {
        case planner::BoundExprKind::kConstant: return Column::MakeConstant(expression.constant, input.num_rows());
        case planner::BoundExprKind::kColumnRef: {
            FL_CHECK_LT(expression.column_index, input.num_columns());
            return input.column(expression.column_index);
        }
        case planner::BoundExprKind::kCast: {
            std::vector<ColumnPtr> arguments{ForKernel(Evaluate(*expression.children[0], input))};
            return expression.cast_kernel(functions::KernelArgs{arguments, input.num_rows()});
        }
        case planner::BoundExprKind::kFunction: {
            std::vector<ColumnPtr> arguments;
            arguments.reserve(expression.children.size());
            for (const auto& child : expression.children) arguments.push_back(ForKernel(Evaluate(*child, input)));
            ColumnPtr result = expression.function.kernel(functions::KernelArgs{arguments, input.num_rows()});
            FL_CHECK(result && result->size() == input.num_rows(), "kernel ", expression.function.name,
                     " returned a column of the wrong size");
            return result;
        }
        case planner::BoundExprKind::kCase: return EvaluateCase(expression, input);
    }
    FL_CHECK(false, "unknown expression kind");
    return nullptr;
}

SelectionVector ExpressionEvaluator::Select(const planner::BoundExpression& predicate, const Chunk& input) {
    ColumnPtr mask = ForKernel(Evaluate(predicate, input));
    FL_CHECK(mask->type().physical() == PhysicalType::kBool, "predicate of type ", mask->type().ToString());
    size_t num_rows = input.num_rows();
    SelectionVector selection(num_rows);
    if (mask->encoding() == ColumnEncoding::kConstant) {
        if (!mask->IsNull(0) && mask->Data<uint8_t>()[0] != 0) selection = SelectionVector::Identity(num_rows);
        return selection;
    }
    const uint8_t* bits = mask->Data<uint8_t>();
    const ValidityMask& validity = mask->validity();
    auto& indices = selection.indices();
    indices.resize(num_rows);
    size_t count = 0;
    // Branch-free compaction: write every index, advance only past selected rows.
    if (validity.AllValid()) {
        for (uint32_t row = 0; row < num_rows; ++row) {
            indices[count] = row;
            count += bits[row] != 0;
        }
    } else {
        for (uint32_t row = 0; row < num_rows; ++row) {
            indices[count] = row;
            count += (bits[row] != 0) & validity.IsValid(row);
        }
    }
    indices.resize(count);
    return selection;
}

Value ExpressionEvaluator::EvaluateConstant(const planner::BoundExpression& expression) {
    Chunk one_row(std::vector<ColumnPtr>{}, 1);
    ColumnPtr column = Evaluate(expression, one_row);
    return column->GetValue(0);
}

}  // namespace flashlake::exec
