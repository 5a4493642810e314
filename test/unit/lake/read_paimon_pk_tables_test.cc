// Reading the Java-written primary-key tables of the shared test data at every snapshot:
// merge-on-read, deletion vectors, first-row, sequence fields, schema evolution. Expected rows
// are derived by hand from each table's README (pk_09 has none: its rows follow the data files,
// which hold the same story as pk_table_with_dv_cardinality's README with Alice updated twice).
#include <gtest/gtest.h>

#include "read_test_util.h"

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

const char* kTwoRoads =
    "Two roads diverged in a wood, and I took the one less traveled by, And that has made all the difference.";
const char* kWhether = "Whether I shall turn out to be the hero of my own life.";

std::string Row(const std::string& f0, const std::string& rest) {
    return f0 + ", " + rest;
}

// The nine rows the DV tables start with (f0, f1, f2, f3).
Rows NineRows() {
    return {Row(kTwoRoads, "10, 1, 11"), "Alice, 10, 1, 11.1", "Bob, 10, 0, 12.1",
            "Emily, 10, 0, 13.1",        "Tony, 10, 0, 14.1",  "Alex, 10, 0, 16.1",
            "David, 10, 0, 17.1",        "Lucy, 20, 1, 14.1",  "Paul, 20, 1, 18.1"};
}

// After "Delete Tony, UpdateAfter Alice 19.1".
Rows EightRows() {
    return {Row(kTwoRoads, "10, 1, 11"), "Alice, 10, 1, 19.1", "Bob, 10, 0, 12.1",  "Emily, 10, 0, 13.1",
            "Alex, 10, 0, 16.1",         "David, 10, 0, 17.1", "Lucy, 20, 1, 14.1", "Paul, 20, 1, 18.1"};
}

TEST(ReadPaimonPkTables, ScanAndReadDeletionVectors) {
    const char* table = "pk_table_scan_and_read_dv";
    ExpectRows(table, AtSnapshot(1), NineRows());
    ExpectRows(table, AtSnapshot(2), NineRows());
    ExpectRows(table, AtSnapshot(3), EightRows());
    ExpectRows(table, AtSnapshot(4), EightRows());
    // Snapshots 5 and 6 were not compacted: their rows are in level-0 files, merged on read.
    Rows s5 = EightRows();
    s5.erase(std::find(s5.begin(), s5.end(), "Alex, 10, 0, 16.1"));
    s5.insert(s5.end(), {"Skye, 10, 0, 21", "Marco, 10, 0, 21.1", "Alex, 10, 0, 21.2"});
    ExpectRows(table, AtSnapshot(5), s5);
    Rows s6 = s5;
    s6.erase(std::find(s6.begin(), s6.end(), "Alex, 10, 0, 21.2"));
    s6.insert(s6.end(), {"Skye2, 10, 0, 31", "Marco2, 10, 0, 31.1"});
    ExpectRows(table, AtSnapshot(6), s6);
    ExpectRows(table, {}, s6);
    // As Paimon's batch scan does, level-0 files can be left out: the compacted state of 4.
    ScanOptions paimon_like;
    paimon_like.skip_level0_files = true;
    ExpectRows(table, paimon_like, EightRows());
    paimon_like.snapshot_id = 5;
    ExpectRows(table, paimon_like, EightRows());
}

TEST(ReadPaimonPkTables, DeletionVectorIndexLocations) {
    // Index files in the bucket directories, in index/, and data files at external paths.
    for (const char* table : {"pk_dv_index_in_data_no_external", "pk_dv_index_in_data_with_external",
                              "pk_dv_index_not_in_data_no_external"}) {
        ExpectRows(table, AtSnapshot(1), NineRows());
        ExpectRows(table, AtSnapshot(2), NineRows());
        ExpectRows(table, AtSnapshot(3), EightRows());
        ExpectRows(table, AtSnapshot(4), EightRows());
        ExpectRows(table, {}, EightRows());
    }
}

