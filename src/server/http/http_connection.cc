#include "server/http/http_connection.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>

#include "common/allocator_tuning.h"
#include "common/ascii.h"
#include "server/http/http_server.h"

namespace flashlake::server::http {

namespace {

constexpr size_t kReadSize = 64 << 10;

}  // namespace

HttpConnection::HttpConnection(int fd, HttpHandler& handler, const HttpServerOptions& options)
    : fd_(fd), handler_(handler), options_(options) {}

bool HttpConnection::Receive() {
    pollfd readable{fd_, POLLIN, 0};
    while (true) {
        int ready = ::poll(&readable, 1, options_.idle_timeout_seconds * 1000);
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) return false;
        break;
    }
    size_t old_size = buffer_.size();
    buffer_.resize(old_size + kReadSize);
    ssize_t n;
    do {
        n = ::recv(fd_, buffer_.data() + old_size, kReadSize, 0);
    } while (n < 0 && errno == EINTR);
    buffer_.resize(old_size + (n > 0 ? static_cast<size_t>(n) : 0));
    return n > 0;
}

bool HttpConnection::Send(std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

void HttpConnection::Refuse(const HttpResponse& response) {
    Send(response.Serialize(false));
    // Closing with unread bytes would reset the connection and could destroy the response
    // before the client reads it: stop sending, then drain what the client still sends, briefly.
    ::shutdown(fd_, SHUT_WR);
    char drain[4096];
    for (int i = 0; i < 256; ++i) {
        pollfd readable{fd_, POLLIN, 0};
        if (::poll(&readable, 1, 200) <= 0) break;
        if (::recv(fd_, drain, sizeof(drain), 0) <= 0) break;
    }
}

bool HttpConnection::ReadBody(HttpRequest& request) {
    BodyFraming framing = GetBodyFraming(request, options_.limits);
    if (framing.error_status != 0) {
        Refuse(ErrorResponse(framing.error_status, framing.error));
        return false;
    }
    bool has_body = framing.chunked || framing.length > 0;
    if (has_body) {
        if (auto refusal = handler_.Precheck(request)) {
            Refuse(*refusal);
            return false;
        }
        if (const std::string* expect = request.Header("Expect")) {
            if (!AsciiEqualsIgnoreCase(*expect, "100-continue")) {
                Refuse(ErrorResponse(417, "unsupported Expect: " + *expect));
                return false;
            }
            // Only when the body has not started arriving: a client that sent it anyway needs none.
            if (buffer_.empty() && request.minor_version >= 1 && !Send("HTTP/1.1 100 Continue\r\n\r\n")) return false;
        }
    }
    if (!framing.chunked) {
        // Sized once (its length is known and within the limit), then read straight into: growing
        // it per read would zero-fill the grown part each time, many times the body's size.
        request.body.reserve(framing.length);
        // A stream load body of many MiB: huge pages, or faulting it in costs seconds per GiB.
        if (framing.length >= 4 * kHugePageSize) AdviseHugePages(request.body.data(), framing.length);
        request.body.resize(framing.length);
        size_t received = std::min<size_t>(buffer_.size(), framing.length);
        buffer_.copy(request.body.data(), received);
        buffer_.erase(0, received);
        while (received < framing.length) {
            pollfd readable{fd_, POLLIN, 0};
            int ready = ::poll(&readable, 1, options_.idle_timeout_seconds * 1000);
            if (ready < 0 && errno == EINTR) continue;
            if (ready <= 0) return false;
            ssize_t n = ::recv(fd_, request.body.data() + received, framing.length - received, 0);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false;  // the client went away mid-body
            received += static_cast<size_t>(n);
        }
        return true;
    }
    size_t consumed = 0;
    while (true) {
        std::string error;
        ChunkState state = DecodeChunks(buffer_, consumed, request.body, options_.limits.max_body_bytes, error);
        if (state == ChunkState::kDone) {
            buffer_.erase(0, consumed);
            return true;
        }
        if (state == ChunkState::kError) {
            Refuse(ErrorResponse(error.find("limit") != std::string::npos ? 413 : 400, error));
            return false;
        }
        // Drop decoded bytes so the buffer holds only the chunk in progress.
        buffer_.erase(0, consumed);
        consumed = 0;
        if (!Receive()) return false;
    }
}

void HttpConnection::Run() {
    while (true) {
        HttpRequest request;
        HeadParse head;
        while (true) {
            head = ParseRequestHead(buffer_, options_.limits, request);
            if (head.state != HeadParse::State::kIncomplete) break;
            if (!Receive()) return;  // closed, idle or broken: nothing to answer
        }
        if (head.state == HeadParse::State::kError) {
            Refuse(ErrorResponse(head.error_status, head.error));
            return;
        }
        buffer_.erase(0, head.consumed);
        if (!ReadBody(request)) return;
        HttpResponse response = handler_.Handle(request);
        bool keep_alive = request.KeepAlive();
        if (!Send(response.Serialize(keep_alive)) || !keep_alive) return;
    }
}

}  // namespace flashlake::server::http
