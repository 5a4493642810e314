// SHOW CREATE TABLE t: the DDL that makes the table (catalog::CreateTableSql), or a view's
// CREATE VIEW, in the two columns MySQL clients expect.

#include "catalog/create_table_sql.h"
#include "engine/session.h"
#include "sql/parser/admin_statement.h"

namespace flashlake::engine {

Result<StatementResult> Session::ExecuteShowCreateTable(const sql::ShowStatement& show) {
    FL_ASSIGN_OR_RETURN(catalog::TableEntry table, LookupTable(show.target));
    return TextRows({"Table", "Create Table"}, {{table.name, catalog::CreateTableSql(table)}});
}

}  // namespace flashlake::engine
