#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace flashlake::io {

// Path helpers for '/'-separated paths as every FileSystem here uses them. They work on text
// only and never touch a file system.

// "a/b" + "c" -> "a/b/c"; an empty dir yields the name unchanged; a trailing '/' is not doubled.
std::string JoinPath(std::string_view dir, std::string_view name);

// The directory part: "a/b/c" -> "a/b", "/c" -> "/", "c" -> ".", "a/b/" -> "a".
std::string_view Dirname(std::string_view path);

// The last component: "a/b/c" -> "c", "a/b/" -> "b", "/" -> "".
std::string_view Basename(std::string_view path);

// Collapses repeated '/', drops "." components and a trailing '/'; keeps a leading '/'.
// ".." is kept as is (no symlink-unaware resolution). "" and "." normalize to ".".
std::string NormalizePath(std::string_view path);

// The non-empty components of a path other than ".": "/a//b/./c" -> {"a", "b", "c"}.
std::vector<std::string_view> SplitPath(std::string_view path);

}  // namespace flashlake::io
