#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "planner/expression/bound_expression.h"
#include "planner/logical/logical_operator.h"
#include "sql/parser/ast_node.h"

namespace flashlake::functions {
class FunctionRegistry;
}
namespace flashlake::io {
class FileSystem;
}
namespace flashlake::catalog {
class Catalog;
class CatalogManager;
struct TableEntry;
}
namespace flashlake::sql {
struct Expr;
struct QueryNode;
struct TypeName;
struct SelectNode;
struct ValuesNode;
struct TableRef;
struct TableFunctionRef;
struct FunctionCallExpr;
struct CommonTableExpr;
struct OrderByItem;
struct InExpr;
struct InsertStatement;
struct DeleteStatement;
struct UpdateStatement;
}  // namespace flashlake::sql

namespace flashlake::planner {

// The columns visible to expressions at one point of a query: each with the name of the table
// (or alias) it comes from, its own name and type. Index i is column i of the input chunk.
struct BindScope {
    struct Entry {
        std::string table;
        std::string name;
        LogicalType type;
        bool hidden = false;  // left out of `*` (generated partition columns); selectable by name
    };
    std::vector<Entry> columns;
};

// A scalar subquery waiting to be joined to the rows of the clause that uses it: the join adds
// its columns after the clause's input columns (cross join of one row, or a left join on the
// correlation keys).
struct PendingSubquery {
    LogicalOperatorPtr plan;
    JoinType type = JoinType::kCross;
    std::vector<BoundExprPtr> left_keys;   // over the clause's input
    std::vector<BoundExprPtr> right_keys;  // over `plan`
};

struct ScalarSubqueries {
    size_t base_width = 0;   // columns of the clause's input
    size_t added_width = 0;  // columns the joins add so far
    std::vector<PendingSubquery> joins;
};

// Looks up a session or global variable for `@@name` (nullopt: unknown variable).
using VariableLookup = std::function<std::optional<Value>(const std::string& name)>;

// Resolves aggregate functions (the aggregate registry lives in functions/aggregate; the engine
// wires it in). `is_aggregate` takes a lower-case name.
struct AggregateResolver {
    std::function<bool(const std::string& name)> is_aggregate;
    std::function<Result<functions::BoundAggregateFunction>(const std::string& name,
                                                             const std::vector<LogicalType>& argument_types,
                                                             bool distinct)>
        bind;
};

// While binding the SELECT list, HAVING and ORDER BY of an aggregating query: expressions equal
// to a GROUP BY key become references to that key's output column, aggregate calls are bound
// over the input scope and become references to their output column.
struct AggregateContext {
    std::vector<const sql::Expr*> group_asts;
    std::vector<LogicalType> group_types;
    const BindScope* input;
    std::vector<BoundAggregate> aggregates;
    std::vector<std::string> aggregate_keys;  // text of each aggregate call, to reuse equal ones
};

// Turns a parsed query into a logical plan: resolves names against scopes, types every
// expression, resolves functions and makes implicit casts explicit. User errors come back as a
// Status with a MySQL-mapped code and a message naming the construct and where it is (the
// clause, and the line and column in the text).
class Binder {
public:
    // `fs` serves table functions that read files (FILES()); may be null where there are none.
    // `catalog` resolves table and view names (unqualified ones in `current_database`);
    // `catalogs` the names qualified with a catalog (`c.db.t`).
    Binder(const functions::FunctionRegistry& registry, VariableLookup variables, io::FileSystem* fs = nullptr,
           AggregateResolver aggregates = {}, catalog::Catalog* catalog = nullptr, std::string current_database = "",
           catalog::CatalogManager* catalogs = nullptr);

    Result<LogicalOperatorPtr> BindQuery(const sql::QueryNode& query);

    // DML (dml_binder.cc): the rows a statement writes into `table`, one column per table column
    // in schema order with the column's type. INSERT casts its source (strictly: a value that
    // does not convert is an error, as StarRocks' enable_insert_strict); DELETE yields the rows
    // to retract; UPDATE the new versions of the matching rows.
    Result<LogicalOperatorPtr> BindInsertRows(const sql::InsertStatement& insert, const catalog::TableEntry& table,
                                              bool strict);
    Result<LogicalOperatorPtr> BindDeleteRows(const sql::DeleteStatement& del, const catalog::TableEntry& table);
    Result<LogicalOperatorPtr> BindUpdateRows(const sql::UpdateStatement& update, const catalog::TableEntry& table,
                                              bool strict);

