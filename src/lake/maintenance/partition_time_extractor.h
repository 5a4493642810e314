#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "types/value.h"

namespace flashlake::lake {

// The time of a partition from its values (paimon PartitionTimeExtractor), for partition
// expiration. Times are local date-times without a zone, as Flashlake DATETIME values
// (microseconds since 1970-01-01 00:00:00).
//
//   - Without a pattern, the first partition value is the time: a DATE or DATETIME value as it
//     is, anything else as text.
//   - With a pattern (`partition.timestamp-pattern`, e.g. "$dt $hour:00:00"), each "$<key>" is
//     replaced by the text of that key's value (a DATE as yyyy-MM-dd, a DATETIME as
//     yyyy-MM-dd HH:mm:ss) and the result is parsed.
//   - Text is parsed with the `partition.timestamp-formatter` (a Java DateTimeFormatter
//     pattern such as "yyyyMMdd"), or by default as yyyy-M-d with an optional " H:m:s[.f]".
//     A pattern without time fields gives midnight.
class PartitionTimeExtractor {
public:
    PartitionTimeExtractor(std::optional<std::string> pattern, std::optional<std::string> formatter)
        : pattern_(std::move(pattern)), formatter_(std::move(formatter)) {}

    // kInvalidArgument when the values do not give a time (e.g. "default" in a date column).
    Result<int64_t> Extract(const std::vector<std::string>& keys, const std::vector<Value>& values) const;

private:
    std::optional<std::string> pattern_;
    std::optional<std::string> formatter_;
};

// Parses `text` with a Java DateTimeFormatter pattern. Supported letters: y/u (year), M
// (month, digits), d (day), H (hour 0-23), m (minute), s (second), S (fraction); a run of two or
// more letters takes exactly that many digits (yyyy: 4), a single letter 1-2 digits. Quoted
// text ('T') and other characters are literals. Other letters are kNotSupported.
Result<int64_t> ParseWithJavaPattern(std::string_view text, std::string_view pattern);

// Paimon's default: yyyy-M-d, optionally followed by " H:m:s" and a fraction of a second.
Result<int64_t> ParseDefaultPartitionTime(std::string_view text);

}  // namespace flashlake::lake
