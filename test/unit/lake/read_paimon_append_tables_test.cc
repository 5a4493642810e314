// Reading the Java-written append tables of the shared test data at every snapshot. Expected
// rows are derived by hand from each table's README (rows as text, compared as sorted
// multisets). Dates in the READMEs are day numbers; TIMESTAMP(9) values lose their digits
// below the microsecond (Flashlake's DATETIME holds microseconds).
#include <gtest/gtest.h>

#include "read_test_util.h"
#include "types/date_time.h"

namespace flashlake::lake {
namespace {

using testing::AtSnapshot;
using testing::PaimonTable;
using testing::ScanRows;
using testing::Sorted;
using Rows = std::vector<std::string>;

void ExpectRows(const std::string& table, const ScanOptions& options, const Rows& expected) {
    auto rows = ScanRows(PaimonTable(table), options);
    ASSERT_TRUE(rows.ok()) << table << ": " << rows.status().ToString();
    EXPECT_EQ(*rows, Sorted(expected)) << table;
}

ScanOptions Projected(std::vector<std::string> columns, std::optional<int64_t> snapshot = std::nullopt) {
    ScanOptions options;
    options.projection = std::move(columns);
    options.snapshot_id = snapshot;
    return options;
}

TEST(ReadPaimonAppendTables, AppendComplexData) {
    // f1 INT (partition), f2 INT (bucket key), f3 DATE, f4 TIMESTAMP(9), f5 DECIMAL(23, 5), f6 BYTES.
    Rows s1 = {"10, 1, 1973-05-19, 2033-05-18 03:33:20, 123456789987654321.45678, add",
               "20, 1, 1966-08-16, 1899-01-01 00:59:20.001001, -123456789987654321.45678, bad",
               "10, 1, 2024-07-05, 2033-05-18 03:33:20.000001, 12.30000, cat"};
    Rows s2 = s1;
    s2.insert(s2.end(),
              {"10, 1, 1970-01-01, 2008-12-28 00:00:00.000123, NULL, dad",
               "10, 1, 1970-04-11, 2008-12-28 00:00:00.000123, -123.45000, eat",
               "10, 1, NULL, 1899-01-01 00:59:20.001001, 0.00000, fat", "20, 0, 1969-09-23, NULL, 0.00000, get"});
    Rows s3 = s2;
    s3.push_back("10, 1, 2024-10-10, 2024-10-10 10:10:10.100100, 1728551410100.10010, NULL");
    ExpectRows("append_complex_data", AtSnapshot(1), s1);
    ExpectRows("append_complex_data", AtSnapshot(2), s2);
    ExpectRows("append_complex_data", AtSnapshot(3), s3);
    ExpectRows("append_complex_data", AtSnapshot(4), s3);  // full compaction: same rows
    ExpectRows("append_complex_data", {}, s3);
}

TEST(ReadPaimonAppendTables, AppendTableWithAlterTable) {
    // Schema 0: key0 key1 a b c d k. Schema 1 (ids): key0:0 key1:1 k:6 c:3 d:7 a:5 e:8 — a and c
    // dropped, b renamed c, d renamed a, d and e added.
    ExpectRows("append_table_with_alter_table", AtSnapshot(1),
               {"0, 1, 12, 13, 14, 15, 16", "0, 1, 22, 23, 24, 25, 26", "0, 1, 32, 33, 34, 35, 36",
                "1, 1, 42, 43, 44, 45, 46", "1, 1, 52, 53, 54, 55, 56"});
    Rows latest = {"0, 1, 16, 13, NULL, 15, NULL", "0, 1, 26, 23, NULL, 25, NULL", "0, 1, 36, 33, NULL, 35, NULL",
                   "0, 1, 66, 63, 517, 65, 618",   "0, 1, 76, 73, 527, 75, 628",   "0, 1, 86, 83, 537, 85, 638",
                   "1, 1, 46, 43, NULL, 45, NULL", "1, 1, 56, 53, NULL, 55, NULL", "1, 1, 96, 93, 547, 95, 648",
                   "1, 1, 106, 103, 557, 105, 658"};
    ExpectRows("append_table_with_alter_table", AtSnapshot(2), latest);
    ExpectRows("append_table_with_alter_table", {}, latest);
    // An old snapshot read in the latest schema.
    ScanOptions old_in_new = AtSnapshot(1);
    old_in_new.read_schema_id = 1;
    ExpectRows("append_table_with_alter_table", old_in_new,
               {"0, 1, 16, 13, NULL, 15, NULL", "0, 1, 26, 23, NULL, 25, NULL", "0, 1, 36, 33, NULL, 35, NULL",
                "1, 1, 46, 43, NULL, 45, NULL", "1, 1, 56, 53, NULL, 55, NULL"});
}

TEST(ReadPaimonAppendTables, AppendTableAlterTableWithCast) {
    // Schema 0: key0 key1 f0 STRING, f1 TIMESTAMP(9), f2 DECIMAL(5, 2), f3 STRING, f4 DATE, f5 BIGINT.
    ExpectRows("append_table_alter_table_with_cast", AtSnapshot(1),
               {"0, 1, 100, 2024-11-26 06:38:56.001000, 0.02, True, 1970-01-05, 5",
                "0, 1, 110, 2024-11-26 06:38:56.011000, 11.12, 1, 1969-11-18, 25",
                "0, 1, 120, 2024-11-26 06:38:56.021000, 22.22, nO, 1971-03-21, 35",
                "1, 1, 130, 2024-11-26 06:38:56.031000, 333.32, 0, 1957-11-01, 45",
                "1, 1, 140, 2024-11-26 06:38:56.041000, 444.42, Yes, 2091-09-07, 55"});
    // Schema 1: f4 TIMESTAMP(9) (was DATE), key0, key1, f3 INT (was f0 STRING), f1 STRING (was
    // TIMESTAMP(9)), f2 DECIMAL(6, 3), f0 BOOLEAN (was f3 STRING), f6 INT (new); f5 dropped. The
    // README's "2024-11-26 06:38:56.001000001" reads as ...001000000: the file's nanoseconds are
    // gone before the cast to STRING.
    Rows latest = {"1970-01-05 00:00:00, 0, 1, 100, 2024-11-26 06:38:56.001000000, 0.020, 1, NULL",
                   "1969-11-18 00:00:00, 0, 1, 110, 2024-11-26 06:38:56.011000000, 11.120, 1, NULL",
                   "1971-03-21 00:00:00, 0, 1, 120, 2024-11-26 06:38:56.021000000, 22.220, 0, NULL",
                   "2024-11-26 06:38:56.054000, 0, 1, 150, 2024-11-26 15:28:31, 55.002, 1, 56",
                   "2024-11-26 06:38:56.064000, 0, 1, 160, 2024-11-26 15:28:41, 666.012, 0, 66",
                   "2024-11-26 06:38:56.074000, 0, 1, 170, 2024-11-26 15:28:51, -77.022, 1, 76",
                   "1957-11-01 00:00:00, 1, 1, 130, 2024-11-26 06:38:56.031000000, 333.320, 0, NULL",
                   "2091-09-07 00:00:00, 1, 1, 140, 2024-11-26 06:38:56.041000000, 444.420, 1, NULL",
                   "2024-11-26 06:38:56.084000, 1, 1, 180, 2024-11-26 15:29:01, 8.032, 1, -86",
                   "2024-11-26 06:38:56.094000, 1, 1, 190, I'm strange, -999.420, 0, 96"};
    ExpectRows("append_table_alter_table_with_cast", AtSnapshot(2), latest);
    ExpectRows("append_table_alter_table_with_cast", {}, latest);
}

TEST(ReadPaimonAppendTables, AppendWithCastTimestamp) {
    // Snapshot 1 in schema 0, the eight timestamp columns (the README does not give the INT ones).
    ExpectRows(
        "append_with_cast_timestamp",
        Projected(
            {"ts_sec", "ts_milli", "ts_micro", "ts_nano", "ts_tz_sec", "ts_tz_milli", "ts_tz_micro", "ts_tz_nano"}, 1),
        {"1970-01-01 00:00:01, 1970-01-01 00:00:00.001000, 1970-01-01 00:00:00.000001, 1970-01-01 00:00:00, "
         "1970-01-01 00:00:02, 1970-01-01 00:00:00.002000, 1970-01-01 00:00:00.000002, 1970-01-01 00:00:00",
         "1970-01-01 00:00:03, 1970-01-01 00:00:00.003000, NULL, 1970-01-01 00:00:00, 1970-01-01 00:00:04, "
         "1970-01-01 00:00:00.004000, 1970-01-01 00:00:00.000004, 1970-01-01 00:00:00",
         "1970-01-01 00:00:05, 1970-01-01 00:00:00.005000, NULL, NULL, 1970-01-01 00:00:06, NULL, "
         "1970-01-01 00:00:00.000006, NULL"});
    // Schema 1: TIMESTAMP -> INT (seconds), DATE, STRING, TIMESTAMP WITH LOCAL TIME ZONE (as UTC)
    // and back.
    ExpectRows("append_with_cast_timestamp",
               Projected({"ts_sec", "ts_milli", "ts_micro", "ts_nano", "ts_tz_sec", "ts_tz_milli", "ts_tz_micro",
                          "ts_tz_nano"}),
               {"1, 1970-01-01, 1970-01-01 00:00:00.000001, 1970-01-01 00:00:00, 2, 1970-01-01, "
                "1970-01-01 00:00:00.000002, 1970-01-01 00:00:00",
                "3, 1970-01-01, NULL, 1970-01-01 00:00:00, 4, 1970-01-01, 1970-01-01 00:00:00.000004, "
                "1970-01-01 00:00:00",
                "5, 1970-01-01, NULL, NULL, 6, NULL, 1970-01-01 00:00:00.000006, NULL"});
    // INT -> TIMESTAMP reads the integer as seconds since the epoch.
    auto ints = ScanRows(PaimonTable("append_with_cast_timestamp"), Projected({"ts_sec", "int_ts_sec"}, 1));
    auto stamps = ScanRows(PaimonTable("append_with_cast_timestamp"), Projected({"ts_sec", "int_ts_sec"}));
    ASSERT_TRUE(ints.ok() && stamps.ok());
    ASSERT_EQ(ints->size(), 3u);
    for (size_t i = 0; i < 3; ++i) {
        int64_t seconds = std::stoll((*ints)[i].substr((*ints)[i].find(", ") + 2));
        std::string expected = date_time::FormatDateTime(seconds * date_time::kMicrosPerSecond);
        EXPECT_NE((*stamps)[i].find(expected), std::string::npos) << (*stamps)[i] << " vs " << expected;
    }
}

Rows EightPeople() {
    return {"Alice, 10, 1, 11.1", "Bob, 10, 1, 12.1", "Emily, 10, 0, 13.1", "Tony, 10, 0, 14.1",
            "Lucy, 20, 1, 15.1",  "Bob, 10, 1, 16.1", "Tony, 20, 0, 17.1",  "Alice, 20, NULL, 18.1"};
}

TEST(ReadPaimonAppendTables, FileIndexTablesReadPlainly) {
    // File indexes (bitmap, bloom filter, BSI; embedded or in .index files) are not used, and do
    // not disturb reading.
    for (const char* table : {"append_with_bitmap", "append_with_bitmap_no_embedding", "append_with_bitmap_v1"}) {
        ExpectRows(table, AtSnapshot(1), EightPeople());
        ExpectRows(table, {}, EightPeople());
    }
    Rows with_timestamps = {
        "Alice, 100, -2, 11.1, 2025-04-25 01:00:02.000123", "Bob, 200, -3, 12.1, 2025-04-25 01:01:42.000123",
        "Emily, 300, 1, 13.1, 2025-04-25 00:56:42.000123",  "Tony, 50, 1, 14.1, 1969-12-31 23:59:58.255123",
        "Lucy, 500, -1, 15.1, 1969-12-31 23:59:58.235123",  "Bob, 100, 2, 16.1, NULL",
        "Tony, NULL, -2, 17.1, 2025-04-25 01:00:02.000123", "Alice, 20, NULL, 18.1, 1969-12-31 23:59:58.275123"};
    for (const char* table : {"append_with_bloomfilter", "append_with_bsi", "append_with_bsi_bitmap_bloomfilter"}) {
        ExpectRows(table, AtSnapshot(1), with_timestamps);
        ExpectRows(table, {}, with_timestamps);
    }
}

TEST(ReadPaimonAppendTables, AppendWithBitmapAlterTable) {
    ExpectRows("append_with_bitmap_alter_table", AtSnapshot(1), EightPeople());
    // Schema 1: f1 BIGINT (was INT), f4 (was f0), f3, f5 INT (new); f2 dropped.
    Rows latest = {"10, Alice, 11.1, NULL", "10, Bob, 12.1, NULL",  "10, Emily, 13.1, NULL", "10, Tony, 14.1, NULL",
                   "20, Lucy, 15.1, NULL",  "10, Bob, 16.1, NULL",  "20, Tony, 17.1, NULL",  "20, Alice, 18.1, NULL",
                   "30, Alice, 21.1, 100",  "20, Emily, 22.1, 101", "10, Bob, 23.1, 100",    "30, David, 24.1, NULL"};
    ExpectRows("append_with_bitmap_alter_table", AtSnapshot(2), latest);
    ExpectRows("append_with_bitmap_alter_table", {}, latest);
}

TEST(ReadPaimonAppendTables, RowTrackingWithoutDataEvolution) {
    // Row tracking only adds row ids to the metadata; the rows read as usual.
    Rows s1 = {"Lily, 2, 12, 2.1", "Alice, 3, 13, 3.1"};
    Rows s2 = s1;
    s2.insert(s2.end(), {"Bob, 4, 14, 4.1", "David, 5, 15, 5.1"});
    ExpectRows("append_table_row_tracking_with_compact", AtSnapshot(1), s1);
    for (int64_t id : {2, 3, 4}) ExpectRows("append_table_row_tracking_with_compact", AtSnapshot(id), s2);
    ExpectRows("append_table_row_tracking_with_compact", {}, s2);
}

TEST(ReadPaimonAppendTables, FallbackBranches) {
    // Main (append) holds partition 20240725; the rt branch (a primary-key table) adds 20240726.
    ExpectRows("append_table_with_rt_branch", {},
               {"20240725, apple, 5", "20240725, banana, 7", "20240726, cherry, 3", "20240726, pear, 6"});
    // The branch read on its own: primary key (dt, name).
    ScanOptions rt;
    rt.files.branch = "rt";
    ExpectRows("append_table_with_rt_branch", rt,
               {"20240725, apple, 4", "20240725, peach, 10", "20240726, cherry, 3", "20240726, pear, 6"});
    // Main holds pt=1, the test branch pt=2; both gained value2 after their first write.
    ExpectRows("append_table_with_append_pt_branch", {},
               {"1, 110, NULL", "1, 120, 1200", "2, 210, NULL", "2, 220, 2200"});
    // Snapshot 1 was committed under schema 0, before the fallback option was set.
    ExpectRows("append_table_with_append_pt_branch", AtSnapshot(1), {"1, 110"});
}

TEST(ReadPaimonAppendTables, UnsupportedTablesAreRefusedClearly) {
    struct Case {
        const char* table;
        const char* reason;  // part of the message
    };
    std::vector<Case> cases = {
        {"append_09", "ORC"},
        {"append_with_empty_partition", "ORC"},
        {"append_with_empty_partition_with_empty_value", "ORC"},
        {"append_with_empty_partition_with_specific_name", "ORC"},
        {"parquet_append_table", "nested types"},  // a MAP column; its manifests are ORC too
        {"blob_data_evolution_with_dense_stats", "data evolution"},
        {"blob_append_table_alter_table_with_cast_with_data_evolution", "data evolution"},
        {"append_table_alter_table_with_cast_with_data_evolution", "data evolution"},
        {"data_evolution_with_dense_stats", "data evolution"},
        {"data_evolution_with_index", "data evolution"},
        {"append_with_global_index", "data evolution"},
        {"append_with_global_index_with_partition", "data evolution"},
        {"append_complex_build_in_fieldid", "nested types"},
    };
    for (const Case& c : cases) {
        auto rows = ScanRows(PaimonTable(c.table));
        ASSERT_FALSE(rows.ok()) << c.table;
        EXPECT_EQ(rows.status().code(), ErrorCode::kNotSupported) << c.table << ": " << rows.status().ToString();
        EXPECT_NE(rows.status().message().find(c.reason), std::string::npos) << rows.status().ToString();
    }
    EXPECT_EQ(ScanRows(PaimonTable("parquet_append_table"), Projected({"f1", "f2"})).status().code(),
              ErrorCode::kNotSupported);
    // Its atomic columns read; MAP, ARRAY and ROW columns are refused when projected.
    auto atomic = ScanRows(PaimonTable("append_complex_build_in_fieldid"), Projected({"f4", "f5", "f6"}));
    ASSERT_TRUE(atomic.ok()) << atomic.status().ToString();
    EXPECT_FALSE(atomic->empty());
    EXPECT_EQ(ScanRows(PaimonTable("append_complex_build_in_fieldid"), Projected({"f2"})).status().code(),
              ErrorCode::kNotSupported);
}

}  // namespace
}  // namespace flashlake::lake
