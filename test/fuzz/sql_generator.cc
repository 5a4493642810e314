#include "sql_generator.h"

#include <algorithm>
#include <cctype>

namespace flashlake::sql::testing {

namespace {

std::string Join(const std::vector<std::string>& items, const char* separator = ", ") {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += separator;
        out += items[i];
    }
    return out;
}

const std::vector<std::string> kComparisons = {"=", "<>", "!=", "<", "<=", ">", ">=", "<=>"};
const std::vector<std::string> kArithmetic = {"+", "-", "*", "/", "%", "DIV", "MOD"};
const std::vector<std::string> kBitwise = {"&", "|", "^", "<<", ">>"};
const std::vector<std::string> kLogical = {"AND", "OR", "XOR", "&&", "||"};
const std::vector<std::string> kUnitNames = {"YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND"};
const std::vector<std::string> kScalarFunctions1 = {
    "abs", "ceil", "floor", "round", "sqrt", "ln", "exp", "sign", "upper", "lower", "length", "char_length",
    "trim", "ltrim", "rtrim", "reverse", "year", "month", "day", "hour", "quarter", "dayofweek", "to_date",
    "md5", "last_day", "degrees", "cos", "isnull", "hex"};
const std::vector<std::string> kScalarFunctions2 = {
    "concat", "ifnull", "coalesce", "nullif", "greatest", "least", "mod", "pow", "round", "truncate", "left",
    "right", "datediff", "atan2", "strleft", "concat_ws", "log", "repeat", "instr", "locate"};
const std::vector<std::string> kAggregates = {"count", "sum", "avg", "min", "max", "stddev", "variance",
                                              "any_value", "ndv", "approx_count_distinct"};

}  // namespace

GeneratorSchema GeneratorSchema::Default() {
    GeneratorSchema schema;
    schema.tables.push_back({"t1",
                             {{"id", "BIGINT"},
                              {"k", "INT"},
                              {"name", "VARCHAR(20)"},
                              {"amount", "DECIMAL(12, 2)"},
                              {"d", "DATE"},
                              {"ts", "DATETIME"},
                              {"f", "DOUBLE"},
                              {"flag", "BOOLEAN"}}});
    schema.tables.push_back(
        {"t2", {{"id", "BIGINT"}, {"t1_id", "BIGINT"}, {"tag", "VARCHAR(10)"}, {"qty", "INT"}, {"d", "DATE"}}});
    schema.tables.push_back({"t3", {{"k", "INT"}, {"s", "STRING"}, {"v", "DOUBLE"}}});
    return schema;
}

std::vector<std::string> GeneratorSchema::CreateStatements() const {
    std::vector<std::string> out;
    for (const auto& table : tables) {
        // Tables with an `id` column get it as primary key (UPDATE and DELETE need one); the
        // others are append-only.
        bool keyed = table.columns.front().name == "id";
        std::vector<std::string> columns;
        for (const auto& column : table.columns) {
            columns.push_back(column.name + " " + column.type + (keyed && column.name == "id" ? " NOT NULL" : ""));
        }
        out.push_back("CREATE TABLE " + table.name + " (" + Join(columns) + ")" + (keyed ? " PRIMARY KEY (id)" : ""));
    }
    // A few rows each, NULLs included, keys overlapping so joins match.
    out.push_back(
        "INSERT INTO t1 VALUES (1, 10, 'apple', 12.50, '2024-01-01', '2024-01-01 10:00:00', 1.5, true), "
        "(2, 20, 'Banana', -3.25, '2024-02-29', '2024-02-29 23:59:59', -0.0, false), "
        "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL), "
        "(4, 10, '', 0.00, '1970-01-01', '1999-12-31 00:00:00', 1e300, true), "
        "(5, -7, 'cherry pie', 99999.99, '2038-01-19', '2038-01-19 03:14:07', 3.25, false)");
    out.push_back(
        "INSERT INTO t2 VALUES (1, 1, 'a', 5, '2024-01-01'), (2, 1, 'b', NULL, '2024-01-02'), "
        "(3, 2, 'a', 7, NULL), (4, 9, NULL, -1, '2024-03-01'), (5, NULL, 'c', 0, '2024-01-01')");
    out.push_back("INSERT INTO t3 VALUES (10, 'x', 0.5), (20, 'y', NULL), (NULL, NULL, 2.0), (10, 'x', 0.5)");
    return out;
}

SqlGenerator::SqlGenerator(uint64_t seed, GeneratorSchema schema, GeneratorOptions options)
    : random_(seed), schema_(std::move(schema)), options_(options) {}

int SqlGenerator::Int(int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(random_);
}

bool SqlGenerator::Chance(double p) {
    return std::uniform_real_distribution<double>(0, 1)(random_) < p;
}

std::string SqlGenerator::Name(const std::string& base) {
    return base + std::to_string(next_name_++);
}

const GeneratorTable& SqlGenerator::AnyTable() {
    return schema_.tables[static_cast<size_t>(Int(0, static_cast<int>(schema_.tables.size()) - 1))];
}