TEST(ReadPaimonPkTables, DeletionVectorCardinality) {
    Rows s1 = {Row(kTwoRoads, "10, 1, 11"), "Alice, 10, 1, 11.1",         "Bob, 10, 0, 12.1",
               "Emily, 10, 0, 13.1",        "Tony, 10, 0, 14.1",          "Alex, 10, 0, 16.1",
               "David, 10, 0, 17.1",        Row(kWhether, "10, 0, 19.1"), "Lily, 10, 0, 20.1"};
    Rows s3 = {Row(kTwoRoads, "10, 1, 11"), "Alice, 10, 1, 19.1", "Bob, 10, 0, 12.1",          "Emily, 10, 0, 13.1",
               "Alex, 10, 0, 16.1",         "David, 10, 0, 17.1", Row(kWhether, "10, 0, 19.1")};
    const char* table = "pk_table_with_dv_cardinality";
    ExpectRows(table, AtSnapshot(1), s1);
    ExpectRows(table, AtSnapshot(2), s1);
    ExpectRows(table, AtSnapshot(3), s3);
    ExpectRows(table, AtSnapshot(4), s3);
    ExpectRows(table, {}, s3);
}

TEST(ReadPaimonPkTables, Paimon09Table) {
    Rows s1 = NineRows();
    Rows s3 = s1;
    s3.insert(s3.end(), {Row(kWhether, "10, 1, 19.1"), "Lily, 10, 1, 20.1"});
    // Snapshot 5: Alice updated, Lily and Tony deleted; snapshot 7: Alice updated again.
    Rows s5 = {Row(kTwoRoads, "10, 1, 11"), "Alice, 10, 1, 19.1", "Bob, 10, 0, 12.1",
               "Emily, 10, 0, 13.1",        "Alex, 10, 0, 16.1",  "David, 10, 0, 17.1",
               "Lucy, 20, 1, 14.1",         "Paul, 20, 1, 18.1",  Row(kWhether, "10, 1, 19.1")};
    Rows s7 = s5;
    s7[1] = "Alice, 10, 1, 21.1";
    const std::vector<Rows> expected = {s1, s1, s3, s3, s5, s5, s7, s7};
    for (int64_t id = 1; id <= 8; ++id) ExpectRows("pk_09", AtSnapshot(id), expected[id - 1]);
    ExpectRows("pk_09", {}, s7);
}

TEST(ReadPaimonPkTables, BitmapIndexWithDeletionVectors) {
    Rows s1 = {"0, Alice, 10, 1, 11.1", "1, Bob, 10, 1, 12.1", "2, Emily, 10, 0, 13.1", "3, Tony, 10, 0, 14.1",
               "4, Lucy, 20, 1, 15.1",  "5, Bob, 10, 1, 16.1", "6, Tony, 20, 0, 17.1",  "7, Alice, 20, NULL, 18.1"};
    Rows s3 = {"1, Bob, 10, 1, 12.1", "2, Emily, 10, 0, 13.1", "3, Tony, 10, 0, 14.1",
               "5, Bob, 10, 1, 16.1", "6, Tony, 20, 0, 17.1",  "7, Alice, 20, NULL, 18.1"};
    ExpectRows("pk_with_bitmap_dv", AtSnapshot(1), s1);
    ExpectRows("pk_with_bitmap_dv", AtSnapshot(2), s1);
    ExpectRows("pk_with_bitmap_dv", AtSnapshot(3), s3);
    ExpectRows("pk_with_bitmap_dv", AtSnapshot(4), s3);
    ExpectRows("pk_with_bitmap_dv", {}, s3);
}

TEST(ReadPaimonPkTables, FirstRow) {
    // first-row with ignore-delete: the first version of a key stays; deletes are ignored.
    const char* table = "pk_table_scan_and_read_first_row";
    Rows s1 = NineRows();
    ExpectRows(table, AtSnapshot(1), s1);
    ExpectRows(table, AtSnapshot(2), s1);
    ExpectRows(table, AtSnapshot(3), s1);
    Rows s4 = s1;
    s4.insert(s4.end(), {"Skye, 10, 0, 21", "Marco, 10, 0, 21.1"});
    ExpectRows(table, AtSnapshot(4), s4);
    Rows s5 = s4;
    s5.insert(s5.end(), {"Skye2, 10, 0, 31", "Marco2, 10, 0, 31.1"});
    ExpectRows(table, AtSnapshot(5), s5);
    ExpectRows(table, {}, s5);
}

