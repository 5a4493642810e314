#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "engine/statement_result.h"
#include "lake/binary_row.h"
#include "sql/parser/ast_node.h"
#include "types/value.h"

namespace flashlake::sql {
struct Statement;
struct ShowStatement;
struct QualifiedName;
struct InsertStatement;
struct DeleteStatement;
struct UpdateStatement;
struct TruncateTableStatement;
struct AlterTableStatement;
struct CreateTableStatement;
}
namespace flashlake::planner {
class Binder;
struct LogicalOperator;
}
namespace flashlake::catalog {
class Catalog;
struct TableEntry;
}
namespace flashlake::exec {
struct ExecContext;
}
namespace flashlake::lake {
class TableCommit;
}
namespace flashlake {
class MemoryTracker;
}

namespace flashlake::engine {

class AccessControl;
class Engine;
class ProcessList;

// A statement parsed once and run many times with different values for its `?` placeholders
// (COM_STMT_PREPARE / COM_STMT_EXECUTE). Made by Session::Prepare.
struct PreparedStatement {
    std::string text;
    sql::StatementPtr statement;
    size_t parameter_count = 0;
    // A query's result columns as bound at prepare time (placeholders as NULL); empty for other
    // statements, and for queries whose columns depend on the parameters' types.
    std::vector<std::string> column_names;
    std::vector<LogicalType> column_types;
};

// A result of one VARCHAR column per name, one row per entry of `lines` (SHOW, DESCRIBE).
StatementResult TextRows(const std::vector<std::string>& names, const std::vector<std::vector<std::string>>& lines);
// SQL LIKE with % and _, case-insensitive as SHOW ... LIKE is in MySQL.
bool MatchesLike(std::string_view text, std::string_view pattern);

// One client's view of the engine: current database, session variables, and the statement path
// (parse -> bind -> optimize -> execute). A session runs one statement at a time; different
// sessions run concurrently.
class Session {
public:
    explicit Session(Engine& engine);

    // Runs every statement of `script` in order, calling `on_result` after each; stops at the
    // first error (which is also passed to on_result) and returns it.
    Status ExecuteScript(std::string_view script,
                         const std::function<void(const Result<StatementResult>&)>& on_result);
    // Runs a script that must hold exactly one statement.
    Result<StatementResult> Execute(std::string_view sql);

    // Session value of a system variable, falling back to the default (nullopt: no such variable).
    std::optional<Value> GetVariable(const std::string& name) const;
    Status SetVariable(const std::string& name, const Value& value);
    const std::string& current_database() const { return current_database_; }
    const std::string& current_catalog() const { return current_catalog_; }

    // Who the session serves: the server sets these after login (USER(), CONNECTION_ID(),
    // SHOW PROCESSLIST). An embedded session is root@localhost with connection id 0.
    void set_user(std::string user) { user_ = std::move(user); }
    const std::string& user() const { return user_; }
    void set_client_host(std::string host) { client_host_ = std::move(host); }
    const std::string& client_host() const { return client_host_; }
    void set_connection_id(uint64_t id) { connection_id_ = id; }
    uint64_t connection_id() const { return connection_id_; }
    // The server's connections, for SHOW PROCESSLIST and KILL; null in an embedded session.
    void set_process_list(ProcessList* processes) { processes_ = processes; }

    // KILL QUERY: asks the statement running now to stop; it fails with error 1317 (Query
    // execution was interrupted). May be called from any thread; no effect when idle.
    void InterruptStatement() { interrupted_.store(true); }
    // Forgets an interruption that came too late for its statement; the server calls it before
    // each command.
    void ClearInterrupt() { interrupted_.store(false); }

    // Prepared statements (prepared_statement.cc). Prepare parses `sql` (one statement) and, for
    // a query, binds it to learn its result columns; errors are the statement's parse or name
    // errors. ExecutePrepared runs it with one value per placeholder.
    Result<std::unique_ptr<PreparedStatement>> Prepare(std::string_view sql);
    Result<StatementResult> ExecutePrepared(const PreparedStatement& prepared, const std::vector<Value>& parameters);

private:
    Result<StatementResult> ExecuteStatement(const sql::Statement& statement);
    Result<StatementResult> ExecuteStatementCaught(const sql::Statement& statement);
    Result<StatementResult> ExplainAnalyze(const sql::Statement& statement);
    Result<StatementResult> ExecuteQuery(const sql::Statement& statement, bool explain, bool verbose);
    Result<StatementResult> ExecuteSet(const sql::Statement& statement);
    Result<StatementResult> ExecuteShow(const sql::Statement& statement);
    Result<StatementResult> ExecuteDdl(const sql::Statement& statement);
    Result<StatementResult> ExecuteShowCatalogObjects(const sql::ShowStatement& show);
    Result<StatementResult> ExecuteShowPartitions(const sql::ShowStatement& show);
    Result<StatementResult> ExecuteShowCreateTable(const sql::ShowStatement& show);  // show_create_table.cc
    Result<StatementResult> ExecuteAlterTable(const sql::AlterTableStatement& alter);
    Result<StatementResult> ExecuteCreateTableAs(const sql::CreateTableStatement& create);

