#include "exec/operators/sorted_run.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <queue>

#include "exec/operators/column_gather.h"
#include "exec/operators/key_hashing.h"

namespace flashlake::exec {

namespace {

// Compares rows of (possibly different) runs: one memcmp of the encoded keys, and the real values
// when long strings can tie on their cut prefix (then the bytes of later keys do not decide).
struct RowComparator {
    const SortKeyEncoder& encoder;
    size_t width;

    int operator()(const SortedRun& x, uint32_t a, const SortedRun& y, uint32_t b) const {
        const uint8_t* key_a = x.encoded.data() + size_t{a} * width;
        const uint8_t* key_b = y.encoded.data() + size_t{b} * width;
        if (!(x.has_long_strings && y.has_long_strings)) return std::memcmp(key_a, key_b, width);
        int order = std::memcmp(key_a, key_b, encoder.exact_width());
        if (order != 0) return order;
        return encoder.CompareRows(x.key_views, a, y.key_views, b);
    }
};

// Encoded bytes [offset, offset + 8) as a big-endian number (zero past the key's end), so that
// most comparisons are integer compares.
uint64_t PrefixWord(const uint8_t* key, size_t width, size_t offset) {
    uint64_t word = 0;
    for (size_t i = offset; i < offset + 8; ++i) word = (word << 8) | (i < width ? key[i] : 0);
    return word;
}

}  // namespace

void SortedRun::Append(const SortKeyEncoder& encoder, const std::vector<ColumnPtr>& payload_columns,
                       const std::vector<ColumnPtr>& key_columns, size_t num_rows, const uint8_t* encoded_keys) {
    if (num_rows == 0) return;
    if (payload.empty() && keys.empty()) {
        for (const auto& column : payload_columns) payload.push_back(Column::MakeFlat(column->type(), 0));
        for (const auto& column : key_columns) keys.push_back(Column::MakeFlat(column->type(), 0));
        for (const auto& key : keys) key_views.push_back(key.get());
    }
    for (size_t c = 0; c < payload_columns.size(); ++c) AppendRows(*payload[c], *payload_columns[c], num_rows);
    for (size_t k = 0; k < key_columns.size(); ++k) AppendRows(*keys[k], *key_columns[k], num_rows);
    const size_t width = encoder.width();
    encoded.resize((rows + num_rows) * width);
    if (encoded_keys != nullptr) {
        std::memcpy(encoded.data() + rows * width, encoded_keys, num_rows * width);
        // The caller encoded from the same values; long strings show in the appended keys.
        for (size_t k = 0; k < keys.size() && !has_long_strings; ++k) {
            if (keys[k]->type().physical() != PhysicalType::kString) continue;
            const StringView* data = keys[k]->Data<StringView>();
            for (size_t r = rows; r < rows + num_rows; ++r) has_long_strings = has_long_strings || data[r].size() > 16;
        }
    } else {
        std::vector<ColumnPtr> slices;
        std::vector<const Column*> slice_views;
        for (const auto& column : key_columns) {
            slices.push_back(FlatKeyColumn(column));
            slice_views.push_back(slices.back().get());
        }
        encoder.Encode(slice_views, num_rows, encoded.data() + rows * width, &has_long_strings);
    }
    rows += num_rows;
}

void SortedRun::Sort(const SortKeyEncoder& encoder) {
    const size_t width = encoder.width();
    // The first 16 encoded bytes ride along with the row number: keys up to 16 bytes (a BIGINT or
    // DATE key with its null byte, two INT keys) sort without touching the encoded array.
    struct Entry {
        uint64_t high;
        uint64_t low;
        uint32_t row;
    };
    std::vector<Entry> entries(rows);
    for (uint32_t r = 0; r < rows; ++r) {
        const uint8_t* key = encoded.data() + size_t{r} * width;
        entries[r] = {PrefixWord(key, width, 0), PrefixWord(key, width, 8), r};
    }
    RowComparator compare{encoder, width};
    const bool prefix_decides = width <= 16 && !has_long_strings;
    std::sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
        if (a.high != b.high) return a.high < b.high;
        if (a.low != b.low) return a.low < b.low;
        if (prefix_decides) return false;
        return compare(*this, a.row, *this, b.row) < 0;
    });
    order.resize(rows);
    for (size_t i = 0; i < rows; ++i) order[i] = entries[i].row;
}

