// Prepared statements: parse once, bind the `?` placeholders to values at each execution.

#include "common/query_error.h"
#include "engine/session.h"
#include "planner/binder/binder.h"
#include "sql/parser/lexer.h"
#include "sql/parser/parser.h"

namespace flashlake::engine {

namespace {

// The grammar numbers placeholders in text order, one per `?` token.
size_t CountPlaceholders(std::string_view sql) {
    size_t count = 0;
    for (const sql::Token& token : sql::Lexer(sql).Tokenize()) count += token.kind == sql::TokenKind::kParameter;
    return count;
}

// Errors that binding with NULL placeholders can raise only because of the statement itself: they
// are reported at prepare time, as MySQL does. Others (e.g. a function that takes no NULL) may go
// away once the parameters have types, so they wait for the execution.
bool IsStatementError(ErrorCode code) {
    switch (code) {
        case ErrorCode::kSyntaxError:
        case ErrorCode::kUnknownDatabase:
        case ErrorCode::kUnknownTable:
        case ErrorCode::kUnknownColumn:
        case ErrorCode::kAmbiguousColumn:
        case ErrorCode::kUnknownFunction:
        case ErrorCode::kNoDatabaseSelected:
            return true;
        default:
            return false;
    }
}

// Restores the session's placeholder values when a binding or an execution ends.
class ParameterScope {
public:
    ParameterScope(const std::vector<Value>*& slot, const std::vector<Value>* values) : slot_(slot) { slot_ = values; }
    ~ParameterScope() { slot_ = nullptr; }
    ParameterScope(const ParameterScope&) = delete;
    ParameterScope& operator=(const ParameterScope&) = delete;

private:
    const std::vector<Value>*& slot_;
};

}  // namespace

Result<std::unique_ptr<PreparedStatement>> Session::Prepare(std::string_view sql) {
    FL_ASSIGN_OR_RETURN(sql::StatementPtr statement, sql::ParseStatement(sql));
    auto prepared = std::make_unique<PreparedStatement>();
    prepared->text = std::string(sql);
    try {
        prepared->parameter_count = CountPlaceholders(sql);
        if (statement->kind == sql::StatementKind::kQuery) {
            std::vector<Value> nulls(prepared->parameter_count);
            ParameterScope scope(parameters_, &nulls);
            planner::Binder binder = MakeBinder();
            auto plan = binder.BindQuery(*statement->As<sql::QueryStatement>().query);
            if (plan.ok()) {
                prepared->column_names = (*plan)->names;
                prepared->column_types = (*plan)->types;
            } else if (IsStatementError(plan.status().code())) {
                return plan.status();
            }
        }
    } catch (const QueryError& error) {
        if (IsStatementError(error.code())) return error.ToStatus();
    }
    prepared->statement = std::move(statement);
    return prepared;
}

Result<StatementResult> Session::ExecutePrepared(const PreparedStatement& prepared,
                                                 const std::vector<Value>& parameters) {
    if (parameters.size() != prepared.parameter_count) {
        return Status(ErrorCode::kWrongArguments, "the statement has " + std::to_string(prepared.parameter_count) +
                                                      " parameters, " + std::to_string(parameters.size()) +
                                                      " values were given");
    }
    ParameterScope scope(parameters_, &parameters);
    FL_ASSIGN_OR_RETURN(StatementResult result, ExecuteStatement(*prepared.statement));
    result.statement_text = prepared.text;
    return result;
}

}  // namespace flashlake::engine