std::string SqlGenerator::Statement() {
    if (Chance(options_.stress_rate)) return Stress();
    std::string sql;
    int kind = Int(0, 99);
    if (kind < 50) {
        sql = Select();
    } else if (kind < 58) {
        sql = Insert();
    } else if (kind < 63) {
        sql = Update();
    } else if (kind < 68) {
        sql = Delete();
    } else if (kind < 74) {
        sql = CreateTable();
    } else if (kind < 79) {
        sql = Alter();
    } else if (kind < 86) {
        sql = Show();
    } else if (kind < 91) {
        sql = Set();
    } else {
        sql = Other();
    }
    if (Chance(options_.mutation_rate)) sql = Mutate(sql);
    return sql;
}

std::string SqlGenerator::Select() {
    std::string prefix;
    if (Chance(0.1)) prefix = Pick<std::string>({"EXPLAIN ", "EXPLAIN VERBOSE ", "EXPLAIN LOGICAL ", "DESC "});
    return prefix + Query(0, nullptr);
}

std::string SqlGenerator::Query(int depth, const Scope* outer, int columns) {
    if (columns == 0) columns = Int(1, 4);
    std::string with;
    if (depth < 2 && Chance(0.15)) {
        std::vector<std::string> ctes;
        int count = Int(1, 2);
        for (int i = 0; i < count; ++i) {
            // CTE columns are named so that later references can use them; they are not in the
            // schema, so the outer query refers to them only through `*` or positions.
            ctes.push_back(Name("cte") + " AS (" + Query(depth + 1, nullptr) + ")");
        }
        with = "WITH " + Join(ctes) + " ";
    }
    // Terms of a set operation take ORDER BY and LIMIT only in parentheses.
    int terms = depth < 3 && Chance(0.15) ? Int(1, 2) : 0;
    auto term = [&](int term_depth) {
        bool parenthesized = terms > 0 && Chance(0.2);
        std::string sql = SelectCore(term_depth, outer, columns, terms == 0 || parenthesized);
        return parenthesized ? "(" + sql + ")" : sql;
    };
    std::string body = term(depth);
    for (int i = 0; i < terms; ++i) {
        body += " " + Pick<std::string>({"UNION ALL", "UNION", "UNION DISTINCT", "INTERSECT", "EXCEPT", "MINUS"}) +
                " " + term(depth + 1);
    }
    if (terms > 0 && Chance(0.3)) body += " ORDER BY " + std::to_string(Int(1, columns));
    if (Chance(0.05)) body = "(" + body + ")";
    return with + body;
}

std::string SqlGenerator::SelectCore(int depth, const Scope* outer, int columns, bool order_and_limit) {
    if (Chance(0.05)) {
        std::vector<std::string> rows;
        int count = Int(1, 3);
        for (int r = 0; r < count; ++r) {
            std::vector<std::string> values;
            for (int c = 0; c < columns; ++c) values.push_back(Literal());
            rows.push_back("(" + Join(values) + ")");
        }
        return "VALUES " + Join(rows);
    }
    Scope scope;
    if (outer) scope = *outer;  // correlated references may reach the outer query's tables
    std::string from;
    if (!Chance(0.05)) {
        Scope local;
        from = " FROM " + FromClause(depth, local);
        scope.tables.insert(scope.tables.begin(), local.tables.begin(), local.tables.end());
    }
    bool grouped = !from.empty() && Chance(0.3);
    std::vector<std::string> keys;
    std::vector<std::string> items;
    if (grouped) {
        int key_count = Int(1, std::max(1, columns - 1));
        for (int i = 0; i < key_count; ++i) keys.push_back(Chance(0.8) ? ColumnRef(scope) : Expr(2, scope));
        for (int i = 0; i < columns; ++i) {
            items.push_back(i < key_count ? keys[static_cast<size_t>(i)] : AggregateCall(depth + 1, scope));
        }
        if (Chance(0.2)) items.push_back("GROUPING(" + keys[0] + ")");
    } else if (!from.empty() && Chance(0.08)) {
        items.push_back(Chance(0.5) ? "*" : scope.tables.front().first + ".*");
    } else {
        bool aggregate_only = !from.empty() && Chance(0.1);
        for (int i = 0; i < columns; ++i) {
            items.push_back(aggregate_only ? AggregateCall(depth + 1, scope)
                                           : (Chance(0.1) && !from.empty() ? WindowCall(depth + 1, scope)
                                                                           : Expr(depth + 1, scope)));
        }
    }
    for (auto& item : items) {
        if (!item.ends_with("*") && Chance(0.3)) item += (Chance(0.5) ? " AS " : " ") + Name("c");
    }
    std::string sql = std::string("SELECT ") + (Chance(0.1) ? "DISTINCT " : "") + Join(items) + from;
    if (!from.empty() && Chance(0.5)) sql += " WHERE " + Predicate(depth + 1, scope);
    if (grouped) {
        sql += GroupBy(keys);
        if (Chance(0.3)) sql += " HAVING " + AggregateCall(depth + 1, scope) + " " + Pick(kComparisons) + " " + Literal();
    }
    if (order_and_limit && Chance(0.3)) sql += OrderBy(scope, static_cast<int>(items.size()));
    if (order_and_limit && Chance(0.3)) sql += Limit();
    return sql;
}

