#pragma once

#include <string_view>

namespace flashlake::functions {

// Whether a str_to_date / date_format format has fields finer than a day (hours, minutes,
// seconds, fractions). The binder gives str_to_date with a constant date-only format a DATE result.
bool DateFormatHasTime(std::string_view format);

}  // namespace flashlake::functions
