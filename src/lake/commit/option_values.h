#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/result.h"

namespace flashlake::lake {

struct TableSchema;

// Parsing of table option values as Paimon spells them.

// A byte size as Paimon's MemorySize.parse reads it: a number and an optional unit, with or
// without a space, case-insensitive: b/bytes, k/kb/kibibytes, m/mb/mebibytes, g/gb/gibibytes,
// t/tb/tebibytes (powers of 1024). No unit means bytes. "8 mb" -> 8388608.
Result<int64_t> ParseMemorySize(std::string_view text);

// A duration in milliseconds as Paimon's TimeUtils.parseDuration reads it: a number and an
// optional unit: d/day(s), h/hour(s), min/m/minute(s), s/sec(s)/second(s), ms/milli(s)/
// millisecond(s), us/micro(s)/microsecond(s), ns/nano(s)/nanosecond(s). No unit means
// milliseconds. "1 h" -> 3600000; sub-millisecond durations round down.
Result<int64_t> ParseDurationMillis(std::string_view text);

// The option `key` of `schema` read with the parser above, or `fallback` when it is absent.
// A malformed value is kInvalidArgument naming the option.
Result<int64_t> IntOption(const TableSchema& schema, std::string_view key, int64_t fallback);
Result<int64_t> MemorySizeOption(const TableSchema& schema, std::string_view key, int64_t fallback);
Result<int64_t> DurationOption(const TableSchema& schema, std::string_view key, int64_t fallback);
Result<std::optional<int64_t>> OptionalDurationOption(const TableSchema& schema, std::string_view key);
Result<bool> BoolOption(const TableSchema& schema, std::string_view key, bool fallback);

}  // namespace flashlake::lake
