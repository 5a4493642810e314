// The HTTP server and API over a real socket, driven by hand-written requests: 100-continue,
// keep-alive, chunked bodies, auth, garbage, and stream loads and queries over an engine.
#include "server/http/http_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "engine/engine.h"
#include "engine/user_store.h"
#include "server/http/api_handler.h"

namespace flashlake::server::http {
namespace {

class Client {
public:
    explicit Client(uint16_t port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        EXPECT_EQ(::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
        timeval timeout{20, 0};  // a server that never answers fails the test instead of hanging it
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    }
    ~Client() { ::close(fd_); }

    void Send(std::string_view bytes) {
        while (!bytes.empty()) {
            ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n <= 0) return;
            bytes.remove_prefix(static_cast<size_t>(n));
        }
    }

    // One response (head and Content-Length body); "" when the connection ends first.
    std::string Receive() {
        while (true) {
            size_t head_end = buffer_.find("\r\n\r\n");
            if (head_end != std::string::npos) {
                size_t length = 0;
                size_t at = buffer_.find("Content-Length: ");
                if (at != std::string::npos && at < head_end) length = std::stoul(buffer_.substr(at + 16));
                if (buffer_.size() >= head_end + 4 + length) {
                    std::string response = buffer_.substr(0, head_end + 4 + length);
                    buffer_.erase(0, head_end + 4 + length);
                    return response;
                }
            }
            char chunk[4096];
            ssize_t n = ::recv(fd_, chunk, sizeof(chunk), 0);
            if (n <= 0) return "";
            buffer_.append(chunk, static_cast<size_t>(n));
        }
    }

    // True when the server closed the connection (and sent nothing more).
    bool Closed() {
        char byte;
        return buffer_.empty() && ::recv(fd_, &byte, 1, 0) == 0;
    }

private:
    int fd_ = -1;
    std::string buffer_;
};

std::string Body(const std::string& response) {
    return response.substr(response.find("\r\n\r\n") + 4);
}
std::string StatusLine(const std::string& response) {
    return response.substr(0, response.find("\r\n"));
}

class HttpServerTest : public ::testing::Test {
protected:
    void SetUp() override {
        warehouse_ = std::filesystem::temp_directory_path() / ("flashlake-http-test-" + std::to_string(::getpid()));
        std::filesystem::remove_all(warehouse_);
        engine::EngineOptions engine_options;
        engine_options.warehouse = warehouse_.string();
        engine_options.worker_threads = 2;
        auto engine = engine::Engine::Open(engine_options);
        ASSERT_TRUE(engine.ok()) << engine.status().ToString();
        engine_ = std::move(*engine);
        ASSERT_TRUE(engine_->users().InitRootPassword(std::string("pw")).ok());  // HTTP users are the engine's
        ApiOptions api_options;
        api_options.root_password = "pw";
        api_ = std::make_unique<ApiHandler>(*engine_, api_options);
        HttpServerOptions options;
        options.port = 0;
        options.limits.max_body_bytes = 1 << 20;
        options.limits.max_header_bytes = 8 << 10;
        server_ = std::make_unique<HttpServer>(*api_, options);
        ASSERT_TRUE(server_->Start().ok());
        api_->set_port(server_->port());
        thread_ = std::thread([this] { EXPECT_TRUE(server_->Serve().ok()); });
        std::string created = Query("CREATE DATABASE db");
        ASSERT_NE(created.find("200 OK"), std::string::npos) << created;
        created = Query("CREATE TABLE db.t (k INT NOT NULL, v VARCHAR(20)) DUPLICATE KEY(k)");
        ASSERT_NE(created.find("200 OK"), std::string::npos) << created;
    }

    void TearDown() override {
        if (server_) server_->Shutdown();
        if (thread_.joinable()) thread_.join();
        server_.reset();
        api_.reset();
        engine_.reset();
        std::filesystem::remove_all(warehouse_);
    }