    // Values of a prepared statement's `?` placeholders, by index; null (the default) makes a
    // placeholder an error. The vector must outlive the binding.
    void set_parameters(const std::vector<Value>* parameters) { parameters_ = parameters; }
    // Functions without arguments that answer from the session (DATABASE(), USER(),
    // CONNECTION_ID(), ...): a lower-case name gives the value, nullopt for other functions.
    void set_session_functions(VariableLookup lookup) { session_functions_ = std::move(lookup); }
    // Tables of virtual databases (information_schema): given (database, table) in lower case,
    // their rows, or nullopt when the engine has no such database (then the catalog is asked).
    // An unknown table of a virtual database is an error from the provider.
    struct VirtualTable {
        std::vector<std::string> names;
        std::vector<LogicalType> types;
        std::vector<std::vector<Value>> rows;
    };
    using VirtualTableProvider =
        std::function<std::optional<Result<VirtualTable>>(const std::string& database, const std::string& table)>;
    void set_virtual_tables(VirtualTableProvider provider) { virtual_tables_ = std::move(provider); }
    // Privilege check of each catalog table or view a statement reads, given (database, table)
    // in lower case, and ("", "FILES()") for each FILES() call; it throws a QueryError to deny.
    // Tables read inside a view are not checked (a view runs with its owner's rights).
    using ReadCheck = std::function<void(const std::string& database, const std::string& table)>;
    void set_read_check(ReadCheck check) { read_check_ = std::move(check); }

    // Exposed for the pieces of the binder and for DDL binding.
    BoundExprPtr BindExpression(const sql::Expr& expr, const BindScope& scope, const char* clause);
    static LogicalType BindTypeName(const sql::TypeName& type_name);

private:
    LogicalOperatorPtr BindQueryNode(const sql::QueryNode& query);
    LogicalOperatorPtr BindSelect(const sql::SelectNode& select);
    LogicalOperatorPtr BindFrom(const std::vector<sql::TableRefPtr>& from, BindScope& scope);
    LogicalOperatorPtr BindJoin(const sql::TableRef& ref, BindScope& scope);
    LogicalOperatorPtr BindSetOperation(const sql::QueryNode& query);
    // ORDER BY over the output of `plan` (names usable as aliases, 1-based ordinals).
    LogicalOperatorPtr BindOrderByOutputs(const std::vector<sql::OrderByItem>& order_by, LogicalOperatorPtr plan);
    bool ContainsAggregate(const sql::Expr& expr) const;
    BoundExprPtr BindAggregateCall(const sql::FunctionCallExpr& call);
    LogicalOperatorPtr BindValues(const sql::ValuesNode& values);
    LogicalOperatorPtr BindTableRef(const sql::TableRef& ref, BindScope& scope);
    LogicalOperatorPtr BindCatalogObject(const sql::TableRef& ref, BindScope& scope);
    // Subqueries (subquery_binder.cc).
    LogicalOperatorPtr BindWhere(const sql::Expr& where, LogicalOperatorPtr plan, const BindScope& scope);
    LogicalOperatorPtr BindExistsPredicate(const sql::QueryNode& query, bool negated, const sql::InExpr* in,
                                           LogicalOperatorPtr plan, const BindScope& outer, const sql::Expr& at);
    LogicalOperatorPtr BindInPredicate(const sql::InExpr& in, bool negated, LogicalOperatorPtr plan,
                                       const BindScope& scope);
    BoundExprPtr BindScalarSubquery(const sql::QueryNode& query, const BindScope& outer, const sql::Expr& at);
    LogicalOperatorPtr AttachScalarSubqueries(LogicalOperatorPtr plan, ScalarSubqueries& pending);
    // The expression bound over `scope`, or nullopt when it names a column `scope` lacks.
    std::optional<BoundExprPtr> TryBind(const sql::Expr& expr, const BindScope& scope, const char* clause);

