#include "server/http/http_message.h"

#include <cctype>

#include "common/ascii.h"
#include "format/json/json_writer.h"

namespace flashlake::server::http {

namespace {

std::string_view TrimOws(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// RFC 9110 token characters (method and header names).
bool IsTokenChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

HeadParse Error(int status, std::string message) {
    HeadParse parse;
    parse.state = HeadParse::State::kError;
    parse.error_status = status;
    parse.error = std::move(message);
    return parse;
}

bool ParseRequestLine(std::string_view line, HttpRequest& request, HeadParse& error) {
    size_t first = line.find(' ');
    size_t second = first == std::string_view::npos ? first : line.find(' ', first + 1);
    if (second == std::string_view::npos || line.find(' ', second + 1) != std::string_view::npos) {
        error = Error(400, "malformed request line");
        return false;
    }
    std::string_view method = line.substr(0, first);
    std::string_view target = line.substr(first + 1, second - first - 1);
    std::string_view version = line.substr(second + 1);
    if (method.empty() || method.size() > 32) {
        error = Error(400, "malformed request method");
        return false;
    }
    for (char c : method) {
        if (!IsTokenChar(c)) {
            error = Error(400, "malformed request method");
            return false;
        }
    }
    if (version.size() != 8 || version.substr(0, 5) != "HTTP/" ||
        !std::isdigit(static_cast<unsigned char>(version[5])) || version[6] != '.' ||
        !std::isdigit(static_cast<unsigned char>(version[7]))) {
        error = Error(400, "malformed HTTP version");
        return false;
    }
    if (version[5] != '1') {
        error = Error(505, "only HTTP/1.x is supported");
        return false;
    }
    if (target.empty() || target[0] != '/') {
        error = Error(400, "the request target must be an absolute path");
        return false;
    }
    request.method = std::string(method);
    request.target = std::string(target);
    request.minor_version = version[7] - '0';
    size_t question = target.find('?');
    if (!PercentDecode(target.substr(0, question), false, request.path)) {
        error = Error(400, "bad percent-encoding in the request path");
        return false;
    }
    if (question != std::string_view::npos) {
        std::string_view query = target.substr(question + 1);
        while (!query.empty()) {
            size_t amp = query.find('&');
            std::string_view pair = query.substr(0, amp);
            query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
            if (pair.empty()) continue;
            size_t eq = pair.find('=');
            std::string key, value;
            if (!PercentDecode(pair.substr(0, eq), true, key) ||
                (eq != std::string_view::npos && !PercentDecode(pair.substr(eq + 1), true, value))) {
                error = Error(400, "bad percent-encoding in the query string");
                return false;
            }
            request.query.emplace_back(std::move(key), std::move(value));
        }
    }
    return true;
}

}  // namespace

const std::string* HttpRequest::Header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (AsciiEqualsIgnoreCase(key, name)) return &value;
    }
    return nullptr;
}

std::string HttpRequest::QueryParam(std::string_view name) const {
    for (const auto& [key, value] : query) {
        if (key == name) return value;
    }
    return "";
}

