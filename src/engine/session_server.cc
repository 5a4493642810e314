// What a session answers about the server around it: KILL, SHOW PROCESSLIST, the SHOW statements
// that MySQL clients and tools send on connect, and the session functions (DATABASE(), USER(),
// CONNECTION_ID(), VERSION(), LAST_INSERT_ID()).

#include "common/query_error.h"
#include "engine/process_list.h"
#include "engine/session.h"
#include "exec/expression/expression_evaluator.h"
#include "planner/binder/binder.h"
#include "sql/parser/admin_statement.h"
#include "types/cast.h"

namespace flashlake::engine {

namespace {

// A result whose columns have the given types; `rows` holds one Value per column (NULLs allowed).
StatementResult TypedRows(const std::vector<std::string>& names, const std::vector<LogicalType>& types,
                          const std::vector<std::vector<Value>>& rows) {
    StatementResult result;
    result.has_rows = true;
    result.rows.names = names;
    result.rows.types = types;
    if (rows.empty()) return result;
    std::vector<ColumnPtr> columns;
    for (size_t c = 0; c < names.size(); ++c) {
        ColumnPtr column = Column::MakeFlat(types[c], rows.size());
        for (size_t r = 0; r < rows.size(); ++r) column->SetValue(r, rows[r][c]);
        columns.push_back(std::move(column));
    }
    result.rows.chunks.emplace_back(std::move(columns), rows.size());
    return result;
}

Value TextOrNull(const std::string& text) {
    return text.empty() ? Value::Null(LogicalType::Varchar()) : Value::Varchar(text);
}

// SHOW PROCESSLIST (without FULL) cuts statements to their first 100 characters, as MySQL does.
constexpr size_t kShortInfoLength = 100;

}  // namespace

Result<StatementResult> Session::ExecuteKill(const sql::Statement& statement) {
    const auto& kill = statement.As<sql::KillStatement>();
    planner::Binder binder = MakeBinder();
    planner::BindScope no_columns;
    Value id = exec::ExpressionEvaluator::EvaluateConstant(*binder.BindExpression(*kill.id, no_columns, "KILL"));
    auto number = CastValue(id, LogicalType::BigInt(), true);
    if (id.is_null() || !number.ok() || number->GetInt64() < 0) {
        return Status(ErrorCode::kInvalidArgument, "KILL needs a connection id, not '" + id.ToString() + "'");
    }
    auto target = static_cast<uint64_t>(number->GetInt64());
    if (processes_ == nullptr) {
        // An embedded session has no connections to kill.
        return Status(ErrorCode::kUnknownThread, "Unknown thread id: " + std::to_string(target));
    }
    FL_RETURN_NOT_OK(processes_->Kill(target, !kill.query_only));
    return StatementResult{};
}

std::optional<Result<StatementResult>> Session::ExecuteServerShow(const sql::ShowStatement& show) {
    auto varchar = LogicalType::Varchar();
    switch (show.what) {
        case sql::ShowKind::kProcesslist: {
            std::vector<ProcessInfo> processes;
            if (processes_ != nullptr) {
                processes = processes_->List();
            } else {
                processes.push_back({connection_id_, user_, client_host_, current_database_, "Query", 0, "", ""});
            }
            std::vector<std::vector<Value>> rows;
            for (const ProcessInfo& process : processes) {
                std::string info = process.info;
                if (!show.full && info.size() > kShortInfoLength) info.resize(kShortInfoLength);
                rows.push_back({Value::BigInt(static_cast<int64_t>(process.id)), Value::Varchar(process.user),
                                Value::Varchar(process.host), TextOrNull(process.database),
                                Value::Varchar(process.command), Value::BigInt(process.seconds),
                                Value::Varchar(process.state), TextOrNull(info)});
            }
            return TypedRows({"Id", "User", "Host", "db", "Command", "Time", "State", "Info"},
                             {LogicalType::BigInt(), varchar, varchar, varchar, varchar, LogicalType::BigInt(), varchar,
                              varchar},
                             rows);
        }
        case sql::ShowKind::kWarnings:
        case sql::ShowKind::kErrors:
            // Flashlake raises no warnings (a statement succeeds or fails), and OK packets say 0
            // warnings; the error of a failed statement went to the client with it.
            return TypedRows({"Level", "Code", "Message"}, {varchar, LogicalType::BigInt(), varchar}, {});
        case sql::ShowKind::kEngines:
            return TextRows({"Engine", "Support", "Comment", "Transactions", "XA", "Savepoints"},
                            {{"Paimon", "DEFAULT", "Apache Paimon lake tables with Parquet files", "NO", "NO", "NO"}});
        case sql::ShowKind::kCollation: {
            std::vector<std::vector<Value>> rows;
            for (const auto& [name, charset, id] : {std::tuple{"utf8mb4_general_ci", "utf8mb4", 45},
                                                    std::tuple{"binary", "binary", 63}}) {
                if (show.like && !MatchesLike(name, *show.like)) continue;
                rows.push_back({Value::Varchar(name), Value::Varchar(charset), Value::BigInt(id), Value::Varchar("Yes"),
                                Value::Varchar("Yes"), Value::BigInt(1)});
            }
            return TypedRows({"Collation", "Charset", "Id", "Default", "Compiled", "Sortlen"},
                             {varchar, varchar, LogicalType::BigInt(), varchar, varchar, LogicalType::BigInt()}, rows);
        }
        case sql::ShowKind::kCharset: {
            std::vector<std::vector<std::string>> lines;
            for (const auto& line : {std::vector<std::string>{"utf8mb4", "UTF-8 Unicode", "utf8mb4_general_ci", "4"},
                                     std::vector<std::string>{"binary", "Binary pseudo charset", "binary", "1"}}) {
                if (show.like && !MatchesLike(line[0], *show.like)) continue;
                lines.push_back(line);
            }
            return TextRows({"Charset", "Description", "Default collation", "Maxlen"}, lines);
        }
        default:
            return std::nullopt;
    }
}

std::optional<Value> Session::SessionFunction(const std::string& name) const {
    if (name == "database" || name == "schema") return TextOrNull(current_database_);
    if (name == "user" || name == "session_user" || name == "system_user") {
        return Value::Varchar(user_ + "@" + client_host_);
    }
    // The account the session authenticated as; accounts match any host.
    if (name == "current_user") return Value::Varchar(user_ + "@%");
    if (name == "connection_id") return Value::BigInt(static_cast<int64_t>(connection_id_));
    if (name == "version") return GetVariable("version");
    // Lake tables have no AUTO_INCREMENT columns: no insert ever generated an id.
    if (name == "last_insert_id") return Value::BigInt(0);
    return std::nullopt;
}

}  // namespace flashlake::engine
