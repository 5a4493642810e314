// Deletion vectors: the portable RoaringBitmap decoder (vectors made with CRoaring), Paimon's
// 32-bit and 64-bit framings, and the index files of the Java-written test tables.
#include <gtest/gtest.h>

#include "io/memory_file_system.h"
#include "io/posix_file_system.h"
#include "lake/read/deletion_vector.h"
#include "lake/table_files.h"
#include "read_test_util.h"

namespace flashlake::lake {
namespace {

std::string Hex(std::string_view hex) {
    std::string bytes;
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
        bytes += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    return bytes;
}

std::vector<uint64_t> Decode(const std::string& bytes) {
    std::vector<uint64_t> values;
    size_t consumed = 0;
    Status status = DeletionVector::DecodeRoaring(bytes, 0, &values, &consumed);
    EXPECT_TRUE(status.ok()) << status.ToString();
    EXPECT_EQ(consumed, bytes.size());
    return values;
}

void PutLE16(std::string* out, uint16_t v) {
    out->push_back(static_cast<char>(v & 0xFF));
    out->push_back(static_cast<char>(v >> 8));
}
void PutLE32(std::string* out, uint32_t v) {
    for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}
void PutBE32(std::string* out, uint32_t v) {
    for (int i = 3; i >= 0; --i) out->push_back(static_cast<char>(v >> (8 * i)));
}

TEST(ReadDeletionVector, DecodesArrayContainers) {
    // CRoaring: {1, 5, 70000} (two array containers, no-run cookie with offsets).
    EXPECT_EQ(Decode(Hex("3a300000020000000000010001000000180000001c000000010005007011")),
              (std::vector<uint64_t>{1, 5, 70000}));
}

TEST(ReadDeletionVector, DecodesRunContainers) {
    // CRoaring after runOptimize: [10, 20) as a run container and {100000} as an array.
    std::vector<uint64_t> expected = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 100000};
    EXPECT_EQ(Decode(Hex("3b30010001000009000100000001000a000900a086")), expected);
}

TEST(ReadDeletionVector, DecodesBitmapContainers) {
    // One container of every third value below 15000 (5000 values: a bitmap container).
    std::string bytes;
    PutLE32(&bytes, 12346);
    PutLE32(&bytes, 1);
    PutLE16(&bytes, 0);
    PutLE16(&bytes, 4999);
    PutLE32(&bytes, 16);
    std::vector<uint64_t> words(1024, 0);
    std::vector<uint64_t> expected;
    for (uint64_t v = 0; v < 15000; v += 3) {
        words[v / 64] |= uint64_t{1} << (v % 64);
        expected.push_back(v);
    }
    for (uint64_t word : words) {
        for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>(word >> (8 * i)));
    }
    EXPECT_EQ(Decode(bytes), expected);
}

TEST(ReadDeletionVector, RejectsMalformedBitmaps) {
    std::string good = Hex("3a300000020000000000010001000000180000001c000000010005007011");
    for (size_t cut = 0; cut < good.size(); ++cut) {
        std::vector<uint64_t> values;
        size_t consumed = 0;
        EXPECT_FALSE(DeletionVector::DecodeRoaring(good.substr(0, cut), 0, &values, &consumed).ok()) << cut;
    }
    std::vector<uint64_t> values;
    size_t consumed = 0;
    EXPECT_EQ(DeletionVector::DecodeRoaring(Hex("39300000"), 0, &values, &consumed).code(), ErrorCode::kCorruption);
    // Array values out of order.
    EXPECT_FALSE(
        DeletionVector::DecodeRoaring(Hex("3a30000001000000000001001000000005000100"), 0, &values, &consumed).ok());
}

