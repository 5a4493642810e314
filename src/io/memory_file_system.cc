#include "io/memory_file_system.h"

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>

#include "io/path.h"

namespace flashlake::io {

namespace {

int64_t NowNanos() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// A file or directory. Shared by the current and the durable directory maps (and by open
// files), so a rename moves the node rather than copying it.
std::atomic<uint64_t> next_node_serial{1};

struct Node {
    explicit Node(bool directory) : is_directory(directory), mtime_nanos(NowNanos()), serial(next_node_serial++) {}

    bool is_directory;
    int64_t mtime_nanos;
    uint64_t serial;      // unique in the process: nodes of other file systems never share it
    uint64_t writes = 0;  // appends and truncations so far
    // Files.
    std::string data;
    std::string synced_data;
    // Directories: name -> node, now and as of the last SyncDirectory.
    std::map<std::string, std::shared_ptr<Node>> children;
    std::map<std::string, std::shared_ptr<Node>> durable_children;
};

using NodePtr = std::shared_ptr<Node>;

}  // namespace

struct MemoryFileSystem::State {
    mutable std::mutex mutex;
    NodePtr root = std::make_shared<Node>(true);  // guarded by mutex, as is every node below it

    // The node at `path`, or null. Caller holds the mutex.
    NodePtr Find(std::string_view path) const {
        NodePtr node = root;
        for (std::string_view part : SplitPath(path)) {
            if (!node->is_directory) return nullptr;
            auto it = node->children.find(std::string(part));
            if (it == node->children.end()) return nullptr;
            node = it->second;
        }
        return node;
    }

    // The parent directory of `path` and the last component. Caller holds the mutex.
    Status FindParent(std::string_view operation, const std::string& path, NodePtr* parent, std::string* name) const {
        std::vector<std::string_view> parts = SplitPath(path);
        if (parts.empty()) return Status::InvalidArgument(std::string(operation) + " '" + path + "': not a file path");
        NodePtr node = root;
        for (size_t i = 0; i + 1 < parts.size(); ++i) {
            auto it = node->children.find(std::string(parts[i]));
            if (it == node->children.end() || !it->second->is_directory) {
                return Status::NotFound(std::string(operation) + " '" + path + "': parent directory does not exist");
            }
            node = it->second;
        }
        *parent = node;
        *name = std::string(parts.back());
        return Status::OK();
    }
};

namespace {

using State = MemoryFileSystem::State;

Status NotFound(std::string_view operation, const std::string& path) {
    return Status::NotFound(std::string(operation) + " '" + path + "': no such file or directory");
}

class MemoryRandomAccessFile final : public RandomAccessFile {
public:
    MemoryRandomAccessFile(std::shared_ptr<State> state, NodePtr node, std::string path)
        : state_(std::move(state)), node_(std::move(node)), path_(std::move(path)) {}

    const std::string& path() const override { return path_; }
    Result<uint64_t> Size() const override {
        std::lock_guard lock(state_->mutex);
        return static_cast<uint64_t>(node_->data.size());
    }
    std::string Identity() const override {
        std::lock_guard lock(state_->mutex);
        return "memory:" + std::to_string(node_->serial) + ":" + std::to_string(node_->writes);
    }

protected:
    Status DoReadAt(uint64_t offset, size_t length, char* out) const override {
        std::lock_guard lock(state_->mutex);
        uint64_t size = node_->data.size();
        if (offset > size || length > size - offset) {
            return Status::Corruption("read '" + path_ + "': " + std::to_string(length) + " bytes at offset " +
                                      std::to_string(offset) + " go past the end of the file (" + std::to_string(size) +
                                      " bytes)");
        }
        node_->data.copy(out, length, static_cast<size_t>(offset));
        return Status::OK();
    }

private:
    std::shared_ptr<State> state_;
    NodePtr node_;
    std::string path_;
};

class MemoryWritableFile final : public WritableFile {
public:
    MemoryWritableFile(std::shared_ptr<State> state, NodePtr node, std::string path)
        : state_(std::move(state)), node_(std::move(node)), path_(std::move(path)) {}

    const std::string& path() const override { return path_; }
    uint64_t size() const override { return size_; }

