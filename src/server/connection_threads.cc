#include "server/connection_threads.h"

#include <sys/socket.h>
#include <unistd.h>

#include "server/tcp_listener.h"

namespace flashlake::server {

void ConnectionThreads::Start(uint64_t id, int fd, bool marked, std::function<void()> body) {
    std::lock_guard lock(mutex_);
    Slot& slot = slots_[id];
    slot.fd = fd;
    slot.marked = marked;
    marked_ += marked ? 1 : 0;
    slot.thread = std::thread([this, fd, id, body = std::move(body)] {
        body();
        ::shutdown(fd, SHUT_RDWR);
        {
            std::lock_guard lock(mutex_);
            finished_.push_back(id);
        }
        listener_.Wake();
    });
}

void ConnectionThreads::Reap() {
    std::vector<Slot> done;
    {
        std::lock_guard lock(mutex_);
        for (uint64_t id : finished_) {
            auto it = slots_.find(id);
            if (it == slots_.end()) continue;
            marked_ -= it->second.marked ? 1 : 0;
            done.push_back(std::move(it->second));
            slots_.erase(it);
        }
        finished_.clear();
    }
    for (Slot& slot : done) {
        slot.thread.join();
        ::close(slot.fd);
    }
}

void ConnectionThreads::StopAll() {
    {
        std::lock_guard lock(mutex_);
        for (auto& [id, slot] : slots_) ::shutdown(slot.fd, SHUT_RDWR);
    }
    // Threads finish (and report to finished_) once their socket reads fail.
    while (true) {
        Reap();
        {
            std::lock_guard lock(mutex_);
            if (slots_.empty()) return;
            if (!finished_.empty()) continue;
        }
        listener_.WaitForWake(100);  // a connection that ends wakes us
    }
}

size_t ConnectionThreads::size() const {
    std::lock_guard lock(mutex_);
    return slots_.size();
}

size_t ConnectionThreads::marked() const {
    std::lock_guard lock(mutex_);
    return marked_;
}

}  // namespace flashlake::server
