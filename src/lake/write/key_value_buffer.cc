#include "lake/write/key_value_buffer.h"

#include <algorithm>
#include <cstring>
#include <numeric>

#include "lake/lsm/normalized_keys.h"

namespace flashlake::lake {

namespace {

// A normalized key of at most 24 bytes as three big-endian words (zero padded), so that
// comparing the words orders keys as memcmp does; keys of one length only, so padding never
// ties a prefix.
struct ShortKey {
    uint64_t words[3];
    uint32_t row;

    bool SameKey(const ShortKey& other) const {
        return words[0] == other.words[0] && words[1] == other.words[1] && words[2] == other.words[2];
    }
};

constexpr size_t kShortKeyBytes = 24;

uint64_t LoadBigEndian(const char* bytes, size_t size) {
    uint64_t value = 0;
    for (size_t i = 0; i < 8; ++i) value = (value << 8) | (i < size ? static_cast<unsigned char>(bytes[i]) : 0);
    return value;
}

// Sorts (key, row) when every key has the same length <= 24; false when they do not.
bool SortShortKeys(const lsm::NormalizedKeys& keys, KeyValueBuffer::Sorted* sorted) {
    const size_t rows = keys.size();
    const size_t length = keys.Get(0).size();
    if (length > kShortKeyBytes) return false;
    std::vector<ShortKey> entries(rows);
    for (size_t r = 0; r < rows; ++r) {
        std::string_view key = keys.Get(r);
        if (key.size() != length) return false;
        for (size_t w = 0; w < 3; ++w) {
            size_t offset = 8 * w;
            entries[r].words[w] =
                offset < length ? LoadBigEndian(key.data() + offset, std::min<size_t>(8, length - offset)) : 0;
        }
        entries[r].row = static_cast<uint32_t>(r);
    }
    auto less = [](const ShortKey& a, const ShortKey& b) {
        for (size_t w = 0; w < 3; ++w) {
            if (a.words[w] != b.words[w]) return a.words[w] < b.words[w];
        }
        return a.row < b.row;
    };
    // Keys often arrive in order (auto-increment ids, time-ordered events): check before sorting.
    if (!std::is_sorted(entries.begin(), entries.end(), less)) std::sort(entries.begin(), entries.end(), less);
    sorted->order.resize(rows);
    for (size_t i = 0; i < rows; ++i) {
        sorted->order[i] = entries[i].row;
        if (i == 0 || !entries[i].SameKey(entries[i - 1])) {
            sorted->group_begin.push_back(static_cast<uint32_t>(i));
        }
    }
    return true;
}

}  // namespace

KeyValueBuffer::KeyValueBuffer(std::vector<LogicalType> types, std::vector<int> key_columns)
    : types_(std::move(types)), key_columns_(std::move(key_columns)) {
    Clear();
}

void KeyValueBuffer::Clear() {
    columns_.clear();
    for (const LogicalType& type : types_) columns_.push_back(Column::MakeFlat(type, 0));
    sequence_.clear();
    kinds_.clear();
}

void KeyValueBuffer::Append(const Chunk& chunk, const SelectionVector* rows, const uint8_t* kinds,
                            int64_t* next_sequence) {
    const size_t count = rows ? rows->size() : chunk.num_rows();
    for (size_t c = 0; c < columns_.size(); ++c) columns_[c]->Append(*chunk.column(c), rows);
    const size_t start = sequence_.size();
    sequence_.resize(start + count);
    kinds_.resize(start + count);
    for (size_t i = 0; i < count; ++i) sequence_[start + i] = (*next_sequence)++;
    if (kinds == nullptr) {
        std::fill(kinds_.begin() + start, kinds_.end(), 0);
    } else {
        for (size_t i = 0; i < count; ++i) kinds_[start + i] = static_cast<int8_t>(kinds[rows ? (*rows)[i] : i]);
    }
}

KeyValueBuffer::Sorted KeyValueBuffer::Sort() const {
    Sorted sorted;
    const size_t rows = size();
    if (rows > 0) {
        Chunk view(columns_, rows);
        lsm::NormalizedKeys keys = lsm::NormalizedKeys::Encode(view, key_columns_);
        if (!SortShortKeys(keys, &sorted)) {
            sorted.group_begin.clear();
            sorted.order.resize(rows);
            std::iota(sorted.order.begin(), sorted.order.end(), 0);
            auto less = [&](uint32_t a, uint32_t b) {
                int c = lsm::CompareKeys(keys.Get(a), keys.Get(b));
                return c < 0 || (c == 0 && a < b);
            };
            if (!std::is_sorted(sorted.order.begin(), sorted.order.end(), less)) {
                std::sort(sorted.order.begin(), sorted.order.end(), less);
            }
            for (size_t i = 0; i < rows; ++i) {
                if (i == 0 || keys.Get(sorted.order[i]) != keys.Get(sorted.order[i - 1])) {
                    sorted.group_begin.push_back(static_cast<uint32_t>(i));
                }
            }
        }
    }
    sorted.group_begin.push_back(static_cast<uint32_t>(rows));
    return sorted;
}

}  // namespace flashlake::lake
