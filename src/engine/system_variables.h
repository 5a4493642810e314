#pragma once

#include <map>
#include <string>

#include "types/value.h"

namespace flashlake::engine {

// System variables and their defaults: the engine's own settings (query_mem_limit,
// pipeline_dop, disable_optimizer_passes) and those MySQL drivers and tools probe on connect.
// Names are lower case.
const std::map<std::string, Value>& DefaultSystemVariables();

}  // namespace flashlake::engine
