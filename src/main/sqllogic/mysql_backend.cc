#include "main/sqllogic/mysql_backend.h"

#include <mysql.h>

#include <mutex>
#include <string>
#include <thread>

#include "engine/engine.h"
#include "engine/user_store.h"
#include "server/mysql/mysql_server.h"

namespace flashlake::cli::sqllogic {

namespace {

// A password is set so that the run also goes through the handshake's authentication.
constexpr const char* kRootPassword = "sqltest";

// The server's own error text comes back as-is; the runner matches expected errors against it.
Status ClientError(MYSQL* client) {
    return Status(ErrorCode::kInternal, "ERROR " + std::to_string(mysql_errno(client)) + " (" +
                                            mysql_sqlstate(client) + "): " + mysql_error(client));
}

class MysqlBackend : public Backend {
public:
    MysqlBackend(std::unique_ptr<engine::Engine> engine, server::mysql::MysqlServerOptions options)
        : engine_(std::move(engine)), server_(*engine_, std::move(options)) {}

    ~MysqlBackend() override {
        if (client_ != nullptr) mysql_close(client_);
        if (serving_.joinable()) {
            server_.Shutdown();
            serving_.join();
        }
    }

    Status Start() {
        FL_RETURN_NOT_OK(server_.Start());
        // Serve fails only on a broken listener; the client's connect below then reports it.
        serving_ = std::thread([this] { (void)server_.Serve(); });
        client_ = mysql_init(nullptr);
        if (client_ == nullptr) return Status(ErrorCode::kInternal, "mysql_init failed");
        const unsigned int timeout_seconds = 600;
        mysql_options(client_, MYSQL_OPT_READ_TIMEOUT, &timeout_seconds);
        if (mysql_real_connect(client_, "127.0.0.1", "root", kRootPassword, nullptr, server_.port(), nullptr,
                               CLIENT_MULTI_STATEMENTS | CLIENT_MULTI_RESULTS) == nullptr) {
            return ClientError(client_);
        }
        return Status::OK();
    }

    Result<TextResult> Execute(const std::string& sql) override {
        TextResult text;
        if (mysql_real_query(client_, sql.data(), sql.size()) != 0) return ClientError(client_);
        // Every statement of a multi-statement text answers in turn; the last result set counts,
        // as in-process. The server stops at the first failing statement and reports it.
        for (;;) {
            if (MYSQL_RES* result = mysql_store_result(client_)) {
                text.has_rows = true;
                text.rows.clear();
                const unsigned int columns = mysql_num_fields(result);
                while (MYSQL_ROW row = mysql_fetch_row(result)) {
                    const unsigned long* lengths = mysql_fetch_lengths(result);
                    std::vector<std::string> values;
                    values.reserve(columns);
                    for (unsigned int c = 0; c < columns; ++c) {
                        if (row[c] == nullptr) {
                            values.emplace_back("NULL");
                        } else if (lengths[c] == 0) {
                            values.emplace_back("(empty)");
                        } else {
                            values.emplace_back(row[c], lengths[c]);
                        }
                    }
                    text.rows.push_back(std::move(values));
                }
                mysql_free_result(result);
            } else if (mysql_field_count(client_) != 0) {
                return ClientError(client_);  // a result set was announced but could not be read
            }
            const int next = mysql_next_result(client_);
            if (next < 0) break;
            if (next > 0) return ClientError(client_);
        }
        return text;
    }

private:
    std::unique_ptr<engine::Engine> engine_;
    server::mysql::MysqlServer server_;
    std::thread serving_;
    MYSQL* client_ = nullptr;
};

class MysqlBackendFactory : public BackendFactory {
public:
    MysqlBackendFactory() {
        static std::once_flag initialized;
        std::call_once(initialized, [] { mysql_library_init(0, nullptr, nullptr); });
    }

    std::string name() const override { return "mysql"; }

    Result<std::unique_ptr<Backend>> Create(const std::string& warehouse) override {
        FL_ASSIGN_OR_RETURN(auto engine, OpenTestEngine(warehouse));
        FL_RETURN_NOT_OK(engine->users().InitRootPassword(std::string(kRootPassword)).status());
        server::mysql::MysqlServerOptions server_options;
        server_options.port = 0;
        server_options.max_connections = 16;
        auto backend = std::make_unique<MysqlBackend>(std::move(engine), std::move(server_options));
        FL_RETURN_NOT_OK(backend->Start());
        return std::unique_ptr<Backend>(std::move(backend));
    }
};

}  // namespace

std::unique_ptr<BackendFactory> MakeMysqlBackendFactory() { return std::make_unique<MysqlBackendFactory>(); }

}  // namespace flashlake::cli::sqllogic
