#include "io/posix_file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "common/logging.h"
#include "io/path.h"

namespace flashlake::io {

Status ErrnoStatus(std::string_view operation, std::string_view path, int error_number) {
    std::string message(operation);
    message += " '";
    message += path;
    message += "': ";
    message += std::strerror(error_number);
    switch (error_number) {
        case ENOENT:
        case ENOTDIR:
            return Status::NotFound(std::move(message));
        case EEXIST:
            return Status::AlreadyExists(std::move(message));
        case ENOSPC:
        case EDQUOT:
            return Status(ErrorCode::kNoSpace, std::move(message));
        default:
            return Status::IOError(std::move(message));
    }
}

namespace {

FileType TypeFromMode(mode_t mode) {
    if (S_ISREG(mode)) return FileType::kFile;
    if (S_ISDIR(mode)) return FileType::kDirectory;
    return FileType::kOther;
}

int OpenRetrying(const char* path, int flags, mode_t mode = 0) {
    int fd;
    do {
        fd = ::open(path, flags, mode);
    } while (fd < 0 && errno == EINTR);
    return fd;
}

class PosixRandomAccessFile final : public RandomAccessFile {
public:
    PosixRandomAccessFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
    ~PosixRandomAccessFile() override { ::close(fd_); }

    const std::string& path() const override { return path_; }

    Result<uint64_t> Size() const override {
        struct stat st;
        if (::fstat(fd_, &st) != 0) return ErrnoStatus("stat", path_, errno);
        return static_cast<uint64_t>(st.st_size);
    }

    std::string Identity() const override {
        struct stat st;
        if (::fstat(fd_, &st) != 0) return "";
        return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" + std::to_string(st.st_mtim.tv_sec) +
               "." + std::to_string(st.st_mtim.tv_nsec) + ":" + std::to_string(st.st_size);
    }

protected:
    Status DoReadAt(uint64_t offset, size_t length, char* out) const override {
        size_t done = 0;
        while (done < length) {
            ssize_t n = ::pread(fd_, out + done, length - done, static_cast<off_t>(offset + done));
            if (n < 0) {
                if (errno == EINTR) continue;
                return ErrnoStatus("read", path_, errno);
            }
            if (n == 0) {
                auto size = Size();
                return Status::Corruption("read '" + path_ + "': " + std::to_string(length) + " bytes at offset " +
                                          std::to_string(offset) + " go past the end of the file (" +
                                          (size.ok() ? std::to_string(*size) : std::string("?")) + " bytes)");
            }
            done += static_cast<size_t>(n);
        }
        return Status::OK();
    }

private:
    std::string path_;
    int fd_;
};

class PosixWritableFile final : public WritableFile {
public:
    PosixWritableFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
    ~PosixWritableFile() override {
        if (fd_ >= 0) ::close(fd_);
    }

    const std::string& path() const override { return path_; }
    uint64_t size() const override { return size_; }

    Status Append(std::string_view data) override {
        if (fd_ < 0) return Closed("append");
        while (!data.empty()) {
            ssize_t n = ::write(fd_, data.data(), data.size());
            if (n < 0) {
                if (errno == EINTR) continue;
                return ErrnoStatus("write", path_, errno);
            }
            data.remove_prefix(static_cast<size_t>(n));
            size_ += static_cast<uint64_t>(n);
        }
        return Status::OK();
    }

    Status Sync() override {
        if (fd_ < 0) return Closed("sync");
        int rc;
        do {
            rc = ::fdatasync(fd_);
        } while (rc != 0 && errno == EINTR);
        if (rc != 0) return ErrnoStatus("sync", path_, errno);
        return Status::OK();
    }

    Status Close() override {
        if (fd_ < 0) return Closed("close");
        // Linux releases the descriptor even when close fails, so it is never retried.
        int rc = ::close(fd_);
        fd_ = -1;
        if (rc != 0 && errno != EINTR) return ErrnoStatus("close", path_, errno);
        return Status::OK();
    }

private:
    Status Closed(std::string_view operation) const {
        return Status::IOError(std::string(operation) + " '" + path_ + "': file is closed");
    }

    std::string path_;
    int fd_;
    uint64_t size_ = 0;
};

// Removes `path` and, for a directory, everything below it. Symbolic links are removed, never
// followed.
Status RemoveTree(const std::string& path) {
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0) return ErrnoStatus("stat", path, errno);
    if (!S_ISDIR(st.st_mode)) {
        if (::unlink(path.c_str()) != 0) return ErrnoStatus("delete", path, errno);
        return Status::OK();
    }
    DIR* dir = ::opendir(path.c_str());
    if (dir == nullptr) return ErrnoStatus("open directory", path, errno);
    std::vector<std::string> children;
    errno = 0;
    while (struct dirent* entry = ::readdir(dir)) {
        std::string_view name(entry->d_name);
        if (name != "." && name != "..") children.emplace_back(name);
    }
    int read_error = errno;
    ::closedir(dir);
    if (read_error != 0) return ErrnoStatus("list directory", path, read_error);
    for (const std::string& child : children) FL_RETURN_NOT_OK(RemoveTree(JoinPath(path, child)));
    if (::rmdir(path.c_str()) != 0) return ErrnoStatus("delete directory", path, errno);
    return Status::OK();
}

}  // namespace