TEST(ReadDeletionVector, ParsesBothFramingsAndSelectsSurvivors) {
    std::string bitmap = Hex("3a300000020000000000010001000000180000001c000000010005007011");
    std::string v32;
    PutBE32(&v32, 1581511376);
    v32 += bitmap;
    auto dv = DeletionVector::Parse(v32);
    ASSERT_TRUE(dv.ok());
    EXPECT_EQ(dv->positions(), (std::vector<uint64_t>{1, 5, 70000}));
    // 64-bit: two 32-bit bitmaps under high keys 0 and 2.
    std::string v64;
    PutLE32(&v64, 1681511377);
    for (int i = 0; i < 8; ++i) v64.push_back(static_cast<char>(i == 0 ? 2 : 0));
    PutLE32(&v64, 0);
    v64 += bitmap;
    PutLE32(&v64, 2);
    v64 += bitmap;
    dv = DeletionVector::Parse(v64);
    ASSERT_TRUE(dv.ok()) << dv.status().ToString();
    EXPECT_EQ(dv->cardinality(), 6u);
    EXPECT_TRUE(dv->IsDeleted((uint64_t{2} << 32) | 5));
    EXPECT_FALSE(dv->IsDeleted(2));

    DeletionVector vector({1, 5, 6, 9});
    SelectionVector selection;
    EXPECT_FALSE(vector.SelectSurvivors(10, 100, &selection));
    ASSERT_TRUE(vector.SelectSurvivors(4, 4, &selection));  // rows 4..7: 5 and 6 deleted
    EXPECT_EQ(std::vector<uint32_t>(selection.data(), selection.data() + selection.size()),
              (std::vector<uint32_t>{0, 3}));
    ASSERT_TRUE(vector.SelectSurvivors(5, 2, &selection));
    EXPECT_TRUE(selection.empty());
}

TEST(ReadDeletionVector, ReadsIndexFilesAndChecksLengths) {
    io::MemoryFileSystem fs;
    std::string bitmap = Hex("3a300000020000000000010001000000180000001c000000010005007011");
    std::string body;
    PutBE32(&body, 1581511376);
    body += bitmap;
    std::string file(1, '\x01');
    PutBE32(&file, static_cast<uint32_t>(body.size()));
    file += body;
    PutBE32(&file, 0);  // CRC, not checked
    ASSERT_TRUE(fs.WriteFile("/index-0", file).ok());
    auto dv = DeletionVector::Read(&fs, {"/index-0", 1, static_cast<int64_t>(body.size()), 3});
    ASSERT_TRUE(dv.ok()) << dv.status().ToString();
    EXPECT_EQ(dv->cardinality(), 3u);
    auto wrong_length = DeletionVector::Read(&fs, {"/index-0", 1, 7, std::nullopt});
    EXPECT_EQ(wrong_length.status().code(), ErrorCode::kCorruption);
    auto wrong_cardinality = DeletionVector::Read(&fs, {"/index-0", 1, static_cast<int64_t>(body.size()), 4});
    EXPECT_EQ(wrong_cardinality.status().code(), ErrorCode::kCorruption);
    EXPECT_NE(wrong_cardinality.status().message().find("/index-0"), std::string::npos);
}

TEST(ReadDeletionVector, ReadsEveryVectorOfTheTestTables) {
    // Every deletion vector of every snapshot of the Java-written tables decodes, and its size
    // matches the cardinality the manifest records.
    io::PosixFileSystem fs;
    int vectors = 0;
    for (const std::string& table : testing::PaimonTestTables()) {
        std::string name = table.substr(table.rfind('/') + 1);
        ReadTableFilesOptions options;
        options.external_path_prefixes = {
            {"FILE:/tmp/external", testing::PaimonTestDataDir() + "/" + name + ".db/external"}};
        for (int64_t id = 1; id <= 8; ++id) {
            auto files = ReadTableFiles(&fs, table, id, options);
            if (!files.ok()) continue;
            for (const BucketFiles& bucket : files->buckets) {
                for (const auto& [data_file, deletion_file] : bucket.deletion_files) {
                    auto dv = DeletionVector::Read(&fs, deletion_file);
                    ASSERT_TRUE(dv.ok()) << name << " " << data_file << ": " << dv.status().ToString();
                    EXPECT_FALSE(dv->empty());
                    ++vectors;
                }
            }
        }
    }
    EXPECT_GT(vectors, 10);
}

}  // namespace
}  // namespace flashlake::lake
