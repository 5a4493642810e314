#pragma once

#include <cstdint>
#include <string_view>

// The keywords the grammar recognizes. Keywords are case-insensitive. A reserved keyword cannot be
// used as a bare identifier or alias (it can when backquoted); a non-reserved one can, so `date`,
// `comment` or `status` stay valid column names. The reserved set is what the grammar needs to stay
// unambiguous (a word after a table or select item is an alias unless it is reserved), close to
// StarRocks' list but smaller. A few reserved words are also function names (`IF(...)`,
// `LEFT(...)`), marked kReservedFunction.

namespace flashlake::sql {

enum class KeywordClass : uint8_t { kNonReserved, kReserved, kReservedFunction };

// X(NAME, CLASS). Kept in alphabetical order (a test checks it: lookup is a binary search).
#define FL_SQL_KEYWORDS(X)                  \
    X(ADD, kNonReserved)                    \
    X(ADMIN, kNonReserved)                  \
    X(AFTER, kNonReserved)                  \
    X(AGGREGATE, kNonReserved)              \
    X(ALL, kReserved)                       \
    X(ALTER, kReserved)                     \
    X(AND, kReserved)                       \
    X(ANTI, kNonReserved)                   \
    X(ARRAY, kReserved)                     \
    X(AS, kReserved)                        \
    X(ASC, kReserved)                       \
    X(ASYNC, kNonReserved)                  \
    X(AUTO_INCREMENT, kNonReserved)         \
    X(BEGIN, kNonReserved)                  \
    X(BETWEEN, kReserved)                   \
    X(BITMAP_UNION, kNonReserved)           \
    X(BUCKETS, kNonReserved)                \
    X(BY, kReserved)                        \
    X(CASE, kReserved)                      \
    X(CAST, kReserved)                      \
    X(CATALOG, kNonReserved)                \
    X(CATALOGS, kNonReserved)               \
    X(CHARACTER, kNonReserved)              \
    X(CHARSET, kNonReserved)                \
    X(COLLATE, kReserved)                   \
    X(COLLATION, kNonReserved)              \
    X(COLUMN, kNonReserved)                 \
    X(COLUMNS, kNonReserved)                \
    X(COMMENT, kNonReserved)                \
    X(COMMIT, kNonReserved)                 \
    X(CONNECTION, kNonReserved)             \
    X(CONVERT, kReserved)                   \
    X(COSTS, kNonReserved)                  \
    X(CREATE, kReserved)                    \
    X(CROSS, kReserved)                     \
    X(CUBE, kReserved)                      \
    X(CURRENT, kNonReserved)                \
    X(CURRENT_DATE, kReservedFunction)      \
    X(CURRENT_TIME, kReservedFunction)      \
    X(CURRENT_TIMESTAMP, kReservedFunction) \
    X(CURRENT_USER, kReservedFunction)      \
    X(DATABASE, kReservedFunction)          \
    X(DATABASES, kReserved)                 \
    X(DATE, kNonReserved)                   \
    X(DATETIME, kNonReserved)               \
    X(DAY, kNonReserved)                    \
    X(DEFAULT, kReserved)                   \
    X(DEFERRED, kNonReserved)               \
    X(DELETE, kReserved)                    \
    X(DESC, kReserved)                      \
    X(DESCRIBE, kReserved)                  \
    X(DISTINCT, kReserved)                  \
    X(DISTRIBUTED, kReserved)               \
    X(DIV, kReserved)                       \
    X(DROP, kReserved)                      \
    X(DUAL, kReserved)                      \
    X(DUPLICATE, kNonReserved)              \
    X(ELSE, kReserved)                      \
    X(END, kNonReserved)                    \
    X(ENGINE, kNonReserved)                 \
    X(ENGINES, kNonReserved)                \
    X(ERRORS, kNonReserved)                 \
    X(EVERY, kNonReserved)                  \
    X(EXCEPT, kReserved)                    \
    X(EXISTS, kReserved)                    \
    X(EXPLAIN, kReserved)                   \
    X(EXTERNAL, kNonReserved)               \
    X(EXTRACT, kNonReserved)                \
    X(FALSE, kReserved)                     \
    X(FIELDS, kNonReserved)                 \
    X(FIRST, kNonReserved)                  \
    X(FOLLOWING, kNonReserved)              \
    X(FOR, kReserved)                       \
    X(FORCE, kNonReserved)                  \
    X(FROM, kReserved)                      \
    X(FULL, kReserved)                      \
    X(FUNCTIONS, kNonReserved)              \
    X(GLOBAL, kNonReserved)                 \
    X(GRANT, kReserved)                     \
    X(GRANTS, kNonReserved)                 \
    X(GROUP, kReserved)                     \
    X(GROUPING, kReservedFunction)          \
    X(GROUPS, kNonReserved)                 \
    X(HASH, kNonReserved)                   \
    X(HAVING, kReserved)                    \
    X(HLL_UNION, kNonReserved)              \
    X(HOUR, kNonReserved)                   \
    X(IDENTIFIED, kNonReserved)             \
    X(IF, kReservedFunction)                \
    X(IMMEDIATE, kNonReserved)              \
    X(IN, kReserved)                        \
    X(INCREMENTAL, kNonReserved)            \
    X(INDEX, kReserved)                     \
    X(INNER, kReserved)                     \
    X(INSERT, kReservedFunction)            \
    X(INTERSECT, kReserved)                 \
    X(INTERVAL, kReserved)                  \
    X(INTO, kReserved)                      \
    X(IS, kReserved)                        \
    X(JOIN, kReserved)                      \
    X(KEY, kNonReserved)                    \
    X(KILL, kReserved)                      \
    X(LABEL, kNonReserved)                  \
    X(LAST, kNonReserved)                   \
    X(LEFT, kReservedFunction)              \
    X(LIKE, kReserved)                      \
    X(LIMIT, kReserved)                     \
    X(LIST, kNonReserved)                   \
    X(LOAD, kNonReserved)                   \
    X(LOCAL, kNonReserved)                  \
    X(LOCALTIME, kReservedFunction)         \
    X(LOCALTIMESTAMP, kReservedFunction)    \
    X(LOGICAL, kNonReserved)                \
    X(MANUAL, kNonReserved)                 \
    X(MATERIALIZED, kNonReserved)           \
    X(MAX, kNonReserved)                    \
    X(MICROSECOND, kNonReserved)            \
    X(MILLISECOND, kNonReserved)            \
    X(MIN, kNonReserved)                    \
    X(MINUS, kReserved)                     \
    X(MINUTE, kNonReserved)                 \
    X(MOD, kReservedFunction)               \
    X(MODE, kNonReserved)                   \
    X(MODIFY, kNonReserved)                 \
    X(MONTH, kNonReserved)                  \
    X(NAMES, kNonReserved)                  \
    X(NOT, kReserved)                       \
    X(NULL, kReserved)                      \
    X(NULLS, kNonReserved)                  \
    X(OF, kNonReserved)                     \
    X(OFFSET, kNonReserved)                 \
    X(ON, kReserved)                        \
    X(OPTION, kNonReserved)                 \
    X(OR, kReserved)                        \
    X(ORDER, kReserved)                     \
    X(OUTER, kReserved)                     \
    X(OVER, kReserved)                      \
    X(OVERWRITE, kNonReserved)              \
    X(PARTITION, kReserved)                 \
    X(PARTITIONS, kNonReserved)             \
    X(PASSWORD, kNonReserved)               \
    X(PERCENTILE_UNION, kNonReserved)       \
    X(PRECEDING, kNonReserved)              \
    X(PRIMARY, kReserved)                   \
    X(PRIVILEGES, kNonReserved)             \
    X(PROCESSLIST, kNonReserved)            \
    X(PROPERTIES, kNonReserved)             \
    X(QUALIFY, kReserved)                   \
    X(QUARTER, kNonReserved)                \
    X(QUERY, kNonReserved)                  \
    X(RANDOM, kNonReserved)                 \
    X(RANGE, kReserved)                     \
    X(RECURSIVE, kReserved)                 \
    X(REFRESH, kNonReserved)                \
    X(REGEXP, kReservedFunction)            \
    X(RENAME, kReserved)                    \
    X(REPLACE, kReservedFunction)           \
    X(REPLACE_IF_NOT_NULL, kNonReserved)    \
    X(RESOURCE, kNonReserved)               \
    X(REVOKE, kReserved)                    \
    X(RIGHT, kReservedFunction)             \
    X(RLIKE, kReserved)                     \
    X(ROLE, kNonReserved)                   \
    X(ROLES, kNonReserved)                  \
    X(ROLLBACK, kNonReserved)               \
    X(ROLLUP, kReserved)                    \
    X(ROW, kNonReserved)                    \
    X(ROWS, kReserved)                      \
    X(SCHEMA, kReservedFunction)            \
    X(SCHEMAS, kReserved)                   \
    X(SECOND, kNonReserved)                 \
    X(SELECT, kReserved)                    \
    X(SEMI, kNonReserved)                   \
    X(SEPARATOR, kNonReserved)              \
    X(SESSION, kNonReserved)                \
    X(SET, kReserved)                       \
    X(SETS, kNonReserved)                   \
    X(SHOW, kReserved)                      \
    X(START, kNonReserved)                  \
    X(STATUS, kNonReserved)                 \
    X(SUM, kNonReserved)                    \
    X(SYNC, kNonReserved)                   \
    X(TABLE, kReserved)                     \
    X(TABLES, kNonReserved)                 \
    X(TEMPORARY, kNonReserved)              \
    X(THEN, kReserved)                      \
    X(TIMESTAMP, kNonReserved)              \
    X(TO, kReserved)                        \
    X(TRANSACTION, kNonReserved)            \
    X(TRUE, kReserved)                      \
    X(TRUNCATE, kNonReserved)               \
    X(UNBOUNDED, kNonReserved)              \
    X(UNION, kReserved)                     \
    X(UNIQUE, kReserved)                    \
    X(UNKNOWN, kNonReserved)                \
    X(UPDATE, kReserved)                    \
    X(USE, kReserved)                       \
    X(USER, kNonReserved)                   \
    X(USERS, kNonReserved)                  \
    X(USING, kReserved)                     \
    X(VALUES, kReserved)                    \
    X(VARIABLES, kNonReserved)              \
    X(VERBOSE, kNonReserved)                \
    X(VERSION, kNonReserved)                \
    X(VIEW, kNonReserved)                   \
    X(VIEWS, kNonReserved)                  \
    X(WARNINGS, kNonReserved)               \
    X(WEEK, kNonReserved)                   \
    X(WHEN, kReserved)                      \
    X(WHERE, kReserved)                     \
    X(WITH, kReserved)                      \
    X(WORK, kNonReserved)                   \
    X(XOR, kReserved)                       \
    X(YEAR, kNonReserved)

enum class Keyword : uint16_t {
    kNone = 0,
#define FL_SQL_KEYWORD_ENUM(name, cls) k##name,
    FL_SQL_KEYWORDS(FL_SQL_KEYWORD_ENUM)
#undef FL_SQL_KEYWORD_ENUM
};

// The keyword spelled by `word` (any case), or kNone.
Keyword LookupKeyword(std::string_view word);
// The keyword in upper case, e.g. "SELECT"; "" for kNone.
std::string_view KeywordText(Keyword keyword);
KeywordClass GetKeywordClass(Keyword keyword);
inline bool IsReserved(Keyword keyword) {
    return GetKeywordClass(keyword) != KeywordClass::kNonReserved;
}
// Whether the keyword list is sorted (what LookupKeyword's binary search needs); for tests.
bool KeywordListIsSorted();

}  // namespace flashlake::sql