std::string SqlGenerator::FromClause(int depth, Scope& scope) {
    std::string sql = TablePrimary(depth, scope);
    int joins = depth > 2 ? 0 : Int(0, 2);
    for (int i = 0; i < joins; ++i) {
        Scope right;
        std::string kind = Pick<std::string>({"JOIN", "INNER JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL OUTER JOIN",
                                              "LEFT OUTER JOIN", "CROSS JOIN", "LEFT SEMI JOIN", "LEFT ANTI JOIN", ","});
        std::string table = TablePrimary(depth, right);
        Scope both = scope;
        both.tables.insert(both.tables.end(), right.tables.begin(), right.tables.end());
        sql += (kind == "," ? ", " : " " + kind + " ") + table;
        if (kind != "CROSS JOIN" && kind != ",") {
            const auto& [left_alias, left_table] = scope.tables[static_cast<size_t>(Int(0, static_cast<int>(scope.tables.size()) - 1))];
            const auto& [right_alias, right_table] = right.tables.front();
            if (Chance(0.8) && left_table && right_table) {
                sql += " ON " + left_alias + "." + Pick(left_table->columns).name + " = " + right_alias + "." +
                       Pick(right_table->columns).name;
                if (Chance(0.2)) sql += " AND " + Predicate(depth + 2, both);
            } else {
                sql += " ON " + Predicate(depth + 2, both);
            }
        }
        // Semi and anti joins expose only their left side.
        if (kind.find("SEMI") == std::string::npos && kind.find("ANTI") == std::string::npos) scope = both;
    }
    return sql;
}

std::string SqlGenerator::TablePrimary(int depth, Scope& scope) {
    std::string alias = Name("r");
    if (depth < 3 && Chance(0.12)) {
        // A derived table over one base table keeps its column names, so it stays referable.
        const GeneratorTable& table = AnyTable();
        Scope inner;
        inner.tables.push_back({table.name, &table});
        std::string sql = "(SELECT * FROM " + table.name;
        if (Chance(0.5)) sql += " WHERE " + Predicate(depth + 1, inner);
        if (Chance(0.3)) sql += Limit();
        scope.tables.push_back({alias, &table});
        return sql + ") " + alias;
    }
    if (Chance(0.04)) {
        scope.tables.push_back({alias, nullptr});
        return "(" + Query(depth + 1, nullptr) + ") AS " + alias;
    }
    if (Chance(0.03)) {
        scope.tables.push_back({alias, nullptr});
        return "generate_series(1, " + std::to_string(Int(0, 20)) + ") " + alias;
    }
    const GeneratorTable& table = AnyTable();
    scope.tables.push_back({Chance(0.2) ? table.name : alias, &table});
    if (scope.tables.back().first == table.name) return table.name;
    return table.name + (Chance(0.5) ? " AS " : " ") + alias;
}

std::string SqlGenerator::GroupBy(const std::vector<std::string>& keys) {
    int kind = Int(0, 9);
    if (kind < 6) return " GROUP BY " + Join(keys);
    if (kind == 6) return " GROUP BY " + Join(keys) + " WITH ROLLUP";
    if (kind == 7) return " GROUP BY ROLLUP (" + Join(keys) + ")";
    if (kind == 8) return " GROUP BY CUBE (" + Join(keys) + ")";
    std::vector<std::string> sets = {"(" + Join(keys) + ")", "()"};
    if (keys.size() > 1) sets.push_back("(" + keys[1] + ")");
    return " GROUP BY GROUPING SETS (" + Join(sets) + ")";
}

std::string SqlGenerator::OrderBy(const Scope& scope, int select_columns) {
    std::vector<std::string> items;
    int count = Int(1, 2);
    for (int i = 0; i < count; ++i) {
        std::string item = Chance(0.6) ? std::to_string(Int(1, select_columns)) : ColumnRef(scope);
        if (Chance(0.5)) item += Chance(0.5) ? " DESC" : " ASC";
        if (Chance(0.2)) item += Chance(0.5) ? " NULLS FIRST" : " NULLS LAST";
        items.push_back(item);
    }
    return " ORDER BY " + Join(items);
}

std::string SqlGenerator::Limit() {
    int kind = Int(0, 2);
    if (kind == 0) return " LIMIT " + std::to_string(Int(0, 10));
    if (kind == 1) return " LIMIT " + std::to_string(Int(0, 10)) + " OFFSET " + std::to_string(Int(0, 5));
    return " LIMIT " + std::to_string(Int(0, 5)) + ", " + std::to_string(Int(0, 10));
}

