// Statement::ToString for the data statements; DDL and administration statements are printed by
// ddl_printer.cc and admin_printer.cc.

#include "sql/parser/printer.h"
#include "sql/parser/quoting.h"
#include "sql/parser/statement.h"

namespace flashlake::sql {

namespace {

std::string PartitionsToString(const std::vector<std::string>& partitions) {
    return partitions.empty() ? "" : " PARTITION (" + QuoteNameList(partitions) + ")";
}

std::string FromListToString(const std::vector<TableRefPtr>& refs) {
    std::string out;
    for (size_t i = 0; i < refs.size(); ++i) {
        if (i > 0) out += ", ";
        out += refs[i]->ToString();
    }
    return out;
}

std::string InsertToString(const InsertStatement& insert) {
    std::string out = insert.overwrite ? "INSERT OVERWRITE " : "INSERT INTO ";
    out += insert.table.ToString() + PartitionsToString(insert.partitions);
    if (!insert.label.empty()) out += " WITH LABEL " + QuoteIdentifier(insert.label);
    if (!insert.columns.empty()) out += " (" + QuoteNameList(insert.columns) + ")";
    return out + " " + insert.source->ToString();
}

std::string UpdateToString(const UpdateStatement& update) {
    std::string out = "UPDATE " + update.table.ToString();
    if (!update.alias.empty()) out += " AS " + QuoteIdentifier(update.alias);
    out += " SET ";
    for (size_t i = 0; i < update.assignments.size(); ++i) {
        if (i > 0) out += ", ";
        out += QuoteQualifiedName(update.assignments[i].column) + " = " + update.assignments[i].value->ToString();
    }
    if (!update.from.empty()) out += " FROM " + FromListToString(update.from);
    if (update.where) out += " WHERE " + update.where->ToString();
    return out;
}

std::string DeleteToString(const DeleteStatement& del) {
    std::string out = "DELETE FROM " + del.table.ToString() + PartitionsToString(del.partitions);
    if (!del.alias.empty()) out += " AS " + QuoteIdentifier(del.alias);
    if (!del.using_tables.empty()) out += " USING " + FromListToString(del.using_tables);
    if (del.where) out += " WHERE " + del.where->ToString();
    return out;
}

std::string ExplainToString(const ExplainStatement& explain) {
    std::string out = "EXPLAIN ";
    switch (explain.level) {
        case ExplainLevel::kDefault:
            break;
        case ExplainLevel::kLogical:
            out += "LOGICAL ";
            break;
        case ExplainLevel::kVerbose:
            out += "VERBOSE ";
            break;
        case ExplainLevel::kCosts:
            out += "COSTS ";
            break;
        case ExplainLevel::kAnalyze:
            out += "ANALYZE ";
            break;
    }
    return out + explain.statement->ToString();
}

}  // namespace

std::string Statement::ToString() const {
    switch (kind) {
        case StatementKind::kQuery:
            return As<QueryStatement>().query->ToString();
        case StatementKind::kInsert:
            return InsertToString(As<InsertStatement>());
        case StatementKind::kUpdate:
            return UpdateToString(As<UpdateStatement>());
        case StatementKind::kDelete:
            return DeleteToString(As<DeleteStatement>());
        case StatementKind::kExplain:
            return ExplainToString(As<ExplainStatement>());
        case StatementKind::kCreateDatabase:
        case StatementKind::kCreateTable:
        case StatementKind::kCreateView:
        case StatementKind::kCreateMaterializedView:
        case StatementKind::kCreateCatalog:
        case StatementKind::kDrop:
        case StatementKind::kAlterTable:
        case StatementKind::kTruncateTable:
        case StatementKind::kRefreshMaterializedView:
            return DdlStatementToString(*this);
        default:
            return AdminStatementToString(*this);
    }
}

}  // namespace flashlake::sql
