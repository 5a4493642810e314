#pragma once

#include "column/chunk.h"
#include "column/selection_vector.h"

namespace flashlake::lake {

// The rows `selection` of `column`, keeping its encoding: a dictionary column keeps its
// dictionary (only codes are gathered), a constant stays constant, a flat column is gathered.
// Chunk::Select flattens everything; scans keep dictionaries encoded for the operators above.
ColumnPtr SelectColumn(const ColumnPtr& column, const SelectionVector& selection);
Chunk SelectRows(const Chunk& chunk, const SelectionVector& selection);

}  // namespace flashlake::lake
