#include "engine/system_variables.h"

namespace flashlake::engine {

const std::map<std::string, Value>& DefaultSystemVariables() {
    static const std::map<std::string, Value> kDefaults = {
        // Flashlake's own.
        {"query_mem_limit", Value::BigInt(0)},  // bytes per query; 0 = no limit beyond the process's
        {"pipeline_dop", Value::BigInt(0)},     // drivers per pipeline; 0 = one per worker thread
        {"disable_optimizer_passes", Value::Varchar("")},
        // EXPLAIN ANALYZE prints CPU times and memory (off: only rows, for stable test output).
        {"explain_analyze_timing", Value::Boolean(true)},
        {"query_timeout", Value::BigInt(300)},
        // Loads, as StarRocks: a value that does not convert to its column fails the INSERT.
        {"enable_insert_strict", Value::Boolean(true)},
        // INSERT OVERWRITE of a partitioned table replaces only the partitions it writes.
        {"dynamic_overwrite", Value::Boolean(false)},
        // What MySQL clients ask for.
        {"version", Value::Varchar("8.0.33")},
        {"version_comment", Value::Varchar("Flashlake")},
        {"autocommit", Value::BigInt(1)},
        {"auto_increment_increment", Value::BigInt(1)},
        {"character_set_client", Value::Varchar("utf8mb4")},
        {"character_set_connection", Value::Varchar("utf8mb4")},
        {"character_set_results", Value::Varchar("utf8mb4")},
        {"character_set_server", Value::Varchar("utf8mb4")},
        {"character_set_database", Value::Varchar("utf8mb4")},
        {"collation_database", Value::Varchar("utf8mb4_general_ci")},
        {"net_read_timeout", Value::BigInt(30)},
        {"query_cache_size", Value::BigInt(0)},
        {"query_cache_type", Value::Varchar("OFF")},
        {"collation_connection", Value::Varchar("utf8mb4_general_ci")},
        {"collation_server", Value::Varchar("utf8mb4_general_ci")},
        {"init_connect", Value::Varchar("")},
        {"interactive_timeout", Value::BigInt(28800)},
        {"license", Value::Varchar("Apache-2.0")},
        {"lower_case_table_names", Value::BigInt(0)},
        {"max_allowed_packet", Value::BigInt(64 << 20)},
        {"net_buffer_length", Value::BigInt(16384)},
        {"net_write_timeout", Value::BigInt(60)},
        {"performance_schema", Value::BigInt(0)},
        {"sql_mode", Value::Varchar("ONLY_FULL_GROUP_BY")},
        {"sql_select_limit", Value::BigInt(INT64_MAX)},
        {"system_time_zone", Value::Varchar("UTC")},
        {"time_zone", Value::Varchar("UTC")},
        {"transaction_isolation", Value::Varchar("REPEATABLE-READ")},
        {"tx_isolation", Value::Varchar("REPEATABLE-READ")},
        {"transaction_read_only", Value::BigInt(0)},
        {"wait_timeout", Value::BigInt(28800)},
    };
    return kDefaults;
}

}  // namespace flashlake::engine
