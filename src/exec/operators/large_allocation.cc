#include "exec/operators/large_allocation.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdlib>
#include <new>

#include "common/allocator_tuning.h"

namespace flashlake::exec {

namespace {
constexpr size_t kHugePage = kHugePageSize;
}

void* AllocateZeroed(size_t bytes) {
    if (bytes == 0) return nullptr;
    if (bytes < kHugePage) {
        void* data = std::calloc(1, bytes);
        if (data == nullptr) throw std::bad_alloc();
        return data;
    }
    size_t mapped = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* data = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (data == MAP_FAILED) throw std::bad_alloc();
    AdviseHugePages(data, mapped);
    return data;
}

void FreeZeroed(void* data, size_t bytes) {
    if (data == nullptr) return;
    if (bytes < kHugePage) {
        std::free(data);
        return;
    }
    munmap(data, (bytes + kHugePage - 1) / kHugePage * kHugePage);
}

RowArena::~RowArena() {
    for (auto& [data, size] : blocks_) FreeZeroed(data, size);
}

uint8_t* RowArena::AllocateSlow(size_t size, size_t alignment) {
    size_t block_size = std::max(next_block_size_, size + alignment);
    next_block_size_ = std::min(next_block_size_ * 2, kHugePage);
    void* block = AllocateZeroed(block_size);
    blocks_.emplace_back(block, block_size);
    bytes_reserved_ += block_size;
    cursor_ = static_cast<uint8_t*>(block);
    limit_ = cursor_ + block_size;
    uintptr_t aligned = (reinterpret_cast<uintptr_t>(cursor_) + alignment - 1) & ~(uintptr_t(alignment) - 1);
    cursor_ = reinterpret_cast<uint8_t*>(aligned + size);
    return reinterpret_cast<uint8_t*>(aligned);
}

}  // namespace flashlake::exec