bool HttpRequest::KeepAlive() const {
    const std::string* connection = Header("Connection");
    if (connection == nullptr) return minor_version >= 1;
    // The header is a comma-separated list of options.
    std::string_view rest = *connection;
    bool close = false, keep_alive = false;
    while (!rest.empty()) {
        size_t comma = rest.find(',');
        std::string_view option = TrimOws(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        close |= AsciiEqualsIgnoreCase(option, "close");
        keep_alive |= AsciiEqualsIgnoreCase(option, "keep-alive");
    }
    if (close) return false;
    return minor_version >= 1 || keep_alive;
}

std::string_view ReasonPhrase(int status) {
    switch (status) {
        case 100:
            return "Continue";
        case 200:
            return "OK";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 411:
            return "Length Required";
        case 413:
            return "Content Too Large";
        case 417:
            return "Expectation Failed";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 503:
            return "Service Unavailable";
        case 505:
            return "HTTP Version Not Supported";
        default:
            return "Unknown";
    }
}

std::string HttpResponse::Serialize(bool keep_alive) const {
    std::string out = "HTTP/1.1 " + std::to_string(status) + " " + std::string(ReasonPhrase(status)) + "\r\n";
    if (!content_type.empty()) out += "Content-Type: " + content_type + "\r\n";
    for (const auto& [key, value] : headers) out += key + ": " + value + "\r\n";
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    out += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    out += body;
    return out;
}

HttpResponse ErrorResponse(int status, std::string_view message) {
    HttpResponse response;
    response.status = status;
    response.body = "{\"status\": \"FAILED\", \"msg\": " + format::json::Quote(message) + "}\n";
    return response;
}

HeadParse ParseRequestHead(std::string_view data, const HttpLimits& limits, HttpRequest& request) {
    // Robustness (RFC 9112 2.2): empty lines before a request line are ignored.
    size_t start = 0;
    while (start + 1 < data.size() && data[start] == '\r' && data[start + 1] == '\n') start += 2;
    size_t end = data.find("\r\n\r\n", start);
    if (end == std::string_view::npos) {
        // Counted from `start`, as below: whether a head is refused must not depend on how its
        // bytes arrive (found by fuzz_http_request).
        if (data.size() - start > limits.max_header_bytes)
            return Error(431, "request headers are larger than " + std::to_string(limits.max_header_bytes) + " bytes");
        return HeadParse();
    }
    if (end + 4 > limits.max_header_bytes + start) {
        return Error(431, "request headers are larger than " + std::to_string(limits.max_header_bytes) + " bytes");
    }
    std::string_view head = data.substr(start, end - start);
    request = HttpRequest();
    size_t line_end = head.find("\r\n");
    HeadParse result;
    if (!ParseRequestLine(head.substr(0, line_end), request, result)) return result;
    std::string_view rest = line_end == std::string_view::npos ? std::string_view() : head.substr(line_end + 2);
    while (!rest.empty()) {
        size_t next = rest.find("\r\n");
        std::string_view line = rest.substr(0, next);
        rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 2);
        if (line.empty()) return Error(400, "empty header line");
        if (line[0] == ' ' || line[0] == '\t') return Error(400, "obsolete header line folding is not accepted");
        size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) return Error(400, "malformed header line");
        std::string_view name = line.substr(0, colon);
        for (char c : name) {
            if (!IsTokenChar(c)) return Error(400, "malformed header name");
        }
        std::string_view value = TrimOws(line.substr(colon + 1));
        for (char c : value) {
            if (c == '\0' || c == '\r' || c == '\n') return Error(400, "bad character in a header value");
        }
        if (request.headers.size() >= limits.max_headers) {
            return Error(431, "more than " + std::to_string(limits.max_headers) + " request headers");
        }
        request.headers.emplace_back(std::string(name), std::string(value));
    }
    if (request.minor_version >= 1 && request.Header("Host") == nullptr)
        return Error(400, "HTTP/1.1 needs a Host header");
    result.state = HeadParse::State::kComplete;
    result.consumed = end + 4;
    return result;
}

BodyFraming GetBodyFraming(const HttpRequest& request, const HttpLimits& limits) {
    BodyFraming framing;
    auto refuse = [&](int status, std::string message) {
        framing.error_status = status;
        framing.error = std::move(message);
        return framing;
    };
    const std::string* encoding = request.Header("Transfer-Encoding");
    const std::string* length = nullptr;
    for (const auto& [key, value] : request.headers) {
        if (!AsciiEqualsIgnoreCase(key, "Content-Length")) continue;
        if (length != nullptr && *length != value) return refuse(400, "conflicting Content-Length headers");
        length = &value;
    }
    if (encoding != nullptr) {
        if (length != nullptr) return refuse(400, "both Transfer-Encoding and Content-Length");
        if (!AsciiEqualsIgnoreCase(TrimOws(*encoding), "chunked")) {
            return refuse(501, "Transfer-Encoding '" + *encoding + "' is not supported (only chunked)");
        }
        framing.chunked = true;
        return framing;
    }
    if (length == nullptr) return framing;
    if (length->empty() || length->size() > 19) return refuse(400, "bad Content-Length");
    uint64_t value = 0;
    for (char c : *length) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return refuse(400, "bad Content-Length");
        value = value * 10 + static_cast<uint64_t>(c - '0');
    }
    if (value > limits.max_body_bytes) {
        return refuse(413, "the body of " + std::to_string(value) + " bytes is larger than the limit of " +
                               std::to_string(limits.max_body_bytes) + " bytes");
    }
    framing.length = value;
    return framing;
}

