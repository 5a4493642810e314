#include "exec/operators/hash_join_probe.h"

#include <atomic>

#include "column/physical_dispatch.h"
#include "common/query_error.h"
#include "exec/expression/expression_evaluator.h"
#include "exec/operators/column_gather.h"
#include "exec/operators/key_hashing.h"

namespace flashlake::exec {

using planner::JoinType;

struct HashJoinProbe::Pairs {
    std::vector<uint32_t> probe;
    std::vector<uint32_t> build;
    size_t size() const { return probe.size(); }
    void Add(uint32_t p, uint32_t b) {
        probe.push_back(p);
        build.push_back(b);
    }
};

namespace {

// Keeps the pairs whose key values are equal, a key column at a time (both sides not NULL).
void KeepEqualKeys(const std::vector<const Column*>& probe_keys, const std::vector<const Column*>& build_keys,
                   std::vector<uint32_t>& probe, std::vector<uint32_t>& build) {
    size_t count = probe.size();
    for (size_t k = 0; k < probe_keys.size() && count > 0; ++k) {
        const Column& left = *probe_keys[k];
        const Column& right = *build_keys[k];
        size_t kept = 0;
        DispatchPhysical(left.type().physical(), [&]<typename T>() {
            const T* a = left.Data<T>();
            const T* b = right.Data<T>();
            for (size_t i = 0; i < count; ++i) {
                bool equal = KeyEquals<T>(a[probe[i]], b[build[i]]);
                probe[kept] = probe[i];
                build[kept] = build[i];
                kept += equal;
            }
        });
        count = kept;
    }
    probe.resize(count);
    build.resize(count);
}

std::vector<uint8_t> MatchedProbeRows(size_t num_rows, const std::vector<uint32_t>& probe) {
    std::vector<uint8_t> matched(num_rows, 0);
    for (uint32_t p : probe) matched[p] = 1;
    return matched;
}

SelectionVector RowsWhere(const std::vector<uint8_t>& flags, uint8_t value) {
    SelectionVector selection(flags.size());
    for (uint32_t r = 0; r < flags.size(); ++r) {
        if (flags[r] == value) selection.Append(r);
    }
    return selection;
}

Chunk SelectRows(const Chunk& chunk, const SelectionVector& selection) {
    if (selection.size() == chunk.num_rows()) return chunk;
    return chunk.Select(selection);
}

// The build rows no probe row matched, with NULL left columns: morsels of row ranges.
class UnmatchedBuildSource : public SourceOperator {
public:
    UnmatchedBuildSource(std::shared_ptr<JoinHashTable> table, std::vector<LogicalType> left_types)
        : table_(std::move(table)), left_types_(std::move(left_types)) {}

    std::unique_ptr<Morsel> NextMorsel(ExecContext& context, uint64_t& morsel_index) override {
        constexpr size_t kRange = 16 * kChunkSize;
        size_t index = next_.fetch_add(1);
        size_t begin = index * kRange;
        if (begin >= table_->num_rows()) return nullptr;
        morsel_index = index;
        return std::make_unique<RangeMorsel>(*this, begin, std::min(table_->num_rows(), begin + kRange));
    }

private:
    class RangeMorsel : public Morsel {
    public:
        RangeMorsel(const UnmatchedBuildSource& source, size_t begin, size_t end)
            : source_(source), cursor_(begin), end_(end) {}
        bool Next(ExecContext& context, Chunk& chunk) override {
            const JoinHashTable& table = *source_.table_;
            std::vector<uint32_t> rows;
            while (cursor_ < end_ && rows.size() < kChunkSize) {
                if (!table.IsMatched(static_cast<uint32_t>(cursor_))) rows.push_back(static_cast<uint32_t>(cursor_));
                ++cursor_;
            }
            if (rows.empty()) return false;
            std::vector<ColumnPtr> columns;
            for (const auto& type : source_.left_types_)
                columns.push_back(Column::MakeConstant(Value::Null(type), rows.size()));
            for (const auto& column : table.columns()) columns.push_back(GatherRows(*column, rows.data(), rows.size()));
            chunk = Chunk(std::move(columns), rows.size());
            return true;
        }

    private:
        const UnmatchedBuildSource& source_;
        size_t cursor_;
        size_t end_;
    };

