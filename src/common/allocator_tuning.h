#pragma once

namespace flashlake {

// Tunes glibc's malloc for analytical work, once at process start. Scans and joins allocate and
// free column buffers of many megabytes per chunk; by default glibc serves those from fresh
// mmap()s and returns them at free(), so every chunk pays page faults (measured on SSB Q4.1: 56k
// faults and ~25% more CPU time than with the buffers kept). Raising the mmap and trim thresholds
// keeps freed buffers in the heap for reuse.
void TuneAllocatorForAnalytics();

}  // namespace flashlake
