#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace flashlake::io {
class FileSystem;
}

namespace flashlake::lake {

// Rules maintenance follows before and when it deletes files.

// Maintenance decides what is garbage from the snapshots of the main branch only, but tags
// and branches keep snapshots of their own that share the table's data files. Until they are
// taken into account, a table that has any is refused: kNotSupported naming `operation`.
Status RefuseSharedFiles(io::FileSystem* fs, const std::string& table_path, std::string_view operation);

// Deletes `path`; a file that is already gone is fine (a rerun after a crash, a concurrent
// cleaner). Adds one to *deleted for a file this call removed.
Status DeleteIfPresent(io::FileSystem* fs, const std::string& path, int64_t* deleted);

}  // namespace flashlake::lake
