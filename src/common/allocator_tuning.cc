#include "common/allocator_tuning.h"

#include <malloc.h>

namespace flashlake {

void TuneAllocatorForAnalytics() {
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
    // Requests up to 256 MiB come from the heap; the heap gives memory back to the system only
    // when over 1 GiB of its top is free.
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

}  // namespace flashlake