    // GROUP BY ROLLUP / CUBE / GROUPING SETS (grouping_sets_binder.cc).
    LogicalOperatorPtr BindGroupingSets(const sql::SelectNode& select);
    BoundExprPtr BindGroupingFunction(const sql::FunctionCallExpr& call);

    LogicalOperatorPtr BindSystemTable(catalog::Catalog& catalog, const std::string& database, const std::string& table,
                                       const std::string& system_table, const std::string& alias, BindScope& scope);
    // A scan of every (readable) column of `table`, added to `scope` under `alias`.
    LogicalOperatorPtr ScanTable(const catalog::TableEntry& table, const std::string& alias, BindScope& scope);
    LogicalOperatorPtr BindFilesFunction(const sql::TableFunctionRef& function, BindScope& scope);
    LogicalOperatorPtr BindLimit(const sql::QueryNode& query, LogicalOperatorPtr plan);

    BoundExprPtr BindFunction(const std::string& name, std::vector<BoundExprPtr> arguments, const sql::Expr& at);
    BoundExprPtr BindCase(std::vector<BoundExprPtr> whens, std::vector<BoundExprPtr> thens, BoundExprPtr otherwise,
                          const sql::Expr& at);
    BoundExprPtr BindSpecialFunction(const std::string& name, std::vector<BoundExprPtr>& arguments,
                                     const sql::Expr& at, bool& handled);

    // --- Window functions (window_binder.cc) ---
    // While a SELECT is bound, a WindowScope collects its `f(..) OVER (..)` calls: in the select
    // list and ORDER BY they bind to placeholder columns; AttachWindows puts the WINDOW nodes on
    // `plan` and points the placeholders in `users` at their output columns. Elsewhere a window
    // call is an error.
    struct WindowContext;
    class WindowScope {
    public:
        explicit WindowScope(Binder& binder);
        ~WindowScope();

    private:
        Binder& binder_;
        WindowContext* saved_;
        std::unique_ptr<WindowContext> context_;
    };
    BoundExprPtr BindWindowCall(const sql::FunctionCallExpr& call, const BindScope& scope, const char* clause);
    LogicalOperatorPtr AttachWindows(LogicalOperatorPtr plan, std::vector<std::vector<BoundExprPtr>*> users);
    WindowContext* window_context_ = nullptr;
    // --- end window functions ---

    const functions::FunctionRegistry& registry_;
    VariableLookup variables_;
    VariableLookup session_functions_;
    VirtualTableProvider virtual_tables_;
    ReadCheck read_check_;
    const std::vector<Value>* parameters_ = nullptr;
    io::FileSystem* fs_;
    AggregateResolver aggregate_resolver_;
    catalog::Catalog* catalog_;
    catalog::CatalogManager* catalogs_;
    std::string current_database_;
    int view_depth_ = 0;  // views inside views, bounded against cycles
    AggregateContext* aggregate_context_ = nullptr;  // set while binding post-aggregation expressions
    ScalarSubqueries* scalar_subqueries_ = nullptr;
    // While binding one grouping set's branch: which GROUP BY keys it leaves out.
    std::vector<bool>* grouping_excluded_ = nullptr;  // set where a clause can take scalar subqueries
    // WITH clauses in scope, innermost last: name -> definition.
    std::vector<std::vector<const sql::CommonTableExpr*>> ctes_;
    // An id per WITH query bound in this statement, set on the root of each reference's plan
    // (LogicalOperator::cte_id) so that cte_reuse can compute a query referenced twice once.
    std::map<const sql::CommonTableExpr*, int> cte_ids_;
};

// `source` as the rows of `table`: source column i fills table column target_of_source[i], cast
// to its type (strict: an error for a value that does not convert); the others are NULL.
LogicalOperatorPtr ShapeForTable(LogicalOperatorPtr source, const std::vector<int>& target_of_source,
                                 const catalog::TableEntry& table, bool strict);

// Rows of `child` where `predicate` (cast to BOOLEAN) is true.
LogicalOperatorPtr MakeFilter(LogicalOperatorPtr child, BoundExprPtr predicate);

// "at line 1, column 8" for messages.
std::string DescribePosition(const sql::Expr& expr);

}  // namespace flashlake::planner
