#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "common/memory_tracker.h"
#include "common/result.h"
#include "common/thread_pool.h"
#include "functions/aggregate/aggregate_registry.h"
#include "functions/function_registry.h"
#include "ingest/ingest_services.h"
#include "io/file_system.h"
#include "planner/binder/binder.h"
#include "planner/optimizer/optimizer.h"

namespace flashlake::engine {

class Session;
class UserStore;
}  // namespace flashlake::engine

namespace flashlake::catalog {
class Catalog;
class CatalogManager;
}

namespace flashlake::engine {

struct EngineOptions {
    std::string warehouse = "./warehouse";
    size_t worker_threads = 0;       // 0: one per core
    int64_t process_memory_limit = -1;  // bytes; -1: unlimited
    // Group commit, background compaction and backpressure, load tracking (ingest_services.h).
    ingest::IngestOptions ingest;
};

// The services of one Flashlake instance: worker pool, function registry, optimizer, memory
// accounting (and, as later layers land, the catalog over the warehouse, caches, resource groups,
// MV scheduler). main() builds one Engine and passes it down; there are no globals.
class Engine {
public:
    static Result<std::unique_ptr<Engine>> Open(EngineOptions options);
    ~Engine();

    std::unique_ptr<Session> NewSession();

    const EngineOptions& options() const { return options_; }
    ThreadPool& worker_pool() { return *worker_pool_; }
    const functions::FunctionRegistry& functions() const { return functions_; }
    const planner::Optimizer& optimizer() const { return *optimizer_; }
    MemoryTracker& process_memory() { return process_memory_; }
    io::FileSystem& file_system() { return *file_system_; }
    // Flashlake's own warehouse catalog, and all catalogs (external ones included).
    catalog::Catalog& catalog();
    catalog::CatalogManager& catalogs() { return *catalogs_; }
    const planner::AggregateResolver& aggregate_resolver() const { return aggregate_resolver_; }
    // Who this process commits as ("flashlake-<random>"), and a fresh identifier per commit: a
    // retried commit with the same pair is recognised instead of applied twice.
    const std::string& commit_user() const { return commit_user_; }
    int64_t NextCommitIdentifier() { return next_commit_identifier_.fetch_add(1); }
    // Shared by stream loads and INSERTs: group commit, compaction scheduling, recent loads.
    ingest::IngestServices& ingest() { return *ingest_; }
    // Users, roles and grants (<warehouse>/_flashlake/users.json).
    UserStore& users() { return *users_; }

private:
    explicit Engine(EngineOptions options);

    EngineOptions options_;
    std::unique_ptr<io::FileSystem> file_system_;
    std::unique_ptr<ThreadPool> worker_pool_;
    functions::FunctionRegistry functions_;
    functions::AggregateRegistry aggregates_;
    std::unique_ptr<planner::Optimizer> optimizer_;
    std::unique_ptr<catalog::CatalogManager> catalogs_;
    std::unique_ptr<UserStore> users_;
    planner::AggregateResolver aggregate_resolver_;
    std::string commit_user_;
    std::atomic<int64_t> next_commit_identifier_{1};
    MemoryTracker process_memory_;
    // Last: its compaction thread stops first, while everything it uses is still there.
    std::unique_ptr<ingest::IngestServices> ingest_;
};

}  // namespace flashlake::engine