ChunkState DecodeChunks(std::string_view data, size_t& consumed, std::string& body, uint64_t max_body,
                        std::string& error) {
    constexpr size_t kMaxLine = 4096;
    while (true) {
        size_t line_end = data.find("\r\n", consumed);
        if (line_end == std::string_view::npos) {
            if (data.size() - consumed > kMaxLine) {
                error = "chunk size line too long";
                return ChunkState::kError;
            }
            return ChunkState::kNeedMore;
        }
        std::string_view line = data.substr(consumed, line_end - consumed);
        std::string_view digits = line.substr(0, line.find(';'));  // chunk extensions are ignored
        digits = TrimOws(digits);
        if (digits.empty() || digits.size() > 15) {
            error = "bad chunk size";
            return ChunkState::kError;
        }
        uint64_t size = 0;
        for (char c : digits) {
            int digit = HexValue(c);
            if (digit < 0) {
                error = "bad chunk size";
                return ChunkState::kError;
            }
            size = size * 16 + static_cast<uint64_t>(digit);
        }
        size_t data_start = line_end + 2;
        if (size == 0) {
            // Trailer fields (ignored) end with an empty line.
            if (data.substr(data_start, 2) == "\r\n") {
                consumed = data_start + 2;
                return ChunkState::kDone;
            }
            size_t trailer_end = data.find("\r\n\r\n", data_start);
            if (trailer_end == std::string_view::npos) {
                if (data.size() - data_start > kMaxLine * 4) {
                    error = "chunked trailer too long";
                    return ChunkState::kError;
                }
                return ChunkState::kNeedMore;
            }
            consumed = trailer_end + 4;
            return ChunkState::kDone;
        }
        if (body.size() + size > max_body) {
            error = "the chunked body is larger than the limit of " + std::to_string(max_body) + " bytes";
            return ChunkState::kError;
        }
        if (data.size() < data_start + size + 2) return ChunkState::kNeedMore;
        if (data.substr(data_start + size, 2) != "\r\n") {
            error = "a chunk does not end with CRLF";
            return ChunkState::kError;
        }
        body.append(data.substr(data_start, size));
        consumed = data_start + size + 2;
    }
}

bool PercentDecode(std::string_view text, bool plus_is_space, std::string& out) {
    out.clear();
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            int high = i + 1 < text.size() ? HexValue(text[i + 1]) : -1;
            int low = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
            if (high < 0 || low < 0) return false;
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return true;
}

bool Base64Decode(std::string_view text, std::string& out) {
    out.clear();
    uint32_t buffer = 0;
    int bits = 0;
    size_t padding = 0;
    for (char c : text) {
        int value;
        if (c >= 'A' && c <= 'Z')
            value = c - 'A';
        else if (c >= 'a' && c <= 'z')
            value = c - 'a' + 26;
        else if (c >= '0' && c <= '9')
            value = c - '0' + 52;
        else if (c == '+')
            value = 62;
        else if (c == '/')
            value = 63;
        else if (c == '=') {
            ++padding;
            continue;
        } else {
            return false;
        }
        if (padding > 0) return false;  // data after padding
        buffer = (buffer << 6) | static_cast<uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xff);
        }
    }
    return padding <= 2;
}

}  // namespace flashlake::server::http
