#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <string>

#include "common/result.h"

namespace flashlake::server {

// A listening TCP socket plus a wake-up pipe, shared by the MySQL and HTTP servers: the accept
// loop sleeps in Accept() until a client connects or another thread calls Wake() (a connection
// ended, or shutdown). Wake() may be called from any thread; the rest from the accept thread.
class TcpListener {
public:
    TcpListener() = default;
    TcpListener(const TcpListener&) = delete;
    TcpListener& operator=(const TcpListener&) = delete;
    ~TcpListener();

    // Binds and listens on `bind_address`:`port` (0: any free port); `what` names the service in
    // errors. kIOError when the address is taken or invalid.
    Status Listen(const std::string& bind_address, uint16_t port, const char* what);
    bool listening() const { return listen_fd_ >= 0; }
    uint16_t port() const { return port_; }

    // Waits for a connection or a wake-up. Returns the accepted socket (close-on-exec, TCP_NODELAY)
    // and fills `peer`, or -1 after a wake-up or a transient accept failure (logged); the caller
    // then checks whether to stop. kIOError only when waiting itself fails.
    Result<int> Accept(sockaddr_storage* peer);
    void Wake();
    // Sleeps until a wake-up or `millis`, then empties the pipe.
    void WaitForWake(int millis);

private:
    void DrainWakeups();

    int listen_fd_ = -1;
    int wake_read_fd_ = -1;
    int wake_write_fd_ = -1;
    uint16_t port_ = 0;
    std::string what_;
};

}  // namespace flashlake::server
