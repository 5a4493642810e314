#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

// A grammar-based generator of random SQL statements in Flashlake's dialect (docs/sql/grammar.md):
// queries with joins, subqueries, CTEs, set operations, grouping sets, windows, CASE/CAST and
// function calls, literals of every type, DML, DDL, SHOW and SET. Seeded and deterministic: the
// same seed gives the same statements. Most statements are well formed; a few are mutated at
// the token level, and some carry deep nesting or long lists to probe the parser's limits.
//
// Names come from a small fixed schema (GeneratorSchema) so that, run against a warehouse holding
// those tables, many statements get past binding and exercise planning and execution.

namespace flashlake::sql::testing {

struct GeneratorColumn {
    std::string name;
    std::string type;  // SQL type name as CREATE TABLE takes it
};

struct GeneratorTable {
    std::string name;
    std::vector<GeneratorColumn> columns;
};

// The tables statements refer to; CreateStatements() makes them, with a few rows each.
struct GeneratorSchema {
    std::vector<GeneratorTable> tables;
    static GeneratorSchema Default();
    std::vector<std::string> CreateStatements() const;
};

struct GeneratorOptions {
    // Names not in the schema, ?-parameters, unsupported-but-parseable statements (GRANT, KILL,
    // CREATE USER, EXPLAIN ANALYZE...). Off for engine runs, where they only give errors.
    bool parser_only = true;
    double mutation_rate = 0.05;  // share of statements with a token-level mutation
    double stress_rate = 0.03;    // share of statements with deep nesting or long lists
};

class SqlGenerator {
public:
    SqlGenerator(uint64_t seed, GeneratorSchema schema, GeneratorOptions options = {});

    // One statement, without a trailing ';'.
    std::string Statement();

private:
    struct Scope {
        std::vector<std::pair<std::string, const GeneratorTable*>> tables;  // alias, table
    };

    // Statements.
    std::string Select();
    std::string Insert();
    std::string Update();
    std::string Delete();
    std::string CreateTable();
    std::string Alter();
    std::string Show();
    std::string Set();
    std::string Other();
    std::string Stress();
    std::string Mutate(const std::string& sql);

    // Queries.
    std::string Query(int depth, const Scope* outer, int columns = 0);
    std::string SelectCore(int depth, const Scope* outer, int columns, bool order_and_limit);
    std::string FromClause(int depth, Scope& scope);
    std::string TablePrimary(int depth, Scope& scope);
    std::string GroupBy(const std::vector<std::string>& keys);
    std::string OrderBy(const Scope& scope, int select_columns);
    std::string Limit();

    // Expressions; `aggregate` allows aggregate and window calls.
    std::string Expr(int depth, const Scope& scope, bool aggregate = false);
    std::string Predicate(int depth, const Scope& scope);
    std::string Leaf(const Scope& scope);
    std::string ColumnRef(const Scope& scope);
    std::string Literal();
    std::string StringLiteral();
    std::string TypeName(int depth = 0);
    std::string Call(int depth, const Scope& scope, bool aggregate);
    std::string AggregateCall(int depth, const Scope& scope);
    std::string WindowCall(int depth, const Scope& scope);

    // Helpers.
    int Int(int low, int high);  // inclusive
    bool Chance(double p);
    template <typename T>
    const T& Pick(const std::vector<T>& items) {
        return items[static_cast<size_t>(Int(0, static_cast<int>(items.size()) - 1))];
    }
    std::string Name(const std::string& base);
    const GeneratorTable& AnyTable();

    std::mt19937_64 random_;
    GeneratorSchema schema_;
    GeneratorOptions options_;
    int next_name_ = 0;
};

}  // namespace flashlake::sql::testing
