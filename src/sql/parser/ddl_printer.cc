// ToString of the DDL statements (ddl_statement.h).

#include "sql/parser/ddl_statement.h"
#include "sql/parser/precedence.h"
#include "sql/parser/printer.h"
#include "sql/parser/quoting.h"

namespace flashlake::sql {

namespace {

std::string ColumnDefToString(const ColumnDef& column) {
    std::string out = QuoteIdentifier(column.name) + " " + column.type.ToString();
    if (column.is_key) out += " KEY";
    if (column.aggregation != AggregationKind::kNone) out += " " + std::string(AggregationKindText(column.aggregation));
    if (column.nullable) out += *column.nullable ? " NULL" : " NOT NULL";
    if (column.auto_increment) out += " AUTO_INCREMENT";
    if (column.default_value) out += " DEFAULT " + OperandToString(*column.default_value, precedence::kUnary);
    if (!column.comment.empty()) out += " COMMENT " + QuoteString(column.comment);
    return out;
}

std::string PartitionToString(const PartitionDesc& partition) {
    switch (partition.kind) {
        case PartitionKind::kNone:
            return "";
        case PartitionKind::kRange:
        case PartitionKind::kList:
            return std::string(partition.kind == PartitionKind::kRange ? " PARTITION BY RANGE ("
                                                                       : " PARTITION BY LIST (") +
                   ExprListToString(partition.exprs) + ") " + partition.definitions;
        case PartitionKind::kExpr: {
            bool columns_only = true;
            for (const ExprPtr& expr : partition.exprs) columns_only = columns_only && expr->Is<ColumnRefExpr>();
            std::string list = ExprListToString(partition.exprs);
            return columns_only ? " PARTITION BY (" + list + ")" : " PARTITION BY " + list;
        }
    }
    return "";
}

std::string DistributionToString(const DistributionDesc& distribution) {
    if (distribution.kind == DistributionKind::kNone) return "";
    std::string out = distribution.kind == DistributionKind::kHash
                          ? " DISTRIBUTED BY HASH (" + QuoteNameList(distribution.columns) + ")"
                          : " DISTRIBUTED BY RANDOM";
    if (distribution.buckets > 0) out += " BUCKETS " + std::to_string(distribution.buckets);
    return out;
}

std::string RefreshToString(const RefreshDesc& refresh) {
    if (refresh == RefreshDesc{}) return "";
    std::string out = " REFRESH";
    if (refresh.moment == RefreshMoment::kImmediate) out += " IMMEDIATE";
    if (refresh.moment == RefreshMoment::kDeferred) out += " DEFERRED";
    switch (refresh.type) {
        case RefreshType::kDefault:
            break;
        case RefreshType::kAsync:
            out += " ASYNC";
            if (refresh.start_time) out += " START (" + QuoteString(*refresh.start_time) + ")";
            if (refresh.every) out += " EVERY (" + refresh.every->ToString() + ")";
            break;
        case RefreshType::kManual:
            out += " MANUAL";
            break;
        case RefreshType::kIncremental:
            out += " INCREMENTAL";
            break;
    }
    return out;
}

std::string ViewColumnsToString(const std::vector<ViewColumn>& columns) {
    if (columns.empty()) return "";
    std::string out = " (";
    for (size_t i = 0; i < columns.size(); ++i) {
        if (i > 0) out += ", ";
        out += QuoteIdentifier(columns[i].name);
        if (!columns[i].comment.empty()) out += " COMMENT " + QuoteString(columns[i].comment);
    }
    return out + ")";
}

std::string CommentToString(const std::string& comment) {
    return comment.empty() ? "" : " COMMENT " + QuoteString(comment);
}

std::string PropertiesToString(const PropertyList& properties) {
    return properties.empty() ? "" : " PROPERTIES " + PropertyListToString(properties);
}

std::string CreateTableToString(const CreateTableStatement& create) {
    std::string out = "CREATE ";
    if (create.external) out += "EXTERNAL ";
    if (create.temporary) out += "TEMPORARY ";
    out += "TABLE ";
    if (create.if_not_exists) out += "IF NOT EXISTS ";
    out += create.name.ToString();
    if (!create.like_table.empty()) return out + " LIKE " + create.like_table.ToString();
    if (!create.columns.empty() || !create.indexes.empty()) {
        out += " (";
        bool first = true;
        for (const ColumnDef& column : create.columns) {
            out += (first ? "" : ", ") + ColumnDefToString(column);
            first = false;
        }
        for (const IndexDef& index : create.indexes) {
            out += (first ? "INDEX " : ", INDEX ") + QuoteIdentifier(index.name) + " (" + QuoteNameList(index.columns) +
                   ")";
            if (!index.index_type.empty()) out += " USING " + index.index_type;
            out += CommentToString(index.comment);
            first = false;
        }
        out += ")";
    }
    if (!create.engine.empty()) out += " ENGINE = " + QuoteIdentifier(create.engine);
    if (create.keys.kind != KeysKind::kNone) {
        static constexpr std::string_view kKeys[] = {"", " DUPLICATE KEY (", " AGGREGATE KEY (", " UNIQUE KEY (",
                                                     " PRIMARY KEY ("};
        out += std::string(kKeys[static_cast<int>(create.keys.kind)]) + QuoteNameList(create.keys.columns) + ")";
    }
    out += CommentToString(create.comment);
    out += PartitionToString(create.partition);
    out += DistributionToString(create.distribution);
    if (!create.order_by.empty()) out += " ORDER BY (" + QuoteNameList(create.order_by) + ")";
    out += PropertiesToString(create.properties);
    if (create.as_query) out += " AS " + create.as_query->ToString();
    return out;
}

std::string CreateMaterializedViewToString(const CreateMaterializedViewStatement& create) {
    std::string out = "CREATE MATERIALIZED VIEW ";
    if (create.if_not_exists) out += "IF NOT EXISTS ";
    out += create.name.ToString() + ViewColumnsToString(create.columns) + CommentToString(create.comment);
    out += PartitionToString(create.partition) + DistributionToString(create.distribution) +
           RefreshToString(create.refresh);
    if (!create.order_by.empty()) out += " ORDER BY (" + QuoteNameList(create.order_by) + ")";
    return out + PropertiesToString(create.properties) + " AS " + create.query->ToString();
}

std::string AlterActionToString(const AlterAction& action) {
    auto placement = [&action] {
        if (action.placement == ColumnPlacement::kFirst) return std::string(" FIRST");
        if (action.placement == ColumnPlacement::kAfter) return " AFTER " + QuoteIdentifier(action.after_column);
        return std::string();
    };
    switch (action.kind) {
        case AlterActionKind::kAddColumn: {
            if (action.columns.size() == 1) return "ADD COLUMN " + ColumnDefToString(action.columns[0]) + placement();
            std::string out = "ADD COLUMN (";
            for (size_t i = 0; i < action.columns.size(); ++i) {
                out += (i > 0 ? ", " : "") + ColumnDefToString(action.columns[i]);
            }
            return out + ")";
        }
        case AlterActionKind::kDropColumn:
            return "DROP COLUMN " + QuoteIdentifier(action.name);
        case AlterActionKind::kModifyColumn:
            return "MODIFY COLUMN " + ColumnDefToString(action.columns[0]) + placement();
        case AlterActionKind::kRenameColumn:
            return "RENAME COLUMN " + QuoteIdentifier(action.name) + " TO " + QuoteIdentifier(action.new_name);
        case AlterActionKind::kRenameTable:
            return "RENAME " + QuoteIdentifier(action.name);
        case AlterActionKind::kSetProperties:
            return "SET " + PropertyListToString(action.properties);
        case AlterActionKind::kDropPartition:
            return std::string("DROP PARTITION ") + (action.if_exists ? "IF EXISTS " : "") +
                   QuoteIdentifier(action.name) + (action.force ? " FORCE" : "");
    }
    return "";
}

}  // namespace

std::string_view AggregationKindText(AggregationKind kind) {
    switch (kind) {
        case AggregationKind::kNone:
            return "";
        case AggregationKind::kSum:
            return "SUM";
        case AggregationKind::kMin:
            return "MIN";
        case AggregationKind::kMax:
            return "MAX";
        case AggregationKind::kReplace:
            return "REPLACE";
        case AggregationKind::kReplaceIfNotNull:
            return "REPLACE_IF_NOT_NULL";
        case AggregationKind::kBitmapUnion:
            return "BITMAP_UNION";
        case AggregationKind::kHllUnion:
            return "HLL_UNION";
        case AggregationKind::kPercentileUnion:
            return "PERCENTILE_UNION";
    }
    return "";
}

std::string_view ObjectKindText(ObjectKind kind) {
    switch (kind) {
        case ObjectKind::kDatabase:
            return "DATABASE";
        case ObjectKind::kTable:
            return "TABLE";
        case ObjectKind::kView:
            return "VIEW";
        case ObjectKind::kMaterializedView:
            return "MATERIALIZED VIEW";
        case ObjectKind::kCatalog:
            return "CATALOG";
        case ObjectKind::kResourceGroup:
            return "RESOURCE GROUP";
    }
    return "";
}

std::string DdlStatementToString(const Statement& statement) {
    switch (statement.kind) {
        case StatementKind::kCreateDatabase: {
            const auto& create = statement.As<CreateDatabaseStatement>();
            return std::string("CREATE DATABASE ") + (create.if_not_exists ? "IF NOT EXISTS " : "") +
                   create.name.ToString() + PropertiesToString(create.properties);
        }
        case StatementKind::kCreateTable:
            return CreateTableToString(statement.As<CreateTableStatement>());
        case StatementKind::kCreateView: {
            const auto& create = statement.As<CreateViewStatement>();
            return std::string("CREATE ") + (create.or_replace ? "OR REPLACE " : "") + "VIEW " +
                   (create.if_not_exists ? "IF NOT EXISTS " : "") + create.name.ToString() +
                   ViewColumnsToString(create.columns) + CommentToString(create.comment) + " AS " +
                   create.query->ToString();
        }
        case StatementKind::kCreateMaterializedView:
            return CreateMaterializedViewToString(statement.As<CreateMaterializedViewStatement>());
        case StatementKind::kCreateCatalog: {
            const auto& create = statement.As<CreateCatalogStatement>();
            return std::string("CREATE EXTERNAL CATALOG ") + (create.if_not_exists ? "IF NOT EXISTS " : "") +
                   QuoteIdentifier(create.name) + CommentToString(create.comment) + " PROPERTIES " +
                   PropertyListToString(create.properties);
        }
        case StatementKind::kDrop: {
            const auto& drop = statement.As<DropStatement>();
            return "DROP " + std::string(ObjectKindText(drop.object)) + (drop.if_exists ? " IF EXISTS " : " ") +
                   drop.name.ToString() + (drop.force ? " FORCE" : "");
        }
        case StatementKind::kAlterTable: {
            const auto& alter = statement.As<AlterTableStatement>();
            std::string out = "ALTER TABLE " + alter.table.ToString() + " ";
            for (size_t i = 0; i < alter.actions.size(); ++i) {
                out += (i > 0 ? ", " : "") + AlterActionToString(alter.actions[i]);
            }
            return out;
        }
        case StatementKind::kTruncateTable: {
            const auto& truncate = statement.As<TruncateTableStatement>();
            std::string out = "TRUNCATE TABLE " + truncate.table.ToString();
            if (!truncate.partitions.empty()) out += " PARTITION (" + QuoteNameList(truncate.partitions) + ")";
            return out;
        }
        case StatementKind::kRefreshMaterializedView: {
            const auto& refresh = statement.As<RefreshMaterializedViewStatement>();
            std::string out = "REFRESH MATERIALIZED VIEW " + refresh.name.ToString();
            if (refresh.partition_start) {
                out += " PARTITION START (" + QuoteString(*refresh.partition_start) + ") END (" +
                       QuoteString(refresh.partition_end.value_or("")) + ")";
            }
            if (refresh.force) out += " FORCE";
            if (refresh.mode == RefreshMode::kSync) out += " WITH SYNC MODE";
            if (refresh.mode == RefreshMode::kAsync) out += " WITH ASYNC MODE";
            return out;
        }
        default:
            return "";
    }
}

}  // namespace flashlake::sql