    Status Append(std::string_view data) override {
        if (closed_) return Closed("append");
        std::lock_guard lock(state_->mutex);
        node_->data.append(data);
        ++node_->writes;
        node_->mtime_nanos = NowNanos();
        size_ += data.size();
        return Status::OK();
    }

    Status Sync() override {
        if (closed_) return Closed("sync");
        std::lock_guard lock(state_->mutex);
        node_->synced_data = node_->data;
        return Status::OK();
    }

    Status Close() override {
        if (closed_) return Closed("close");
        closed_ = true;
        return Status::OK();
    }

private:
    Status Closed(std::string_view operation) const {
        return Status::IOError(std::string(operation) + " '" + path_ + "': file is closed");
    }

    std::shared_ptr<State> state_;
    NodePtr node_;
    std::string path_;
    uint64_t size_ = 0;
    bool closed_ = false;
};

void RevertToDurable(Node& node) {
    if (!node.is_directory) {
        node.data = node.synced_data;
        ++node.writes;
        return;
    }
    node.children = node.durable_children;
    for (auto& [name, child] : node.children) RevertToDurable(*child);
}

uint64_t CountBytes(const Node& node) {
    if (!node.is_directory) return node.data.size();
    uint64_t total = 0;
    for (const auto& [name, child] : node.children) total += CountBytes(*child);
    return total;
}

}  // namespace

MemoryFileSystem::MemoryFileSystem() : state_(std::make_shared<State>()) {}
MemoryFileSystem::~MemoryFileSystem() = default;

Result<std::unique_ptr<RandomAccessFile>> MemoryFileSystem::OpenForRead(const std::string& path) {
    std::lock_guard lock(state_->mutex);
    NodePtr node = state_->Find(path);
    if (node == nullptr) return NotFound("open", path);
    if (node->is_directory) return Status::IOError("open '" + path + "': is a directory");
    return std::unique_ptr<RandomAccessFile>(std::make_unique<MemoryRandomAccessFile>(state_, node, path));
}

Result<std::unique_ptr<WritableFile>> MemoryFileSystem::OpenForWrite(const std::string& path, WriteMode mode) {
    std::lock_guard lock(state_->mutex);
    NodePtr parent;
    std::string name;
    FL_RETURN_NOT_OK(state_->FindParent("create", path, &parent, &name));
    NodePtr& slot = parent->children[name];
    if (slot != nullptr) {
        if (slot->is_directory) return Status::IOError("create '" + path + "': is a directory");
        if (mode == WriteMode::kCreateNew) return Status::AlreadyExists("create '" + path + "': file exists");
        if (mode == WriteMode::kAppend) {
            return std::unique_ptr<WritableFile>(std::make_unique<MemoryWritableFile>(state_, slot, path));
        }
        slot->data.clear();  // O_TRUNC keeps the inode; the truncation is durable only after a sync
        ++slot->writes;
        slot->mtime_nanos = NowNanos();
    } else {
        slot = std::make_shared<Node>(false);
    }
    return std::unique_ptr<WritableFile>(std::make_unique<MemoryWritableFile>(state_, slot, path));
}

Result<bool> MemoryFileSystem::Exists(const std::string& path) {
    std::lock_guard lock(state_->mutex);
    return state_->Find(path) != nullptr;
}

Result<FileInfo> MemoryFileSystem::GetFileInfo(const std::string& path) {
    std::lock_guard lock(state_->mutex);
    NodePtr node = state_->Find(path);
    if (node == nullptr) return NotFound("stat", path);
    FileInfo info;
    info.type = node->is_directory ? FileType::kDirectory : FileType::kFile;
    info.size = node->is_directory ? 0 : node->data.size();
    info.mtime_nanos = node->mtime_nanos;
    return info;
}

Result<std::vector<DirectoryEntry>> MemoryFileSystem::ListDirectory(const std::string& path) {
    std::lock_guard lock(state_->mutex);
    NodePtr node = state_->Find(path);
    if (node == nullptr) return NotFound("list directory", path);
    if (!node->is_directory) return Status::NotFound("list directory '" + path + "': not a directory");
    std::vector<DirectoryEntry> entries;
    entries.reserve(node->children.size());
    for (const auto& [name, child] : node->children) {  // std::map: already sorted by name
        entries.push_back({name, child->is_directory ? FileType::kDirectory : FileType::kFile});
    }
    return entries;
}

Status MemoryFileSystem::CreateDirectories(const std::string& path) {
    std::lock_guard lock(state_->mutex);
    NodePtr node = state_->root;
    for (std::string_view part : SplitPath(path)) {
        NodePtr& child = node->children[std::string(part)];
        if (child == nullptr) {
            child = std::make_shared<Node>(true);
        } else if (!child->is_directory) {
            return Status::AlreadyExists("create directory '" + path + "': '" + std::string(part) +
                                         "' exists and is not a directory");
        }
        node = child;
    }
    return Status::OK();
}

Status MemoryFileSystem::DeleteFile(const std::string& path) {
    std::lock_guard lock(state_->mutex);
    NodePtr parent;
    std::string name;
    FL_RETURN_NOT_OK(state_->FindParent("delete", path, &parent, &name));
    auto it = parent->children.find(name);
    if (it == parent->children.end()) return NotFound("delete", path);
    if (it->second->is_directory) return Status::IOError("delete '" + path + "': is a directory");
    parent->children.erase(it);
    return Status::OK();
}

Status MemoryFileSystem::DeleteDirectoryRecursive(const std::string& path) {
    std::lock_guard lock(state_->mutex);
    NodePtr parent;
    std::string name;
    FL_RETURN_NOT_OK(state_->FindParent("delete directory", path, &parent, &name));
    auto it = parent->children.find(name);
    if (it == parent->children.end()) return NotFound("delete directory", path);
    if (!it->second->is_directory) return Status::NotFound("delete directory '" + path + "': not a directory");
    parent->children.erase(it);
    return Status::OK();
}

Status MemoryFileSystem::Rename(const std::string& from, const std::string& to) {
    return DoRename(from, to, true);
}

Status MemoryFileSystem::RenameNoReplace(const std::string& from, const std::string& to) {
    return DoRename(from, to, false);
}

Status MemoryFileSystem::DoRename(const std::string& from, const std::string& to, bool replace) {
    std::string what = from + "' to '" + to;
    std::lock_guard lock(state_->mutex);
    NodePtr from_parent, to_parent;
    std::string from_name, to_name;
    FL_RETURN_NOT_OK(state_->FindParent("rename", from, &from_parent, &from_name));
    FL_RETURN_NOT_OK(state_->FindParent("rename", to, &to_parent, &to_name));
    auto source = from_parent->children.find(from_name);
    if (source == from_parent->children.end()) return NotFound("rename", what);
    NodePtr node = source->second;
    if (from_parent == to_parent && from_name == to_name) return Status::OK();
    if (node->is_directory) {
        // A directory cannot move below itself.
        std::string from_prefix = NormalizePath(JoinPath("/", from)) + "/";
        if (NormalizePath(JoinPath("/", to)).starts_with(from_prefix)) {
            return Status::InvalidArgument("rename '" + what + "': target is inside the source directory");
        }
    }
    auto target = to_parent->children.find(to_name);
    if (target != to_parent->children.end()) {
        if (!replace) return Status::AlreadyExists("rename '" + what + "': target exists");
        if (target->second->is_directory || node->is_directory) {
            return Status::IOError("rename '" + what + "': cannot replace a directory or replace with one");
        }
    }
    from_parent->children.erase(source);
    to_parent->children[to_name] = std::move(node);
    return Status::OK();
}

Status MemoryFileSystem::SyncDirectory(const std::string& path) {
    std::lock_guard lock(state_->mutex);
    NodePtr node = state_->Find(path);
    if (node == nullptr) return NotFound("sync directory", path);
    if (!node->is_directory) return Status::IOError("sync directory '" + path + "': not a directory");
    node->durable_children = node->children;
    return Status::OK();
}

void MemoryFileSystem::DropUnsyncedData() {
    std::lock_guard lock(state_->mutex);
    RevertToDurable(*state_->root);
}

uint64_t MemoryFileSystem::TotalFileBytes() const {
    std::lock_guard lock(state_->mutex);
    return CountBytes(*state_->root);
}

}  // namespace flashlake::io
