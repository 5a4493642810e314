#pragma once

#include <cstdint>
#include <string>

#include "ssb_dimensions.h"
#include "ssb_gen.h"

namespace flashlake::bench {

// lineorder.csv (flat == false; dates as yyyymmdd keys into dates) or lineorder_flat.csv
// (flat == true; dates as DATE, then the customer, supplier and part columns of the line).
// Both files hold the same lines: a block of orders depends only on (seed, block index).
void WriteSsbLineorder(const SsbScale& scale, const SsbDimensions& dimensions, uint64_t seed,
                       const std::string& out_dir, int threads, bool flat);

}  // namespace flashlake::bench
