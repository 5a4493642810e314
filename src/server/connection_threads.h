#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace flashlake::server {

class TcpListener;

// The per-connection threads of one server (MySQL or HTTP): each accepted socket runs on its own
// thread; when the thread is done its socket is shut down and the listener woken, and the accept
// loop's next Reap() joins the thread and closes the socket. Descriptors stay open until then,
// so that shutting a connection down never touches a number the kernel has handed out again.
//
// Threads: Start, Reap and StopAll from the accept thread; the rest from any thread. mutex_
// guards slots_, finished_ and marked_.
class ConnectionThreads {
public:
    explicit ConnectionThreads(TcpListener& listener) : listener_(listener) {}
    ConnectionThreads(const ConnectionThreads&) = delete;
    ConnectionThreads& operator=(const ConnectionThreads&) = delete;
    ~ConnectionThreads() { StopAll(); }

    // Runs `body` on a new thread for socket `fd`. `marked` tags the connection (e.g. being
    // refused), counted by marked().
    void Start(uint64_t id, int fd, bool marked, std::function<void()> body);
    // Joins the threads that are done and closes their sockets.
    void Reap();
    // Shuts every socket down (their reads fail, so connections end) and waits for all threads.
    void StopAll();

    size_t size() const;    // connections not yet reaped
    size_t marked() const;  // of those, the ones started with `marked`

private:
    struct Slot {
        int fd = -1;
        bool marked = false;
        std::thread thread;
    };

    TcpListener& listener_;
    mutable std::mutex mutex_;
    std::map<uint64_t, Slot> slots_;
    std::vector<uint64_t> finished_;
    size_t marked_ = 0;
};

}  // namespace flashlake::server