std::string SqlGenerator::Expr(int depth, const Scope& scope, bool aggregate) {
    if (depth > 4 || Chance(0.3)) return Leaf(scope);
    int kind = Int(0, 21);
    switch (kind) {
        case 0:
        case 1:
            return Expr(depth + 1, scope, aggregate) + " " + Pick(kArithmetic) + " " + Expr(depth + 1, scope, aggregate);
        case 2:
            return Expr(depth + 1, scope, aggregate) + " " + Pick(kBitwise) + " " + Expr(depth + 1, scope, aggregate);
        case 3:
        case 4:
            return Predicate(depth + 1, scope);
        case 5:
            return Pick<std::string>({"-", "+", "~", "NOT ", "!"}) + Expr(depth + 1, scope, aggregate);
        case 6:
            return "(" + Expr(depth + 1, scope, aggregate) + ")";
        case 7: {
            std::string sql = "CASE";
            bool simple = Chance(0.4);
            if (simple) sql += " " + Expr(depth + 1, scope, aggregate);
            int whens = Int(1, 3);
            for (int i = 0; i < whens; ++i) {
                sql += " WHEN " + (simple ? Leaf(scope) : Predicate(depth + 1, scope)) + " THEN " +
                       Expr(depth + 1, scope, aggregate);
            }
            if (Chance(0.6)) sql += " ELSE " + Expr(depth + 1, scope, aggregate);
            return sql + " END";
        }
        case 8:
            return "CAST(" + Expr(depth + 1, scope, aggregate) + " AS " + TypeName() + ")";
        case 9:
            if (Chance(0.5)) return "CONVERT(" + Expr(depth + 1, scope, aggregate) + ", " + TypeName() + ")";
            return "IF(" + Predicate(depth + 1, scope) + ", " + Expr(depth + 1, scope) + ", " + Expr(depth + 1, scope) + ")";
        case 10:
        case 11:
        case 12:
            return Call(depth + 1, scope, aggregate);
        case 13:
            if (depth < 3) return "(" + Query(depth + 2, &scope, 1) + ")";
            return Leaf(scope);
        case 14:
            return Pick<std::string>({"d", "ts", "CURRENT_DATE", "DATE '2024-02-29'"}) + " " +
                   Pick<std::string>({"+", "-"}) + " INTERVAL " + std::to_string(Int(-3, 40)) + " " + Pick(kUnitNames);
        case 15:
            return Pick<std::string>({"date_add", "date_sub"}) + "(" + ColumnRef(scope) + ", INTERVAL " +
                   std::to_string(Int(0, 9)) + " " + Pick(kUnitNames) + ")";
        case 16:
            return "EXTRACT(" + Pick(kUnitNames) + " FROM " + ColumnRef(scope) + ")";
        case 17:
            return "SUBSTRING(" + Expr(depth + 1, scope, aggregate) + " FROM " + std::to_string(Int(-2, 5)) +
                   (Chance(0.5) ? " FOR " + std::to_string(Int(0, 5)) : "") + ")";
        case 18:
            if (aggregate) return AggregateCall(depth + 1, scope);
            return Leaf(scope);
        case 19:
            return Expr(depth + 1, scope, aggregate) + " COLLATE utf8mb4_bin";
        case 20:
            return "[" + Literal() + ", " + Literal() + "]";
        default:
            return Pick<std::string>({"CURRENT_TIMESTAMP", "CURRENT_DATE()", "NOW()", "PI()", "LOCALTIME"});
    }
}

std::string SqlGenerator::Predicate(int depth, const Scope& scope) {
    if (depth > 5) return ColumnRef(scope) + " " + Pick(kComparisons) + " " + Literal();
    int kind = Int(0, 13);
    switch (kind) {
        case 0:
        case 1:
        case 2:
            return Expr(depth + 1, scope) + " " + Pick(kComparisons) + " " + Expr(depth + 1, scope);
        case 3:
        case 4:
            return Predicate(depth + 1, scope) + " " + Pick(kLogical) + " " + Predicate(depth + 1, scope);
        case 5:
            return "NOT (" + Predicate(depth + 1, scope) + ")";
        case 6:
            return Expr(depth + 1, scope) + " IS " + (Chance(0.5) ? "NOT " : "") +
                   Pick<std::string>({"NULL", "NULL", "TRUE", "FALSE", "UNKNOWN"});
        case 7:
            return Expr(depth + 1, scope) + (Chance(0.3) ? " NOT" : "") + " BETWEEN " + Literal() + " AND " + Literal();
        case 8: {
            std::vector<std::string> values;
            int count = Int(1, 5);
            for (int i = 0; i < count; ++i) values.push_back(Literal());
            return Expr(depth + 1, scope) + (Chance(0.3) ? " NOT IN (" : " IN (") + Join(values) + ")";
        }
        case 9:
            if (depth < 4) {
                return ColumnRef(scope) + (Chance(0.3) ? " NOT IN (" : " IN (") + Query(depth + 2, &scope, 1) + ")";
            }
            return ColumnRef(scope) + " IS NULL";
        case 10:
            if (depth < 4) return std::string(Chance(0.3) ? "NOT " : "") + "EXISTS (" + Query(depth + 2, &scope) + ")";
            return "TRUE";
        case 11:
            return Expr(depth + 1, scope) + (Chance(0.3) ? " NOT LIKE " : " LIKE ") +
                   Pick<std::string>({"'a%'", "'%'", "'_a%'", "'%\\_%'", "''", "'%an%'"});
        case 12:
            return Expr(depth + 1, scope) + " " + Pick<std::string>({"REGEXP", "RLIKE", "NOT REGEXP"}) + " " +
                   Pick<std::string>({"'^a'", "'[0-9]+'", "'(x|y)*'", "'.'", "''"});
        default:
            return Pick<std::string>({"TRUE", "FALSE", "NULL", "1"});
    }
}

