#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace flashlake::server::mysql {

class TlsStream;

// Appends `payload` framed as packets to `out`: 3-byte length, sequence id, bytes. Payloads of
// 16 MiB - 1 bytes or more are split, and one of exactly a multiple of that length ends with an
// empty packet so the reader knows it is complete. `sequence` is advanced per packet.
void AppendFramedPacket(std::string_view payload, uint8_t& sequence, std::string& out);

// The packets of one connection over a connected socket it does not own. Reads are buffered;
// writes are buffered until Flush() (or until the buffer grows past a few hundred KiB), so that a
// result set goes out in few system calls.
//
// Sequence ids: each command starts at 0 (ResetSequence); a packet read must carry the id that
// is due, and every packet written takes the next one.
//
// ReadPacket errors, by code:
//   kCancelled        the peer closed the connection between packets (a normal end);
//   kIOError          the socket failed, timed out, or closed inside a packet;
//   kCorruption       the packet's sequence id is wrong;
//   kInvalidArgument  the payload is larger than max_payload (the caller answers with ER 1153).
// After any error the connection is not usable and should be closed.
class PacketChannel {
public:
    PacketChannel(int fd, size_t max_payload) : fd_(fd), max_payload_(max_payload) {}

    Status ReadPacket(std::string& payload);
    Status WritePacket(std::string_view payload);
    Status Flush();

    // Transport: the plain socket until StartTls, then the TLS stream (not owned), which must
    // outlive the channel's use. Exact reads take no byte beyond the packet being read, so that
    // none of a TLS handshake that follows an SSLRequest is swallowed by the plain reader.
    void StartTls(TlsStream* tls) { tls_ = tls; }
    bool tls() const { return tls_ != nullptr; }
    void set_exact_reads(bool exact) { exact_reads_ = exact; }

    void ResetSequence() { sequence_ = 0; }
    uint8_t sequence() const { return sequence_; }
    void set_max_payload(size_t max_payload) { max_payload_ = max_payload; }
    uint64_t bytes_received() const { return bytes_received_; }
    uint64_t bytes_sent() const { return bytes_sent_; }

private:
    // Reads exactly `count` bytes; `at_boundary` says a clean EOF before the first byte is a close.
    Status ReadExact(char* out, size_t count, bool at_boundary);

    int fd_;
    TlsStream* tls_ = nullptr;
    bool exact_reads_ = false;
    size_t max_payload_;
    uint8_t sequence_ = 0;
    std::string input_;  // bytes received but not yet consumed, from input_start_
    size_t input_start_ = 0;
    std::string output_;  // framed packets not yet sent
    uint64_t bytes_received_ = 0;
    uint64_t bytes_sent_ = 0;
};

}  // namespace flashlake::server::mysql
