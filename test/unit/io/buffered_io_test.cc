#include <gtest/gtest.h>

#include "io/buffered_reader.h"
#include "io/buffered_writer.h"
#include "io/memory_file_system.h"

namespace flashlake::io {
namespace {

std::string Pattern(size_t size) {
    std::string out;
    for (size_t i = 0; i < size; ++i) out += static_cast<char>('a' + (i * 7) % 26);
    return out;
}

TEST(BufferedWriterTest, SmallAndLargeAppendsKeepOrder) {
    MemoryFileSystem fs;
    auto file = fs.OpenForWrite("f").value();
    BufferedWriter writer(file.get(), 16);
    std::string expected;
    for (size_t size : {3, 5, 0, 16, 1, 40, 7, 9, 15}) {
        std::string piece = Pattern(size) + std::to_string(size);
        expected += piece;
        ASSERT_TRUE(writer.Append(piece).ok());
    }
    ASSERT_TRUE(writer.Append("tail").ok());
    expected += "tail";
    EXPECT_EQ(writer.bytes_appended(), expected.size());
    EXPECT_LT(file->size(), expected.size());  // some bytes still buffered
    ASSERT_TRUE(writer.Sync().ok());
    EXPECT_EQ(file->size(), expected.size());
    ASSERT_TRUE(writer.Close().ok());
    EXPECT_FALSE(writer.Append("late").ok());
    EXPECT_EQ(fs.ReadFile("f").value(), expected);
}

TEST(BufferedReaderTest, ReadPeekSkipAcrossBufferBoundaries) {
    MemoryFileSystem fs;
    std::string content = Pattern(1000);
    ASSERT_TRUE(fs.WriteFile("f", content).ok());
    auto file = fs.OpenForRead("f").value();
    BufferedReader reader(file.get(), 100, 900, 32);
    EXPECT_EQ(reader.remaining(), 800u);
    std::string out;
    ASSERT_TRUE(reader.Read(10, &out).ok());
    EXPECT_EQ(out, content.substr(100, 10));
    std::string_view peek;
    ASSERT_TRUE(reader.Peek(30, &peek).ok());
    EXPECT_EQ(peek, content.substr(110, 30));
    ASSERT_TRUE(reader.Read(30, &out).ok());
    EXPECT_EQ(out, content.substr(110, 30));
    ASSERT_TRUE(reader.Skip(60).ok());
    ASSERT_TRUE(reader.Read(100, &out).ok());  // larger than the buffer: read directly
    EXPECT_EQ(out, content.substr(200, 100));
    ASSERT_TRUE(reader.Read(20, &out).ok());
    EXPECT_EQ(out, content.substr(300, 20));
    EXPECT_EQ(reader.position(), 320u);
    EXPECT_EQ(reader.Peek(33, &peek).code(), ErrorCode::kInvalidArgument);
    ASSERT_TRUE(reader.Skip(570).ok());
    Status past = reader.Read(11, &out);
    EXPECT_EQ(past.code(), ErrorCode::kCorruption);
    EXPECT_NE(past.message().find("offset 890"), std::string::npos) << past.message();
    ASSERT_TRUE(reader.Read(10, &out).ok());
    EXPECT_EQ(out, content.substr(890, 10));
    EXPECT_EQ(reader.remaining(), 0u);
    EXPECT_EQ(reader.Skip(1).code(), ErrorCode::kCorruption);
}

TEST(BufferedReaderTest, ManySmallReadsEqualTheFile) {
    MemoryFileSystem fs;
    std::string content = Pattern(5000);
    ASSERT_TRUE(fs.WriteFile("f", content).ok());
    auto file = fs.OpenForRead("f").value();
    BufferedReader reader(file.get(), 0, content.size(), 64);
    std::string rebuilt;
    size_t step = 1;
    while (reader.remaining() > 0) {
        size_t n = std::min<uint64_t>(step, reader.remaining());
        std::string piece;
        ASSERT_TRUE(reader.Read(n, &piece).ok());
        rebuilt += piece;
        step = step % 97 + 3;
    }
    EXPECT_EQ(rebuilt, content);
}

}  // namespace
}  // namespace flashlake::io