std::string SqlGenerator::Leaf(const Scope& scope) {
    int kind = Int(0, 9);
    if (kind < 5 && !scope.tables.empty()) return ColumnRef(scope);
    if (kind == 5 && options_.parser_only) {
        return Pick<std::string>({"?", "@v", "@@session.query_timeout", "@@sql_mode", "@`x y`", "DEFAULT"});
    }
    return Literal();
}

std::string SqlGenerator::ColumnRef(const Scope& scope) {
    if (options_.parser_only && Chance(0.05)) return Pick<std::string>({"x", "db1.t1.id", "`weird name`", "t.`order`"});
    std::vector<size_t> known;
    for (size_t i = 0; i < scope.tables.size(); ++i) {
        if (scope.tables[i].second) known.push_back(i);
    }
    if (known.empty()) return Literal();
    const auto& [alias, table] = scope.tables[Pick(known)];
    const std::string& column = Pick(table->columns).name;
    return Chance(0.8) || scope.tables.size() > 1 ? alias + "." + column : column;
}

std::string SqlGenerator::Literal() {
    int kind = Int(0, 22);
    switch (kind) {
        case 0:
        case 1:
            return std::to_string(Int(-5, 100));
        case 2:
            return Pick<std::string>({"0", "-1", "2147483647", "-2147483648", "9223372036854775807",
                                      "-9223372036854775808", "18446744073709551615", "99999999999999999999999"});
        case 3:
        case 4:
            return std::to_string(Int(-100, 100)) + "." + std::to_string(Int(0, 99));
        case 5:
            return Pick<std::string>({"1e10", "2.5E-3", ".5", "1.", "1e308", "-1e-308", "0.000001", "1e400"});
        case 6:
        case 7:
        case 8:
            return StringLiteral();
        case 9:
        case 10:
            return "NULL";
        case 11:
            return Chance(0.5) ? "TRUE" : "FALSE";
        case 12:
            return "DATE '" + Pick<std::string>({"2024-01-01", "2024-02-29", "1970-01-01", "9999-12-31", "0001-01-01"}) +
                   "'";
        case 13:
            return Pick<std::string>({"DATETIME", "TIMESTAMP"}) + " '" +
                   Pick<std::string>({"2024-01-01 00:00:00", "2024-02-29 23:59:59.999999", "1970-01-01 00:00:01"}) + "'";
        case 14:
            return Pick<std::string>({"0x1F", "0xff", "X'1F'", "x'00ff'", "0x0"});
        case 15:
            return Pick<std::string>({"'2024-01-01'", "'2024-01-01 10:00:00'", "'not a date'", "'12.5'", "'-0'"});
        case 16:
            return "CAST(" + std::to_string(Int(0, 9)) + " AS " + TypeName() + ")";
        case 17:
            return "ARRAY<INT>[" + std::to_string(Int(0, 9)) + ", NULL]";
        default:
            return std::to_string(Int(0, 3));
    }
}

std::string SqlGenerator::StringLiteral() {
    static const std::vector<std::string> pieces = {"a", "B", " ", "it''s", "\\n", "\\t", "\\\\", "\\'", "%",
                                                    "_", "é", "日本", "\\0", "\"", ";", "--", "/*", "x", "0"};
    std::string text;
    int count = Int(0, 4);
    for (int i = 0; i < count; ++i) text += Pick(pieces);
    if (Chance(0.2)) {
        // Double-quoted strings: a single quote is plain, a double one is doubled.
        std::string converted;
        for (char c : text) {
            if (c == '"') converted += "\"\"";
            else converted += c;
        }
        std::string plain;
        for (size_t i = 0; i < converted.size(); ++i) {
            if (converted.compare(i, 2, "''") == 0) {
                plain += '\'';
                ++i;
            } else {
                plain += converted[i];
            }
        }
        return "\"" + plain + "\"";
    }
    return "'" + text + "'";
}

