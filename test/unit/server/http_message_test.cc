// The HTTP/1.1 request parser: heads, framing, chunked bodies, and what it refuses (garbage,
// oversized heads, conflicting lengths) without ever crashing.
#include "server/http/http_message.h"

#include <gtest/gtest.h>

#include <random>

namespace flashlake::server::http {
namespace {

HeadParse Parse(std::string_view text, HttpRequest& request, HttpLimits limits = {}) {
    return ParseRequestHead(text, limits, request);
}

TEST(HttpMessageTest, ParsesAHead) {
    HttpRequest request;
    std::string text =
        "PUT /api/my%20db/t/_stream_load?a=1&b=x+y&c=%41 HTTP/1.1\r\nHost: h:1\r\nLabel:  l1 \r\n"
        "Expect: 100-continue\r\nContent-Length: 5\r\n\r\nhello";
    HeadParse head = Parse(text, request);
    ASSERT_EQ(head.state, HeadParse::State::kComplete) << head.error;
    EXPECT_EQ(head.consumed, text.size() - 5);
    EXPECT_EQ(request.method, "PUT");
    EXPECT_EQ(request.path, "/api/my db/t/_stream_load");
    EXPECT_EQ(request.QueryParam("b"), "x y");
    EXPECT_EQ(request.QueryParam("c"), "A");
    ASSERT_NE(request.Header("LABEL"), nullptr);
    EXPECT_EQ(*request.Header("label"), "l1");
    EXPECT_EQ(request.Header("nope"), nullptr);
    EXPECT_TRUE(request.KeepAlive());
    BodyFraming framing = GetBodyFraming(request, {});
    EXPECT_EQ(framing.error_status, 0);
    EXPECT_FALSE(framing.chunked);
    EXPECT_EQ(framing.length, 5u);
}

TEST(HttpMessageTest, IncompleteHeadsWait) {
    HttpRequest request;
    std::string text = "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n";
    for (size_t cut = 0; cut < text.size(); ++cut) {
        EXPECT_EQ(Parse(text.substr(0, cut), request).state, HeadParse::State::kIncomplete) << cut;
    }
    EXPECT_EQ(Parse(text, request).state, HeadParse::State::kComplete);
}

TEST(HttpMessageTest, RefusesMalformedHeads) {
    HttpRequest request;
    struct Case {
        const char* text;
        int status;
    };
    for (const Case& c : std::vector<Case>{{"GARBAGE\r\n\r\n", 400},
                                           {"GET /x\r\n\r\n", 400},
                                           {"GET x HTTP/1.1\r\nHost: a\r\n\r\n", 400},
                                           {"GET /x HTTP/2.0\r\nHost: a\r\n\r\n", 505},
                                           {"GET /x HTTP/1.1\r\n\r\n", 400},  // no Host
                                           {"GET /x HTTP/1.1\r\nHost a\r\n\r\n", 400},
                                           {"GET /x HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", 400},
                                           {"G(T /x HTTP/1.1\r\nHost: a\r\n\r\n", 400},
                                           {"GET /%zz HTTP/1.1\r\nHost: a\r\n\r\n", 400},
                                           {"GET /x HTTP/1.1\r\nBad Name: a\r\nHost: a\r\n\r\n", 400}}) {
        HeadParse head = Parse(c.text, request);
        EXPECT_EQ(head.state, HeadParse::State::kError) << c.text;
        EXPECT_EQ(head.error_status, c.status) << c.text;
        EXPECT_FALSE(head.error.empty());
    }
    HttpRequest ok;
    EXPECT_EQ(Parse("\r\nGET /x HTTP/1.0\r\n\r\n", ok).state, HeadParse::State::kComplete);
    EXPECT_FALSE(ok.KeepAlive());
}

TEST(HttpMessageTest, BoundsHeadSize) {
    HttpLimits limits;
    limits.max_header_bytes = 256;
    limits.max_headers = 4;
    HttpRequest request;
    std::string endless = "GET /x HTTP/1.1\r\nHost: a\r\nX: " + std::string(300, 'a');
    HeadParse head = Parse(endless, request, limits);
    EXPECT_EQ(head.state, HeadParse::State::kError);
    EXPECT_EQ(head.error_status, 431);
    EXPECT_EQ(Parse(endless + "\r\n\r\n", request, limits).error_status, 431);
    std::string many = "GET /x HTTP/1.1\r\nHost: a\r\n";
    for (int i = 0; i < 5; ++i) many += "H" + std::to_string(i) + ": v\r\n";
    EXPECT_EQ(Parse(many + "\r\n", request, limits).error_status, 431);
}

TEST(HttpMessageTest, RandomBytesNeverCrash) {
    std::mt19937 random(7);
    HttpRequest request;
    for (int i = 0; i < 2000; ++i) {
        std::string text(random() % 200, '\0');
        for (char& c : text) c = static_cast<char>(random() % 4 == 0 ? "\r\n: /"[random() % 5] : random());
        if (i % 3 == 0) text = "GET / HTTP/1.1\r\n" + text;
        std::string input = text + "\r\n\r\n";
        HeadParse head = Parse(input, request);
        // Incomplete only when the input is all empty lines (which may precede a request).
        if (head.state == HeadParse::State::kIncomplete) {
            EXPECT_EQ(input.find_first_not_of("\r\n"), std::string::npos);
        }
        EXPECT_LE(head.consumed, input.size());
        std::string body;
        size_t consumed = 0;
        std::string error;
        (void)DecodeChunks(text, consumed, body, 1 << 20, error);
        EXPECT_LE(consumed, text.size());
    }
}

TEST(HttpMessageTest, Framing) {
    auto framing = [](std::string headers, HttpLimits limits = {}) {
        HttpRequest request;
        EXPECT_EQ(ParseRequestHead("PUT /x HTTP/1.1\r\nHost: a\r\n" + headers + "\r\n", limits, request).state,
                  HeadParse::State::kComplete);
        return GetBodyFraming(request, limits);
    };
    EXPECT_EQ(framing("").length, 0u);
    EXPECT_TRUE(framing("Transfer-Encoding: chunked\r\n").chunked);
    EXPECT_EQ(framing("Transfer-Encoding: gzip\r\n").error_status, 501);
    EXPECT_EQ(framing("Transfer-Encoding: chunked\r\nContent-Length: 3\r\n").error_status, 400);
    EXPECT_EQ(framing("Content-Length: 3\r\nContent-Length: 4\r\n").error_status, 400);
    EXPECT_EQ(framing("Content-Length: 3\r\nContent-Length: 3\r\n").length, 3u);
    EXPECT_EQ(framing("Content-Length: -1\r\n").error_status, 400);
    EXPECT_EQ(framing("Content-Length: 99999999999999999999\r\n").error_status, 400);
    HttpLimits small;
    small.max_body_bytes = 10;
    EXPECT_EQ(framing("Content-Length: 11\r\n", small).error_status, 413);
    EXPECT_EQ(framing("Content-Length: 10\r\n", small).error_status, 0);
}

TEST(HttpMessageTest, ChunkedBodiesDecodeIncrementally) {
    std::string wire = "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\nNEXT";
    // Fed a byte at a time, as a slow client sends it.
    std::string body;
    size_t consumed = 0;
    std::string error;
    ChunkState state = ChunkState::kNeedMore;
    for (size_t n = 0; n <= wire.size() && state == ChunkState::kNeedMore; ++n) {
        state = DecodeChunks(std::string_view(wire).substr(0, n), consumed, body, 1 << 20, error);
    }
    ASSERT_EQ(state, ChunkState::kDone) << error;
    EXPECT_EQ(body, "hello, world");
    EXPECT_EQ(wire.substr(consumed), "NEXT");

    for (const char* bad : {"zz\r\n", "5\r\nhelloXX", "ffffffffffffffffff\r\n"}) {
        body.clear();
        consumed = 0;
        EXPECT_EQ(DecodeChunks(bad, consumed, body, 1 << 20, error), ChunkState::kError) << bad;
    }
    body.clear();
    consumed = 0;
    EXPECT_EQ(DecodeChunks("b\r\nhello world\r\n", consumed, body, 10, error), ChunkState::kError);
    EXPECT_NE(error.find("limit"), std::string::npos);
}

TEST(HttpMessageTest, Base64AndResponses) {
    std::string out;
    EXPECT_TRUE(Base64Decode("cm9vdDpzM2NyZXQ=", out));
    EXPECT_EQ(out, "root:s3cret");
    EXPECT_TRUE(Base64Decode("cm9vdDo=", out));
    EXPECT_EQ(out, "root:");
    EXPECT_FALSE(Base64Decode("cm9v*dDo=", out));
    EXPECT_FALSE(Base64Decode("cm9=vdDo", out));

    HttpResponse response = ErrorResponse(404, "no \"such\" thing");
    std::string wire = response.Serialize(false);
    EXPECT_EQ(wire.substr(0, wire.find("\r\n")), "HTTP/1.1 404 Not Found");
    EXPECT_NE(wire.find("Connection: close\r\n"), std::string::npos);
    EXPECT_NE(wire.find("Content-Length: " + std::to_string(response.body.size()) + "\r\n"), std::string::npos);
    EXPECT_NE(wire.find(R"("msg": "no \"such\" thing")"), std::string::npos) << wire;
}

}  // namespace
}  // namespace flashlake::server::http
