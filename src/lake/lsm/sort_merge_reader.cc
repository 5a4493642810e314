#include "lake/lsm/sort_merge_reader.h"

#include <algorithm>
#include <numeric>

namespace flashlake::lake::lsm {

SortMergeReader::SortMergeReader(std::vector<std::unique_ptr<KeyValueSource>> runs, bool has_order_keys)
    : runs_(std::move(runs)), cursors_(runs_.size()), has_order_keys_(has_order_keys) {}

Status SortMergeReader::Init() {
    initialized_ = true;
    for (size_t c = 0; c < runs_.size(); ++c) {
        FL_ASSIGN_OR_RETURN(cursors_[c].chunk, runs_[c]->Next());
        if (cursors_[c].chunk) heap_.push_back(c);
    }
    for (size_t i = heap_.size(); i-- > 0;) SiftDown(i);
    return Status::OK();
}

bool SortMergeReader::Less(size_t a, size_t b) const {
    const Cursor& x = cursors_[a];
    const Cursor& y = cursors_[b];
    int order = CompareKeys(x.chunk->keys.Get(x.row), y.chunk->keys.Get(y.row));
    if (order != 0) return order < 0;
    return x.chunk->sequence[x.row] < y.chunk->sequence[y.row];
}

void SortMergeReader::SiftDown(size_t position) {
    const size_t n = heap_.size();
    while (true) {
        size_t smallest = position;
        size_t left = 2 * position + 1;
        size_t right = left + 1;
        if (left < n && Less(heap_[left], heap_[smallest])) smallest = left;
        if (right < n && Less(heap_[right], heap_[smallest])) smallest = right;
        if (smallest == position) return;
        std::swap(heap_[position], heap_[smallest]);
        position = smallest;
    }
}

void SortMergeReader::SiftUp(size_t position) {
    while (position > 0) {
        size_t parent = (position - 1) / 2;
        if (!Less(heap_[position], heap_[parent])) return;
        std::swap(heap_[position], heap_[parent]);
        position = parent;
    }
}

Result<bool> SortMergeReader::Advance(size_t c) {
    Cursor& cursor = cursors_[c];
    if (++cursor.row < cursor.chunk->num_rows()) return true;
    FL_ASSIGN_OR_RETURN(KeyValueChunkPtr next, runs_[c]->Next());
    cursor.chunk = std::move(next);
    cursor.row = 0;
    cursor.batch_epoch = 0;
    return cursor.chunk != nullptr;
}

Result<bool> SortMergeReader::NextBatch(size_t max_groups, MergeBatch* batch) {
    batch->Clear();
    if (!initialized_) FL_RETURN_NOT_OK(Init());
    ++epoch_;
    std::string_view group_key;
    bool in_group = false;
    while (!heap_.empty()) {
        size_t c = heap_[0];
        Cursor& cursor = cursors_[c];
        std::string_view key = cursor.chunk->keys.Get(cursor.row);
        if (!in_group || CompareKeys(key, group_key) != 0) {
            if (in_group) {
                batch->group_begin.push_back(static_cast<uint32_t>(batch->source.size()));
                if (batch->num_groups() == max_groups) break;
            }
            in_group = true;
            group_key = key;  // stays valid: the batch keeps the chunk alive
        }
        if (cursor.batch_epoch != epoch_) {
            cursor.batch_epoch = epoch_;
            cursor.batch_source = static_cast<uint32_t>(batch->sources.size());
            batch->sources.push_back(cursor.chunk);
        }
        batch->source.push_back(cursor.batch_source);
        batch->row.push_back(static_cast<uint32_t>(cursor.row));
        batch->sequence.push_back(cursor.chunk->sequence[cursor.row]);
        batch->kinds.push_back(cursor.chunk->kinds[cursor.row]);
        FL_ASSIGN_OR_RETURN(bool more, Advance(c));
        if (!more) {
            heap_[0] = heap_.back();
            heap_.pop_back();
        }
        if (heap_.size() > 1) SiftDown(0);
    }
    if (in_group && batch->group_begin.back() != batch->source.size()) {
        batch->group_begin.push_back(static_cast<uint32_t>(batch->source.size()));
    }
    if (has_order_keys_) SortGroupsByOrderKey(batch);
    return batch->num_groups() > 0;
}

void SortMergeReader::SortGroupsByOrderKey(MergeBatch* batch) const {
    std::vector<uint32_t> order;
    for (size_t g = 0; g < batch->num_groups(); ++g) {
        uint32_t begin = batch->group_begin[g];
        uint32_t end = batch->group_begin[g + 1];
        if (end - begin < 2) continue;
        order.resize(end - begin);
        std::iota(order.begin(), order.end(), begin);
        auto order_key = [&](uint32_t v) { return batch->sources[batch->source[v]]->order_keys.Get(batch->row[v]); };
        std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
            int cmp = CompareKeys(order_key(a), order_key(b));
            if (cmp != 0) return cmp < 0;
            return batch->sequence[a] < batch->sequence[b];
        });
        auto permute = [&](auto& values) {
            using V = typename std::decay_t<decltype(values)>::value_type;
            std::vector<V> sorted(order.size());
            for (size_t i = 0; i < order.size(); ++i) sorted[i] = values[order[i]];
            std::copy(sorted.begin(), sorted.end(), values.begin() + begin);
        };
        permute(batch->source);
        permute(batch->row);
        permute(batch->sequence);
        permute(batch->kinds);
    }
}

}  // namespace flashlake::lake::lsm
