#include "io/file_system.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <limits>
#include <random>

#include "io/glob.h"
#include "io/path.h"

namespace flashlake::io {

Status RandomAccessFile::ReadAt(uint64_t offset, size_t length, std::string* out) const {
    out->resize(length);
    Status status = ReadAt(offset, length, out->data());
    if (!status.ok()) out->clear();
    return status;
}

Result<std::string> RandomAccessFile::ReadAt(uint64_t offset, size_t length) const {
    std::string out;
    FL_RETURN_NOT_OK(ReadAt(offset, length, &out));
    return out;
}

std::string TemporarySiblingPath(std::string_view path) {
    // The seed differs per process (random device, pid, clock); the counter per call.
    static const uint64_t seed = [] {
        std::random_device device;
        uint64_t value = (uint64_t(device()) << 32) ^ device();
        value ^= uint64_t(::getpid()) << 16;
        value ^= uint64_t(std::chrono::steady_clock::now().time_since_epoch().count());
        return value;
    }();
    static std::atomic<uint64_t> counter{0};
    uint64_t unique = seed + 0x9e3779b97f4a7c15ULL * (counter.fetch_add(1, std::memory_order_relaxed) + 1);
    char suffix[32];
    std::snprintf(suffix, sizeof(suffix), ".tmp-%016llx", static_cast<unsigned long long>(unique));

    size_t slash = path.rfind('/');
    std::string out(slash == std::string_view::npos ? std::string_view() : path.substr(0, slash + 1));
    out += '.';
    out += Basename(path);
    out += suffix;
    return out;
}

Result<std::string> FileSystem::ReadFile(const std::string& path) {
    FL_ASSIGN_OR_RETURN(auto file, OpenForRead(path));
    FL_ASSIGN_OR_RETURN(uint64_t size, file->Size());
    if (size > std::numeric_limits<size_t>::max() / 2) {
        return Status::IOError("read '" + path + "': file too large to read at once (" + std::to_string(size) +
                               " bytes)");
    }
    return file->ReadAt(0, static_cast<size_t>(size));
}

Status FileSystem::WriteFile(const std::string& path, std::string_view bytes) {
    FL_ASSIGN_OR_RETURN(auto file, OpenForWrite(path, WriteMode::kTruncate));
    Status status = file->Append(bytes);
    Status close = file->Close();
    return status.ok() ? close : status;
}

Status FileSystem::WriteTemporarySibling(const std::string& path, std::string_view bytes, std::string* temp_path) {
    *temp_path = TemporarySiblingPath(path);
    auto opened = OpenForWrite(*temp_path, WriteMode::kCreateNew);
    if (!opened.ok()) {
        // The name is ours alone, and a failed open may still have created the file.
        (void)DeleteFile(*temp_path);
        return opened.status();
    }
    std::unique_ptr<WritableFile> file = std::move(opened).value();
    Status status = file->Append(bytes);
    if (status.ok()) status = file->Sync();
    Status close = file->Close();
    if (status.ok()) status = close;
    if (!status.ok()) {
        (void)DeleteFile(*temp_path);  // best effort: the original error is the one to report
        return status;
    }
    return Status::OK();
}

Status FileSystem::WriteFileAtomically(const std::string& path, std::string_view bytes) {
    std::string temp;
    FL_RETURN_NOT_OK(WriteTemporarySibling(path, bytes, &temp));
    if (Status status = Rename(temp, path); !status.ok()) {
        (void)DeleteFile(temp);
        return status;
    }
    return SyncDirectory(std::string(Dirname(path)));
}

Status FileSystem::CreateFileExclusive(const std::string& path, std::string_view bytes) {
    std::string temp;
    FL_RETURN_NOT_OK(WriteTemporarySibling(path, bytes, &temp));
    if (Status status = RenameNoReplace(temp, path); !status.ok()) {
        (void)DeleteFile(temp);
        if (status.code() == ErrorCode::kAlreadyExists) {
            return Status::AlreadyExists("create '" + path + "': file already exists");
        }
        return status;
    }
    return SyncDirectory(std::string(Dirname(path)));
}

Result<std::vector<std::string>> FileSystem::Glob(std::string_view pattern) {
    return ExpandGlob(*this, pattern);
}

}  // namespace flashlake::io
