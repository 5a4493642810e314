#pragma once

#include <cstdint>
#include <string>

namespace flashlake::bench {

struct EventsOptions {
    uint64_t rows = 1'000'000;
    uint64_t seed = 1;
    std::string out_dir;
    int threads = 2;
};

// Writes out_dir/events.csv: a month of flash-sale clickstream (see events_gen.cc for the
// model). Throws std::runtime_error on I/O errors.
void GenerateEvents(const EventsOptions& options);

}  // namespace flashlake::bench
