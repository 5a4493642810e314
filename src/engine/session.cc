#include "engine/session.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>

#include "common/query_error.h"
#include "common/stopwatch.h"
#include "engine/access_control.h"
#include "engine/engine.h"
#include "engine/information_schema.h"
#include "engine/system_variables.h"
#include "exec/expression/expression_evaluator.h"
#include "planner/binder/binder.h"
#include "sql/parser/parser.h"
#include "sql/parser/script_splitter.h"
#include "types/cast.h"

namespace flashlake::engine {

namespace {

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

std::set<std::string> SplitNames(const std::string& list) {
    std::set<std::string> names;
    std::stringstream stream(list);
    std::string name;
    while (std::getline(stream, name, ',')) {
        name.erase(0, name.find_first_not_of(" \t"));
        name.erase(name.find_last_not_of(" \t") + 1);
        if (!name.empty()) names.insert(Lower(name));
    }
    return names;
}

}  // namespace

StatementResult TextRows(const std::vector<std::string>& names, const std::vector<std::vector<std::string>>& lines) {
    StatementResult result;
    result.has_rows = true;
    result.rows.names = names;
    std::vector<ColumnPtr> columns;
    for (size_t c = 0; c < names.size(); ++c) {
        result.rows.types.push_back(LogicalType::Varchar());
        ColumnPtr column = Column::MakeFlat(LogicalType::Varchar(), lines.size());
        for (size_t r = 0; r < lines.size(); ++r) column->SetValue(r, Value::Varchar(lines[r][c]));
        columns.push_back(std::move(column));
    }
    if (!lines.empty()) result.rows.chunks.emplace_back(std::move(columns), lines.size());
    return result;
}

bool MatchesLike(std::string_view text, std::string_view pattern) {
    if (pattern.empty()) return text.empty();
    if (pattern[0] == '%') {
        for (size_t i = 0; i <= text.size(); ++i) {
            if (MatchesLike(text.substr(i), pattern.substr(1))) return true;
        }
        return false;
    }
    if (text.empty()) return false;
    if (pattern[0] != '_' && std::tolower(static_cast<unsigned char>(pattern[0])) !=
                                 std::tolower(static_cast<unsigned char>(text[0]))) {
        return false;
    }
    return MatchesLike(text.substr(1), pattern.substr(1));
}

Session::Session(Engine& engine) : engine_(engine) {}

std::optional<Value> Session::GetVariable(const std::string& name) const {
    std::string key = Lower(name);
    if (auto it = variables_.find(key); it != variables_.end()) return it->second;
    const auto& defaults = DefaultSystemVariables();
    if (auto it = defaults.find(key); it != defaults.end()) return it->second;
    return std::nullopt;
}

Status Session::SetVariable(const std::string& name, const Value& value) {
    std::string key = Lower(name);
    const auto& defaults = DefaultSystemVariables();
    auto it = defaults.find(key);
    if (it == defaults.end()) return Status(ErrorCode::kNotFound, "Unknown system variable '" + name + "'");
    auto converted = CastValue(value, it->second.type(), true);
    if (!converted.ok()) {
        return Status(ErrorCode::kInvalidValue, "Variable '" + name + "' can't be set to the value of '" +
                                                    value.ToString() + "'");
    }
    variables_[key] = *converted;
    return Status::OK();
}

Status Session::ExecuteScript(std::string_view script,
                              const std::function<void(const Result<StatementResult>&)>& on_result) {
    // Statements run one by one, as the mysql client sends them: those before a bad one take
    // effect, and the first error ends the script. Positions in errors are the script's.
    for (const sql::ScriptPiece& piece : sql::SplitScript(script)) {
        if (piece.text.empty()) continue;
        Stopwatch watch;
        auto statement = sql::ParseStatement(piece.text, piece.position);
        Result<StatementResult> result = statement.ok() ? ExecuteStatement(**statement) : Result<StatementResult>(statement.status());
        if (result.ok()) {
            result->elapsed_micros = watch.ElapsedMicros();
            result->statement_text = std::string(piece.text);
        }
        on_result(result);
        if (!result.ok()) return result.status();
    }
    return Status::OK();
}

Result<StatementResult> Session::Execute(std::string_view sql) {
    Stopwatch watch;
    FL_ASSIGN_OR_RETURN(sql::StatementPtr statement, sql::ParseStatement(sql));
    FL_ASSIGN_OR_RETURN(StatementResult result, ExecuteStatement(*statement));
    result.elapsed_micros = watch.ElapsedMicros();
    result.statement_text = std::string(sql);
    return result;
}

Result<StatementResult> Session::ExecuteStatement(const sql::Statement& statement) {
    Result<StatementResult> result = ExecuteStatementCaught(statement);
    if (!result.ok() && result.status().code() == ErrorCode::kCancelled && interrupted_.load()) {
        return Status(ErrorCode::kCancelled, "Query execution was interrupted");
    }
    return result;
}

Result<StatementResult> Session::ExecuteStatementCaught(const sql::Statement& statement) {
    // The one place where errors thrown by the binder, optimizer and kernels become a Status.
    try {
        AccessControl access = MakeAccessControl();
        FL_RETURN_NOT_OK(access.CheckStatement(statement));
        if (auto handled = access.ExecuteAccountStatement(statement)) return std::move(*handled);
        switch (statement.kind) {
            case sql::StatementKind::kQuery: return ExecuteQuery(statement, false, false);
            case sql::StatementKind::kExplain: {
                const auto& explain = statement.As<sql::ExplainStatement>();
                if (explain.statement->kind != sql::StatementKind::kQuery) {
                    return Status(ErrorCode::kNotSupported, "EXPLAIN supports queries only for now");
                }
                if (explain.level == sql::ExplainLevel::kAnalyze) return ExplainAnalyze(*explain.statement);
                bool verbose = explain.level == sql::ExplainLevel::kVerbose || explain.level == sql::ExplainLevel::kCosts;
                return ExecuteQuery(*explain.statement, true, verbose);
            }
            case sql::StatementKind::kSet: return ExecuteSet(statement);
            case sql::StatementKind::kInsert: return ExecuteInsert(statement.As<sql::InsertStatement>());
            case sql::StatementKind::kDelete: return ExecuteDelete(statement.As<sql::DeleteStatement>());
            case sql::StatementKind::kUpdate: return ExecuteUpdate(statement.As<sql::UpdateStatement>());
            case sql::StatementKind::kTruncateTable:
                return ExecuteTruncate(statement.As<sql::TruncateTableStatement>());
            case sql::StatementKind::kShow: return ExecuteShow(statement);
            case sql::StatementKind::kKill: return ExecuteKill(statement);
            default: return ExecuteDdl(statement);
        }
    } catch (const QueryError& error) {
        return error.ToStatus();
    }
}

Result<StatementResult> Session::ExecuteQuery(const sql::Statement& statement, bool explain, bool verbose) {
    planner::Binder binder = MakeBinder();
    FL_ASSIGN_OR_RETURN(planner::LogicalOperatorPtr plan, binder.BindQuery(*statement.As<sql::QueryStatement>().query));
    engine_.optimizer().Optimize(plan, DisabledOptimizerPasses());
    if (explain) {
        std::vector<std::vector<std::string>> lines;
        std::stringstream text(plan->ToString(verbose));
        std::string line;
        while (std::getline(text, line)) lines.push_back({line});
        return TextRows({"Explain String"}, lines);
    }
    MemoryTracker query_memory("query", QueryMemoryLimit(), &engine_.process_memory());
    exec::ExecContext context;
    PrepareExecContext(context, query_memory);
    FL_ASSIGN_OR_RETURN(exec::QueryRows rows, exec::ExecutePlan(*plan, context));
    StatementResult result;
    result.has_rows = true;
    result.rows = std::move(rows);
    return result;
}

// Runs the query (its rows dropped), then prints the plan with what the scans counted.
Result<StatementResult> Session::ExplainAnalyze(const sql::Statement& statement) {
    planner::Binder binder = MakeBinder();
    FL_ASSIGN_OR_RETURN(planner::LogicalOperatorPtr plan, binder.BindQuery(*statement.As<sql::QueryStatement>().query));
    engine_.optimizer().Optimize(plan, DisabledOptimizerPasses());
    MemoryTracker query_memory("query", QueryMemoryLimit(), &engine_.process_memory());
    exec::ExecContext context;
    PrepareExecContext(context, query_memory);
    exec::OperatorProfiles profiles;
    context.profiles = &profiles;
    auto started = std::chrono::steady_clock::now();
    FL_ASSIGN_OR_RETURN(exec::QueryRows rows, exec::ExecutePlan(*plan, context));
    const double total_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    // Each operator: the rows it produced and the CPU time spent in it, summed over threads
    // (breakers include consuming their input; joins their build).
    const bool timing = GetVariable("explain_analyze_timing")->GetBool();
    planner::LogicalOperator::Annotator annotate = [&](const planner::LogicalOperator& node) -> std::string {
        const exec::OperatorProfile* profile = profiles.Find(&node);
        if (profile == nullptr) return "";
        char text[96];
        if (timing) {
            std::snprintf(text, sizeof(text), "  [rows=%lld cpu=%.1fms]", static_cast<long long>(profile->rows.load()),
                          static_cast<double>(profile->nanos.load()) / 1e6);
        } else {
            std::snprintf(text, sizeof(text), "  [rows=%lld]", static_cast<long long>(profile->rows.load()));
        }
        return text;
    };
    std::vector<std::vector<std::string>> lines;
    char summary[160];
    if (timing) {
        std::snprintf(summary, sizeof(summary), "Query: %zu rows, %.1f ms, peak memory %lld bytes, %zu threads",
                      rows.num_rows(), total_ms, static_cast<long long>(query_memory.peak()), context.parallelism);
    } else {
        std::snprintf(summary, sizeof(summary), "Query: %zu rows", rows.num_rows());
    }
    lines.push_back({summary});
    std::stringstream text(plan->ToString(false, 0, &annotate));
    std::string line;
    while (std::getline(text, line)) lines.push_back({line});
    return TextRows({"Explain String"}, lines);
}

std::set<std::string> Session::DisabledOptimizerPasses() const {
    return SplitNames(GetVariable("disable_optimizer_passes")->GetString());
}

planner::Binder Session::MakeBinder() {
    planner::Binder binder(engine_.functions(), [this](const std::string& name) { return GetVariable(name); },
                           &engine_.file_system(), engine_.aggregate_resolver(), FindCatalog(current_catalog_), current_database_,
                           &engine_.catalogs());
    binder.set_session_functions([this](const std::string& name) { return SessionFunction(name); });
    binder.set_virtual_tables([this](const std::string& database, const std::string& table) {
        return InformationSchemaTable(engine_, FindCatalog(current_catalog_), MakeAccessControl(), database, table);
    });
    binder.set_parameters(parameters_);
    binder.set_read_check([access = MakeAccessControl()](const std::string& database, const std::string& table) {
        Status allowed = access.CheckRead(database, table);
        if (!allowed.ok()) throw QueryError(allowed.code(), allowed.message());
    });
    return binder;
}

AccessControl Session::MakeAccessControl() const {
    return AccessControl(AccessContext{&engine_.users(), user_, client_host_, current_database_});
}

Result<StatementResult> Session::ExecuteSet(const sql::Statement& statement) {
    planner::Binder binder = MakeBinder();
    for (const auto& assignment : statement.As<sql::SetStatement>().assignments) {
        if (assignment.kind != sql::SetKind::kSystemVariable) continue;  // NAMES/CHARSET: always utf8mb4
        planner::BindScope no_columns;
        planner::BoundExprPtr value = binder.BindExpression(*assignment.value, no_columns, "SET");
        FL_RETURN_NOT_OK(SetVariable(assignment.name, exec::ExpressionEvaluator::EvaluateConstant(*value)));
    }
    return StatementResult{};
}

Result<StatementResult> Session::ExecuteShow(const sql::Statement& statement) {
    const auto& show = statement.As<sql::ShowStatement>();
    if (show.what == sql::ShowKind::kDatabases || show.what == sql::ShowKind::kTables ||
        show.what == sql::ShowKind::kCatalogs) {
        return ExecuteShowCatalogObjects(show);
    }
    if (show.what == sql::ShowKind::kPartitions) return ExecuteShowPartitions(show);
    if (show.what == sql::ShowKind::kLoad) {
        std::string database = show.from.empty() ? current_database_ : show.from.parts.back();
        if (database.empty()) return Status(ErrorCode::kNoDatabaseSelected, "No database selected");
        return Execute(ShowLoadQuery(database, show.where ? show.where->ToString() : std::string()));
    }
    if (show.what == sql::ShowKind::kCreateTable) return ExecuteShowCreateTable(show);
    if (auto served = ExecuteServerShow(show)) return std::move(*served);
    if (show.what != sql::ShowKind::kVariables) {
        return Status(ErrorCode::kNotSupported, "this SHOW statement is not supported yet");
    }
    std::vector<std::vector<std::string>> lines;
    for (const auto& [name, fallback] : DefaultSystemVariables()) {
        if (show.like && !MatchesLike(name, *show.like)) continue;
        lines.push_back({name, GetVariable(name)->ToString()});
    }
    return TextRows({"Variable_name", "Value"}, lines);
}

}  // namespace flashlake::engine