std::unique_ptr<SortedRun> SortedRun::TakeFirst(const SortKeyEncoder& encoder, size_t count) const {
    auto first = std::make_unique<SortedRun>();
    count = std::min(count, rows);
    const size_t width = encoder.width();
    for (const auto& column : payload) first->payload.push_back(GatherRows(*column, order.data(), count));
    for (const auto& column : keys) first->keys.push_back(GatherRows(*column, order.data(), count));
    for (const auto& key : first->keys) first->key_views.push_back(key.get());
    first->encoded.resize(count * width);
    for (size_t i = 0; i < count; ++i) {
        std::memcpy(first->encoded.data() + i * width, encoded.data() + size_t{order[i]} * width, width);
    }
    first->order.resize(count);
    std::iota(first->order.begin(), first->order.end(), 0);
    first->rows = count;
    first->has_long_strings = has_long_strings;
    return first;
}

size_t SortedRun::MemoryUsage() const {
    size_t bytes = encoded.capacity() + order.capacity() * sizeof(uint32_t);
    for (const auto& column : payload) bytes += column->MemoryUsage();
    for (const auto& column : keys) bytes += column->MemoryUsage();
    return bytes;
}

std::vector<Chunk> MergeRuns(const std::vector<const SortedRun*>& all_runs, const SortKeyEncoder& encoder,
                             int64_t limit) {
    std::vector<const SortedRun*> runs;
    for (const SortedRun* run : all_runs) {
        if (run->rows > 0) runs.push_back(run);
    }
    std::vector<Chunk> chunks;
    if (runs.empty() || limit == 0) return chunks;
    size_t total = 0;
    for (const SortedRun* run : runs) total += run->rows;
    if (limit >= 0) total = std::min(total, static_cast<size_t>(limit));

    RowComparator compare{encoder, encoder.width()};
    std::vector<size_t> cursor(runs.size(), 0);
    // Min-heap of runs by their next row.
    auto greater = [&](uint32_t x, uint32_t y) {
        return compare(*runs[x], runs[x]->order[cursor[x]], *runs[y], runs[y]->order[cursor[y]]) > 0;
    };
    std::priority_queue<uint32_t, std::vector<uint32_t>, decltype(greater)> heap(greater);
    for (uint32_t r = 0; r < runs.size(); ++r) heap.push(r);

    const size_t num_columns = runs[0]->payload.size();
    std::vector<std::vector<const Column*>> sources(num_columns);
    for (size_t c = 0; c < num_columns; ++c) {
        for (const SortedRun* run : runs) sources[c].push_back(run->payload[c].get());
    }
    std::vector<uint32_t> run_of(kChunkSize), row_of(kChunkSize);
    size_t emitted = 0;
    while (emitted < total) {
        size_t count = std::min(kChunkSize, total - emitted);
        for (size_t i = 0; i < count; ++i) {
            uint32_t r = heap.top();
            heap.pop();
            run_of[i] = r;
            row_of[i] = runs[r]->order[cursor[r]];
            if (++cursor[r] < runs[r]->rows) heap.push(r);
        }
        std::vector<ColumnPtr> columns;
        for (size_t c = 0; c < num_columns; ++c) {
            columns.push_back(GatherFromRuns(sources[c], run_of.data(), row_of.data(), count));
        }
        chunks.emplace_back(std::move(columns), count);
        emitted += count;
    }
    return chunks;
}

}  // namespace flashlake::exec
