#include "lake/maintenance/file_deletion.h"

#include "io/file_system.h"
#include "io/path.h"

namespace flashlake::lake {

Status RefuseSharedFiles(io::FileSystem* fs, const std::string& table_path, std::string_view operation) {
    for (const char* dir : {"tag", "branch"}) {
        auto entries = fs->ListDirectory(io::JoinPath(table_path, dir));
        if (!entries.ok()) {
            if (entries.status().code() == ErrorCode::kNotFound) continue;
            return entries.status();
        }
        for (const io::DirectoryEntry& entry : *entries) {
            if (!entry.name.empty() && entry.name.front() != '.') {
                return Status::NotSupported(std::string(operation) + " of " + table_path + ": the table has " + dir +
                                            "s (" + entry.name + "), which are not supported yet");
            }
        }
    }
    return Status::OK();
}

Status DeleteIfPresent(io::FileSystem* fs, const std::string& path, int64_t* deleted) {
    Status status = fs->DeleteFile(path);
    if (status.ok()) {
        ++*deleted;
        return status;
    }
    if (status.code() == ErrorCode::kNotFound) return Status::OK();
    return status;
}

}  // namespace flashlake::lake