TEST(ReadPaimonPkTables, AlterTableWithDeletionVectors) {
    const char* table = "pk_table_with_alter_table";
    // Schema 0: key0 key1 key2 a b c d k.
    Rows s1 = {"0, 1, 2, 3, 4, 5, 6, " + std::string(kTwoRoads),
               "0, 1, 12, 13, 14, 15, 16, Alice",
               "1, 1, 22, 23, 24, 25, 26, Bob",
               "1, 1, 32, 33, 34, 35, 36, Emily",
               "1, 1, 42, 43, 44, 45, 46, Tony",
               "1, 1, 52, 53, 54, 55, 56, Alex",
               "1, 1, 62, 63, 64, 65, 66, David",
               "1, 1, 72, 73, 74, 75, 76, " + std::string(kWhether),
               "1, 1, 82, 83, 84, 85, 86, Lily"};
    Rows s3 = s1;
    s3.erase(s3.begin() + 8);
    s3.erase(s3.begin() + 4);
    s3[1] = "0, 1, 12, 93, 94, 95, 96, Alice";
    // Schema 1: key1 k key_2 c d a key0 e (a, c dropped; b renamed c; d renamed a; key2 renamed
    // key_2; d and e added; key0 moved last).
    Rows s5 = {"1, Bob, 22, 24, NULL, 26, 1, NULL",   "1, Emily, 32, 34, NULL, 36, 1, NULL",
               "1, David, 62, 64, NULL, 66, 1, NULL", "1, " + std::string(kWhether) + ", 72, 74, NULL, 76, 1, NULL",
               "1, Alex, 52, 514, 518, 516, 1, 519",  "1, " + std::string(kTwoRoads) + ", 2, 4, NULL, 6, 0, NULL",
               "1, Alice, 12, 94, NULL, 96, 0, NULL", "1, Paul, 502, 504, 508, 506, 0, 509"};
    ExpectRows(table, AtSnapshot(1), s1);
    ExpectRows(table, AtSnapshot(2), s1);
    ExpectRows(table, AtSnapshot(3), s3);
    ExpectRows(table, AtSnapshot(4), s3);
    ExpectRows(table, AtSnapshot(5), s5);
    ExpectRows(table, AtSnapshot(6), s5);
    ExpectRows(table, {}, s5);
}

TEST(ReadPaimonPkTables, MergeOnReadWithSequenceFieldsAndEvolution) {
    // PK (k0, k1, p0, p1), partitions (p0, p1), sequence.field = s0,s1: a version with smaller
    // (s0, s1) does not replace a larger one ("abandon" < "banana", "again" < "later").
    const char* table = "pk_table_with_mor";
    Rows s1 = {"0, 0, 0, 0, apple, see, 10, 1",  "0, 1, 0, 0, banana, you, 11.1, 0", "1, 0, 0, 0, car, later, 12.2, 1",
               "1, 1, 0, 0, driver, !, 13.3, 0", "0, 0, 1, 0, elephant, hi, 20, 1",  "0, 1, 0, 1, mouse, you, 30, 0"};
    Rows s2 = {"0, 0, 0, 0, apple, see, 110, 0", "0, 1, 0, 0, banana, you, 11.1, 0", "1, 0, 0, 0, car, later, 12.2, 1",
               "1, 1, 0, 0, driver, !, 13.3, 0", "1, 2, 0, 0, driver, !, 13.3, 0",   "0, 0, 1, 0, elephant, hi, 120, 0",
               "0, 1, 0, 1, zoo, you, 130, 0"};
    Rows s3 = s2;
    s3.push_back("100, 200, 0, 0, max, number, 140.4, 0");
    ExpectRows(table, AtSnapshot(1), s1);
    ExpectRows(table, AtSnapshot(2), s2);
    ExpectRows(table, AtSnapshot(3), s3);
    // The latest schema (7): k0/k1 and s0/s1 renamed crosswise, s0 now BYTES, v0 INT (from
    // DOUBLE), v1 STRING (from BOOLEAN), v2 INT added; README's recall.
    ExpectRows(table, {},
               {"0, 0, 0, 0, apple, see, 110, false, NULL", "0, 1, 0, 0, banana, you, 11, false, NULL",
                "1, 0, 0, 0, car, later, 12, true, NULL", "1, 1, 0, 0, driver, !, 13, false, NULL",
                "1, 2, 0, 0, driver, !, 13, false, NULL", "100, 200, 0, 0, max, number, 140, false, NULL",
                "0, 1, 0, 1, zoo, you, 130, false, NULL", "0, 0, 1, 0, elephant, hi, 120, false, NULL"});
}

