#pragma once

#include <memory>

#include "io/file_system.h"

namespace flashlake::io {

// An in-memory file system for tests, thread-safe, with a model of what survives a power loss.
//
// Paths are normalized ("/a//b/" is "a/b"; leading '/' is ignored, so "/a" and "a" name the
// same file). The tree starts with an empty root directory.
//
// Durability model (what POSIX promises, no more): every file keeps its current bytes and the
// bytes of its last successful Sync(); every directory keeps its current entries and the entries
// as of its last SyncDirectory(). DropUnsyncedData() simulates a power loss: each directory's
// entries revert to the synced set (so creations, renames and deletions not followed by a
// directory sync are undone, recursively) and each file's bytes revert to its last synced bytes.
// A new directory is durable once its parent directory is synced; the root always exists.
// Files are inodes: a file renamed after its content was synced keeps that content under
// whichever name is durable.
//
// Open files stay usable after the file system object is destroyed (they share its state).
class MemoryFileSystem final : public FileSystem {
public:
    MemoryFileSystem();
    ~MemoryFileSystem() override;

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

    // Simulates a power loss: discards everything not made durable (see the class comment).
    // Files open for writing keep writing to inodes that may no longer be reachable.
    void DropUnsyncedData();

    // Total bytes of file content reachable from the root (for tests that check for leaks).
    uint64_t TotalFileBytes() const;

    struct State;

private:
    Status DoRename(const std::string& from, const std::string& to, bool replace);

    std::shared_ptr<State> state_;
};

}  // namespace flashlake::io
