#include "io/fault_injecting_file_system.h"

#include <mutex>
#include <optional>

namespace flashlake::io {

std::string_view FileOpName(FileOp op) {
    switch (op) {
        case FileOp::kOpenForRead:
            return "open for read";
        case FileOp::kRead:
            return "read";
        case FileOp::kOpenForWrite:
            return "open for write";
        case FileOp::kAppend:
            return "append";
        case FileOp::kSync:
            return "sync";
        case FileOp::kClose:
            return "close";
        case FileOp::kExists:
            return "exists";
        case FileOp::kGetFileInfo:
            return "stat";
        case FileOp::kListDirectory:
            return "list directory";
        case FileOp::kCreateDirectories:
            return "create directories";
        case FileOp::kDeleteFile:
            return "delete";
        case FileOp::kDeleteDirectory:
            return "delete directory";
        case FileOp::kRename:
            return "rename";
        case FileOp::kRenameNoReplace:
            return "rename no replace";
        case FileOp::kSyncDirectory:
            return "sync directory";
    }
    return "unknown operation";
}

bool IsMutatingFileOp(FileOp op) {
    switch (op) {
        case FileOp::kOpenForRead:
        case FileOp::kRead:
        case FileOp::kExists:
        case FileOp::kGetFileInfo:
        case FileOp::kListDirectory:
            return false;
        default:
            return true;
    }
}

// The counter and the armed fault, shared with the files opened through the wrapper.
struct FaultInjectingFileSystem::Injector {
    std::mutex mutex;
    OpFilter filter;       // guarded by mutex; null means IsMutatingFileOp
    int64_t count = 0;     // counted operations so far
    int64_t fail_at = -1;  // the count at which the armed fault fires, or -1
    bool sticky = false;
    FaultKind kind = FaultKind::kIOError;
    int64_t injected = 0;
    std::vector<std::string> log;

    // Counts the operation if the filter selects it and returns the fault to inject, if any.
    std::optional<FaultKind> Check(FileOp op, const std::string& path) {
        std::lock_guard lock(mutex);
        bool counted = filter ? filter(op, path) : IsMutatingFileOp(op);
        if (!counted) return std::nullopt;
        ++count;
        log.push_back(std::string(FileOpName(op)) + " " + path);
        if (fail_at < 0 || count < fail_at || (count > fail_at && !sticky)) return std::nullopt;
        ++injected;
        return kind;
    }
};

namespace {

using Injector = FaultInjectingFileSystem::Injector;

Status InjectedError(FileOp op, const std::string& path, FaultKind kind) {
    std::string message = "injected fault: " + std::string(FileOpName(op)) + " '" + path + "'";
    if (kind == FaultKind::kNoSpace) return Status(ErrorCode::kNoSpace, message + ": no space left on device");
    return Status::IOError(message + ": input/output error");
}

// Runs `action` (returning Status or Result) unless a fault fires for the operation.
template <typename Action>
auto Guard(Injector& injector, FileOp op, const std::string& path, Action&& action) -> decltype(action()) {
    std::optional<FaultKind> fault = injector.Check(op, path);
    if (!fault) return action();
    if (*fault == FaultKind::kErrorAfterSuccess) {
        auto result = action();
        if (!result.ok()) return result;
    }
    return InjectedError(op, path, *fault);
}

class FaultRandomAccessFile final : public RandomAccessFile {
public:
    FaultRandomAccessFile(std::shared_ptr<Injector> injector, std::unique_ptr<RandomAccessFile> base)
        : injector_(std::move(injector)), base_(std::move(base)) {}

    const std::string& path() const override { return base_->path(); }
    Result<uint64_t> Size() const override { return base_->Size(); }
    std::string Identity() const override { return base_->Identity(); }

protected:
    Status DoReadAt(uint64_t offset, size_t length, char* out) const override {
        return Guard(*injector_, FileOp::kRead, path(), [&] { return base_->ReadAt(offset, length, out); });
    }

private:
    std::shared_ptr<Injector> injector_;
    std::unique_ptr<RandomAccessFile> base_;
};

class FaultWritableFile final : public WritableFile {
public:
    FaultWritableFile(std::shared_ptr<Injector> injector, std::unique_ptr<WritableFile> base)
        : injector_(std::move(injector)), base_(std::move(base)) {}

    const std::string& path() const override { return base_->path(); }
    uint64_t size() const override { return base_->size(); }

    Status Append(std::string_view data) override {
        std::optional<FaultKind> fault = injector_->Check(FileOp::kAppend, path());
        if (!fault) return base_->Append(data);
        switch (*fault) {
            case FaultKind::kShortWrite:
                FL_RETURN_NOT_OK(base_->Append(data.substr(0, data.size() / 2)));
                break;
            case FaultKind::kErrorAfterSuccess:
                FL_RETURN_NOT_OK(base_->Append(data));
                break;
            default:
                break;
        }
        return InjectedError(FileOp::kAppend, path(), *fault);
    }

    Status Sync() override {
        return Guard(*injector_, FileOp::kSync, path(), [&] { return base_->Sync(); });
    }

