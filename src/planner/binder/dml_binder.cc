// Binding of INSERT, DELETE and UPDATE: each becomes a plan producing the rows to write, one
// column per table column in schema order, typed as the table stores it. The engine runs that
// plan into the table's writer and commits the files as one snapshot.

#include <set>

#include "catalog/catalog.h"
#include "common/check.h"
#include "common/query_error.h"
#include "planner/binder/binder.h"
#include "sql/parser/statement.h"

namespace flashlake::planner {

namespace {

BoundExprPtr CastForWrite(BoundExprPtr value, const LogicalType& target, bool strict) {
    auto cast = MakeCast(std::move(value), target, strict);
    ThrowIfError(cast.status());
    return std::move(cast).value();
}

LogicalOperatorPtr MakeProjection(LogicalOperatorPtr child, std::vector<BoundExprPtr> expressions,
                                  std::vector<std::string> names) {
    auto projection = std::make_unique<LogicalOperator>(LogicalOperatorKind::kProjection);
    for (const auto& expression : expressions) projection->types.push_back(expression->type);
    projection->expressions = std::move(expressions);
    projection->names = std::move(names);
    projection->estimated_rows = child->estimated_rows;
    projection->children.push_back(std::move(child));
    return projection;
}

std::vector<LogicalType> TableTypes(const catalog::TableEntry& table) {
    std::vector<LogicalType> types;
    for (const auto& field : table.schema.fields) {
        auto type = field.type.ToLogicalType();
        if (!type.ok()) {
            ThrowQueryError(ErrorCode::kNotSupported, "column '", field.name, "' of '", table.name,
                            "' has a nested type, which writes do not support yet");
        }
        types.push_back(*type);
    }
    return types;
}

std::vector<std::string> TableNames(const catalog::TableEntry& table) {
    std::vector<std::string> names;
    for (const auto& field : table.schema.fields) names.push_back(field.name);
    return names;
}

}  // namespace

Result<LogicalOperatorPtr> Binder::BindInsertRows(const sql::InsertStatement& insert, const catalog::TableEntry& table,
                                                  bool strict) {
    try {
        std::vector<LogicalType> types = TableTypes(table);
        // Which table column each source column fills: all of them in order, or the list given.
        std::vector<int> target_of_source;
        if (insert.columns.empty()) {
            for (size_t i = 0; i < types.size(); ++i) target_of_source.push_back(static_cast<int>(i));
        } else {
            std::set<int> seen;
            for (const auto& name : insert.columns) {
                int index = table.schema.FieldIndex(LowerCase(name));
                if (index < 0) index = table.schema.FieldIndex(name);
                if (index < 0) ThrowQueryError(ErrorCode::kUnknownColumn, "Unknown column '", name, "' in 'field list'");
                if (!seen.insert(index).second) {
                    ThrowQueryError(ErrorCode::kInvalidArgument, "Column '", name, "' specified twice");
                }
                target_of_source.push_back(index);
            }
        }
        LogicalOperatorPtr source = BindQueryNode(*insert.source);
        if (source->types.size() != target_of_source.size()) {
            ThrowQueryError(ErrorCode::kInvalidArgument, "Column count doesn't match value count: '", table.name,
                            "' expects ", target_of_source.size(), " column(s), the ",
                            insert.source->Is<sql::ValuesNode>() ? "VALUES rows have " : "query returns ",
                            source->types.size());
        }
        return ShapeForTable(std::move(source), target_of_source, table, strict);
    } catch (const QueryError& error) {
        return error.ToStatus();
    }
}

LogicalOperatorPtr ShapeForTable(LogicalOperatorPtr source, const std::vector<int>& target_of_source,
                                 const catalog::TableEntry& table, bool strict) {
    std::vector<LogicalType> types = TableTypes(table);
    FL_CHECK(source->types.size() == target_of_source.size());
    std::vector<BoundExprPtr> columns(types.size());
    for (size_t s = 0; s < target_of_source.size(); ++s) {
        int target = target_of_source[s];
        auto value = MakeColumnRef(s, source->types[s], source->names[s]);
        columns[target] = CastForWrite(std::move(value), types[target], strict);
    }
    for (size_t c = 0; c < columns.size(); ++c) {
        // Columns the statement does not name are NULL (the writer rejects that for NOT NULL ones).
        if (!columns[c]) columns[c] = CastForWrite(MakeConstant(Value()), types[c], false);
    }
    return MakeProjection(std::move(source), std::move(columns), TableNames(table));
}

Result<LogicalOperatorPtr> Binder::BindDeleteRows(const sql::DeleteStatement& del, const catalog::TableEntry& table) {
    try {
        if (!del.using_tables.empty()) ThrowQueryError(ErrorCode::kNotSupported, "DELETE ... USING is not supported yet");
        if (!del.partitions.empty()) {
            ThrowQueryError(ErrorCode::kNotSupported, "DELETE ... PARTITION is not supported yet; use a WHERE condition");
        }
        TableTypes(table);  // refuses nested columns
        BindScope scope;
        LogicalOperatorPtr plan = ScanTable(table, del.alias.empty() ? table.name : del.alias, scope);
        if (del.where) plan = MakeFilter(std::move(plan), BindExpression(*del.where, scope, "where clause"));
        return plan;
    } catch (const QueryError& error) {
        return error.ToStatus();
    }
}

Result<LogicalOperatorPtr> Binder::BindUpdateRows(const sql::UpdateStatement& update, const catalog::TableEntry& table,
                                                  bool strict) {
    try {
        if (!update.from.empty()) ThrowQueryError(ErrorCode::kNotSupported, "UPDATE ... FROM is not supported yet");
        std::vector<LogicalType> types = TableTypes(table);
        BindScope scope;
        std::string alias = update.alias.empty() ? table.name : update.alias;
        LogicalOperatorPtr plan = ScanTable(table, alias, scope);
        std::vector<BoundExprPtr> columns(types.size());
        for (const auto& assignment : update.assignments) {
            const std::string& name = assignment.column.back();
            if (assignment.column.size() > 1 && LowerCase(assignment.column[0]) != LowerCase(alias)) {
                ThrowQueryError(ErrorCode::kUnknownColumn, "Unknown column '", assignment.column[0], ".", name,
                                "' in 'field list'");
            }
            int index = table.schema.FieldIndex(LowerCase(name));
            if (index < 0) index = table.schema.FieldIndex(name);
            if (index < 0) ThrowQueryError(ErrorCode::kUnknownColumn, "Unknown column '", name, "' in 'field list'");
            for (const auto& key : table.schema.primary_keys) {
                if (key == table.schema.fields[index].name) {
                    ThrowQueryError(ErrorCode::kNotSupported, "primary key column '", key,
                                    "' can't be updated; delete the row and insert the new one");
                }
            }
            if (columns[index]) ThrowQueryError(ErrorCode::kInvalidArgument, "Column '", name, "' assigned twice");
            columns[index] = CastForWrite(BindExpression(*assignment.value, scope, "field list"), types[index], strict);
        }
        for (size_t c = 0; c < columns.size(); ++c) {
            if (!columns[c]) columns[c] = MakeColumnRef(c, types[c], table.schema.fields[c].name);
        }
        if (update.where) plan = MakeFilter(std::move(plan), BindExpression(*update.where, scope, "where clause"));
        return MakeProjection(std::move(plan), std::move(columns), TableNames(table));
    } catch (const QueryError& error) {
        return error.ToStatus();
    }
}

}  // namespace flashlake::planner