Result<std::unique_ptr<RandomAccessFile>> PosixFileSystem::OpenForRead(const std::string& path) {
    int fd = OpenRetrying(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ErrnoStatus("open", path, errno);
    struct stat st;
    if (::fstat(fd, &st) != 0) {
        Status status = ErrnoStatus("stat", path, errno);
        ::close(fd);
        return status;
    }
    if (S_ISDIR(st.st_mode)) {
        ::close(fd);
        return ErrnoStatus("open", path, EISDIR);
    }
    return std::unique_ptr<RandomAccessFile>(std::make_unique<PosixRandomAccessFile>(path, fd));
}

Result<std::unique_ptr<WritableFile>> PosixFileSystem::OpenForWrite(const std::string& path, WriteMode mode) {
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC |
                (mode == WriteMode::kCreateNew ? O_EXCL : mode == WriteMode::kAppend ? O_APPEND : O_TRUNC);
    int fd = OpenRetrying(path.c_str(), flags, 0644);
    if (fd < 0) return ErrnoStatus("create", path, errno);
    return std::unique_ptr<WritableFile>(std::make_unique<PosixWritableFile>(path, fd));
}

Result<bool> PosixFileSystem::Exists(const std::string& path) {
    struct stat st;
    if (::stat(path.c_str(), &st) == 0) return true;
    if (errno == ENOENT || errno == ENOTDIR) return false;
    return ErrnoStatus("stat", path, errno);
}

Result<FileInfo> PosixFileSystem::GetFileInfo(const std::string& path) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return ErrnoStatus("stat", path, errno);
    FileInfo info;
    info.type = TypeFromMode(st.st_mode);
    info.size = static_cast<uint64_t>(st.st_size);
    info.mtime_nanos = int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    return info;
}

Result<std::vector<DirectoryEntry>> PosixFileSystem::ListDirectory(const std::string& path) {
    DIR* dir = ::opendir(path.c_str());
    if (dir == nullptr) return ErrnoStatus("list directory", path, errno);
    std::vector<DirectoryEntry> entries;
    errno = 0;
    while (struct dirent* entry = ::readdir(dir)) {
        std::string_view name(entry->d_name);
        if (name == "." || name == "..") continue;
        DirectoryEntry out{std::string(name), FileType::kOther};
        if (entry->d_type == DT_REG) {
            out.type = FileType::kFile;
        } else if (entry->d_type == DT_DIR) {
            out.type = FileType::kDirectory;
        } else if (entry->d_type == DT_UNKNOWN || entry->d_type == DT_LNK) {
            // Follow links, as stat does: a link to a directory lists as a directory.
            struct stat st;
            if (::fstatat(::dirfd(dir), entry->d_name, &st, 0) == 0) out.type = TypeFromMode(st.st_mode);
        }
        entries.push_back(std::move(out));
        errno = 0;
    }
    int read_error = errno;
    ::closedir(dir);
    if (read_error != 0) return ErrnoStatus("list directory", path, read_error);
    std::sort(entries.begin(), entries.end(),
              [](const DirectoryEntry& a, const DirectoryEntry& b) { return a.name < b.name; });
    return entries;
}

Status PosixFileSystem::CreateDirectories(const std::string& path) {
    std::string normalized = NormalizePath(path);
    std::string prefix = normalized.front() == '/' ? "/" : "";
    for (std::string_view part : SplitPath(normalized)) {
        prefix = JoinPath(prefix, part);
        if (::mkdir(prefix.c_str(), 0755) == 0) continue;
        int error = errno;
        struct stat st;
        if (error == EEXIST && ::stat(prefix.c_str(), &st) == 0) {
            if (S_ISDIR(st.st_mode)) continue;
            return Status::AlreadyExists("create directory '" + path + "': '" + prefix +
                                         "' exists and is not a directory");
        }
        return ErrnoStatus("create directory", prefix, error);
    }
    return Status::OK();
}

Status PosixFileSystem::DeleteFile(const std::string& path) {
    if (::unlink(path.c_str()) != 0) return ErrnoStatus("delete", path, errno);
    return Status::OK();
}

Status PosixFileSystem::DeleteDirectoryRecursive(const std::string& path) {
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0) return ErrnoStatus("delete directory", path, errno);
    if (!S_ISDIR(st.st_mode)) return ErrnoStatus("delete directory", path, ENOTDIR);
    return RemoveTree(path);
}

Status PosixFileSystem::Rename(const std::string& from, const std::string& to) {
    if (::rename(from.c_str(), to.c_str()) != 0) return ErrnoStatus("rename", from + "' to '" + to, errno);
    return Status::OK();
}

Status PosixFileSystem::RenameNoReplace(const std::string& from, const std::string& to) {
    std::string what = from + "' to '" + to;
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return Status::OK();
    int error = errno;
    if (error != EINVAL && error != ENOSYS && error != ENOTSUP && error != EOPNOTSUPP) {
        return ErrnoStatus("rename", what, error);
    }
    // The file system cannot rename without replacing: link(2) fails with EEXIST atomically.
    if (::link(from.c_str(), to.c_str()) != 0) return ErrnoStatus("link", what, errno);
    if (::unlink(from.c_str()) != 0) {
        // The target is in place, which is what the caller asked for; the stray source name is
        // garbage for the orphan-file cleaner, not a failure.
        FL_LOG(kWarning, "rename '", what, "': target linked but source not removed: ", std::strerror(errno));
    }
    return Status::OK();
}

Status PosixFileSystem::SyncDirectory(const std::string& path) {
    int fd = OpenRetrying(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return ErrnoStatus("open directory", path, errno);
    int rc;
    do {
        rc = ::fsync(fd);
    } while (rc != 0 && errno == EINTR);
    int error = errno;
    ::close(fd);
    if (rc != 0) return ErrnoStatus("sync directory", path, error);
    return Status::OK();
}

}  // namespace flashlake::io
