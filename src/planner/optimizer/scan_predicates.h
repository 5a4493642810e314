#pragma once

#include <optional>

#include "lake/read/scan_predicate.h"
#include "planner/logical/logical_operator.h"

namespace flashlake::planner {

// The conjunct `expression` (over the columns `columns` of a scan) as a predicate a lake scan can
// prune with, when it has one of the simple forms: column op constant (either order; op one of
// = <> < <= > >=), column IS [NOT] NULL, or an OR of equalities of one column with constants (IN
// lists). The column may be widened by an exact, order-preserving cast (integer to a wider
// integer or a decimal, decimal to a wider decimal, DATE to DATETIME). nullopt otherwise.
std::optional<lake::ScanPredicate> ToScanPredicate(const BoundExpression& expression,
                                                   const std::vector<std::string>& columns);

// Copies the simple conjuncts of every filter that sits directly on a lake table scan into the
// scan (TableScanSpec::predicates), where they skip partitions, files and row groups. The filter
// stays: pruning is conservative and never removes the need to filter rows. Conjuncts on the
// source column of a generated partition column (PARTITION BY date_trunc('day', ts)) add the
// conditions they imply on it (lake::DeriveGeneratedPartitionPredicates), so that they skip
// partitions as well.
void AttachScanPredicates(LogicalOperatorPtr& plan);

}  // namespace flashlake::planner
