#pragma once

#include <memory>
#include <string>
#include <vector>

#include "column/chunk.h"
#include "common/result.h"
#include "ingest/load_request.h"
#include "lake/table_schema.h"
#include "planner/expression/bound_expression.h"

namespace flashlake::functions {
class FunctionRegistry;
}

namespace flashlake::ingest {

class LoadSource;
struct SourceBatch;

// What mapping one batch did: rows rejected (with reasons) and rows the WHERE dropped.
struct MappedBatch {
    Chunk rows;  // table columns in schema order, the types of the schema: ready to write
    std::vector<RejectedRow> rejected;
    int64_t unselected = 0;
};

// How source rows become table rows, from the request's `columns` and `where` (StarRocks'
// semantics): the names without `=` are the source columns in order; `name = expr` computes
// table column `name` from source columns; a table column named like a source column takes its
// value; every other table column is NULL. Source values are VARCHAR; each table column's value
// is cast to its type column-wise, and a row whose value does not convert (or is NULL in a NOT
// NULL column, or is longer than a VARCHAR(n)) is rejected with the column and the value.
class ColumnMapping {
public:
    static Result<std::unique_ptr<ColumnMapping>> Make(const LoadRequest& request, const lake::TableSchema& schema,
                                                       const functions::FunctionRegistry& functions);

    const std::vector<std::string>& source_names() const { return source_names_; }
    // Per source column: an empty CSV field is NULL (it goes straight into a non-string column).
    std::vector<bool> EmptyIsNull() const;

    MappedBatch Apply(const SourceBatch& batch, const LoadSource& source) const;

private:
    struct Target {
        std::string name;
        LogicalType type;
        bool nullable = true;
        planner::BoundExprPtr value;  // over the source columns; null: the column is NULL
        planner::BoundExprPtr cast;   // the value (column 0) cast to `type`
        int source = -1;              // the source column it copies, or -1
    };

    std::vector<std::string> source_names_;
    std::vector<Target> targets_;
    std::vector<size_t> extra_sources_;  // source columns that are not table columns (visible to WHERE)
    planner::BoundExprPtr where_;        // over targets_ then extra_sources_; null: no WHERE
};

// Splits a `columns` header into items at top-level commas (outside parentheses and quotes).
std::vector<std::string> SplitColumnList(std::string_view text);

}  // namespace flashlake::ingest
