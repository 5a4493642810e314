#include "common/allocator_tuning.h"

#include <malloc.h>
#include <sys/mman.h>

#include <cstdint>

namespace flashlake {

void TuneAllocatorForAnalytics() {
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
    // Requests up to 256 MiB come from the heap; the heap gives memory back to the system only
    // when over 1 GiB of its top is free.
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

void AdviseHugePages(void* data, size_t bytes) {
    const uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kHugePageSize - 1) & ~(kHugePageSize - 1);
    const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kHugePageSize - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

}  // namespace flashlake