    // DML (dml_executor.cc).
    struct WriteSpec {
        std::string label;                   // the user's label; empty: a generated one
        const char* label_prefix = "insert";  // of generated labels
        bool overwrite = false;
        bool dynamic_overwrite = false;      // OVERWRITE replaces only the partitions written
        std::optional<uint8_t> row_kind;     // for every row; unset: +I
        // INSERT OVERWRITE t PARTITION (...): exactly these partitions are replaced, and every
        // row written must fall in one of them.
        std::optional<std::vector<lake::BinaryRow>> overwrite_partitions;
        // INSERT INTO (not OVERWRITE): a load, listed in SHOW LOAD, subject to backpressure and
        // group-committed with the concurrent loads of the table.
        bool load = false;
    };
    Result<StatementResult> ExecuteInsert(const sql::InsertStatement& insert);
    Result<StatementResult> ExecuteDelete(const sql::DeleteStatement& del);
    Result<StatementResult> ExecuteUpdate(const sql::UpdateStatement& update);
    Result<StatementResult> ExecuteTruncate(const sql::TruncateTableStatement& truncate);
    // Runs `plan` into new files of `table` and commits them as one snapshot.
    Result<StatementResult> WriteRows(const catalog::TableEntry& table, std::unique_ptr<planner::LogicalOperator> plan,
                                      const WriteSpec& spec);
    // WriteRows after the label check; `snapshot_out` (optional) gets the committed snapshot id.
    Result<StatementResult> WriteAndCommit(const catalog::TableEntry& table,
                                           std::unique_ptr<planner::LogicalOperator> plan, const WriteSpec& spec,
                                           const std::string& label, lake::TableCommit& commit,
                                           int64_t* snapshot_out = nullptr);
    void PrepareExecContext(exec::ExecContext& context, MemoryTracker& query_memory);
    int64_t QueryMemoryLimit() const;  // -1: none
    std::set<std::string> DisabledOptimizerPasses() const;
    // The catalog, database and object a name `[[catalog.]db.]name` designates (throws
    // kNoDatabaseSelected without USE, or an unknown catalog's error).
    struct ResolvedName {
        catalog::Catalog* catalog;
        std::string database;
        std::string name;
    };
    ResolvedName ResolveTableName(const sql::QualifiedName& name) const;
    // `[catalog.]db`.
    std::pair<catalog::Catalog*, std::string> ResolveDatabaseName(const sql::QualifiedName& name) const;
    catalog::Catalog* FindCatalog(const std::string& name) const;  // throws for an unknown one
    Result<catalog::TableEntry> LookupTable(const sql::QualifiedName& name) const;
    planner::Binder MakeBinder();
    // The privilege checks for this session's account (access_control.h).
    AccessControl MakeAccessControl() const;
    // Server-facing statements (session_server.cc): KILL, SHOW PROCESSLIST/WARNINGS/ENGINES/
    // COLLATION/CHARSET, and the session functions DATABASE(), USER(), CONNECTION_ID(), ...
    Result<StatementResult> ExecuteKill(const sql::Statement& statement);
    std::optional<Result<StatementResult>> ExecuteServerShow(const sql::ShowStatement& show);
    std::optional<Value> SessionFunction(const std::string& name) const;

    Engine& engine_;
    std::string current_catalog_ = "default_catalog";
    std::string current_database_;
    std::map<std::string, Value> variables_;  // session overrides of the defaults
    std::string user_ = "root";
    std::string client_host_ = "localhost";
    uint64_t connection_id_ = 0;
    ProcessList* processes_ = nullptr;
    std::atomic<bool> interrupted_{false};           // KILL QUERY; cleared before each command
    const std::vector<Value>* parameters_ = nullptr;  // while a prepared statement runs
};

}  // namespace flashlake::engine
