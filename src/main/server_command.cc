#include "main/server_command.h"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <optional>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "common/error_code.h"
#include "engine/engine.h"
#include "engine/user_store.h"
#include "server/http/api_handler.h"
#include "server/http/http_server.h"
#include "server/mysql/mysql_server.h"

namespace flashlake::cli {

namespace {

constexpr const char* kUsage =
    "usage: flashlake serve [--warehouse DIR] [--mysql-port N] [--bind ADDR] [--root-password P]\n"
    "                       [--max-connections N] [--http-port N] [--http-max-body-bytes N]\n"
    "  --warehouse DIR        warehouse directory (default $FLASHLAKE_HOME or ./warehouse)\n"
    "  --mysql-port N         MySQL protocol port (default 9030; 0 picks a free port)\n"
    "  --bind ADDR            address to listen on (default 127.0.0.1; 0.0.0.0 for all)\n"
    "  --root-password P      password of user root (default $FLASHLAKE_ROOT_PASSWORD); '' for none.\n"
    "                         Without either, root keeps the stored password, and at the first start\n"
    "                         (no <warehouse>/_flashlake/users.json) a random one is generated and printed\n"
    "  --ssl-cert FILE --ssl-key FILE  PEM certificate and key: MySQL clients may use TLS\n"
    "  --max-connections N    concurrent client connections (default 1024)\n"
    "  --http-port N          HTTP port: stream load, query API, health (default 8030; 0 picks a free port)\n"
    "  --http-max-body-bytes N  largest HTTP request body, e.g. a stream load (default 1 GiB)\n";

struct ServerArgs {
    std::string warehouse;
    server::mysql::MysqlServerOptions mysql;
    server::http::HttpServerOptions http;
    std::optional<std::string> root_password;  // unset: the stored one (or a generated one)
};

bool ParseNumber(const std::string& text, uint64_t max, uint64_t& out) {
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size() && out <= max;
}

bool ParseServerArgs(const std::vector<std::string>& args, ServerArgs& options, std::string& error) {
    const char* home = std::getenv("FLASHLAKE_HOME");
    options.warehouse = home ? home : "./warehouse";
    if (const char* password = std::getenv("FLASHLAKE_ROOT_PASSWORD")) options.root_password = password;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        auto value = [&](std::string& out) {
            if (size_t eq = arg.find('='); eq != std::string::npos && arg.rfind("--", 0) == 0) {
                out = arg.substr(eq + 1);
                return true;
            }
            if (i + 1 >= args.size()) {
                error = arg + " needs a value";
                return false;
            }
            out = args[++i];
            return true;
        };
        std::string name = arg.substr(0, arg.find('='));
        std::string text;
        uint64_t number = 0;
        if (name == "--warehouse") {
            if (!value(options.warehouse)) return false;
        } else if (name == "--bind") {
            if (!value(options.mysql.bind_address)) return false;
        } else if (name == "--root-password") {
            if (!value(text)) return false;
            options.root_password = text;
        } else if (name == "--ssl-cert") {
            if (!value(options.mysql.ssl_cert)) return false;
        } else if (name == "--ssl-key") {
            if (!value(options.mysql.ssl_key)) return false;
        } else if (name == "--mysql-port") {
            if (!value(text)) return false;
            if (!ParseNumber(text, 65535, number)) {
                error = "--mysql-port must be a port number, not '" + text + "'";
                return false;
            }
            options.mysql.port = static_cast<uint16_t>(number);
        } else if (name == "--http-port") {
            if (!value(text)) return false;
            if (!ParseNumber(text, 65535, number)) {
                error = "--http-port must be a port number, not '" + text + "'";
                return false;
            }
            options.http.port = static_cast<uint16_t>(number);
        } else if (name == "--http-max-body-bytes") {
            if (!value(text)) return false;
            if (!ParseNumber(text, uint64_t{1} << 40, number) || number == 0) {
                error = "--http-max-body-bytes must be a positive number, not '" + text + "'";
                return false;
            }
            options.http.limits.max_body_bytes = number;
        } else if (name == "--max-connections") {
            if (!value(text)) return false;
            if (!ParseNumber(text, 1000000, number) || number == 0) {
                error = "--max-connections must be a positive number, not '" + text + "'";
                return false;
            }
            options.mysql.max_connections = number;
        } else if (name == "--help" || name == "-h") {
            std::fputs(kUsage, stdout);
            std::exit(0);
        } else {
            error = "unknown argument '" + arg + "'";
            return false;
        }
    }
    return true;
}

void PrintError(const Status& status) {
    const ErrorCodeInfo& info = GetErrorCodeInfo(status.code());
    std::fprintf(stderr, "flashlake serve: ERROR %u (%.*s): %s\n", info.mysql_errno,
                 static_cast<int>(info.sqlstate.size()), info.sqlstate.data(), status.message().c_str());
}

}  // namespace

