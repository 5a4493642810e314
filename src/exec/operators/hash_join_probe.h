#pragma once

#include <memory>
#include <vector>

#include "exec/operators/draining_operator.h"
#include "exec/operators/hash_join_build.h"
#include "planner/logical/logical_operator.h"

namespace flashlake::exec {

// The probe side of a hash join: a streaming operator on the left child's pipeline (parallel
// drivers) reading a finished JoinHashTable. For each probe chunk it
//   1. finds candidate pairs: rows of the bucket chain whose stored hash equals the probe row's
//      (no equality keys, e.g. CROSS: every build row, a block at a time),
//   2. keeps the pairs whose keys are equal (a typed loop per key column; NULL keys never match),
//   3. evaluates the residual conditions on the joined candidate rows (left columns, then right),
//   4. emits by join type: INNER and CROSS the pairs; LEFT/FULL also the probe rows without a pair,
//      right side NULL; SEMI/ANTI the probe rows with/without a pair (left columns only). RIGHT and
//      FULL mark matched build rows, and after the last probe chunk TakeRemaining hands out the
//      unmatched build rows with NULL left columns.
// Null-aware ANTI (NOT IN): with an empty build side every row qualifies; otherwise a probe row
// with a NULL key, or any probe row when some build key is NULL, qualifies only if no build row
// passes the residual with it (without a residual: never).
//
// One probe chunk gives one output chunk, which can exceed kChunkSize rows when keys repeat.
class HashJoinProbe : public DrainingOperator {
public:
    HashJoinProbe(std::shared_ptr<JoinHashTable> table, planner::JoinType type,
                  const std::vector<planner::BoundExprPtr>& left_keys,
                  const std::vector<planner::BoundExprPtr>& residual, bool null_aware,
                  std::vector<LogicalType> left_types);
    bool Process(ExecContext& context, Chunk& chunk) override;
    std::unique_ptr<SourceOperator> TakeRemaining(ExecContext& context) override;

private:
    struct Pairs;
    void FindCandidates(const Chunk& chunk, const std::vector<ColumnPtr>& left, Pairs& out,
                        std::vector<uint8_t>& probe_key_null) const;
    // Keeps the pairs that pass the residual conditions; `joined`, when given, receives the joined
    // rows of the kept pairs.
    void ApplyResidual(const std::vector<ColumnPtr>& left, Pairs& pairs, Chunk* joined) const;
    Chunk Joined(const std::vector<ColumnPtr>& left, const Pairs& pairs) const;
    Chunk NullAwareAnti(const Chunk& chunk, const std::vector<ColumnPtr>& left, Pairs& pairs,
                        const std::vector<uint8_t>& probe_key_null) const;

    std::shared_ptr<JoinHashTable> table_;
    planner::JoinType type_;
    std::vector<planner::BoundExprPtr> left_keys_;
    std::vector<planner::BoundExprPtr> residual_;
    bool null_aware_;
    std::vector<LogicalType> left_types_;
};

}  // namespace flashlake::exec
