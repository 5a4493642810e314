#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace flashlake {

// A bump allocator: many small allocations, freed all at once when the arena dies. Used for
// string bytes in columns and for per-query scratch space, so hot loops never call malloc per
// value. Not thread-safe; one owner at a time.
class Arena {
public:
    explicit Arena(size_t first_block_size = 4096) : next_block_size_(first_block_size) {}
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;
    Arena(Arena&&) noexcept = default;
    Arena& operator=(Arena&&) noexcept = default;

    // Returns `size` bytes aligned to `alignment` (a power of two, at most 16).
    char* Allocate(size_t size, size_t alignment = 1) {
        uintptr_t aligned = (reinterpret_cast<uintptr_t>(cursor_) + alignment - 1) & ~(uintptr_t(alignment) - 1);
        char* start = reinterpret_cast<char*>(aligned);
        if (cursor_ == nullptr || start + size > limit_) return AllocateSlow(size, alignment);
        cursor_ = start + size;
        return start;
    }

    // Bytes reserved from the system (what a memory tracker charges).
    size_t bytes_reserved() const { return bytes_reserved_; }

private:
    char* AllocateSlow(size_t size, size_t alignment);

    std::vector<std::unique_ptr<char[]>> blocks_;
    char* cursor_ = nullptr;
    char* limit_ = nullptr;
    size_t next_block_size_;
    size_t bytes_reserved_ = 0;
};

}  // namespace flashlake
