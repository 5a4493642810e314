#pragma once

#include <string>

#include "common/check.h"

namespace flashlake {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

// Process-wide log threshold and sink (stderr). Logging is the one piece of state shared by the
// whole process, like the C library's stderr itself; everything else is owned by an Engine.
void SetLogLevel(LogLevel level);
LogLevel GetLogLevel();
void WriteLog(LogLevel level, const char* file, int line, const std::string& message);

}  // namespace flashlake

#define FL_LOG(level, ...)                                                                       \
    do {                                                                                         \
        if (::flashlake::LogLevel::level >= ::flashlake::GetLogLevel()) {                        \
            ::flashlake::WriteLog(::flashlake::LogLevel::level, __FILE__, __LINE__,              \
                                  ::flashlake::ConcatParts(__VA_ARGS__));                        \
        }                                                                                        \
    } while (false)
