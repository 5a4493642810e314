// INSERT, DELETE, UPDATE and TRUNCATE on lake tables. A statement's rows are written into new
// data files by a TableWriteSink; then one TableCommit makes them a snapshot, recording the
// statement's label, so that a retried label is refused instead of applied twice. A statement
// that fails at any point deletes the files it wrote; readers never see half of it.

#include <random>
#include <set>

#include "catalog/catalog.h"
#include "common/memory_tracker.h"
#include "common/query_error.h"
#include "engine/engine.h"
#include "engine/partition_names.h"
#include "engine/session.h"
#include "exec/operators/table_write_sink.h"
#include "exec/pipeline/exec_context.h"
#include "exec/query_executor.h"
#include "lake/commit/table_commit.h"
#include "sql/parser/ddl_statement.h"
#include "sql/parser/statement.h"

namespace flashlake::engine {

namespace {

// Paimon row kinds as the lake writer takes them.
constexpr uint8_t kRowKindDelete = 3;

std::string NewLabel(const char* prefix) {
    static thread_local std::mt19937_64 random(std::random_device{}());
    char text[40];
    std::snprintf(text, sizeof(text), "%s_%016llx", prefix, static_cast<unsigned long long>(random()));
    return text;
}

std::string Quote(const std::string& text) { return "'" + text + "'"; }

}  // namespace

void Session::PrepareExecContext(exec::ExecContext& context, MemoryTracker& query_memory) {
    context.pool = &engine_.worker_pool();
    int64_t dop = GetVariable("pipeline_dop")->GetInt64();
    context.parallelism = dop > 0 ? static_cast<size_t>(dop) : engine_.worker_pool().num_threads();
    context.memory = &query_memory;
    context.fs = &engine_.file_system();
    context.interrupted = &interrupted_;
}

int64_t Session::QueryMemoryLimit() const {
    int64_t limit = GetVariable("query_mem_limit")->GetInt64();
    return limit > 0 ? limit : -1;
}

Result<StatementResult> Session::WriteRows(const catalog::TableEntry& table, planner::LogicalOperatorPtr plan,
                                           const WriteSpec& spec) {
    engine_.optimizer().Optimize(plan, DisabledOptimizerPasses());
    lake::TableCommit commit(&engine_.file_system(), table.path);
    std::string label = spec.label.empty() ? NewLabel(spec.label_prefix) : spec.label;
    if (!spec.label.empty()) {
        // Refused before any row is written; the commit checks again, atomically.
        FL_ASSIGN_OR_RETURN(std::optional<int64_t> holder, commit.FindLabel(label));
        if (holder) {
            return Status(ErrorCode::kLabelAlreadyExists,
                          "Label [" + label + "] has already been used (snapshot " + std::to_string(*holder) + ")");
        }
    }
    if (!spec.load) return WriteAndCommit(table, std::move(plan), spec, label, commit);
    // A load: listed in SHOW LOAD / information_schema.loads, and held back while compaction is behind.
    ingest::IngestServices& services = engine_.ingest();
    int64_t tracked = services.loads().Begin(label, table.database, table.name, "INSERT");
    ingest::LoadRecord figures;
    Result<StatementResult> result = Status(ErrorCode::kInternal, "INSERT: not run");
    Status admitted = services.compaction().Admit(table.path, table.database + "." + table.name);
    try {
        result = admitted.ok() ? WriteAndCommit(table, std::move(plan), spec, label, commit, &figures.txn_id)
                               : Result<StatementResult>(admitted);
    } catch (...) {
        // A query error thrown on the way (reported by the caller): the load is over.
        figures.error = "failed";
        services.loads().Finish(tracked, figures);
        throw;
    }
    if (!result.ok() && result.status().code() == ErrorCode::kLabelAlreadyExists) {
        services.loads().Discard(tracked);
    } else {
        if (result.ok()) {
            figures.scan_rows = figures.loaded_rows = result->affected_rows;
        } else {
            figures.error = result.status().message();
        }
        services.loads().Finish(tracked, figures);
    }
    return result;
}

Result<StatementResult> Session::WriteAndCommit(const catalog::TableEntry& table, planner::LogicalOperatorPtr plan,
                                                const WriteSpec& spec, const std::string& label,
                                                lake::TableCommit& commit, int64_t* snapshot_out) {

    MemoryTracker query_memory("query", QueryMemoryLimit(), &engine_.process_memory());
    exec::ExecContext context;
    PrepareExecContext(context, query_memory);
    exec::TableWriteSink::Options options;
    options.fs = &engine_.file_system();
    options.table_path = table.path;
    options.schema = table.schema;
    options.writer_options.commit_user = engine_.commit_user();
    options.max_writers = table.schema.primary_keys.empty() ? context.parallelism : 1;
    options.row_kind = spec.row_kind;
    exec::TableWriteSink sink(std::move(options));

    auto abort = [&](Status status) {
        Status cleanup = sink.Abort();
        (void)cleanup;  // the statement's own error is the one to report; orphans are swept later
        return status;
    };
    Status run = exec::ExecutePlanInto(*plan, context, sink);
    if (!run.ok()) return abort(run);
    auto messages = sink.PrepareCommit();
    if (!messages.ok()) return abort(messages.status());

    StatementResult result;
    result.affected_rows = sink.rows_written();
    std::string status_text = "VISIBLE";
    int64_t snapshot_id = 0;
    // An INSERT of no rows commits nothing, unless it replaces data or carries a label (which
    // must be recorded, so that its retry is recognised).
    if (spec.load && !spec.overwrite && (!messages->empty() || !spec.label.empty())) {
        ingest::GroupCommitEntry entry;
        entry.messages = *messages;
        entry.label = label;
        entry.rows = result.affected_rows;
        auto grouped = engine_.ingest().committer().Commit(table.path, std::move(entry));
        if (!grouped.ok()) {
            if (grouped.status().code() == ErrorCode::kLabelAlreadyExists) {
                return abort(Status(ErrorCode::kLabelAlreadyExists,
                                    "Label [" + label + "] has already been used: " + grouped.status().message()));
            }
            return abort(grouped.status());
        }
        sink.MarkCommitted();
        engine_.ingest().compaction().NotifyCommitted(table.path, *messages);
        snapshot_id = grouped->snapshot_id;
    } else if (!messages->empty() || spec.overwrite || !spec.label.empty()) {
        lake::CommitRequest request;
        request.commit_user = engine_.commit_user();
        request.commit_identifier = engine_.NextCommitIdentifier();
        request.kind = spec.overwrite ? lake::CommitKind::kOverwrite : lake::CommitKind::kAppend;
        if (spec.overwrite && spec.dynamic_overwrite) request.overwrite_scope = lake::OverwriteScope::kDynamic;
        if (spec.overwrite && spec.overwrite_partitions) {
            // Rows outside the named partitions fail the statement before anything is replaced.
            std::set<std::string> named;
            for (const auto& partition : *spec.overwrite_partitions) named.insert(partition.bytes());
            for (const auto& message : *messages) {
                if (message.new_files.empty() || named.count(message.partition.bytes())) continue;
                auto name = PartitionName(table.schema, message.partition);
                return abort(Status(ErrorCode::kInvalidArgument,
                                    "INSERT OVERWRITE " + table.name + " PARTITION (...): rows of partition '" +
                                        (name.ok() ? *name : std::string("?")) +
                                        "' are not in the partitions named; nothing was written"));
            }
            request.overwrite_scope = lake::OverwriteScope::kPartitions;
            request.overwrite_partitions = *spec.overwrite_partitions;
        }
        request.messages = std::move(*messages);
        request.labels.push_back(label);
        auto committed = commit.Commit(request);
        if (!committed.ok()) {
            if (committed.status().code() == ErrorCode::kLabelAlreadyExists) {
                return abort(Status(ErrorCode::kLabelAlreadyExists,
                                    "Label [" + label + "] has already been used: " + committed.status().message()));
            }
            return abort(committed.status());
        }
        sink.MarkCommitted();
        snapshot_id = committed->snapshot_id;
    }
    if (snapshot_out != nullptr) *snapshot_out = snapshot_id;
    result.message = "{'label':" + Quote(label) + ", 'status':" + Quote(status_text) +
                     ", 'txnId':" + Quote(std::to_string(snapshot_id)) + "}";
    return result;
}

Result<StatementResult> Session::ExecuteInsert(const sql::InsertStatement& insert) {
    FL_ASSIGN_OR_RETURN(catalog::TableEntry table, LookupTable(insert.table));
    std::optional<std::vector<lake::BinaryRow>> overwrite_partitions;
    if (!insert.partitions.empty()) {
        if (!insert.overwrite) {
            return Status(ErrorCode::kNotSupported,
                          "INSERT INTO ... PARTITION (...) is not supported; rows go to the partitions of their values "
                          "(INSERT OVERWRITE ... PARTITION (...) replaces the named partitions)");
        }
        FL_ASSIGN_OR_RETURN(overwrite_partitions, ResolvePartitionNames(table.schema, table.name, insert.partitions));
    }
    bool strict = GetVariable("enable_insert_strict")->GetBool();
    planner::Binder binder = MakeBinder();
    FL_ASSIGN_OR_RETURN(planner::LogicalOperatorPtr plan, binder.BindInsertRows(insert, table, strict));
    WriteSpec spec;
    spec.label = insert.label;
    spec.overwrite = insert.overwrite;
    spec.dynamic_overwrite = GetVariable("dynamic_overwrite")->GetBool() && !table.schema.partition_keys.empty();
    spec.overwrite_partitions = std::move(overwrite_partitions);
    spec.load = !insert.overwrite;
    return WriteRows(table, std::move(plan), spec);
}

namespace {

Status RequirePrimaryKey(const catalog::TableEntry& table, const char* statement) {
    if (table.schema.primary_keys.empty()) {
        return Status(ErrorCode::kNotSupported, std::string(statement) + " needs a primary-key table; '" + table.name +
                                                    "' is a DUPLICATE KEY (append) table");
    }
    auto engine = table.schema.Option("merge-engine").value_or("deduplicate");
    if (engine != "deduplicate" && engine != "partial-update") {
        return Status(ErrorCode::kNotSupported, std::string(statement) + " is not supported on '" + table.name +
                                                    "', whose merge engine is " + engine);
    }
    return Status::OK();
}

}  // namespace

Result<StatementResult> Session::ExecuteDelete(const sql::DeleteStatement& del) {
    FL_ASSIGN_OR_RETURN(catalog::TableEntry table, LookupTable(del.table));
    FL_RETURN_NOT_OK(RequirePrimaryKey(table, "DELETE"));
    planner::Binder binder = MakeBinder();
    FL_ASSIGN_OR_RETURN(planner::LogicalOperatorPtr plan, binder.BindDeleteRows(del, table));
    WriteSpec spec;
    spec.label_prefix = "delete";
    spec.row_kind = kRowKindDelete;
    return WriteRows(table, std::move(plan), spec);
}

Result<StatementResult> Session::ExecuteUpdate(const sql::UpdateStatement& update) {
    FL_ASSIGN_OR_RETURN(catalog::TableEntry table, LookupTable(update.table));
    FL_RETURN_NOT_OK(RequirePrimaryKey(table, "UPDATE"));
    bool strict = GetVariable("enable_insert_strict")->GetBool();
    planner::Binder binder = MakeBinder();
    FL_ASSIGN_OR_RETURN(planner::LogicalOperatorPtr plan, binder.BindUpdateRows(update, table, strict));
    WriteSpec spec;
    spec.label_prefix = "update";
    return WriteRows(table, std::move(plan), spec);
}

Result<StatementResult> Session::ExecuteTruncate(const sql::TruncateTableStatement& truncate) {
    FL_ASSIGN_OR_RETURN(catalog::TableEntry table, LookupTable(truncate.table));
    lake::TableCommit commit(&engine_.file_system(), table.path);
    if (!truncate.partitions.empty()) {
        // An OVERWRITE of the named partitions with no new files, in one snapshot.
        FL_ASSIGN_OR_RETURN(std::vector<lake::BinaryRow> partitions,
                            ResolvePartitionNames(table.schema, table.name, truncate.partitions));
        auto overwritten =
            commit.Overwrite(engine_.commit_user(), engine_.NextCommitIdentifier(), {}, std::move(partitions));
        FL_RETURN_NOT_OK(overwritten.status());
        return StatementResult{};
    }
    FL_RETURN_NOT_OK(commit.Truncate(engine_.commit_user(), engine_.NextCommitIdentifier()).status());
    return StatementResult{};
}

}  // namespace flashlake::engine
