#pragma once

// An embedded engine on a fresh temporary warehouse (removed again at the end), for engine tests
// that run SQL through a Session.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "engine/engine.h"
#include "engine/session.h"

namespace flashlake::engine {

class TemporaryEngine {
public:
    // `name` makes the directory recognisable: <tmp>/flashlake-<name>-<pid>.
    explicit TemporaryEngine(const std::string& name)
        : warehouse_(std::filesystem::temp_directory_path() / ("flashlake-" + name + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(warehouse_);
        EngineOptions options;
        options.warehouse = warehouse_.string();
        options.worker_threads = 2;
        auto engine = Engine::Open(options);
        EXPECT_TRUE(engine.ok()) << engine.status().ToString();
        if (engine.ok()) engine_ = std::move(engine).value();
    }
    ~TemporaryEngine() {
        engine_.reset();
        std::filesystem::remove_all(warehouse_);
    }

    bool ok() const { return engine_ != nullptr; }
    Engine& engine() { return *engine_; }
    const std::filesystem::path& warehouse() const { return warehouse_; }

    // A session that has run `setup` (each statement must succeed).
    std::unique_ptr<Session> SessionAfter(const std::vector<std::string>& setup) {
        auto session = engine_->NewSession();
        for (const auto& sql : setup) {
            auto result = session->Execute(sql);
            EXPECT_TRUE(result.ok()) << sql << ": " << result.status().ToString();
        }
        return session;
    }

private:
    std::filesystem::path warehouse_;
    std::unique_ptr<Engine> engine_;
};

}  // namespace flashlake::engine
