#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "engine/engine.h"
#include "engine/session.h"
#include "engine/user_store.h"
#include "server/mysql/mysql_server.h"

namespace flashlake::server::mysql {

// A MySQL protocol server on a free loopback port over an engine on a fresh warehouse, serving
// on a thread of its own. StartServer after StopServer restarts it on the same warehouse.
class MysqlServerFixture : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
        warehouse_ = std::filesystem::temp_directory_path() /
                     ("flashlake-" + std::string(test->test_suite_name()) + "-" + std::to_string(::getpid()));
        std::filesystem::remove_all(warehouse_);
    }
    void TearDown() override {
        StopServer();
        std::filesystem::remove_all(warehouse_);
    }

    // Opens the engine (root's password from `options`, so that logins check the engine's
    // users), runs `setup_sql` in a session of it, then starts the server.
    void StartServer(MysqlServerOptions options = {}, const std::string& setup_sql = {}) {
        engine::EngineOptions engine_options;
        engine_options.warehouse = warehouse_.string();
        engine_options.worker_threads = 1;
        auto engine = engine::Engine::Open(engine_options);
        ASSERT_TRUE(engine.ok()) << engine.status().ToString();
        engine_ = std::move(*engine);
        ASSERT_TRUE(engine_->users().InitRootPassword(options.root_password).ok());
        if (!setup_sql.empty()) {
            auto session = engine_->NewSession();
            ASSERT_TRUE(session->ExecuteScript(setup_sql, [](const auto& result) {
                EXPECT_TRUE(result.ok()) << result.status().ToString();
            }).ok());
        }
        options.port = 0;
        server_ = std::make_unique<MysqlServer>(*engine_, options);
        ASSERT_TRUE(server_->Start().ok());
        serving_ = std::thread([this] { EXPECT_TRUE(server_->Serve().ok()); });
    }
    void StopServer() {
        if (server_) {
            server_->Shutdown();
            serving_.join();
        }
        server_.reset();
        engine_.reset();
    }
    uint16_t port() const { return server_->port(); }

    std::filesystem::path warehouse_;
    std::unique_ptr<engine::Engine> engine_;
    std::unique_ptr<MysqlServer> server_;
    std::thread serving_;
};

}  // namespace flashlake::server::mysql