    Status Close() override {
        std::optional<FaultKind> fault = injector_->Check(FileOp::kClose, path());
        Status status = base_->Close();  // close(2) releases the descriptor even when it fails
        if (!fault || !status.ok()) return status;
        return InjectedError(FileOp::kClose, path(), *fault);
    }

private:
    std::shared_ptr<Injector> injector_;
    std::unique_ptr<WritableFile> base_;
};

}  // namespace

FaultInjectingFileSystem::FaultInjectingFileSystem(FileSystem* base)
    : base_(base), injector_(std::make_shared<Injector>()) {}
FaultInjectingFileSystem::~FaultInjectingFileSystem() = default;

void FaultInjectingFileSystem::SetFilter(OpFilter filter) {
    std::lock_guard lock(injector_->mutex);
    injector_->filter = std::move(filter);
}

void FaultInjectingFileSystem::CountAllOperations() {
    SetFilter([](FileOp, const std::string&) { return true; });
}

void FaultInjectingFileSystem::FailOperation(int64_t n, FaultKind kind, bool sticky) {
    std::lock_guard lock(injector_->mutex);
    injector_->fail_at = injector_->count + (n < 1 ? 1 : n);
    injector_->kind = kind;
    injector_->sticky = sticky;
}

void FaultInjectingFileSystem::ClearFaults() {
    std::lock_guard lock(injector_->mutex);
    injector_->fail_at = -1;
    injector_->sticky = false;
}

int64_t FaultInjectingFileSystem::op_count() const {
    std::lock_guard lock(injector_->mutex);
    return injector_->count;
}

void FaultInjectingFileSystem::ResetCounter() {
    std::lock_guard lock(injector_->mutex);
    if (injector_->fail_at >= 0) injector_->fail_at -= injector_->count;
    injector_->count = 0;
    injector_->log.clear();
}

int64_t FaultInjectingFileSystem::faults_injected() const {
    std::lock_guard lock(injector_->mutex);
    return injector_->injected;
}

std::vector<std::string> FaultInjectingFileSystem::op_log() const {
    std::lock_guard lock(injector_->mutex);
    return injector_->log;
}

Result<std::unique_ptr<RandomAccessFile>> FaultInjectingFileSystem::OpenForRead(const std::string& path) {
    return Guard(*injector_, FileOp::kOpenForRead, path, [&]() -> Result<std::unique_ptr<RandomAccessFile>> {
        FL_ASSIGN_OR_RETURN(auto file, base_->OpenForRead(path));
        return std::unique_ptr<RandomAccessFile>(std::make_unique<FaultRandomAccessFile>(injector_, std::move(file)));
    });
}

Result<std::unique_ptr<WritableFile>> FaultInjectingFileSystem::OpenForWrite(const std::string& path, WriteMode mode) {
    return Guard(*injector_, FileOp::kOpenForWrite, path, [&]() -> Result<std::unique_ptr<WritableFile>> {
        FL_ASSIGN_OR_RETURN(auto file, base_->OpenForWrite(path, mode));
        return std::unique_ptr<WritableFile>(std::make_unique<FaultWritableFile>(injector_, std::move(file)));
    });
}

Result<bool> FaultInjectingFileSystem::Exists(const std::string& path) {
    return Guard(*injector_, FileOp::kExists, path, [&] { return base_->Exists(path); });
}

Result<FileInfo> FaultInjectingFileSystem::GetFileInfo(const std::string& path) {
    return Guard(*injector_, FileOp::kGetFileInfo, path, [&] { return base_->GetFileInfo(path); });
}

Result<std::vector<DirectoryEntry>> FaultInjectingFileSystem::ListDirectory(const std::string& path) {
    return Guard(*injector_, FileOp::kListDirectory, path, [&] { return base_->ListDirectory(path); });
}

Status FaultInjectingFileSystem::CreateDirectories(const std::string& path) {
    return Guard(*injector_, FileOp::kCreateDirectories, path, [&] { return base_->CreateDirectories(path); });
}

Status FaultInjectingFileSystem::DeleteFile(const std::string& path) {
    return Guard(*injector_, FileOp::kDeleteFile, path, [&] { return base_->DeleteFile(path); });
}

Status FaultInjectingFileSystem::DeleteDirectoryRecursive(const std::string& path) {
    return Guard(*injector_, FileOp::kDeleteDirectory, path, [&] { return base_->DeleteDirectoryRecursive(path); });
}

Status FaultInjectingFileSystem::Rename(const std::string& from, const std::string& to) {
    return Guard(*injector_, FileOp::kRename, from + " -> " + to, [&] { return base_->Rename(from, to); });
}

Status FaultInjectingFileSystem::RenameNoReplace(const std::string& from, const std::string& to) {
    return Guard(*injector_, FileOp::kRenameNoReplace, from + " -> " + to,
                 [&] { return base_->RenameNoReplace(from, to); });
}

Status FaultInjectingFileSystem::SyncDirectory(const std::string& path) {
    return Guard(*injector_, FileOp::kSyncDirectory, path, [&] { return base_->SyncDirectory(path); });
}

}  // namespace flashlake::io
