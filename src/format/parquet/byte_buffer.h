#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace flashlake::format::parquet {

// An immutable-after-fill block of bytes shared by the pages cut from it and by the string
// columns whose values point into it (through StringHeap::KeepAlive). Allocation leaves the bytes
// uninitialised: they are always overwritten by a read or a decompression right away.
struct ByteBuffer {
    std::unique_ptr<uint8_t[]> data;
    size_t size = 0;

    static std::shared_ptr<ByteBuffer> Allocate(size_t size) {
        auto buffer = std::make_shared<ByteBuffer>();
        buffer->data.reset(new uint8_t[size == 0 ? 1 : size]);
        buffer->size = size;
        return buffer;
    }
};

using ByteBufferPtr = std::shared_ptr<ByteBuffer>;

}  // namespace flashlake::format::parquet
