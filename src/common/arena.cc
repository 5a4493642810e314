#include "common/arena.h"

#include <algorithm>

namespace flashlake {

namespace {
constexpr size_t kMaxBlockSize = 1 << 20;
}

char* Arena::AllocateSlow(size_t size, size_t alignment) {
    // Blocks double up to 1 MiB; a larger request gets a block of its own size.
    size_t block_size = std::max(next_block_size_, size + alignment);
    next_block_size_ = std::min(next_block_size_ * 2, kMaxBlockSize);
    blocks_.push_back(std::make_unique<char[]>(block_size));
    bytes_reserved_ += block_size;
    cursor_ = blocks_.back().get();
    limit_ = cursor_ + block_size;
    uintptr_t aligned = (reinterpret_cast<uintptr_t>(cursor_) + alignment - 1) & ~(uintptr_t(alignment) - 1);
    char* start = reinterpret_cast<char*>(aligned);
    cursor_ = start + size;
    return start;
}

}  // namespace flashlake
