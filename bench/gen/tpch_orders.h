#pragma once

#include <cstdint>
#include <string>

#include "tpch_gen.h"

namespace flashlake::bench {

// P_RETAILPRICE in cents (specification 4.2.3): 900.00 .. 2098.99, a function of the key.
int64_t TpchRetailPriceCents(int64_t partkey);

// The i-th (0..3) supplier of a part (PS_SUPPKEY, specification 4.2.3).
int64_t TpchPartSupplier(int64_t partkey, int i, int64_t suppliers);

// orders.csv and lineitem.csv. Both come from the same orders: a block of orders depends only
// on (seed, block index), so each file regenerates them.
void WriteTpchOrders(const TpchScale& scale, uint64_t seed, const std::string& out_dir, int threads);

}  // namespace flashlake::bench
