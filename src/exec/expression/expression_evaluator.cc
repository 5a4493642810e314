#include "exec/expression/expression_evaluator.h"

#include <optional>

#include "column/physical_dispatch.h"
#include "common/check.h"
#include "exec/operators/column_gather.h"

namespace flashlake::exec {

namespace {

// Kernels accept flat and constant columns; dictionary columns are decoded first.
ColumnPtr ForKernel(ColumnPtr column) {
    if (column->encoding() == ColumnEncoding::kDictionary) return column->Flatten();
    return column;
}

// CASE: each row takes the first THEN whose WHEN is true, else the ELSE value. The branch of
// every row is decided first (a byte per row), then the values are gathered from the branches in
// one typed pass. Every WHEN and THEN is computed over the whole chunk, as before.
ColumnPtr EvaluateCase(const planner::BoundExpression& expression, const Chunk& input) {
    const size_t num_rows = input.num_rows();
    const auto& children = expression.children;
    const size_t num_branches = children.size() / 2 + 1;  // the WHENs' THENs, then the ELSE
    const uint32_t else_branch = static_cast<uint32_t>(num_branches - 1);
    constexpr uint32_t kUndecided = UINT32_MAX;
    std::vector<uint32_t> chosen(num_rows, kUndecided);
    std::vector<ColumnPtr> branches;
    size_t undecided = num_rows;
    for (size_t i = 0; i + 1 < children.size(); i += 2) {
        const uint32_t branch = static_cast<uint32_t>(i / 2);
        ColumnPtr condition = ForKernel(ExpressionEvaluator::Evaluate(*children[i], input));
        if (condition->encoding() == ColumnEncoding::kConstant) {
            if (!condition->IsNull(0) && condition->Data<uint8_t>()[0] != 0) {
                for (auto& c : chosen) c = c == kUndecided ? branch : c;
                undecided = 0;
            }
        } else if (undecided > 0) {
            const uint8_t* truth = condition->Data<uint8_t>();
            const ValidityMask& validity = condition->validity();
            for (size_t row = 0; row < num_rows; ++row) {
                if (chosen[row] == kUndecided && truth[row] != 0 && validity.IsValid(row)) {
                    chosen[row] = branch;
                    --undecided;
                }
            }
        }
        branches.push_back(ExpressionEvaluator::Evaluate(*children[i + 1], input));
    }
    branches.push_back(ExpressionEvaluator::Evaluate(*children.back(), input));
    for (auto& c : chosen) c = c == kUndecided ? else_branch : c;

    std::vector<ColumnPtr> flat;
    std::vector<const Column*> sources;
    for (const auto& branch : branches) {
        if (branch->type() != expression.type) {
            // A branch of another type than the CASE's: convert value by value.
            ColumnPtr result = Column::MakeFlat(expression.type, num_rows);
            for (size_t row = 0; row < num_rows; ++row) {
                const Column& from = *branches[chosen[row]];
                if (from.IsNull(row)) {
                    result->SetNull(row);
                } else {
                    result->SetValue(row, from.GetValue(row));
                }
            }
            return result;
        }
        flat.push_back(branch->encoding() == ColumnEncoding::kFlat ? branch : branch->Flatten());
        sources.push_back(flat.back().get());
    }
    std::vector<uint32_t> rows(num_rows);
    for (size_t row = 0; row < num_rows; ++row) rows[row] = static_cast<uint32_t>(row);
    return GatherFromRuns(sources, chosen.data(), rows.data(), num_rows);
}

// Whether `expression` reads no column but `*column` (set on the first column seen) and calls
// only deterministic functions: then it can be computed once per distinct value of that column.
bool ReadsOneColumn(const planner::BoundExpression& expression, std::optional<size_t>& column) {
    switch (expression.kind) {
        case planner::BoundExprKind::kConstant: return true;
        case planner::BoundExprKind::kColumnRef:
            if (column && *column != expression.column_index) return false;
            column = expression.column_index;
            return true;
        case planner::BoundExprKind::kFunction:
            if (!expression.function.deterministic) return false;
            break;
        case planner::BoundExprKind::kCast:
        case planner::BoundExprKind::kCase: break;
    }
    for (const auto& child : expression.children) {
        if (!ReadsOneColumn(*child, column)) return false;
    }
    return true;
}

// An expression over one dictionary-encoded column (a Parquet dictionary the scan kept encoded:
// dt, channel, city, ...) is computed once per dictionary entry the chunk uses, and its result is
// a dictionary column with the chunk's codes: CASE WHEN dt < ... over millions of rows costs a few
// dozen evaluations. Entries no row uses are left out, so they raise no error a row would not.
// nullptr when the expression does not qualify.
ColumnPtr EvaluateOverDictionary(const planner::BoundExpression& expression, const Chunk& input) {
    std::optional<size_t> column_index;
    if (!ReadsOneColumn(expression, column_index) || !column_index) return nullptr;
    const ColumnPtr& column = input.column(*column_index);
    const size_t num_rows = input.num_rows();
    if (column->encoding() != ColumnEncoding::kDictionary || column->dictionary().size() > num_rows) return nullptr;
    const int32_t* codes = column->codes();
    std::vector<int32_t> slot_of(column->dictionary().size(), -1);
    std::vector<uint32_t> used;
    std::vector<int32_t> new_codes(num_rows);
    for (size_t row = 0; row < num_rows; ++row) {
        int32_t& slot = slot_of[codes[row]];
        if (slot < 0) {
            slot = static_cast<int32_t>(used.size());
            used.push_back(static_cast<uint32_t>(codes[row]));
        }
        new_codes[row] = slot;
    }
    std::vector<ColumnPtr> columns = input.columns();
    columns[*column_index] = GatherRows(column->dictionary(), used.data(), used.size());
    ColumnPtr entries = ExpressionEvaluator::Evaluate(expression, Chunk(std::move(columns), used.size()));
    if (entries->encoding() != ColumnEncoding::kFlat) entries = entries->Flatten();
    return Column::MakeDictionary(std::move(entries), std::move(new_codes));
}

}  // namespace

ColumnPtr ExpressionEvaluator::Evaluate(const planner::BoundExpression& expression, const Chunk& input) {
    switch (expression.kind) {
        case planner::BoundExprKind::kConstant: return Column::MakeConstant(expression.constant, input.num_rows());
        case planner::BoundExprKind::kColumnRef: {
            FL_CHECK_LT(expression.column_index, input.num_columns());
            return input.column(expression.column_index);
        }
        default:
            break;
    }
    if (ColumnPtr encoded = EvaluateOverDictionary(expression, input)) return encoded;
    switch (expression.kind) {
        case planner::BoundExprKind::kConstant:
        case planner::BoundExprKind::kColumnRef: break;  // handled above
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
