#include "ssb_gen.h"

#include <algorithm>
#include <cmath>

#include "ssb_dimensions.h"
#include "ssb_lineorder.h"

namespace flashlake::bench {

SsbScale SsbScale::FromFactor(double scale_factor) {
    const auto scaled = [&](double base) { return std::max<int64_t>(1, std::llround(base * scale_factor)); };
    SsbScale scale;
    scale.customers = scaled(30'000);
    scale.suppliers = scaled(2'000);
    scale.orders = scaled(1'500'000);
    if (scale_factor < 1) {
        // The specification starts at SF 1; smaller data (for quick tests) shrinks parts too.
        scale.parts = scaled(200'000);
    } else {
        int log2_floor = 0;
        for (double f = scale_factor; f >= 2; f /= 2) ++log2_floor;
        scale.parts = 200'000 * (1 + int64_t{log2_floor});
    }
    return scale;
}

void GenerateSsb(const SsbOptions& options) {
    const SsbScale scale = SsbScale::FromFactor(options.scale_factor);
    const SsbDimensions dimensions = BuildSsbDimensions(scale, options.seed);
    WriteSsbDimensions(dimensions, options.out_dir, options.threads);
    WriteSsbDates(options.out_dir);
    WriteSsbLineorder(scale, dimensions, options.seed, options.out_dir, options.threads, /*flat=*/false);
    WriteSsbLineorder(scale, dimensions, options.seed, options.out_dir, options.threads, /*flat=*/true);
}

}  // namespace flashlake::bench
