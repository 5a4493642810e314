#pragma once

#include <cstdint>
#include <string>

namespace flashlake::bench {

struct TpchOptions {
    double scale_factor = 1;
    uint64_t seed = 1;
    std::string out_dir;
    int threads = 2;
};

// Row counts of TPC-H at a scale factor (specification 4.2.5); at least one row each, so
// fractions such as 0.01 work for tests.
struct TpchScale {
    int64_t parts;      // 200,000 * SF; each has 4 partsupp rows
    int64_t suppliers;  // 10,000 * SF
    int64_t customers;  // 150,000 * SF
    int64_t orders;     // 1,500,000 * SF orders of 1..7 lineitems
    int64_t clerks;     // 1,000 * SF

    static TpchScale FromFactor(double scale_factor);
};

// Writes region.csv, nation.csv, part.csv, supplier.csv, partsupp.csv, customer.csv,
// orders.csv and lineitem.csv to out_dir. Throws std::runtime_error on I/O errors.
void GenerateTpch(const TpchOptions& options);

}  // namespace flashlake::bench