int RunServer(const std::vector<std::string>& args) {
    ServerArgs options;
    std::string error;
    if (!ParseServerArgs(args, options, error)) {
        std::fprintf(stderr, "flashlake serve: %s\n%s", error.c_str(), kUsage);
        return 2;
    }
    // Block the shutdown signals before any thread starts, so that every thread inherits the mask
    // and only the waiter below receives them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    engine::EngineOptions engine_options;
    engine_options.warehouse = options.warehouse;
    engine_options.ingest.compaction.enabled = true;  // a server compacts what its loads write
    auto engine = engine::Engine::Open(engine_options);
    if (!engine.ok()) {
        PrintError(engine.status());
        return 1;
    }
    auto generated = (*engine)->users().InitRootPassword(options.root_password);
    if (!generated.ok()) {
        PrintError(generated.status());
        return 1;
    }
    if (*generated) {
        std::fprintf(stderr,
                     "flashlake: first start: generated password for user root: %s\n"
                     "flashlake: (shown only now; stored hashed in %s/_flashlake/users.json; change it with\n"
                     "flashlake:  ALTER USER root IDENTIFIED BY '...' or start with --root-password)\n",
                     (*generated)->c_str(), options.warehouse.c_str());
    }
    server::mysql::MysqlServer server(**engine, options.mysql);
    if (Status started = server.Start(); !started.ok()) {
        PrintError(started);
        return 1;
    }
    options.http.bind_address = options.mysql.bind_address;
    server::http::ApiOptions api_options;
    api_options.advertised_host = options.mysql.bind_address == "0.0.0.0" ? "127.0.0.1" : options.mysql.bind_address;
    server::http::ApiHandler api(**engine, api_options);
    server::http::HttpServer http_server(api, options.http);
    if (Status started = http_server.Start(); !started.ok()) {
        PrintError(started);
        return 1;
    }
    api.set_port(http_server.port());
    std::fprintf(stderr, "flashlake: HTTP server listening on %s:%u\n", options.http.bind_address.c_str(),
                 http_server.port());
    std::fprintf(stderr, "flashlake: MySQL protocol server listening on %s:%u (warehouse %s)\n",
                 options.mysql.bind_address.c_str(), server.port(), options.warehouse.c_str());
    std::fflush(stderr);
    Status http_served;
    std::thread http_thread([&] { http_served = http_server.Serve(); });

    std::atomic<bool> failed{false};
    std::thread waiter([&server, &http_server, &failed, signals] {
        int received = 0;
        sigwait(&signals, &received);
        if (!failed.load()) {
            std::fprintf(stderr, "flashlake: %s received, shutting down\n", received == SIGINT ? "SIGINT" : "SIGTERM");
        }
        server.Shutdown();
        http_server.Shutdown();
    });
    Status served = server.Serve();
    // Serve only returns early on a fatal error; release the waiter with a signal of our own.
    if (!served.ok()) {
        failed.store(true);
        pthread_kill(waiter.native_handle(), SIGTERM);
    }
    waiter.join();
    http_thread.join();
    if (!http_served.ok()) PrintError(http_served);
    if (!served.ok()) {
        PrintError(served);
        return 1;
    }
    std::fputs("flashlake: server stopped\n", stderr);
    return 0;
}

}  // namespace flashlake::cli
