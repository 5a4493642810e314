#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace flashlake::server::http {

// Bounds on what one request may hold; beyond them the request is refused with 431 or 413.
struct HttpLimits {
    size_t max_header_bytes = 64 << 10;  // request line and headers
    size_t max_headers = 128;
    uint64_t max_body_bytes = uint64_t{1} << 30;
};

// An HTTP/1.1 request (RFC 9112) as the server dispatches it.
struct HttpRequest {
    std::string method;
    std::string target;                                      // as sent: path and query
    std::string path;                                        // percent-decoded, without the query
    std::vector<std::pair<std::string, std::string>> query;  // decoded parameters
    int minor_version = 1;                                   // HTTP/1.<minor>
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    // The value of header `name` (case-insensitive), or null; the first one when repeated.
    const std::string* Header(std::string_view name) const;
    // The decoded query parameter `name`, or "".
    std::string QueryParam(std::string_view name) const;
    // HTTP/1.1 keeps the connection unless "Connection: close"; 1.0 only with "keep-alive".
    bool KeepAlive() const;
};

struct HttpResponse {
    int status = 200;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    // The status line, headers (Content-Length, Connection) and body.
    std::string Serialize(bool keep_alive) const;
};

std::string_view ReasonPhrase(int status);
// A JSON error body {"status": "FAILED", "msg": ...} with the given HTTP status.
HttpResponse ErrorResponse(int status, std::string_view message);

// Parsing the head of a request (request line and headers) out of bytes received so far.
struct HeadParse {
    enum class State { kIncomplete, kComplete, kError };
    State state = State::kIncomplete;
    size_t consumed = 0;  // kComplete: bytes of the head, blank line included
    int error_status = 400;
    std::string error;
};
HeadParse ParseRequestHead(std::string_view data, const HttpLimits& limits, HttpRequest& request);

// How the body of `request` is framed: Content-Length, chunked, or none. Refuses conflicting or
// malformed framing (400), unknown transfer codings (501) and bodies over the limit (413).
struct BodyFraming {
    bool chunked = false;
    uint64_t length = 0;   // not chunked
    int error_status = 0;  // non-zero: refuse the request
    std::string error;
};
BodyFraming GetBodyFraming(const HttpRequest& request, const HttpLimits& limits);

// Decodes a chunked body incrementally: call with all bytes received so far (from the start of
// the body); it appends each complete chunk to `body` and advances `consumed` past it.
enum class ChunkState { kNeedMore, kDone, kError };
ChunkState DecodeChunks(std::string_view data, size_t& consumed, std::string& body, uint64_t max_body,
                        std::string& error);

// RFC 3986 percent-decoding ('+' is a space in queries); false on a bad escape.
bool PercentDecode(std::string_view text, bool plus_is_space, std::string& out);
// RFC 4648 base64; false on bad input.
bool Base64Decode(std::string_view text, std::string& out);

}  // namespace flashlake::server::http
