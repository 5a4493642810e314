#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace flashlake::io {

class FileSystem;

// Whether one path component matches a pattern component: '*' matches any run of characters
// (including none), '?' exactly one; every other character matches itself.
bool GlobMatchComponent(std::string_view pattern, std::string_view name);

// Whether a pattern component has wildcards at all.
bool HasGlobWildcards(std::string_view component);

// Implements FileSystem::Glob over ListDirectory and Exists.
Result<std::vector<std::string>> ExpandGlob(FileSystem& fs, std::string_view pattern);

}  // namespace flashlake::io