TEST(ReadPaimonPkTables, NestedTypesAreRefused) {
    auto rows = ScanRows(PaimonTable("pk_table_nested_type"));
    ASSERT_FALSE(rows.ok());
    EXPECT_EQ(rows.status().code(), ErrorCode::kNotSupported);
    // Its atomic columns pass planning; its manifests are ORC.
    ScanOptions atomic;
    atomic.projection = {"shopId", "dt", "hr", "col0"};
    rows = ScanRows(PaimonTable("pk_table_nested_type"), atomic);
    EXPECT_EQ(rows.status().code(), ErrorCode::kNotSupported);
    EXPECT_NE(rows.status().message().find("ORC"), std::string::npos) << rows.status().ToString();
}

TEST(ReadPaimonPkTables, SplitKindsFollowTheLsmShape) {
    io::PosixFileSystem fs;
    auto kinds = [&](const std::string& table, ScanOptions options) {
        std::vector<std::string> out;
        auto plan = TableScan(&fs, PaimonTable(table), options).Plan();
        EXPECT_TRUE(plan.ok()) << plan.status().ToString();
        if (!plan.ok()) return out;
        for (const Split& split : plan->splits) {
            out.push_back(std::to_string(split.partition_values[0].GetInt64()) + "/" + std::to_string(split.bucket) +
                          ":" + std::string(SplitKindName(split.kind)));
        }
        std::sort(out.begin(), out.end());
        return out;
    };
    // Snapshot 4 is compacted (deletion vectors, no level 0): every bucket reads raw.
    EXPECT_EQ(kinds("pk_table_scan_and_read_dv", AtSnapshot(4)),
              (std::vector<std::string>{"10/0:raw", "10/1:raw", "20/0:raw"}));
    // Snapshot 6 added level-0 files to partition 10 bucket 1.
    EXPECT_EQ(kinds("pk_table_scan_and_read_dv", AtSnapshot(6)),
              (std::vector<std::string>{"10/0:raw", "10/1:merge", "20/0:raw"}));
    // pk_table_with_mor has several level-0 files per bucket.
    auto mor = kinds("pk_table_with_mor", AtSnapshot(3));
    EXPECT_NE(std::find(mor.begin(), mor.end(), "0/0:merge"), mor.end());
}

TEST(ReadPaimonPkTables, RowKindColumn) {
    ScanOptions options;
    options.include_row_kind = true;
    options.projection = {"f0", "f3"};
    auto rows = ScanRows(PaimonTable("pk_table_scan_and_read_dv"), options);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    // Alex's update and delete and Alice's +U leave only +I/+U rows.
    EXPECT_EQ(rows->size(), 11u);
    EXPECT_NE(std::find(rows->begin(), rows->end(), "+U Alice, 19.1"), rows->end());
    EXPECT_NE(std::find(rows->begin(), rows->end(), "+I Bob, 12.1"), rows->end());
}

}  // namespace
}  // namespace flashlake::lake