    std::string Query(const std::string& sql, const std::string& auth = "cm9vdDpwdw==") {
        Client client(server_->port());
        client.Send("POST /api/query HTTP/1.1\r\nHost: h\r\nAuthorization: Basic " + auth +
                    "\r\nContent-Length: " + std::to_string(sql.size()) + "\r\n\r\n" + sql);
        return client.Receive();
    }

    std::string Load(const std::string& headers, const std::string& body) {
        Client client(server_->port());
        client.Send("PUT /api/db/t/_stream_load HTTP/1.1\r\nHost: h\r\nAuthorization: Basic cm9vdDpwdw==\r\n" +
                    headers + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
        return client.Receive();
    }

    std::filesystem::path warehouse_;
    std::unique_ptr<engine::Engine> engine_;
    std::unique_ptr<ApiHandler> api_;
    std::unique_ptr<HttpServer> server_;
    std::thread thread_;
};

TEST_F(HttpServerTest, StreamLoadWithExpectContinue) {
    Client client(server_->port());
    std::string body = "1,a\n2,b\n3,c\n";
    client.Send(
        "PUT /api/db/t/_stream_load HTTP/1.1\r\nHost: h\r\nAuthorization: Basic cm9vdDpwdw==\r\n"
        "label: l1\r\nCOLUMN_SEPARATOR: ,\r\nExpect: 100-continue\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n");
    std::string interim = client.Receive();
    EXPECT_EQ(interim, "HTTP/1.1 100 Continue\r\n\r\n");
    client.Send(body);
    std::string response = client.Receive();
    EXPECT_EQ(StatusLine(response), "HTTP/1.1 200 OK");
    EXPECT_NE(response.find("\"Status\" : \"Success\""), std::string::npos) << response;
    EXPECT_NE(response.find("\"NumberLoadedRows\" : 3"), std::string::npos) << response;
    EXPECT_NE(response.find("\"Label\" : \"l1\""), std::string::npos) << response;

    // Same connection (keep-alive), same label: refused, nothing doubled.
    client.Send(
        "PUT /api/db/t/_stream_load HTTP/1.1\r\nHost: h\r\nAuthorization: Basic cm9vdDpwdw==\r\n"
        "label: l1\r\ncolumn_separator: ,\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body);
    response = client.Receive();
    EXPECT_NE(response.find("\"Status\" : \"Label Already Exists\""), std::string::npos) << response;
    EXPECT_NE(response.find("\"ExistingJobStatus\" : \"FINISHED\""), std::string::npos) << response;
    std::string rows = Query("SELECT count(*) FROM db.t");
    EXPECT_NE(Body(rows).find("\"rows\":[[3]]"), std::string::npos) << rows;
}

TEST_F(HttpServerTest, ChunkedBodyAndErrorLog) {
    Client client(server_->port());
    client.Send(
        "PUT /api/db/t/_stream_load HTTP/1.1\r\nHost: myhost:1234\r\nAuthorization: Basic cm9vdDpwdw==\r\n"
        "column_separator: ,\r\nmax_filter_ratio: 0.5\r\nTransfer-Encoding: chunked\r\n\r\n"
        "4\r\n1,a\n\r\n8\r\nbad\n2,b\n\r\n0\r\n\r\n");
    std::string response = client.Receive();
    EXPECT_NE(response.find("\"NumberLoadedRows\" : 2"), std::string::npos) << response;
    EXPECT_NE(response.find("\"NumberFilteredRows\" : 1"), std::string::npos) << response;
    size_t at = response.find("http://myhost:1234/api/_load_error_log?file=");
    ASSERT_NE(at, std::string::npos) << response;
    std::string id = response.substr(at + 44, response.find('"', at) - at - 44);
    client.Send("GET /api/_load_error_log?file=" + id + " HTTP/1.1\r\nHost: h\r\n\r\n");
    std::string log = client.Receive();
    EXPECT_EQ(StatusLine(log), "HTTP/1.1 200 OK");
    EXPECT_NE(Body(log).find("line 2: expected 2 columns, found 1. Row: bad"), std::string::npos) << log;
}

TEST_F(HttpServerTest, AuthIsChecked) {
    Client client(server_->port());
    client.Send(
        "PUT /api/db/t/_stream_load HTTP/1.1\r\nHost: h\r\nAuthorization: Basic cm9vdDp3cm9uZw==\r\n"
        "Expect: 100-continue\r\nContent-Length: 4\r\n\r\n");
    std::string response = client.Receive();
    EXPECT_EQ(StatusLine(response), "HTTP/1.1 401 Unauthorized") << response;
    EXPECT_NE(response.find("WWW-Authenticate: Basic"), std::string::npos);
    EXPECT_TRUE(client.Closed());
    EXPECT_EQ(StatusLine(Query("SELECT 1", "cm9vdDo=")), "HTTP/1.1 401 Unauthorized");
    EXPECT_EQ(StatusLine(Load("", "")), "HTTP/1.1 200 OK");  // no body: still authenticated
}

TEST_F(HttpServerTest, QueryApi) {
    std::string response = Query(R"({"query": "SELECT 1 AS one, 'x' AS s, NULL AS n, 2.5 AS d"})");
    EXPECT_EQ(StatusLine(response), "HTTP/1.1 200 OK");
    EXPECT_NE(Body(response).find(R"("rows":[[1,"x",null,"2.5"]])"), std::string::npos) << response;
    response = Query("SELECT * FROM db.nope");
    EXPECT_EQ(StatusLine(response), "HTTP/1.1 400 Bad Request");
    EXPECT_NE(Body(response).find("\"errno\":1146"), std::string::npos) << response;
    response = Load("", "1\tz\n");
    EXPECT_NE(response.find("\"Status\" : \"Success\""), std::string::npos) << response;
    response = Query(R"({"query": "SELECT v FROM t", "db": "db"})");
    EXPECT_NE(Body(response).find(R"("rows":[["z"]])"), std::string::npos) << response;
}

TEST_F(HttpServerTest, SurvivesGarbage) {
    {
        Client client(server_->port());
        client.Send(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n", 23));
        std::string response = client.Receive();
        EXPECT_EQ(StatusLine(response), "HTTP/1.1 400 Bad Request") << response;
    }
    {
        Client client(server_->port());
        client.Send("GET /api/health HTTP/1.1\r\nHost: h\r\nX: " + std::string(10000, 'a'));
        EXPECT_EQ(StatusLine(client.Receive()), "HTTP/1.1 431 Request Header Fields Too Large");
    }
    {
        Client client(server_->port());
        client.Send(
            "PUT /api/db/t/_stream_load HTTP/1.1\r\nHost: h\r\nAuthorization: Basic cm9vdDpwdw==\r\n"
            "Content-Length: 99999999\r\n\r\n");
        EXPECT_EQ(StatusLine(client.Receive()), "HTTP/1.1 413 Content Too Large");
    }
    {
        Client client(server_->port());
        client.Send("GET /nope HTTP/1.1\r\nHost: h\r\n\r\n");
        EXPECT_EQ(StatusLine(client.Receive()), "HTTP/1.1 404 Not Found");
        client.Send("GET /api/health HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
        std::string response = client.Receive();
        EXPECT_EQ(Body(response), "{\"status\": \"OK\"}\n");
        EXPECT_TRUE(client.Closed());
    }
    {
        Client client(server_->port());  // a client that goes away mid-body
        client.Send(
            "PUT /api/db/t/_stream_load HTTP/1.1\r\nHost: h\r\nAuthorization: Basic cm9vdDpwdw==\r\n"
            "Content-Length: 100\r\n\r\n1\tx\n");
    }
    Client client(server_->port());
    client.Send("GET /api/health HTTP/1.1\r\nHost: h\r\n\r\n");
    EXPECT_EQ(StatusLine(client.Receive()), "HTTP/1.1 200 OK");
}

}  // namespace
}  // namespace flashlake::server::http