std::string SqlGenerator::TypeName(int depth) {
    int kind = Int(0, 15);
    switch (kind) {
        case 0: return "INT";
        case 1: return "BIGINT";
        case 2: return "SMALLINT";
        case 3: return "TINYINT";
        case 4: return "DOUBLE";
        case 5: return "FLOAT";
        case 6: return "DECIMAL(" + std::to_string(Int(1, 38)) + ", " + std::to_string(Int(0, 1)) + ")";
        case 7: return "VARCHAR(" + std::to_string(Int(1, 65533)) + ")";
        case 8: return "STRING";
        case 9: return "DATE";
        case 10: return "DATETIME";
        case 11: return "BOOLEAN";
        case 12: return "CHAR(" + std::to_string(Int(1, 10)) + ")";
        case 13: return "LARGEINT";
        case 14: return depth < 2 ? "ARRAY<" + TypeName(depth + 1) + ">" : "INT";
        default: return Chance(0.5) ? "SIGNED" : "UNSIGNED INTEGER";
    }
}

std::string SqlGenerator::Call(int depth, const Scope& scope, bool aggregate) {
    if (Chance(0.5)) return Pick(kScalarFunctions1) + "(" + Expr(depth + 1, scope, aggregate) + ")";
    std::string name = Pick(kScalarFunctions2);
    std::vector<std::string> args = {Expr(depth + 1, scope, aggregate), Expr(depth + 1, scope, aggregate)};
    if ((name == "concat" || name == "coalesce" || name == "greatest") && Chance(0.5)) args.push_back(Leaf(scope));
    return name + "(" + Join(args) + ")";
}

std::string SqlGenerator::AggregateCall(int depth, const Scope& scope) {
    int kind = Int(0, 9);
    if (kind == 0) return "count(*)";
    if (kind == 1) return "count(DISTINCT " + ColumnRef(scope) + ")";
    if (kind == 2) {
        return "group_concat(" + std::string(Chance(0.3) ? "DISTINCT " : "") + ColumnRef(scope) +
               (Chance(0.5) ? " ORDER BY " + ColumnRef(scope) : "") + (Chance(0.5) ? " SEPARATOR '|'" : "") + ")";
    }
    std::string arg = depth > 3 ? ColumnRef(scope) : Expr(depth + 2, scope);
    return Pick(kAggregates) + "(" + arg + ")";
}

std::string SqlGenerator::WindowCall(int depth, const Scope& scope) {
    int kind = Int(0, 5);
    std::string call;
    bool framed = false;
    if (kind == 0) {
        call = Pick<std::string>({"row_number()", "rank()", "dense_rank()", "ntile(" + std::to_string(Int(1, 4)) + ")"});
    } else if (kind == 1) {
        call = Pick<std::string>({"lag", "lead"}) + "(" + ColumnRef(scope) +
               (Chance(0.5) ? ", " + std::to_string(Int(0, 3)) : "") + ")";
    } else if (kind == 2) {
        call = Pick<std::string>({"first_value", "last_value"}) + "(" + ColumnRef(scope) + ")";
        framed = true;
    } else {
        call = Pick<std::string>({"sum", "avg", "count", "min", "max"}) + "(" + ColumnRef(scope) + ")";
        framed = true;
    }
    std::vector<std::string> clauses;
    if (Chance(0.6)) clauses.push_back("PARTITION BY " + ColumnRef(scope));
    bool ordered = kind <= 1 || Chance(0.6);
    if (ordered) clauses.push_back("ORDER BY " + ColumnRef(scope) + (Chance(0.5) ? " DESC" : ""));
    if (framed && ordered && Chance(0.5)) {
        std::vector<std::string> bounds = {"UNBOUNDED PRECEDING", std::to_string(Int(0, 3)) + " PRECEDING",
                                           "CURRENT ROW", std::to_string(Int(0, 3)) + " FOLLOWING",
                                           "UNBOUNDED FOLLOWING"};
        size_t from = static_cast<size_t>(Int(0, 3));
        size_t to = static_cast<size_t>(Int(static_cast<int>(from), 4));
        clauses.push_back(std::string(Chance(0.7) ? "ROWS" : "RANGE") + " BETWEEN " + bounds[from] + " AND " +
                          bounds[std::max<size_t>(to, 1)]);
    }
    (void)depth;
    return call + " OVER (" + Join(clauses, " ") + ")";
}

std::string SqlGenerator::Insert() {
    const GeneratorTable& table = AnyTable();
    std::string sql = std::string(Chance(0.1) ? "INSERT OVERWRITE " : "INSERT INTO ") + table.name;
    if (Chance(0.2)) sql += " WITH LABEL " + Name("label_");
    std::vector<const GeneratorColumn*> columns;
    for (const auto& column : table.columns) columns.push_back(&column);
    if (Chance(0.4)) {
        std::shuffle(columns.begin(), columns.end(), random_);
        columns.resize(static_cast<size_t>(Int(1, static_cast<int>(columns.size()))));
        std::vector<std::string> names;
        for (const auto* column : columns) names.push_back(column->name);
        sql += " (" + Join(names) + ")";
    }
    if (Chance(0.3)) return sql + " " + Query(1, nullptr, static_cast<int>(columns.size()));
    std::vector<std::string> rows;
    int count = Int(1, 4);
    Scope none;
    for (int r = 0; r < count; ++r) {
        std::vector<std::string> values;
        for (size_t c = 0; c < columns.size(); ++c) values.push_back(Chance(0.85) ? Literal() : Expr(2, none));
        rows.push_back("(" + Join(values) + ")");
    }
    return sql + " VALUES " + Join(rows);
}