    std::shared_ptr<JoinHashTable> table_;
    std::vector<LogicalType> left_types_;
    std::atomic<size_t> next_{0};
};

}  // namespace

HashJoinProbe::HashJoinProbe(std::shared_ptr<JoinHashTable> table, JoinType type,
                             const std::vector<planner::BoundExprPtr>& left_keys,
                             const std::vector<planner::BoundExprPtr>& residual, bool null_aware,
                             std::vector<LogicalType> left_types)
    : table_(std::move(table)), type_(type), null_aware_(null_aware), left_types_(std::move(left_types)) {
    for (const auto& key : left_keys) left_keys_.push_back(key->Clone());
    for (const auto& condition : residual) residual_.push_back(condition->Clone());
    const auto& right_keys = table_->keys();
    if (right_keys.size() != left_keys_.size()) {
        ThrowQueryError(ErrorCode::kInternal, "join with ", left_keys_.size(), " left keys and ", right_keys.size(),
                        " right keys");
    }
    for (size_t k = 0; k < left_keys_.size(); ++k) {
        if (left_keys_[k]->type.physical() != right_keys[k]->type.physical()) {
            ThrowQueryError(ErrorCode::kInternal, "join keys of different types: ", left_keys_[k]->type.ToString(),
                            " = ", right_keys[k]->type.ToString());
        }
    }
    if (type_ == JoinType::kRight || type_ == JoinType::kFull) table_->EnableMatchTracking();
}

void HashJoinProbe::FindCandidates(const Chunk& chunk, const std::vector<ColumnPtr>& left, Pairs& out,
                                   std::vector<uint8_t>& probe_key_null) const {
    const JoinHashTable& table = *table_;
    const size_t num_rows = chunk.num_rows();
    std::vector<ColumnPtr> keys;
    std::vector<const Column*> key_views;
    for (const auto& key : left_keys_) {
        keys.push_back(FlatKeyColumn(ExpressionEvaluator::Evaluate(*key, chunk)));
        key_views.push_back(keys.back().get());
        const ValidityMask& validity = keys.back()->validity();
        if (keys.back()->type().id() == TypeId::kNull) {
            std::fill(probe_key_null.begin(), probe_key_null.end(), 1);
        } else if (!validity.AllValid()) {
            for (size_t r = 0; r < num_rows; ++r) probe_key_null[r] |= !validity.IsValid(r);
        }
    }
    std::vector<uint64_t> hashes(num_rows);
    HashKeyColumns(key_views, num_rows, hashes.data());
    out.probe.reserve(num_rows);
    out.build.reserve(num_rows);
    for (uint32_t p = 0; p < num_rows; ++p) {
        // Fetch bucket heads a few rows ahead so that their cache misses overlap.
        if (p + 16 < num_rows) table.PrefetchBucket(hashes[p + 16]);
        if (probe_key_null[p]) continue;
        const uint64_t hash = hashes[p];
        for (uint32_t b = table.ChainStart(hash); b != JoinHashTable::kEnd; b = table.ChainNext(b)) {
            if (table.RowHash(b) == hash) out.Add(p, b);
        }
    }
    KeepEqualKeys(key_views, table.key_columns(), out.probe, out.build);
}

Chunk HashJoinProbe::Joined(const std::vector<ColumnPtr>& left, const Pairs& pairs) const {
    std::vector<ColumnPtr> columns;
    for (const auto& column : left) columns.push_back(GatherRows(*column, pairs.probe.data(), pairs.size()));
    for (const auto& column : table_->columns())
        columns.push_back(GatherRows(*column, pairs.build.data(), pairs.size()));
    return Chunk(std::move(columns), pairs.size());
}

void HashJoinProbe::ApplyResidual(const std::vector<ColumnPtr>& left, Pairs& pairs, Chunk* joined) const {
    if (residual_.empty() || pairs.size() == 0) {
        if (joined != nullptr) *joined = Joined(left, pairs);
        return;
    }
    Chunk rows = Joined(left, pairs);
    for (const auto& condition : residual_) {
        SelectionVector selection = ExpressionEvaluator::Select(*condition, rows);
        if (selection.size() == rows.num_rows()) continue;
        for (size_t i = 0; i < selection.size(); ++i) {
            pairs.probe[i] = pairs.probe[selection[i]];
            pairs.build[i] = pairs.build[selection[i]];
        }
        pairs.probe.resize(selection.size());
        pairs.build.resize(selection.size());
        rows = rows.Select(selection);
        if (rows.empty()) break;
    }
    if (joined != nullptr) *joined = std::move(rows);
}

Chunk HashJoinProbe::NullAwareAnti(const Chunk& chunk, const std::vector<ColumnPtr>& left, Pairs& pairs,
                                   const std::vector<uint8_t>& probe_key_null) const {
    const JoinHashTable& table = *table_;
    if (table.num_rows() == 0) return chunk;
    std::vector<uint8_t> matched = MatchedProbeRows(chunk.num_rows(), pairs.probe);
    if (residual_.empty()) {
        if (!table.null_key_rows().empty()) return Chunk(std::vector<ColumnPtr>(chunk.columns()), 0);
        for (size_t r = 0; r < matched.size(); ++r) matched[r] |= probe_key_null[r];
        return SelectRows(chunk, RowsWhere(matched, 0));
    }
    // A comparison with NULL is unknown, which NOT IN counts against the row: pair NULL-keyed rows
    // with every row of the other side and let the residual decide.
    Pairs unknown;
    for (uint32_t p = 0; p < chunk.num_rows(); ++p) {
        if (matched[p]) continue;
        if (probe_key_null[p]) {
            for (uint32_t b = 0; b < table.num_rows(); ++b) unknown.Add(p, b);
        } else {
            for (uint32_t b : table.null_key_rows()) unknown.Add(p, b);
        }
    }
    ApplyResidual(left, unknown, nullptr);
    for (uint32_t p : unknown.probe) matched[p] = 1;
    return SelectRows(chunk, RowsWhere(matched, 0));
}

bool HashJoinProbe::Process(ExecContext& context, Chunk& chunk) {
    const JoinHashTable& table = *table_;
    const size_t num_rows = chunk.num_rows();
    std::vector<ColumnPtr> left;
    for (const auto& column : chunk.columns()) left.push_back(FlatKeyColumn(column));
    Pairs pairs;
    std::vector<uint8_t> probe_key_null(num_rows, 0);
    Chunk joined;
    const bool wants_joined = type_ == JoinType::kInner || type_ == JoinType::kCross || type_ == JoinType::kRight;
    if (table.num_rows() > 0 && table.has_keys()) {
        FindCandidates(chunk, left, pairs, probe_key_null);
        ApplyResidual(left, pairs, wants_joined ? &joined : nullptr);
    } else if (table.num_rows() > 0) {
        // No equality keys: every build row is a candidate, a block at a time.
        const size_t block = std::max<size_t>(1, (size_t{1} << 16) / std::max<size_t>(num_rows, 1));
        for (size_t begin = 0; begin < table.num_rows(); begin += block) {
            size_t end = std::min(table.num_rows(), begin + block);
            Pairs candidates;
            for (uint32_t p = 0; p < num_rows; ++p) {
                for (size_t b = begin; b < end; ++b) candidates.Add(p, static_cast<uint32_t>(b));
            }
            ApplyResidual(left, candidates, nullptr);
            pairs.probe.insert(pairs.probe.end(), candidates.probe.begin(), candidates.probe.end());
            pairs.build.insert(pairs.build.end(), candidates.build.begin(), candidates.build.end());
        }
        if (wants_joined) joined = Joined(left, pairs);
    } else if (wants_joined) {
        joined = Joined(left, pairs);
    }

    switch (type_) {
        case JoinType::kInner:
        case JoinType::kCross:
            chunk = std::move(joined);
            break;
        case JoinType::kRight:
            for (uint32_t b : pairs.build) table_->MarkMatched(b);
            chunk = std::move(joined);
            break;
        case JoinType::kLeft:
        case JoinType::kFull: {
            if (type_ == JoinType::kFull) {
                for (uint32_t b : pairs.build) table_->MarkMatched(b);
            }
            std::vector<uint8_t> matched = MatchedProbeRows(num_rows, pairs.probe);
            for (uint32_t p = 0; p < num_rows; ++p) {
                if (!matched[p]) pairs.Add(p, kNullRow);
            }
            chunk = Joined(left, pairs);
            break;
        }
        case JoinType::kSemi:
            chunk = SelectRows(chunk, RowsWhere(MatchedProbeRows(num_rows, pairs.probe), 1));
            break;
        case JoinType::kAnti:
            if (null_aware_) {
                chunk = NullAwareAnti(chunk, left, pairs, probe_key_null);
            } else {
                chunk = SelectRows(chunk, RowsWhere(MatchedProbeRows(num_rows, pairs.probe), 0));
            }
            break;
    }
    return true;
}

std::unique_ptr<SourceOperator> HashJoinProbe::TakeRemaining(ExecContext& context) {
    if ((type_ != JoinType::kRight && type_ != JoinType::kFull) || table_->num_rows() == 0) return nullptr;
    return std::make_unique<UnmatchedBuildSource>(table_, left_types_);
}

}  // namespace flashlake::exec
