#include "lake/read/row_selection.h"

namespace flashlake::lake {

ColumnPtr SelectColumn(const ColumnPtr& column, const SelectionVector& selection) {
    switch (column->encoding()) {
        case ColumnEncoding::kConstant:
            return Column::MakeConstant(column->GetValue(0), selection.size());
        case ColumnEncoding::kDictionary: {
            std::vector<int32_t> codes(selection.size());
            const int32_t* in = column->codes();
            for (size_t i = 0; i < selection.size(); ++i) codes[i] = in[selection[i]];
            return Column::MakeDictionary(column->dictionary_ptr(), std::move(codes));
        }
        case ColumnEncoding::kFlat:
            break;
    }
    return column->Flatten(&selection);
}

Chunk SelectRows(const Chunk& chunk, const SelectionVector& selection) {
    std::vector<ColumnPtr> columns;
    columns.reserve(chunk.num_columns());
    for (const ColumnPtr& column : chunk.columns()) columns.push_back(SelectColumn(column, selection));
    return Chunk(std::move(columns), selection.size());
}

}  // namespace flashlake::lake
