#include "common/logging.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <mutex>

namespace flashlake {

namespace {

std::atomic<LogLevel> g_log_level{LogLevel::kWarning};
std::mutex g_log_mutex;  // keeps lines from different threads whole

const char* LevelName(LogLevel level) {
    switch (level) {
        case LogLevel::kDebug: return "D";
        case LogLevel::kInfo: return "I";
        case LogLevel::kWarning: return "W";
        case LogLevel::kError: return "E";
    }
    return "?";
}

}  // namespace

void SetLogLevel(LogLevel level) { g_log_level.store(level); }
LogLevel GetLogLevel() { return g_log_level.load(std::memory_order_relaxed); }

void WriteLog(LogLevel level, const char* file, int line, const std::string& message) {
    auto now = std::chrono::system_clock::now();
    std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &utc);
    const char* base = std::strrchr(file, '/');
    std::lock_guard lock(g_log_mutex);
    std::fprintf(stderr, "%s %s %s:%d] %s\n", LevelName(level), stamp, base ? base + 1 : file, line, message.c_str());
}

}  // namespace flashlake