std::string SqlGenerator::Update() {
    const GeneratorTable& table = AnyTable();
    Scope scope;
    scope.tables.push_back({table.name, &table});
    std::vector<std::string> sets;
    int count = Int(1, 2);
    for (int i = 0; i < count; ++i) sets.push_back(Pick(table.columns).name + " = " + Expr(2, scope));
    std::string sql = "UPDATE " + table.name + " SET " + Join(sets);
    if (Chance(0.8)) sql += " WHERE " + Predicate(1, scope);
    return sql;
}

std::string SqlGenerator::Delete() {
    const GeneratorTable& table = AnyTable();
    Scope scope;
    scope.tables.push_back({table.name, &table});
    std::string sql = "DELETE FROM " + table.name;
    if (Chance(0.9)) sql += " WHERE " + Predicate(1, scope);
    return sql;
}

std::string SqlGenerator::CreateTable() {
    std::string name = Name("scratch");
    int kind = Int(0, 9);
    if (kind < 2) return "CREATE TABLE " + name + " AS " + Query(1, nullptr);
    if (kind == 2) return "CREATE TABLE IF NOT EXISTS " + name + " LIKE " + AnyTable().name;
    if (kind == 3) return "CREATE VIEW " + name + " AS " + Query(1, nullptr);
    if (kind == 4 && options_.parser_only) return "CREATE DATABASE IF NOT EXISTS " + name;
    std::vector<std::string> columns;
    std::vector<std::string> names;
    int count = Int(1, 5);
    for (int i = 0; i < count; ++i) {
        std::string column = Name("col");
        names.push_back(column);
        std::string definition = column + " " + TypeName();
        if (Chance(0.3)) definition += Chance(0.5) ? " NOT NULL" : " NULL";
        if (Chance(0.15)) definition += " DEFAULT " + Literal();
        if (Chance(0.1)) definition += " COMMENT " + StringLiteral();
        columns.push_back(definition);
    }
    std::string sql = "CREATE TABLE " + name + " (" + Join(columns) + ")";
    if (Chance(0.3)) sql += " " + Pick<std::string>({"DUPLICATE", "PRIMARY", "UNIQUE", "AGGREGATE"}) + " KEY (" + names[0] + ")";
    if (Chance(0.2)) sql += " PARTITION BY (" + names.back() + ")";
    if (Chance(0.2)) sql += " DISTRIBUTED BY HASH (" + names[0] + ") BUCKETS " + std::to_string(Int(1, 4));
    if (Chance(0.2)) sql += " PROPERTIES ('replication_num' = '1')";
    return sql;
}

std::string SqlGenerator::Alter() {
    // Engine runs alter only tables they made (scratch*), so the base tables keep their shape.
    std::string table = options_.parser_only ? AnyTable().name : "scratch" + std::to_string(Int(0, next_name_));
    int kind = Int(0, 7);
    if (kind == 0) return "ALTER TABLE " + table + " ADD COLUMN " + Name("col") + " " + TypeName();
    if (kind == 1) return "ALTER TABLE " + table + " DROP COLUMN col" + std::to_string(Int(0, next_name_));
    if (kind == 2) return "ALTER TABLE " + table + " RENAME COLUMN col" + std::to_string(Int(0, next_name_)) + " TO " + Name("col");
    if (kind == 3) return "ALTER TABLE " + table + " MODIFY COLUMN col" + std::to_string(Int(0, next_name_)) + " " + TypeName();
    if (kind == 4) return "TRUNCATE TABLE " + table;
    if (kind == 5) return "DROP TABLE IF EXISTS " + table;
    if (kind == 6) return "DROP VIEW IF EXISTS " + table;
    return "ALTER TABLE " + table + " SET ('comment' = " + StringLiteral() + ")";
}

std::string SqlGenerator::Show() {
    return Pick<std::string>({"SHOW DATABASES", "SHOW TABLES", "SHOW FULL TABLES", "SHOW TABLES LIKE 't%'",
                              "SHOW COLUMNS FROM " + AnyTable().name, "SHOW CREATE TABLE " + AnyTable().name,
                              "SHOW VARIABLES LIKE '%timeout%'", "SHOW SESSION VARIABLES", "SHOW STATUS",
                              "SHOW PARTITIONS FROM " + AnyTable().name, "SHOW PROCESSLIST", "SHOW CATALOGS",
                              "SHOW WARNINGS", "SHOW ENGINES", "SHOW CHARSET", "SHOW COLLATION",
                              "SHOW TABLE STATUS", "SHOW FUNCTIONS", "SHOW LOAD", "DESC " + AnyTable().name,
                              "SELECT * FROM " + AnyTable().name + "$snapshots", "SHOW INDEX FROM " + AnyTable().name});
}

