#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace flashlake::exec {

// Memory for big hash structures (slot arrays, row blocks) straight from the kernel. It comes
// zero-filled without a memset, and from 2 MiB up it is advised to use transparent huge pages:
// building a large hash table is dominated by first-touch page faults otherwise, which are
// especially dear on virtual machines. Smaller requests use calloc.
void* AllocateZeroed(size_t bytes);
void FreeZeroed(void* data, size_t bytes);

// A zero-initialized array of trivially constructible T in such memory.
template <typename T>
class ZeroedArray {
public:
    ZeroedArray() = default;
    ZeroedArray(const ZeroedArray&) = delete;
    ZeroedArray& operator=(const ZeroedArray&) = delete;
    ZeroedArray(ZeroedArray&& other) noexcept { Swap(other); }
    ZeroedArray& operator=(ZeroedArray&& other) noexcept {
        ZeroedArray(std::move(other)).Swap(*this);
        return *this;
    }
    ~ZeroedArray() { FreeZeroed(data_, size_ * sizeof(T)); }

    // Replaces the contents by `size` zeroed elements.
    void Reset(size_t size) {
        ZeroedArray fresh;
        fresh.data_ = static_cast<T*>(AllocateZeroed(size * sizeof(T)));
        fresh.size_ = size;
        Swap(fresh);
    }
    T* data() { return data_; }
    const T* data() const { return data_; }
    T& operator[](size_t i) { return data_[i]; }
    const T& operator[](size_t i) const { return data_[i]; }
    size_t size() const { return size_; }

private:
    void Swap(ZeroedArray& other) {
        std::swap(data_, other.data_);
        std::swap(size_, other.size_);
    }
    T* data_ = nullptr;
    size_t size_ = 0;
};

// A bump allocator for hash table rows and their string keys: blocks double from 16 KiB to
// 2 MiB (small tables stay small; big ones get huge pages), freed all at once. Not thread-safe.
class RowArena {
public:
    RowArena() = default;
    RowArena(const RowArena&) = delete;
    RowArena& operator=(const RowArena&) = delete;
    ~RowArena();

    // `size` bytes aligned to `alignment` (a power of two, at most 64).
    uint8_t* Allocate(size_t size, size_t alignment) {
        uintptr_t aligned = (reinterpret_cast<uintptr_t>(cursor_) + alignment - 1) & ~(uintptr_t(alignment) - 1);
        if (cursor_ == nullptr || aligned + size > reinterpret_cast<uintptr_t>(limit_))
            return AllocateSlow(size, alignment);
        cursor_ = reinterpret_cast<uint8_t*>(aligned + size);
        return reinterpret_cast<uint8_t*>(aligned);
    }
    size_t bytes_reserved() const { return bytes_reserved_; }

private:
    uint8_t* AllocateSlow(size_t size, size_t alignment);

    std::vector<std::pair<void*, size_t>> blocks_;
    uint8_t* cursor_ = nullptr;
    uint8_t* limit_ = nullptr;
    size_t next_block_size_ = 16 * 1024;
    size_t bytes_reserved_ = 0;
};

}  // namespace flashlake::exec
