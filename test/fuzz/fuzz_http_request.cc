// libFuzzer target: the HTTP/1.1 request parser of the stream-load and query API, fed the way
// HttpConnection feeds it: bytes arrive in pieces, the head is re-parsed until complete, then the
// body is framed and chunked bodies are decoded incrementally. Whatever the split, the outcome
// must be that of parsing all bytes at once.
//
// Input layout: byte 0 picks the limits (bit 0: tiny ones) and the arrival step (bits 1-7), the
// rest is what the client sends.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "server/http/http_message.h"

namespace http = flashlake::server::http;

namespace {

[[noreturn]] void Fail(const char* what, std::string_view input) {
    std::fprintf(stderr, "fuzz_http_request: %s\n  input: %.*s\n", what, static_cast<int>(input.size()),
                 input.data());
    std::abort();
}

struct Outcome {
    http::HeadParse::State head = http::HeadParse::State::kIncomplete;
    int error_status = 0;
    http::HttpRequest request;
    bool body_done = false;
};

// Parses `stream` arriving `step` bytes at a time, as HttpConnection::Run and ReadBody do.
Outcome Feed(std::string_view stream, size_t step, const http::HttpLimits& limits) {
    Outcome outcome;
    std::string buffer;
    size_t arrived = 0;
    auto receive = [&] {
        if (arrived >= stream.size()) return false;
        size_t take = std::min(step, stream.size() - arrived);
        buffer.append(stream.substr(arrived, take));
        arrived += take;
        return true;
    };
    http::HeadParse head;
    while (true) {
        head = http::ParseRequestHead(buffer, limits, outcome.request);
        if (head.state != http::HeadParse::State::kIncomplete) break;
        if (!receive()) return outcome;
    }
    outcome.head = head.state;
    if (head.state == http::HeadParse::State::kError) {
        outcome.error_status = head.error_status;
        return outcome;
    }
    if (head.consumed > buffer.size()) Fail("head consumed more than it was given", stream);
    buffer.erase(0, head.consumed);

    http::BodyFraming framing = http::GetBodyFraming(outcome.request, limits);
    if (framing.error_status != 0) {
        outcome.error_status = framing.error_status;
        return outcome;
    }
    if (!framing.chunked) {
        while (buffer.size() < framing.length && receive()) {
        }
        outcome.body_done = buffer.size() >= framing.length;
        if (outcome.body_done) outcome.request.body = buffer.substr(0, framing.length);
        return outcome;
    }
    size_t consumed = 0;
    while (true) {
        std::string error;
        http::ChunkState state = http::DecodeChunks(buffer, consumed, outcome.request.body, limits.max_body_bytes, error);
        if (consumed > buffer.size()) Fail("chunk decoder consumed more than it was given", stream);
        if (state == http::ChunkState::kDone) {
            outcome.body_done = true;
            return outcome;
        }
        if (state == http::ChunkState::kError) {
            outcome.error_status = 400;
            return outcome;
        }
        buffer.erase(0, consumed);
        consumed = 0;
        if (!receive()) return outcome;
    }
}

void Use(const http::HttpRequest& request) {
    (void)request.KeepAlive();
    (void)request.QueryParam("label");
    if (const std::string* authorization = request.Header("Authorization")) {
        std::string decoded;
        (void)http::Base64Decode(*authorization, decoded);
    }
    std::string decoded;
    (void)http::PercentDecode(request.target, true, decoded);
    http::HttpResponse response;
    response.body = request.body;
    (void)response.Serialize(request.KeepAlive());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return -1;
    http::HttpLimits limits;
    if (data[0] & 1) {
        limits.max_header_bytes = 64;
        limits.max_headers = 3;
        limits.max_body_bytes = 16;
    }
    size_t step = 1 + (data[0] >> 1);
    std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);

    Outcome all_at_once = Feed(stream, stream.size() + 1, limits);
    Outcome in_pieces = Feed(stream, step, limits);
    if (all_at_once.head != in_pieces.head || all_at_once.error_status != in_pieces.error_status ||
        all_at_once.body_done != in_pieces.body_done) {
        Fail("the outcome depends on how the bytes arrive", stream);
    }
    if (all_at_once.head == http::HeadParse::State::kComplete) {
        const auto& a = all_at_once.request;
        const auto& b = in_pieces.request;
        if (a.method != b.method || a.target != b.target || a.path != b.path || a.query != b.query ||
            a.headers != b.headers || a.minor_version != b.minor_version) {
            Fail("the parsed head depends on how the bytes arrive", stream);
        }
        if (all_at_once.body_done && a.body != b.body) Fail("the body depends on how the bytes arrive", stream);
        Use(a);
    }
    return 0;
}
