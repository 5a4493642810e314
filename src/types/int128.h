#pragma once

#include <string>

namespace flashlake {

using int128_t = __int128;
using uint128_t = unsigned __int128;

std::string Int128ToString(int128_t value);

}  // namespace flashlake
