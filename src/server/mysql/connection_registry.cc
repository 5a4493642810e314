#include "server/mysql/connection_registry.h"

#include <sys/socket.h>

#include "engine/session.h"

namespace flashlake::server::mysql {

void ConnectionEntry::SetSession(engine::Session* session) {
    std::lock_guard lock(mutex_);
    session_ = session;
}

void ConnectionEntry::BeginCommand(std::string command, std::string info, std::string database) {
    std::lock_guard lock(mutex_);
    // Under the lock that KILL QUERY takes: a kill seen with this command's Info reaches it.
    if (session_ != nullptr) session_->ClearInterrupt();
    command_ = std::move(command);
    info_ = std::move(info);
    database_ = std::move(database);
    since_ = std::chrono::steady_clock::now();
}

void ConnectionEntry::EndCommand(std::string database) {
    std::lock_guard lock(mutex_);
    command_ = "Sleep";
    info_.clear();
    database_ = std::move(database);
    since_ = std::chrono::steady_clock::now();
}

engine::ProcessInfo ConnectionEntry::Describe() const {
    std::lock_guard lock(mutex_);
    engine::ProcessInfo info;
    info.id = id_;
    info.user = user_;
    info.host = host_;
    info.database = database_;
    info.command = closed_ ? "Killed" : command_;
    info.seconds =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - since_).count();
    info.state = command_ == "Sleep" ? "" : "executing";
    info.info = info_;
    return info;
}

void ConnectionEntry::InterruptStatement() {
    std::lock_guard lock(mutex_);
    if (session_ != nullptr) session_->InterruptStatement();
}

void ConnectionEntry::Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    if (session_ != nullptr) session_->InterruptStatement();
    ::shutdown(fd_, SHUT_RDWR);
}

bool ConnectionEntry::closed() const {
    std::lock_guard lock(mutex_);
    return closed_;
}

std::shared_ptr<ConnectionEntry> ConnectionRegistry::Add(uint64_t id, int fd, std::string user, std::string host) {
    auto entry = std::make_shared<ConnectionEntry>(id, fd, std::move(user), std::move(host));
    std::lock_guard lock(mutex_);
    entries_[id] = entry;
    return entry;
}

void ConnectionRegistry::Remove(uint64_t id) {
    std::lock_guard lock(mutex_);
    entries_.erase(id);
}

std::vector<engine::ProcessInfo> ConnectionRegistry::List() const {
    std::lock_guard lock(mutex_);
    std::vector<engine::ProcessInfo> list;
    list.reserve(entries_.size());
    for (const auto& [id, entry] : entries_) list.push_back(entry->Describe());
    return list;
}

Status ConnectionRegistry::Kill(uint64_t id, bool connection) {
    // The entry is closed under the registry's lock: a connection removes itself (under the same
    // lock) before the server closes its socket, so the descriptor shut down here is still its own.
    std::lock_guard lock(mutex_);
    auto it = entries_.find(id);
    if (it == entries_.end()) return Status(ErrorCode::kUnknownThread, "Unknown thread id: " + std::to_string(id));
    if (connection) {
        it->second->Close();
    } else {
        it->second->InterruptStatement();
    }
    return Status::OK();
}

}  // namespace flashlake::server::mysql
