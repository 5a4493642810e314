#include "server/mysql/packet_channel.h"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "server/mysql/protocol.h"
#include "server/mysql/tls.h"

namespace flashlake::server::mysql {

namespace {

constexpr size_t kReadChunk = 16 * 1024;
constexpr size_t kFlushThreshold = 256 * 1024;

void AppendHeader(uint32_t length, uint8_t sequence, std::string& out) {
    out.push_back(static_cast<char>(length & 0xff));
    out.push_back(static_cast<char>((length >> 8) & 0xff));
    out.push_back(static_cast<char>((length >> 16) & 0xff));
    out.push_back(static_cast<char>(sequence));
}

}  // namespace

void AppendFramedPacket(std::string_view payload, uint8_t& sequence, std::string& out) {
    while (true) {
        uint32_t length = static_cast<uint32_t>(std::min<size_t>(payload.size(), kMaxPacketPayload));
        AppendHeader(length, sequence++, out);
        out.append(payload.substr(0, length));
        payload.remove_prefix(length);
        // A full-size packet promises a continuation, even an empty one.
        if (length < kMaxPacketPayload) return;
    }
}

Status PacketChannel::ReadExact(char* out, size_t count, bool at_boundary) {
    size_t copied = 0;
    while (copied < count) {
        if (input_start_ < input_.size()) {
            size_t take = std::min(count - copied, input_.size() - input_start_);
            std::memcpy(out + copied, input_.data() + input_start_, take);
            input_start_ += take;
            copied += take;
            continue;
        }
        size_t chunk = exact_reads_ ? count - copied : kReadChunk;
        input_.resize(chunk);
        input_start_ = 0;
        ssize_t n = 0;
        if (tls_ != nullptr) {
            auto got = tls_->Read(input_.data(), chunk);
            if (!got.ok()) {
                input_.clear();
                return got.status();
            }
            n = static_cast<ssize_t>(*got);
        } else {
            n = ::recv(fd_, input_.data(), chunk, 0);
        }
        if (n < 0 && errno == EINTR) {
            input_.clear();
            continue;
        }
        if (n <= 0) {
            int error = errno;
            input_.clear();
            if (n == 0) {
                if (at_boundary && copied == 0) return Status(ErrorCode::kCancelled, "connection closed by the client");
                return Status::IOError("connection closed in the middle of a packet");
            }
            if (error == ECONNRESET && at_boundary && copied == 0) {
                return Status(ErrorCode::kCancelled, "connection reset by the client");
            }
            if (error == EAGAIN || error == EWOULDBLOCK) return Status::IOError("timed out waiting for the client");
            return Status::IOError(std::string("receive failed: ") + std::strerror(error));
        }
        input_.resize(static_cast<size_t>(n));
        bytes_received_ += static_cast<uint64_t>(n);
    }
    return Status::OK();
}

Status PacketChannel::ReadPacket(std::string& payload) {
    payload.clear();
    bool first = true;
    while (true) {
        unsigned char header[4];
        FL_RETURN_NOT_OK(ReadExact(reinterpret_cast<char*>(header), 4, first));
        uint32_t length = header[0] | (header[1] << 8) | (header[2] << 16);
        uint8_t sequence = header[3];
        if (sequence != sequence_) {
            return Status::Corruption("packet out of order: sequence id " + std::to_string(sequence) + ", expected " +
                                      std::to_string(sequence_));
        }
        ++sequence_;
        if (payload.size() + length > max_payload_) {
            return Status::InvalidArgument("packet of " + std::to_string(payload.size() + length) +
                                           " bytes or more is larger than max_allowed_packet (" +
                                           std::to_string(max_payload_) + ")");
        }
        size_t offset = payload.size();
        payload.resize(offset + length);
        FL_RETURN_NOT_OK(ReadExact(payload.data() + offset, length, false));
        if (length < kMaxPacketPayload) return Status::OK();
        first = false;
    }
}

Status PacketChannel::WritePacket(std::string_view payload) {
    AppendFramedPacket(payload, sequence_, output_);
    if (output_.size() >= kFlushThreshold) return Flush();
    return Status::OK();
}

Status PacketChannel::Flush() {
    if (tls_ != nullptr && !output_.empty()) {
        Status written = tls_->Write(output_.data(), output_.size());
        if (written.ok()) bytes_sent_ += output_.size();
        output_.clear();
        return written;
    }
    size_t sent = 0;
    while (sent < output_.size()) {
        ssize_t n = ::send(fd_, output_.data() + sent, output_.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int error = errno;
            output_.clear();
            return Status::IOError(std::string("send failed: ") + std::strerror(error));
        }
        sent += static_cast<size_t>(n);
    }
    bytes_sent_ += sent;
    output_.clear();
    return Status::OK();
}

}  // namespace flashlake::server::mysql
