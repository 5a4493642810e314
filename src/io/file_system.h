#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/status.h"

namespace flashlake::io {

// The file system seen by the storage layers. Every operation returns Status/Result; nothing
// throws. Paths are '/'-separated strings. Implementations: PosixFileSystem (the local disk),
// MemoryFileSystem (tests, with a power-loss model) and FaultInjectingFileSystem (a wrapper that
// fails chosen operations). Object stores come later behind the same interface.
//
// Error codes: a missing file or directory is kNotFound, an existing target of an exclusive
// create is kAlreadyExists, a full disk or quota is kNoSpace, reading past the end of a file is
// kCorruption (the caller expected bytes the file does not have) and other failures are kIOError.
// Messages name the operation and the path.

enum class FileType : uint8_t { kFile, kDirectory, kOther };

struct FileInfo {
    FileType type = FileType::kFile;
    uint64_t size = 0;        // bytes, for files
    int64_t mtime_nanos = 0;  // last modification, nanoseconds since the Unix epoch
};

struct DirectoryEntry {
    std::string name;  // the entry's own name, not a path
    FileType type = FileType::kFile;

    bool operator==(const DirectoryEntry&) const = default;
};

// A file opened for reading at arbitrary offsets. ReadAt is thread-safe: several threads may
// read one file at once (the Parquet reader fetches column chunks in parallel).
class RandomAccessFile {
public:
    virtual ~RandomAccessFile() = default;

    virtual const std::string& path() const = 0;
    virtual Result<uint64_t> Size() const = 0;
    // What tells this file's content apart from any other content its path had in this process
    // (caches of decoded data key on it): device, inode, mtime and size on a disk. "" when the
    // file system cannot tell, and then nothing is cached.
    virtual std::string Identity() const { return ""; }

    // Reads exactly `length` bytes at `offset` into `out`, or fails: a range past the end of the
    // file is kCorruption naming the path, the range and the file size.
    Status ReadAt(uint64_t offset, size_t length, char* out) const {
        if (length == 0) return Status::OK();
        return DoReadAt(offset, length, out);
    }
    // The same into a string, resized to `length`.
    Status ReadAt(uint64_t offset, size_t length, std::string* out) const;
    Result<std::string> ReadAt(uint64_t offset, size_t length) const;

protected:
    virtual Status DoReadAt(uint64_t offset, size_t length, char* out) const = 0;
};

// A file being written from start to end. Not thread-safe. Data is durable only after Sync()
// (and, for a new file, after its directory is synced). Destroying a file that was not closed
// closes it without syncing.
class WritableFile {
public:
    virtual ~WritableFile() = default;

    virtual const std::string& path() const = 0;
    // Appends all of `data` or fails (a partial write may have reached the file).
    virtual Status Append(std::string_view data) = 0;
    virtual Status Sync() = 0;
    // Releases the file; further calls fail. Closing twice is an error.
    virtual Status Close() = 0;
    // Bytes appended successfully so far.
    virtual uint64_t size() const = 0;
};

enum class WriteMode : uint8_t {
    kTruncate,   // create the file, or truncate an existing one
    kCreateNew,  // create the file; kAlreadyExists if it exists (O_EXCL)
    kAppend,     // create the file, or write after the end of an existing one (O_APPEND)
};

class FileSystem {
public:
    virtual ~FileSystem() = default;

    virtual Result<std::unique_ptr<RandomAccessFile>> OpenForRead(const std::string& path) = 0;
    // The parent directory must exist (kNotFound otherwise).
    virtual Result<std::unique_ptr<WritableFile>> OpenForWrite(const std::string& path,
                                                               WriteMode mode = WriteMode::kTruncate) = 0;

    virtual Result<bool> Exists(const std::string& path) = 0;
    virtual Result<FileInfo> GetFileInfo(const std::string& path) = 0;
    // The entries of a directory other than "." and "..", sorted by name.
    virtual Result<std::vector<DirectoryEntry>> ListDirectory(const std::string& path) = 0;

    // Creates a directory and its missing parents; an existing directory is fine, an existing
    // file in the way is kAlreadyExists.
    virtual Status CreateDirectories(const std::string& path) = 0;
    virtual Status DeleteFile(const std::string& path) = 0;
    // Deletes a directory and everything below it; kNotFound if it does not exist.
    virtual Status DeleteDirectoryRecursive(const std::string& path) = 0;
    // Renames `from` to `to`, atomically replacing a file at `to`.
    virtual Status Rename(const std::string& from, const std::string& to) = 0;
    // Renames `from` to `to` only if `to` does not exist (kAlreadyExists otherwise), atomically:
    // of two racing callers exactly one succeeds.
    virtual Status RenameNoReplace(const std::string& from, const std::string& to) = 0;
    // Makes the directory's entries (creations, renames, deletions) durable.
    virtual Status SyncDirectory(const std::string& path) = 0;

    // --- Helpers built only from the operations above, so that fault injection sees each step.

    // The whole file.
    Result<std::string> ReadFile(const std::string& path);
    // Creates or truncates `path` and writes `bytes`, without syncing (scratch files only).
    Status WriteFile(const std::string& path, std::string_view bytes);

    // Replaces `path` with `bytes` atomically and durably: writes a temporary file in the same
    // directory, syncs it, renames it over `path` and syncs the directory. Readers see the old
    // content or the new one, never a mix. On failure the temporary file is removed (best effort)
    // and `path` holds the old or, if only the final directory sync failed, the new content.
    Status WriteFileAtomically(const std::string& path, std::string_view bytes);

    // Creates `path` holding `bytes` only if it does not exist: kAlreadyExists otherwise, and
    // `path` is left untouched. The content is complete and synced before the name appears, so
    // a reader never sees a partial file; of two racing callers exactly one succeeds. This is
    // how a lake commit publishes snapshot-N. An error other than kAlreadyExists after the
    // rename (the directory sync) leaves the outcome for the caller to check.
    Status CreateFileExclusive(const std::string& path, std::string_view bytes);

    // Paths matching `pattern`, sorted: '*' matches any run of characters within a component,
    // '?' one character, and a "**" component any number of directories (zero or more). Missing
    // directories simply match nothing. Matched paths keep the pattern's literal prefix form.
    Result<std::vector<std::string>> Glob(std::string_view pattern);

private:
    Status WriteTemporarySibling(const std::string& path, std::string_view bytes, std::string* temp_path);
};

// A name for a temporary file next to `path`: same directory, starting with '.', unique within
// this process and very likely across processes.
std::string TemporarySiblingPath(std::string_view path);

}  // namespace flashlake::io
