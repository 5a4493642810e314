#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/process_list.h"

namespace flashlake::engine {
class Session;
}

namespace flashlake::server::mysql {

// What SHOW PROCESSLIST shows of one connection and what KILL needs to reach it. The connection's
// own thread updates it; other connections read it and kill through it.
//
// Thread safety: mutex_ guards every member that is not const.
class ConnectionEntry {
public:
    ConnectionEntry(uint64_t id, int fd, std::string user, std::string host)
        : id_(id), fd_(fd), user_(std::move(user)), host_(std::move(host)) {}

    uint64_t id() const { return id_; }
    // The session that KILL QUERY interrupts; the connection clears it before the session dies.
    void SetSession(engine::Session* session);
    // A command starts ("Query", "Execute", ...) with the statement it runs; then the connection
    // sleeps again. `database` is the session's current one, copied for other threads to read.
    void BeginCommand(std::string command, std::string info, std::string database);
    void EndCommand(std::string database);
    engine::ProcessInfo Describe() const;
    // KILL QUERY: interrupts the running statement, if any.
    void InterruptStatement();
    // KILL CONNECTION: interrupts the statement and shuts the socket down, so that the
    // connection's thread sees its next read fail and ends.
    void Close();
    bool closed() const;

private:
    const uint64_t id_;
    const int fd_;  // owned by the server, which closes it only after the connection unregisters
    const std::string user_;
    const std::string host_;

    mutable std::mutex mutex_;
    engine::Session* session_ = nullptr;
    std::string command_ = "Sleep";
    std::string info_;
    std::string database_;
    std::chrono::steady_clock::time_point since_ = std::chrono::steady_clock::now();
    bool closed_ = false;
};

// The open connections of one MySQL server, by connection id: SHOW PROCESSLIST lists them and
// KILL finds its target here. Thread-safe (mutex_ guards entries_; an entry's own lock is taken
// inside the registry's, never the other way round).
class ConnectionRegistry : public engine::ProcessList {
public:
    std::shared_ptr<ConnectionEntry> Add(uint64_t id, int fd, std::string user, std::string host);
    void Remove(uint64_t id);

    std::vector<engine::ProcessInfo> List() const override;
    Status Kill(uint64_t id, bool connection) override;

private:
    mutable std::mutex mutex_;
    std::map<uint64_t, std::shared_ptr<ConnectionEntry>> entries_;
};

}  // namespace flashlake::server::mysql
