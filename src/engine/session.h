#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "engine/statement_result.h"
#include "types/value.h"

namespace flashlake::sql {
struct Statement;
struct ShowStatement;
struct QualifiedName;
}
namespace flashlake::planner {
class Binder;
}

namespace flashlake::engine {

class Engine;

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

private:
    Result<StatementResult> ExecuteStatement(const sql::Statement& statement);
    Result<StatementResult> ExecuteQuery(const sql::Statement& statement, bool explain, bool verbose);
    Result<StatementResult> ExecuteSet(const sql::Statement& statement);
    Result<StatementResult> ExecuteShow(const sql::Statement& statement);
    Result<StatementResult> ExecuteDdl(const sql::Statement& statement);
    Result<StatementResult> ExecuteShowCatalogObjects(const sql::ShowStatement& show);
    // (database, table) of a possibly qualified name; kNoDatabaseSelected without USE.
    std::pair<std::string, std::string> ResolveTableName(const sql::QualifiedName& name) const;
    planner::Binder MakeBinder();

    Engine& engine_;
    std::string current_database_;
    std::map<std::string, Value> variables_;  // session overrides of the defaults
};

}  // namespace flashlake::engine
