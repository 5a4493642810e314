#include "engine/engine.h"

#include <cstdio>
#include <filesystem>
#include <random>

#include "catalog/catalog_manager.h"
#include "common/logging.h"
#include "engine/session.h"
#include "engine/user_store.h"
#include "exec/expression/expression_evaluator.h"
#include "io/posix_file_system.h"

namespace flashlake::engine {

Engine::Engine(EngineOptions options)
    : options_(std::move(options)), process_memory_("process", options_.process_memory_limit) {}

Engine::~Engine() = default;

Result<std::unique_ptr<Engine>> Engine::Open(EngineOptions options) {
    std::error_code error;
    std::filesystem::create_directories(options.warehouse, error);
    if (error) {
        return Status::IOError("cannot create warehouse directory '" + options.warehouse + "': " + error.message());
    }
    std::unique_ptr<Engine> engine(new Engine(std::move(options)));
    engine->file_system_ = std::make_unique<io::PosixFileSystem>();
    std::random_device random;
    char user[32];
    std::snprintf(user, sizeof(user), "flashlake-%08x%08x", random(), random());
    engine->commit_user_ = user;
    Engine* self = engine.get();
    engine->ingest_ = std::make_unique<ingest::IngestServices>(
        engine->file_system_.get(), engine->commit_user_, [self] { return self->NextCommitIdentifier(); },
        engine->options_.ingest);
    FL_ASSIGN_OR_RETURN(engine->catalogs_, catalog::CatalogManager::Open(engine->file_system_.get(), engine->options_.warehouse));
    FL_ASSIGN_OR_RETURN(engine->users_, UserStore::Open(*engine->file_system_,
                                                        engine->options_.warehouse + "/_flashlake/users.json"));
    // SHOW LOAD's history outlives restarts; without it loads still work, so a failure only warns.
    const std::string metadata_dir = engine->options_.warehouse + "/_flashlake";
    Status journal = engine->file_system_->CreateDirectories(metadata_dir);
    if (journal.ok()) journal = engine->ingest_->loads().OpenJournal(engine->file_system_.get(), metadata_dir + "/loads.jsonl");
    if (!journal.ok()) FL_LOG(kWarning, "load history is kept in memory only: ", journal.ToString());
    engine->worker_pool_ = std::make_unique<ThreadPool>(engine->options_.worker_threads);
    functions::RegisterBuiltinFunctions(engine->functions_);
    functions::RegisterBuiltinAggregates(engine->aggregates_);
    const functions::AggregateRegistry* aggregates = &engine->aggregates_;
    engine->aggregate_resolver_.is_aggregate = [aggregates](const std::string& name) {
        return aggregates->HasAggregate(name);
    };
    engine->aggregate_resolver_.bind = [aggregates](const std::string& name, const std::vector<LogicalType>& types,
                                                    bool distinct) {
        return aggregates->BindAggregate(name, types, distinct);
    };
    engine->optimizer_ = std::make_unique<planner::Optimizer>(
        [](const planner::BoundExpression& expression) { return exec::ExpressionEvaluator::EvaluateConstant(expression); });
    return engine;
}

catalog::Catalog& Engine::catalog() { return catalogs_->default_catalog(); }

std::unique_ptr<Session> Engine::NewSession() { return std::make_unique<Session>(*this); }

}  // namespace flashlake::engine
