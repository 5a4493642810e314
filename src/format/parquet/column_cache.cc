#include "format/parquet/column_cache.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "common/allocator_tuning.h"
#include "common/hash.h"

namespace flashlake::format::parquet {

ColumnCache& ColumnCache::Global() {
    static ColumnCache cache(DefaultCapacity());
    return cache;
}

size_t ColumnCache::DefaultCapacity() {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long page_size = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || page_size <= 0) return size_t{1} << 30;
    const size_t quarter = static_cast<size_t>(pages) * static_cast<size_t>(page_size) / 4;
    return std::min(quarter, size_t{8} << 30);
}

size_t ColumnCache::KeyHash::operator()(const Key& key) const {
    uint64_t hash = HashBytes(key.file.data(), key.file.size());
    hash = HashCombine(hash, key.file_size);
    hash = HashCombine(hash, static_cast<uint64_t>(key.row_group) << 32 | static_cast<uint32_t>(key.leaf));
    hash = HashCombine(hash, key.batch_size * 2 + (key.keep_dictionary ? 1 : 0));
    return static_cast<size_t>(hash);
}

void ColumnCache::SetCapacity(size_t bytes) {
    std::lock_guard lock(mutex_);
    capacity_ = bytes;
    EvictLocked();
}

size_t ColumnCache::capacity() const {
    std::lock_guard lock(mutex_);
    return capacity_;
}

ColumnCache::Batches ColumnCache::Lookup(const Key& key) {
    std::lock_guard lock(mutex_);
    auto found = index_.find(key);
    if (found == index_.end()) {
        ++misses_;
        return nullptr;
    }
    ++hits_;
    lru_.splice(lru_.begin(), lru_, found->second);
    return found->second->batches;
}

void ColumnCache::Insert(const Key& key, std::vector<ColumnPtr> batches, size_t bytes) {
    std::lock_guard lock(mutex_);
    if (bytes > capacity_ / 4) return;  // one huge column must not flush everything else
    if (index_.count(key) != 0) return;  // another reader filled it meanwhile
    lru_.push_front(Entry{key, std::make_shared<const std::vector<ColumnPtr>>(std::move(batches)), bytes});
    index_.emplace(key, lru_.begin());
    bytes_ += bytes;
    EvictLocked();
}

void ColumnCache::Clear() {
    std::lock_guard lock(mutex_);
    index_.clear();
    lru_.clear();
    bytes_ = 0;
}

void ColumnCache::EvictLocked() {
    while (bytes_ > capacity_ && !lru_.empty()) {
        bytes_ -= lru_.back().bytes;
        index_.erase(lru_.back().key);
        lru_.pop_back();
        ++evictions_;
    }
}

std::vector<ColumnPtr> ColumnCache::MoveToHugePages(std::vector<ColumnPtr> batches) {
    constexpr size_t kHugePage = kHugePageSize;
    auto movable = [](const ColumnPtr& column) {
        const PhysicalType physical = column->type().physical();
        return column->encoding() == ColumnEncoding::kFlat && physical != PhysicalType::kString &&
               physical != PhysicalType::kList;
    };
    auto padded = [](size_t bytes) { return (bytes + 63) / 64 * 64; };
    size_t total = 0;
    for (const auto& column : batches) {
        if (movable(column)) total += padded(column->size() * PhysicalTypeSize(column->type().physical()));
    }
    if (total < kHugePage / 2) return batches;
    const size_t length = (total + kHugePage - 1) / kHugePage * kHugePage;
    void* block = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (block == MAP_FAILED) return batches;  // keep them where they are
    AdviseHugePages(block, length);
    std::shared_ptr<void> owner(block, [length](void* p) { munmap(p, length); });
    char* cursor = static_cast<char*>(block);
    for (auto& column : batches) {
        if (!movable(column)) continue;
        const size_t bytes = column->size() * PhysicalTypeSize(column->type().physical());
        std::memcpy(cursor, column->Data<char>(), bytes);
        ColumnPtr moved = Column::MakeFlatOver(column->type(), column->size(), cursor, owner);
        moved->validity() = column->validity();
        column = std::move(moved);
        cursor += padded(bytes);
    }
    return batches;
}

ColumnCache::Stats ColumnCache::stats() const {
    std::lock_guard lock(mutex_);
    return Stats{hits_, misses_, evictions_, bytes_, index_.size()};
}

}  // namespace flashlake::format::parquet
