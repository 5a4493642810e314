// DDL: CREATE / ALTER / DROP of databases, tables, views, materialized views and catalogs;
// TRUNCATE TABLE; REFRESH MATERIALIZED VIEW.

#include <algorithm>
#include <cctype>

#include "sql/parser/grammar.h"

namespace flashlake::sql {

namespace {

std::string Upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

AggregationKind AggregationOf(Keyword keyword) {
    switch (keyword) {
        case Keyword::kSUM:
            return AggregationKind::kSum;
        case Keyword::kMIN:
            return AggregationKind::kMin;
        case Keyword::kMAX:
            return AggregationKind::kMax;
        case Keyword::kREPLACE:
            return AggregationKind::kReplace;
        case Keyword::kREPLACE_IF_NOT_NULL:
            return AggregationKind::kReplaceIfNotNull;
        case Keyword::kBITMAP_UNION:
            return AggregationKind::kBitmapUnion;
        case Keyword::kHLL_UNION:
            return AggregationKind::kHllUnion;
        case Keyword::kPERCENTILE_UNION:
            return AggregationKind::kPercentileUnion;
        default:
            return AggregationKind::kNone;
    }
}

}  // namespace

bool Grammar::ParseIfNotExists() {
    return MatchSequence({Keyword::kIF, Keyword::kNOT, Keyword::kEXISTS});
}

bool Grammar::ParseIfExists() {
    return MatchSequence({Keyword::kIF, Keyword::kEXISTS});
}

StatementPtr Grammar::ParseCreate() {
    Position position = Expect(Keyword::kCREATE).position;
    const Token& or_token = Peek();
    bool or_replace = MatchSequence({Keyword::kOR, Keyword::kREPLACE});
    if (or_replace && !PeekIs(Keyword::kVIEW)) FailAt(or_token, "OR REPLACE is only supported for CREATE VIEW");
    if (PeekIs(Keyword::kDATABASE) || PeekIs(Keyword::kSCHEMA)) return ParseCreateDatabase(position);
    if (Match(Keyword::kEXTERNAL)) {
        if (PeekIs(Keyword::kCATALOG)) return ParseCreateCatalog(position);
        return ParseCreateTable(position, true, false);
    }
    if (Match(Keyword::kTEMPORARY)) return ParseCreateTable(position, false, true);
    if (PeekIs(Keyword::kTABLE)) return ParseCreateTable(position, false, false);
    if (PeekIs(Keyword::kVIEW)) return ParseCreateView(position, or_replace);
    if (PeekIs(Keyword::kMATERIALIZED)) return ParseCreateMaterializedView(position);
    if (PeekIs(Keyword::kCATALOG)) return ParseCreateCatalog(position);
    if (PeekIs(Keyword::kUSER)) return ParseCreateUser(position);
    if (PeekIs(Keyword::kROLE)) return ParseRoles(position, true);
    if (PeekIs(Keyword::kRESOURCE)) return ParseCreateResourceGroup(position, false);
    for (std::string_view object : {"FUNCTION", "INDEX", "REPOSITORY", "ROUTINE", "PIPE", "STORAGE", "DICTIONARY",
                                    "FILE", "WAREHOUSE", "AGGREGATE", "GLOBAL"}) {
        if (PeekWord(object)) FailUnsupported(Peek(), "CREATE " + std::string(object));
    }
    FailExpected("TABLE, VIEW, MATERIALIZED VIEW, DATABASE, EXTERNAL CATALOG, USER, ROLE or RESOURCE GROUP");
}

StatementPtr Grammar::ParseCreateDatabase(Position position) {
    Advance();  // DATABASE or SCHEMA
    auto create = NewNode<CreateDatabaseStatement>(position);
    create->if_not_exists = ParseIfNotExists();
    create->name = ParseQualifiedName(2, "database name");
    if (Match(Keyword::kPROPERTIES)) create->properties = ParsePropertyList();
    return create;
}

StatementPtr Grammar::ParseCreateTable(Position position, bool external, bool temporary) {
    Expect(Keyword::kTABLE);
    auto create = NewNode<CreateTableStatement>(position);
    create->external = external;
    create->temporary = temporary;
    create->if_not_exists = ParseIfNotExists();
    create->name = ParseQualifiedName(3, "table name");
    if (Match(Keyword::kLIKE)) {
        create->like_table = ParseQualifiedName(3, "table name");
        return create;
    }
    if (PeekIs(TokenKind::kLeftParen) && !PeekQueryStart()) {
        Advance();
        do {
            if (PeekIs(Keyword::kINDEX)) {
                IndexDef index;
                index.position = Advance().position;
                index.name = ParseIdentifier("index name");
                index.columns = ParseParenthesizedNames();
                if (Match(Keyword::kUSING)) index.index_type = Upper(ParseIdentifier("index type"));
                if (Match(Keyword::kCOMMENT)) index.comment = ParseString("comment string");
                create->indexes.push_back(std::move(index));
            } else {
                create->columns.push_back(ParseColumnDef());
            }
        } while (Match(TokenKind::kComma));
        Expect(TokenKind::kRightParen, "')'");
    }
    if (Match(Keyword::kENGINE)) {
        Expect(TokenKind::kEq, "'='");
        create->engine = ParseIdentifier("engine name");
    }
    static constexpr std::pair<Keyword, KeysKind> kKeyKinds[] = {{Keyword::kDUPLICATE, KeysKind::kDuplicate},
                                                                 {Keyword::kAGGREGATE, KeysKind::kAggregate},
                                                                 {Keyword::kUNIQUE, KeysKind::kUnique},
                                                                 {Keyword::kPRIMARY, KeysKind::kPrimary}};
    for (auto [keyword, kind] : kKeyKinds) {
        if (PeekIs(keyword) && PeekIs(Keyword::kKEY, 1)) {
            pos_ += 2;
            create->keys.kind = kind;
            create->keys.columns = ParseParenthesizedNames();
            break;
        }
    }
    if (Match(Keyword::kCOMMENT)) {
        Match(TokenKind::kEq);
        create->comment = ParseString("comment string");
    }
    if (PeekIs(Keyword::kPARTITION)) create->partition = ParsePartitionDesc();
    if (PeekIs(Keyword::kDISTRIBUTED)) create->distribution = ParseDistributionDesc();
    if (MatchSequence({Keyword::kORDER, Keyword::kBY})) create->order_by = ParseParenthesizedNames();
    if (Match(Keyword::kPROPERTIES)) create->properties = ParsePropertyList();
    if (Match(Keyword::kAS)) {
        if (!PeekQueryStart()) FailExpected("a query after AS");
        create->as_query = ParseQuery();
    }
    if (create->columns.empty() && !create->as_query) FailExpected("'(' with column definitions, AS query or LIKE");
    return create;
}

ColumnDef Grammar::ParseColumnDef() {
    ColumnDef column;
    column.position = Peek().position;
    column.name = ParseIdentifier("column name");
    column.type = ParseType();
    bool seen_default = false;
    bool seen_comment = false;
    while (true) {
        const Token& token = Peek();
        AggregationKind aggregation = AggregationOf(token.keyword);
        bool duplicate = false;
        if (token.Is(Keyword::kKEY)) {
            duplicate = column.is_key;
            column.is_key = true;
            Advance();
        } else if (aggregation != AggregationKind::kNone && token.kind == TokenKind::kWord) {
            duplicate = column.aggregation != AggregationKind::kNone;
            column.aggregation = aggregation;
            Advance();
        } else if (token.Is(Keyword::kNOT) && PeekIs(Keyword::kNULL, 1)) {
            duplicate = column.nullable.has_value();
            column.nullable = false;
            pos_ += 2;
        } else if (token.Is(Keyword::kNULL)) {
            duplicate = column.nullable.has_value();
            column.nullable = true;
            Advance();
        } else if (token.Is(Keyword::kAUTO_INCREMENT)) {
            duplicate = column.auto_increment;
            column.auto_increment = true;
            Advance();
        } else if (token.Is(Keyword::kDEFAULT)) {
            duplicate = seen_default;
            seen_default = true;
            Advance();
            column.default_value = ParseUnary();
        } else if (token.Is(Keyword::kCOMMENT)) {
            duplicate = seen_comment;
            seen_comment = true;
            Advance();
            column.comment = ParseString("comment string");
        } else {
            return column;
        }
        if (duplicate)
            FailAt(token, "duplicate " + std::string(token.text) + " in the definition of column " + column.name);
    }
}

PartitionDesc Grammar::ParsePartitionDesc() {
    Expect(Keyword::kPARTITION);
    Expect(Keyword::kBY);
    PartitionDesc desc;
    if (PeekIs(Keyword::kRANGE) || PeekIs(Keyword::kLIST)) {
        desc.kind = Advance().keyword == Keyword::kRANGE ? PartitionKind::kRange : PartitionKind::kList;
        Expect(TokenKind::kLeftParen, "'('");
        desc.exprs = ParseExprList();
        Expect(TokenKind::kRightParen, "')'");
        if (!PeekIs(TokenKind::kLeftParen)) FailExpected("'(' with the partition definitions");
        // Keep the definitions as written: skip to the matching parenthesis.
        size_t first = pos_;
        int depth = 0;
        do {
            if (PeekIs(TokenKind::kEnd)) FailExpected("')'");
            const Token& token = Advance();
            if (token.kind == TokenKind::kLeftParen) ++depth;
            if (token.kind == TokenKind::kRightParen) --depth;
        } while (depth > 0);
        desc.definitions = TextFrom(first);
        return desc;
    }
    desc.kind = PartitionKind::kExpr;
    if (Match(TokenKind::kLeftParen)) {
        desc.exprs = ParseExprList();
        Expect(TokenKind::kRightParen, "')'");
    } else {
        desc.exprs = ParseExprList();
    }
    return desc;
}

DistributionDesc Grammar::ParseDistributionDesc() {
    Expect(Keyword::kDISTRIBUTED);
    Expect(Keyword::kBY);
    DistributionDesc desc;
    if (Match(Keyword::kHASH)) {
        desc.kind = DistributionKind::kHash;
        desc.columns = ParseParenthesizedNames();
    } else if (Match(Keyword::kRANDOM)) {
        desc.kind = DistributionKind::kRandom;
    } else {
        FailExpected("HASH or RANDOM");
    }
    if (Match(Keyword::kBUCKETS)) {
        const Token& token = Peek();
        desc.buckets = ParseInteger("bucket count");
        if (desc.buckets <= 0) FailAt(token, "bucket count must be positive");
    }
    return desc;
}

RefreshDesc Grammar::ParseRefreshDesc() {
    Expect(Keyword::kREFRESH);
    RefreshDesc desc;
    if (Match(Keyword::kIMMEDIATE)) {
        desc.moment = RefreshMoment::kImmediate;
    } else if (Match(Keyword::kDEFERRED)) {
        desc.moment = RefreshMoment::kDeferred;
    }
    if (Match(Keyword::kASYNC)) {
        desc.type = RefreshType::kAsync;
        if (Match(Keyword::kSTART)) {
            Expect(TokenKind::kLeftParen, "'('");
            desc.start_time = ParseString("start time string");
            Expect(TokenKind::kRightParen, "')'");
        }
        if (Match(Keyword::kEVERY)) {
            Expect(TokenKind::kLeftParen, "'('");
            if (!PeekIs(Keyword::kINTERVAL)) FailExpected("INTERVAL");
            desc.every = ParseInterval();
            Expect(TokenKind::kRightParen, "')'");
        }
    } else if (Match(Keyword::kMANUAL)) {
        desc.type = RefreshType::kManual;
    } else if (Match(Keyword::kINCREMENTAL)) {
        desc.type = RefreshType::kIncremental;
    } else if (desc.moment == RefreshMoment::kDefault) {
        FailExpected("IMMEDIATE, DEFERRED, ASYNC, MANUAL or INCREMENTAL");
    }
    return desc;
}

std::vector<ViewColumn> Grammar::ParseViewColumns() {
    Expect(TokenKind::kLeftParen, "'('");
    std::vector<ViewColumn> columns;
    do {
        ViewColumn column;
        column.name = ParseIdentifier("column name");
        if (Match(Keyword::kCOMMENT)) column.comment = ParseString("comment string");
        columns.push_back(std::move(column));
    } while (Match(TokenKind::kComma));
    Expect(TokenKind::kRightParen, "')'");
    return columns;
}

StatementPtr Grammar::ParseCreateView(Position position, bool or_replace) {
    Expect(Keyword::kVIEW);
    auto create = NewNode<CreateViewStatement>(position);
    create->or_replace = or_replace;
    create->if_not_exists = ParseIfNotExists();
    create->name = ParseQualifiedName(3, "view name");
    if (PeekIs(TokenKind::kLeftParen)) create->columns = ParseViewColumns();
    if (Match(Keyword::kCOMMENT)) create->comment = ParseString("comment string");
    Expect(Keyword::kAS);
    if (!PeekQueryStart()) FailExpected("a query");
    create->query = ParseQuery();
    return create;
}

StatementPtr Grammar::ParseCreateMaterializedView(Position position) {
    Expect(Keyword::kMATERIALIZED);
    Expect(Keyword::kVIEW);
    auto create = NewNode<CreateMaterializedViewStatement>(position);
    create->if_not_exists = ParseIfNotExists();
    create->name = ParseQualifiedName(3, "materialized view name");
    if (PeekIs(TokenKind::kLeftParen)) create->columns = ParseViewColumns();
    if (Match(Keyword::kCOMMENT)) create->comment = ParseString("comment string");
    // PARTITION BY, DISTRIBUTED BY, REFRESH, ORDER BY and PROPERTIES in any order, once each.
    bool seen_order_by = false;
    bool seen_properties = false;
    while (true) {
        const Token& token = Peek();
        bool duplicate = false;
        if (token.Is(Keyword::kPARTITION)) {
            duplicate = create->partition.kind != PartitionKind::kNone;
            create->partition = ParsePartitionDesc();
        } else if (token.Is(Keyword::kDISTRIBUTED)) {
            duplicate = create->distribution.kind != DistributionKind::kNone;
            create->distribution = ParseDistributionDesc();
        } else if (token.Is(Keyword::kREFRESH)) {
            duplicate = create->refresh != RefreshDesc{};
            create->refresh = ParseRefreshDesc();
        } else if (token.Is(Keyword::kORDER)) {
            duplicate = seen_order_by;
            seen_order_by = true;
            Advance();
            Expect(Keyword::kBY);
            create->order_by = ParseParenthesizedNames();
        } else if (token.Is(Keyword::kPROPERTIES)) {
            duplicate = seen_properties;
            seen_properties = true;
            Advance();
            create->properties = ParsePropertyList();
        } else {
            break;
        }
        if (duplicate) FailAt(token, "duplicate " + Upper(token.text) + " clause");
    }
    Expect(Keyword::kAS);
    if (!PeekQueryStart()) FailExpected("a query");
    create->query = ParseQuery();
    return create;
}

StatementPtr Grammar::ParseCreateCatalog(Position position) {
    Expect(Keyword::kCATALOG);
    auto create = NewNode<CreateCatalogStatement>(position);
    create->if_not_exists = ParseIfNotExists();
    create->name = ParseIdentifier("catalog name");
    if (Match(Keyword::kCOMMENT)) create->comment = ParseString("comment string");
    Expect(Keyword::kPROPERTIES);
    create->properties = ParsePropertyList();
    return create;
}

StatementPtr Grammar::ParseDrop() {
    Position position = Expect(Keyword::kDROP).position;
    if (PeekIs(Keyword::kUSER)) return ParseDropUser(position);
    if (PeekIs(Keyword::kROLE)) return ParseRoles(position, false);
    auto drop = NewNode<DropStatement>(position);
    size_t max_parts = 3;
    if (Match(Keyword::kDATABASE) || Match(Keyword::kSCHEMA)) {
        drop->object = ObjectKind::kDatabase;
        max_parts = 2;
    } else if (Match(Keyword::kTABLE)) {
        drop->object = ObjectKind::kTable;
    } else if (Match(Keyword::kVIEW)) {
        drop->object = ObjectKind::kView;
    } else if (MatchSequence({Keyword::kMATERIALIZED, Keyword::kVIEW})) {
        drop->object = ObjectKind::kMaterializedView;
    } else if (Match(Keyword::kCATALOG)) {
        drop->object = ObjectKind::kCatalog;
        max_parts = 1;
    } else if (MatchSequence({Keyword::kRESOURCE, Keyword::kGROUP})) {
        drop->object = ObjectKind::kResourceGroup;
        max_parts = 1;
    } else {
        FailExpected("TABLE, VIEW, MATERIALIZED VIEW, DATABASE, CATALOG, USER, ROLE or RESOURCE GROUP");
    }
    drop->if_exists = ParseIfExists();
    drop->name = ParseQualifiedName(max_parts, "name");
    drop->force = Match(Keyword::kFORCE);
    return drop;
}

StatementPtr Grammar::ParseAlter() {
    Position position = Expect(Keyword::kALTER).position;
    if (PeekIs(Keyword::kTABLE)) return ParseAlterTable(position);
    if (PeekIs(Keyword::kUSER)) return ParseAlterUser(position);
    if (PeekIs(Keyword::kRESOURCE)) return ParseAlterResourceGroup(position);
    for (std::string_view object : {"MATERIALIZED", "VIEW", "DATABASE", "CATALOG", "SYSTEM", "ROUTINE", "STORAGE"}) {
        if (PeekWord(object)) FailUnsupported(Peek(), "ALTER " + std::string(object));
    }
    FailExpected("TABLE, USER or RESOURCE GROUP");
}

void Grammar::ParseColumnPlacement(AlterAction& action) {
    if (Match(Keyword::kFIRST)) {
        action.placement = ColumnPlacement::kFirst;
    } else if (Match(Keyword::kAFTER)) {
        action.placement = ColumnPlacement::kAfter;
        action.after_column = ParseIdentifier("column name");
    }
}

StatementPtr Grammar::ParseAlterTable(Position position) {
    Expect(Keyword::kTABLE);
    auto alter = NewNode<AlterTableStatement>(position);
    alter->table = ParseQualifiedName(3, "table name");
    do {
        AlterAction action;
        action.position = Peek().position;
        if (Match(Keyword::kADD)) {
            action.kind = AlterActionKind::kAddColumn;
            Match(Keyword::kCOLUMN);
            if (Match(TokenKind::kLeftParen)) {
                do {
                    action.columns.push_back(ParseColumnDef());
                } while (Match(TokenKind::kComma));
                Expect(TokenKind::kRightParen, "')'");
            } else {
                action.columns.push_back(ParseColumnDef());
                ParseColumnPlacement(action);
            }
        } else if (Match(Keyword::kDROP)) {
            if (Match(Keyword::kPARTITION)) {
                action.kind = AlterActionKind::kDropPartition;
                action.if_exists = ParseIfExists();
                action.name = ParseIdentifier("partition name");
                action.force = Match(Keyword::kFORCE);
            } else {
                action.kind = AlterActionKind::kDropColumn;
                Match(Keyword::kCOLUMN);
                action.name = ParseIdentifier("column name");
            }
        } else if (Match(Keyword::kMODIFY)) {
            action.kind = AlterActionKind::kModifyColumn;
            Match(Keyword::kCOLUMN);
            action.columns.push_back(ParseColumnDef());
            ParseColumnPlacement(action);
        } else if (Match(Keyword::kRENAME)) {
            if (Match(Keyword::kCOLUMN)) {
                action.kind = AlterActionKind::kRenameColumn;
                action.name = ParseIdentifier("column name");
                Expect(Keyword::kTO);
                action.new_name = ParseIdentifier("column name");
            } else {
                action.kind = AlterActionKind::kRenameTable;
                Match(Keyword::kTO);
                action.name = ParseIdentifier("table name");
            }
        } else if (Match(Keyword::kSET)) {
            action.kind = AlterActionKind::kSetProperties;
            action.properties = ParsePropertyList();
        } else {
            FailExpected("ADD, DROP, MODIFY, RENAME or SET");
        }
        alter->actions.push_back(std::move(action));
    } while (Match(TokenKind::kComma));
    return alter;
}

StatementPtr Grammar::ParseTruncate() {
    auto truncate = NewNode<TruncateTableStatement>(Expect(Keyword::kTRUNCATE).position);
    Match(Keyword::kTABLE);
    truncate->table = ParseQualifiedName(3, "table name");
    if (PeekIs(Keyword::kPARTITION) || PeekIs(Keyword::kPARTITIONS)) truncate->partitions = ParsePartitionNames();
    return truncate;
}

StatementPtr Grammar::ParseRefresh() {
    Position position = Expect(Keyword::kREFRESH).position;
    if (!PeekIs(Keyword::kMATERIALIZED)) {
        if (PeekIs(Keyword::kEXTERNAL)) FailUnsupported(Peek(), "REFRESH EXTERNAL TABLE");
        FailExpected("MATERIALIZED VIEW");
    }
    Advance();
    Expect(Keyword::kVIEW);
    auto refresh = NewNode<RefreshMaterializedViewStatement>(position);
    refresh->name = ParseQualifiedName(3, "materialized view name");
    if (Match(Keyword::kPARTITION)) {
        Expect(Keyword::kSTART);
        Expect(TokenKind::kLeftParen, "'('");
        refresh->partition_start = ParseString("partition start value");
        Expect(TokenKind::kRightParen, "')'");
        Expect(Keyword::kEND);
        Expect(TokenKind::kLeftParen, "'('");
        refresh->partition_end = ParseString("partition end value");
        Expect(TokenKind::kRightParen, "')'");
    }
    refresh->force = Match(Keyword::kFORCE);
    if (Match(Keyword::kWITH)) {
        if (Match(Keyword::kSYNC)) {
            refresh->mode = RefreshMode::kSync;
        } else {
            Expect(Keyword::kASYNC);
            refresh->mode = RefreshMode::kAsync;
        }
        Expect(Keyword::kMODE);
    }
    return refresh;
}

}  // namespace flashlake::sql
