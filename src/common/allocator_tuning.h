#pragma once

#include <cstddef>

namespace flashlake {

// The size of a transparent huge page on x86-64.
constexpr size_t kHugePageSize = size_t{2} << 20;

// Advises the kernel to back the whole 2 MiB pages inside [data, data + bytes) with transparent
// huge pages, before they are first touched: faulting large buffers in 4 KiB pages costs
// seconds per GiB on some virtual machines. Advice only: where it is refused, normal pages serve.
void AdviseHugePages(void* data, size_t bytes);

// Tunes glibc's malloc for analytical work, once at process start. Scans and joins allocate and
// free column buffers of many megabytes per chunk; by default glibc serves those from fresh
// mmap()s and returns them at free(), so every chunk pays page faults (measured on SSB Q4.1: 56k
// faults and ~25% more CPU time than with the buffers kept). Raising the mmap and trim thresholds
// keeps freed buffers in the heap for reuse.
void TuneAllocatorForAnalytics();

}  // namespace flashlake
