#pragma once

#include <cstdint>
#include <string>

namespace flashlake::bench {

struct SsbOptions {
    double scale_factor = 1;
    uint64_t seed = 1;
    std::string out_dir;
    int threads = 2;
};

// Row counts of the Star Schema Benchmark at a scale factor, as its specification sets them.
struct SsbScale {
    int64_t customers;  // 30,000 * SF
    int64_t suppliers;  // 2,000 * SF
    int64_t parts;      // 200,000 * (1 + floor(log2 SF)); 200,000 * SF below SF 1
    int64_t orders;     // 1,500,000 * SF orders of 1..7 lines: about 6,000,000 * SF lineorder rows

    static SsbScale FromFactor(double scale_factor);
};

// Writes customer.csv, supplier.csv, part.csv, dates.csv, lineorder.csv and lineorder_flat.csv
// to out_dir. Throws std::runtime_error on I/O errors.
void GenerateSsb(const SsbOptions& options);

}  // namespace flashlake::bench
