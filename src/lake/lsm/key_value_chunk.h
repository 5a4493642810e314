#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "column/chunk.h"
#include "common/result.h"
#include "lake/binary_row.h"
#include "lake/lsm/normalized_keys.h"

namespace flashlake::lake::lsm {

inline bool IsRetract(int8_t kind) {
    return kind == static_cast<int8_t>(RowKind::kUpdateBefore) || kind == static_cast<int8_t>(RowKind::kDelete);
}

// Rows of one sorted run as the sort merge sees them: value columns (flat, one layout for all
// runs of a merge), and per row its sequence number, row kind, normalized key and, when the
// table orders versions by `sequence.field`, the normalized values of those fields. Rows are
// in key order (then sequence order). Immutable once made; shared by the merge batches that
// reference its rows.
struct KeyValueChunk {
    Chunk columns;
    std::vector<int64_t> sequence;
    std::vector<int8_t> kinds;  // RowKind bytes
    NormalizedKeys keys;
    NormalizedKeys order_keys;  // empty without sequence fields

    size_t num_rows() const { return sequence.size(); }
};

using KeyValueChunkPtr = std::shared_ptr<const KeyValueChunk>;

// A sorted run: chunks in key order. One virtual call per chunk.
class KeyValueSource {
public:
    virtual ~KeyValueSource() = default;
    // The next non-empty chunk, or null at the end.
    virtual Result<KeyValueChunkPtr> Next() = 0;
};

}  // namespace flashlake::lake::lsm
