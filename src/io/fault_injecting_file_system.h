#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/file_system.h"

namespace flashlake::io {

// Every operation a FaultInjectingFileSystem can count and fail.
enum class FileOp : uint8_t {
    kOpenForRead,
    kRead,
    kOpenForWrite,
    kAppend,
    kSync,
    kClose,
    kExists,
    kGetFileInfo,
    kListDirectory,
    kCreateDirectories,
    kDeleteFile,
    kDeleteDirectory,
    kRename,
    kRenameNoReplace,
    kSyncDirectory,
};

std::string_view FileOpName(FileOp op);
// Operations that change the file system (everything but opening for read, reading, stat and list).
bool IsMutatingFileOp(FileOp op);

enum class FaultKind : uint8_t {
    kIOError,            // the operation does nothing and fails with kIOError
    kNoSpace,            // the operation does nothing and fails with kNoSpace (ENOSPC)
    kShortWrite,         // an Append writes the first half of its bytes, then fails (kIOError)
    kErrorAfterSuccess,  // the operation takes effect, then reports kIOError (e.g. a lost reply)
};

// Wraps another FileSystem and fails chosen operations, to test that every step of a commit or
// a write handles errors: count the operations a successful run makes, then fail each in turn.
//
//     FaultInjectingFileSystem faulty(&memory_fs);
//     faulty.FailOperation(3);      // the 3rd counted operation from now fails
//     Status s = Commit(faulty, ...);
//
// Which operations are counted is a filter, by default IsMutatingFileOp; only counted
// operations can fail. The filter sees the path of the operation ("from -> to" for renames)
// and runs under the wrapper's lock, so it must not call back into it. A failing Sync does not sync; a failing Close
// still releases the file (as close(2) does). Thread-safe; files opened through it report to it and may outlive it.
class FaultInjectingFileSystem final : public FileSystem {
public:
    using OpFilter = std::function<bool(FileOp op, const std::string& path)>;

    explicit FaultInjectingFileSystem(FileSystem* base);  // `base` is not owned and must outlive this
    ~FaultInjectingFileSystem() override;

    // Which operations count; null restores the default (mutating operations).
    void SetFilter(OpFilter filter);
    void CountAllOperations();

    // The `n`-th counted operation after this call (1-based) fails with `kind`; with `sticky`,
    // it and every counted operation after it fail (a disk that went away). Replaces any fault
    // armed before.
    void FailOperation(int64_t n, FaultKind kind = FaultKind::kIOError, bool sticky = false);
    // Fails every counted operation from now on.
    void FailAllOperations(FaultKind kind = FaultKind::kIOError) { FailOperation(1, kind, true); }
    void ClearFaults();

    // Counted operations since construction or the last ResetCounter().
    int64_t op_count() const;
    void ResetCounter();
    // Faults injected so far.
    int64_t faults_injected() const;
    // "append a/b" for each counted operation since the last ResetCounter(), in order.
    std::vector<std::string> op_log() const;

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

    struct Injector;

private:
    FileSystem* base_;
    std::shared_ptr<Injector> injector_;
};

}  // namespace flashlake::io
