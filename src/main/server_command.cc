#include "main/server_command.h"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <optional>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <type_traits>

#include "common/error_code.h"
#include "engine/engine.h"
#include "engine/user_store.h"
#include "main/command_line.h"
#include "server/http/api_handler.h"
#include "server/http/http_server.h"
#include "server/mysql/mysql_server.h"

namespace flashlake::cli {

namespace {

constexpr const char* kUsage =
    "usage: flashlake server [--config FILE] [--warehouse DIR] [--mysql-port N] [--http-port N] [--bind ADDR]\n"
    "                        [--root-password P] [--max-connections N] [--max-prepared-statements N]\n"
    "                        [--http-max-body-bytes N] [--worker-threads N]\n"
    "  (`flashlake serve` is the same command)\n"
    "  --config FILE          read options from FILE: `key = value` lines (keys as the flags without\n"
    "                         the dashes, e.g. mysql_port = 9030), `#` comments; flags override it\n"
    "  --warehouse DIR        warehouse directory (default $FLASHLAKE_HOME or ./warehouse)\n"
    "  --mysql-port N         MySQL protocol port (default 9030; 0 picks a free port)\n"
    "  --http-port N          HTTP port: stream load, query API, health (default 8030; 0 picks a free port)\n"
    "  --bind ADDR            address to listen on (default 127.0.0.1; 0.0.0.0 for all)\n"
    "  --root-password P      password of user root (default $FLASHLAKE_ROOT_PASSWORD); '' for none.\n"
    "                         Without either, root keeps the stored password, and at the first start\n"
    "                         (no <warehouse>/_flashlake/users.json) a random one is generated and printed\n"
    "  --ssl-cert FILE --ssl-key FILE  PEM certificate and key: MySQL clients may use TLS\n"
    "  --require-secure-transport 0|1  refuse MySQL clients that do not use TLS (default 0)\n"
    "  --max-connections N    concurrent MySQL client connections (default 1024; more get error 1040)\n"
    "  --max-prepared-statements N  prepared statements open at once per connection (default 1024)\n"
    "  --http-max-body-bytes N  largest HTTP request body, e.g. a stream load (default 1 GiB)\n"
    "  --worker-threads N     query worker threads (default: one per core)\n"
    "  --group-commit-interval-ms N  group commit of concurrent loads of a table: by default a group\n"
    "                         commits as soon as the previous commit is done (no wait); with\n"
    "                         --group-commit-fixed-interval 1 it gathers loads for N ms (default 1000)\n"
    "  --group-commit-max-rows N  a group commits early at this many rows (default 2000000)\n"
    "  --background-compaction 0|1  compact tables while loads go on (default 1)\n"
    "  --compaction-max-files-per-bucket N  backpressure: loads wait while a bucket holds more small\n"
    "                         files / sorted runs (default 200; 0: never)\n"
    "  --backpressure-wait-ms N  how long such a load waits before it fails (default 10000)\n";

struct ServerArgs {
    std::string warehouse = DefaultWarehouse();
    size_t worker_threads = 0;
    ingest::IngestOptions ingest;
    server::mysql::MysqlServerOptions mysql;
    server::http::HttpServerOptions http;
    std::optional<std::string> root_password;  // unset: the stored one (or a generated one)
    bool help = false;
};

// Defaults, then the config file (--config), then the other flags: a flag overrides the file.
bool ParseServerArgs(const std::vector<std::string>& args, ServerArgs& options, std::string& error) {
    if (const char* password = std::getenv("FLASHLAKE_ROOT_PASSWORD")) options.root_password = password;
    options.ingest.compaction.enabled = true;  // a server compacts what its loads write
    CommandLine line;
    auto text = [](std::string& out) {
        return [&out](const std::string& value) {
            out = value;
            return std::string();
        };
    };
    auto count = [](const char* name, uint64_t min, uint64_t max, auto& out) {
        return [name, min, max, &out](const std::string& value) {
            uint64_t number = 0;
            std::string error = ParseCount(name, value, min, max, number);
            if (error.empty()) out = static_cast<std::remove_reference_t<decltype(out)>>(number);
            return error;
        };
    };
    line.AddValue("config", [](const std::string&) { return std::string(); });  // read first, below
    AddColumnCacheOption(line);
    line.AddValue("warehouse", text(options.warehouse));
    line.AddValue("bind", text(options.mysql.bind_address));
    line.AddValue("root-password", [&](const std::string& value) {
        options.root_password = value;
        return std::string();
    });
    line.AddValue("ssl-cert", text(options.mysql.ssl_cert));
    line.AddValue("ssl-key", text(options.mysql.ssl_key));
    line.AddValue("require-secure-transport",
                  count("require-secure-transport", 0, 1, options.mysql.require_secure_transport));
    line.AddValue("mysql-port", [&](const std::string& value) { return ParsePort("mysql-port", value, options.mysql.port); });
    line.AddValue("http-port", [&](const std::string& value) { return ParsePort("http-port", value, options.http.port); });
    line.AddValue("max-connections", count("max-connections", 1, 1000000, options.mysql.max_connections));
    line.AddValue("max-prepared-statements",
                  count("max-prepared-statements", 1, 1000000, options.mysql.max_prepared_statements));
    line.AddValue("http-max-body-bytes", count("http-max-body-bytes", 1, uint64_t{1} << 40, options.http.limits.max_body_bytes));
    line.AddValue("worker-threads", count("worker-threads", 1, 1024, options.worker_threads));
    line.AddValue("group-commit-interval-ms",
                  count("group-commit-interval-ms", 1, 3600000, options.ingest.group_commit.interval_ms));
    line.AddValue("group-commit-fixed-interval", [&](const std::string& value) {
        uint64_t fixed = 0;
        std::string error = ParseCount("group-commit-fixed-interval", value, 0, 1, fixed);
        options.ingest.group_commit.eager = fixed == 0;
        return error;
    });
    line.AddValue("group-commit-max-rows", count("group-commit-max-rows", 1, uint64_t{1} << 40,
                                                 options.ingest.group_commit.max_group_rows));
    line.AddValue("background-compaction", count("background-compaction", 0, 1, options.ingest.compaction.enabled));
    line.AddValue("compaction-max-files-per-bucket", count("compaction-max-files-per-bucket", 0, 1000000,
                                                           options.ingest.compaction.max_files_per_bucket));
    line.AddValue("backpressure-wait-ms",
                  count("backpressure-wait-ms", 0, 3600000, options.ingest.compaction.backpressure_wait_ms));
    line.AddSwitch("help", [&] { options.help = true; });
    if (std::string config = CommandLine::FindValue(args, "config"); !config.empty()) {
        if (!line.ParseConfigFile(config, error)) return false;
    }
    return line.ParseArguments(args, error);
}

void PrintError(const Status& status) {
    const ErrorCodeInfo& info = GetErrorCodeInfo(status.code());
    std::fprintf(stderr, "flashlake server: ERROR %u (%.*s): %s\n", info.mysql_errno,
                 static_cast<int>(info.sqlstate.size()), info.sqlstate.data(), status.message().c_str());
}

}  // namespace

int RunServer(const std::vector<std::string>& args) {
    ServerArgs options;
    std::string error;
    if (!ParseServerArgs(args, options, error)) {
        std::fprintf(stderr, "flashlake server: %s\n%s", error.c_str(), kUsage);
        return 2;
    }
    if (options.help) {
        std::fputs(kUsage, stdout);
        return 0;
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
    engine_options.worker_threads = options.worker_threads;
    engine_options.ingest = options.ingest;
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
