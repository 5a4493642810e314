#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

// Maintenance reasons about files through the snapshots of the main branch only; tags and
// branches reference more. Until they are supported, maintenance refuses such tables:
// kNotSupported naming `operation`.
Status RefuseTagsAndBranches(io::FileSystem* fs, const std::string& table_path, std::string_view operation);

// Deletes `path`; a file that is already gone counts as deleted by someone else. Adds one to
// *deleted for a file this call removed.
Status DeleteIfPresent(io::FileSystem* fs, const std::string& path, int64_t* deleted);

}  // namespace flashlake::lake
