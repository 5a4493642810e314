#pragma once

#include "io/file_system.h"

namespace flashlake::io {

// The local file system through POSIX calls: pread for reads, O_CLOEXEC on every descriptor,
// system calls retried on EINTR, fdatasync for Sync, and errors that name the operation, the
// path and strerror. RenameNoReplace uses renameat2(RENAME_NOREPLACE), falling back to link(2)
// plus unlink(2) on file systems without it. Stateless and thread-safe.
class PosixFileSystem final : public FileSystem {
public:
    Result<std::unique_ptr<RandomAccessFile>> OpenForRead(const std::string& path) override;
    Result<std::unique_ptr<WritableFile>> OpenForWrite(const std::string& path,
                                                       WriteMode mode = WriteMode::kTruncate) override;

    Result<bool> Exists(const std::string& path) override;
    Result<FileInfo> GetFileInfo(const std::string& path) override;
    Result<std::vector<DirectoryEntry>> ListDirectory(const std::string& path) override;

    Status CreateDirectories(const std::string& path) override;
    Status DeleteFile(const std::string& path) override;
    Status DeleteDirectoryRecursive(const std::string& path) override;
    Status Rename(const std::string& from, const std::string& to) override;
    Status RenameNoReplace(const std::string& from, const std::string& to) override;
    Status SyncDirectory(const std::string& path) override;
};

// The Status for a failed system call: kNotFound for ENOENT/ENOTDIR, kAlreadyExists for
// EEXIST, kNoSpace for ENOSPC/EDQUOT, kIOError otherwise; the message reads
// "<operation> '<path>': <strerror>".
Status ErrnoStatus(std::string_view operation, std::string_view path, int error_number);

}  // namespace flashlake::io