std::string SqlGenerator::Set() {
    return Pick<std::string>({"SET @v = " + Literal(), "SET @w := " + Literal(), "SET NAMES utf8mb4",
                              "SET NAMES DEFAULT", "SET CHARACTER SET utf8", "SET autocommit = 1",
                              "SET SESSION sql_mode = 'ANSI'", "SET @@session.query_timeout = " + std::to_string(Int(1, 600)),
                              "SET TRANSACTION ISOLATION LEVEL READ COMMITTED", "SET time_zone = '+08:00'",
                              "SET pipeline_dop = " + std::to_string(Int(0, 4)), "SET x = ON, @y = 1, GLOBAL z = DEFAULT"});
}

std::string SqlGenerator::Other() {
    std::vector<std::string> statements = {"USE db1", "BEGIN", "COMMIT", "ROLLBACK", "SELECT 1",
                                           "SELECT @v", "SELECT @@version", "SELECT DATABASE()"};
    if (options_.parser_only) {
        for (const char* sql : {"KILL 1", "KILL QUERY 'abc'", "CREATE USER IF NOT EXISTS 'u'@'%' IDENTIFIED BY 'p'",
                                "GRANT SELECT, INSERT ON db1.* TO ROLE r1", "REVOKE ALL ON *.* FROM u",
                                "DROP USER IF EXISTS u", "SHOW GRANTS FOR 'u'@'%'", "ADMIN SET FRONTEND CONFIG",
                                "CREATE MATERIALIZED VIEW mv REFRESH ASYNC EVERY (INTERVAL 1 HOUR) AS SELECT 1",
                                "REFRESH MATERIALIZED VIEW mv WITH SYNC MODE", "EXPLAIN ANALYZE SELECT 1",
                                "CREATE EXTERNAL CATALOG c PROPERTIES ('type' = 'paimon')", "SET CATALOG c",
                                "CREATE RESOURCE GROUP g TO (user = 'u') WITH ('cpu_core_limit' = '1')"}) {
            statements.push_back(sql);
        }
    }
    return Pick(statements);
}

std::string SqlGenerator::Stress() {
    int kind = Int(0, 6);
    int n = Int(10, 1200);
    std::string sql;
    switch (kind) {
        case 0:  // nested parentheses, sometimes past the nesting limit
            return "SELECT " + std::string(static_cast<size_t>(n), '(') + "1" + std::string(static_cast<size_t>(n), ')');
        case 1: {  // a long chain of ORs (a left-deep tree), sometimes past the height limit
            sql = "SELECT * FROM t1 WHERE id = 0";
            for (int i = 0; i < n * 3; ++i) sql += " OR id = " + std::to_string(i);
            return sql;
        }
        case 2: {  // a long IN list
            sql = "SELECT count(*) FROM t1 WHERE k IN (0";
            for (int i = 0; i < n * 5; ++i) sql += ", " + std::to_string(i);
            return sql + ")";
        }
        case 3: {  // many select items
            sql = "SELECT id";
            for (int i = 0; i < n; ++i) sql += ", k + " + std::to_string(i);
            return sql + " FROM t1";
        }
        case 4: {  // nested subqueries
            int depth = n / 20;
            sql = "SELECT 1";
            for (int i = 0; i < depth; ++i) sql = "SELECT * FROM (" + sql + ") AS s" + std::to_string(i);
            return sql;
        }
        case 5: {  // nested prefix operators and CASE
            int depth = n / 2;
            for (int i = 0; i < depth; ++i) sql += Chance(0.5) ? "- " : "NOT ";
            return "SELECT " + sql + "1";
        }
        default: {  // many VALUES rows
            sql = "INSERT INTO t3 VALUES (0, 'a', 0.0)";
            for (int i = 0; i < n; ++i) sql += ", (" + std::to_string(i) + ", " + StringLiteral() + ", " + Literal() + ")";
            return sql;
        }
    }
}

std::string SqlGenerator::Mutate(const std::string& sql) {
    // Token-ish units: runs of word characters, or single other characters.
    std::vector<std::string> tokens;
    for (size_t i = 0; i < sql.size();) {
        size_t j = i + 1;
        auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
        if (word(sql[i])) {
            while (j < sql.size() && word(sql[j])) ++j;
        }
        tokens.push_back(sql.substr(i, j - i));
        i = j;
    }
    if (tokens.empty()) return sql;
    size_t at = static_cast<size_t>(Int(0, static_cast<int>(tokens.size()) - 1));
    static const std::vector<std::string> inserts = {"(", ")", ",", "'", "`", "SELECT", "FROM", "NULL", "*",
                                                     "/*", "--", ";", "\"", "\\", "\x01", "\xff", "JOIN", "ORDER BY"};
    switch (Int(0, 3)) {
        case 0:
            tokens.erase(tokens.begin() + static_cast<long>(at));
            break;
        case 1:
            tokens.insert(tokens.begin() + static_cast<long>(at), tokens[at]);
            break;
        case 2:
            tokens.insert(tokens.begin() + static_cast<long>(at), Pick(inserts));
            break;
        default:
            tokens.resize(at);  // cut short
            break;
    }
    return Join(tokens, "");
}

}  // namespace flashlake::sql::testing
