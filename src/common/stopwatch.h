#pragma once

#include <chrono>
#include <cstdint>

namespace flashlake {

// Measures elapsed wall time on the monotonic clock.
class Stopwatch {
public:
    Stopwatch() : start_(std::chrono::steady_clock::now()) {}
    void Reset() { start_ = std::chrono::steady_clock::now(); }
    int64_t ElapsedMicros() const {
        return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start_).count();
    }
    double ElapsedMillis() const { return static_cast<double>(ElapsedMicros()) / 1000.0; }

private:
    std::chrono::steady_clock::time_point start_;
};

}  // namespace flashlake
