#include <gtest/gtest.h>

#include "format/avro/codec.h"

namespace flashlake::format::avro {
namespace {

std::string SampleData(size_t size) {
    std::string out;
    for (size_t i = 0; out.size() < size; ++i) out += "manifest-entry-" + std::to_string(i % 97) + ";";
    out.resize(size);
    return out;
}

class AvroCodecTest : public ::testing::TestWithParam<Codec> {};

TEST_P(AvroCodecTest, RoundTripsSizes) {
    for (size_t size : {0, 1, 100, 70000, 1 << 20}) {
        std::string input = SampleData(size);
        std::string compressed, output;
        ASSERT_TRUE(Compress(GetParam(), input, -1, &compressed).ok());
        Status status = Decompress(GetParam(), compressed, size, &output);
        ASSERT_TRUE(status.ok()) << size << ": " << status.ToString();
        EXPECT_EQ(output, input);
        if (size > 0 && size < 1000) {
            // One byte less than needed is refused, not truncated.
            status = Decompress(GetParam(), compressed, size - 1, &output);
            EXPECT_EQ(status.code(), ErrorCode::kCorruption) << size;
            EXPECT_NE(status.message().find("more than"), std::string::npos) << status.message();
        }
    }
}

TEST_P(AvroCodecTest, TruncatedAndDamagedInputIsCorruption) {
    if (GetParam() == Codec::kNull) GTEST_SKIP() << "null blocks carry no structure";
    std::string input = SampleData(5000);
    std::string compressed, output;
    ASSERT_TRUE(Compress(GetParam(), input, -1, &compressed).ok());
    for (size_t size = 0; size < compressed.size(); size += 1 + size / 8) {
        Status status = Decompress(GetParam(), std::string_view(compressed).substr(0, size), 1 << 20, &output);
        EXPECT_EQ(status.code(), ErrorCode::kCorruption) << "prefix " << size << ": " << status.ToString();
    }
    int refused = 0, trials = 0;
    for (size_t i = 0; i < compressed.size(); i += 7, ++trials) {
        std::string damaged = compressed;
        damaged[i] = static_cast<char>(damaged[i] ^ 0xFF);
        Status status = Decompress(GetParam(), damaged, 1 << 20, &output);
        if (!status.ok()) {
            EXPECT_EQ(status.code(), ErrorCode::kCorruption) << status.ToString();
            ++refused;
        }
    }
    // Snappy carries a CRC, so every flip is caught; deflate and zstd (no frame checksum in
    // Java's output) catch most.
    if (GetParam() == Codec::kSnappy) {
        EXPECT_EQ(refused, trials);
    }
    EXPECT_GT(refused, 0);
}

TEST_P(AvroCodecTest, BombIsBoundedByTheLimit) {
    std::string zeros(8 << 20, '\0');
    std::string compressed, output;
    ASSERT_TRUE(Compress(GetParam(), zeros, -1, &compressed).ok());
    Status status = Decompress(GetParam(), compressed, 1 << 20, &output);
    EXPECT_EQ(status.code(), ErrorCode::kCorruption);
    EXPECT_LE(output.capacity(), (2u << 20) + 64);
}

INSTANTIATE_TEST_SUITE_P(AllCodecs, AvroCodecTest,
                         ::testing::Values(Codec::kNull, Codec::kDeflate, Codec::kSnappy, Codec::kZstandard),
                         [](const auto& info) { return std::string(CodecName(info.param)); });

TEST(AvroCodecNamesTest, ParseCodec) {
    EXPECT_EQ(ParseCodec("null").value(), Codec::kNull);
    EXPECT_EQ(ParseCodec("").value(), Codec::kNull);
    EXPECT_EQ(ParseCodec("deflate").value(), Codec::kDeflate);
    EXPECT_EQ(ParseCodec("snappy").value(), Codec::kSnappy);
    EXPECT_EQ(ParseCodec("zstandard").value(), Codec::kZstandard);
    EXPECT_EQ(ParseCodec("bzip2").status().code(), ErrorCode::kNotSupported);
    EXPECT_EQ(ParseCodec("xz").status().code(), ErrorCode::kNotSupported);
    EXPECT_EQ(ParseCodec("zstd").status().code(), ErrorCode::kCorruption);
    EXPECT_EQ(ParseCodec("zstd").status().message(), "unknown avro codec 'zstd'");
}

TEST(AvroCodecFormatTest, DeflateIsRawAndSnappyHasBigEndianCrc) {
    std::string compressed;
    ASSERT_TRUE(Compress(Codec::kDeflate, "aaaa", -1, &compressed).ok());
    // No zlib header: a zlib stream would start with 0x78.
    EXPECT_NE(static_cast<uint8_t>(compressed[0]), 0x78);
    ASSERT_TRUE(Compress(Codec::kSnappy, "123456789", -1, &compressed).ok());
    // CRC-32 of "123456789" is the well-known check value 0xCBF43926.
    EXPECT_EQ(compressed.substr(compressed.size() - 4), "\xCB\xF4\x39\x26");
}

}  // namespace
}  // namespace flashlake::format::avro
