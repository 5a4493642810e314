#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace flashlake::bench {

// Formats the text of one block of rows; appends to `out`, which arrives empty.
using BlockFormatter = std::function<void(uint64_t block, std::string& out)>;

// Writes `header` and then blocks 0 .. block_count - 1 to `path`, in block order, formatting
// them on `threads` threads. The file is the same for every thread count because a block's text
// depends only on its index. At most 2 * threads formatted blocks wait in memory at once.
// Throws std::runtime_error when the file cannot be written. `format_block` runs on worker
// threads and must not throw.
void WriteBlocksInOrder(const std::string& path, const std::string& header, uint64_t block_count, int threads,
                        const BlockFormatter& format_block);

}  // namespace flashlake::bench
