// Parquet encodings and codecs at the byte level: bit packing at every width, the RLE/bit-packed
// hybrid, DELTA_BINARY_PACKED / DELTA_LENGTH_BYTE_ARRAY / DELTA_BYTE_ARRAY (against a small
// encoder written here from the specification), BYTE_STREAM_SPLIT, PLAIN, and every codec.

#include <gtest/gtest.h>

#include <random>

#include "format/parquet/bit_packing.h"
#include "format/parquet/bloom_filter.h"
#include "format/parquet/compression.h"
#include "format/parquet/delta_decoder.h"
#include "format/parquet/rle_hybrid.h"
#include "format/parquet/value_conversion.h"
#include "format/parquet/value_decoder.h"

namespace flashlake::format::parquet {
namespace {

const uint8_t* Bytes(const std::string& s) {
    return reinterpret_cast<const uint8_t*>(s.data());
}

TEST(BitPackingTest, EveryWidthRoundTrips) {
    std::mt19937_64 random(1);
    for (int width = 0; width <= 64; ++width) {
        for (size_t count : {0, 1, 7, 8, 9, 31, 32, 33, 100, 1000}) {
            uint64_t mask = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
            std::vector<uint64_t> values(count);
            for (auto& v : values) v = random() & mask;
            std::string packed;
            PackBits(values.data(), count, width, &packed);
            ASSERT_EQ(packed.size(), (count * width + 7) / 8);
            std::vector<uint64_t> out(count + 1, 12345);
            // Exactly sized input: the unpacker must not read past it.
            UnpackBits64(Bytes(packed), packed.size(), width, out.data(), count);
            for (size_t i = 0; i < count; ++i) ASSERT_EQ(out[i], values[i]) << "width " << width << " i " << i;
            EXPECT_EQ(out[count], 12345u);
            if (width <= 32) {
                std::vector<uint32_t> out32(count);
                UnpackBits32(Bytes(packed), packed.size(), width, out32.data(), count);
                for (size_t i = 0; i < count; ++i) ASSERT_EQ(out32[i], values[i]) << "width " << width;
            }
        }
    }
}

TEST(RleHybridTest, RoundTripsRunsAndNoise) {
    std::mt19937 random(2);
    for (int width = 0; width <= 32; ++width) {
        uint64_t limit = width == 32 ? UINT32_MAX : (uint64_t{1} << width) - 1;
        std::vector<uint32_t> values;
        while (values.size() < 5000) {
            uint32_t value = static_cast<uint32_t>(random() % (limit + 1));
            size_t run = random() % 3 == 0 ? random() % 100 : 1;
            values.insert(values.end(), run, value);
        }
        std::string encoded;
        EncodeRleHybrid(values.data(), values.size(), width, &encoded);
        RleHybridDecoder decoder(Bytes(encoded), encoded.size(), width);
        std::vector<uint32_t> out(values.size());
        // Odd batch sizes cross run and group boundaries.
        size_t done = 0;
        while (done < values.size()) {
            size_t n = std::min<size_t>(values.size() - done, 1 + random() % 77);
            ASSERT_TRUE(decoder.Decode(out.data() + done, n).ok());
            done += n;
        }
        ASSERT_EQ(out, values) << "width " << width;
    }
}

TEST(RleHybridTest, KnownBytesFromTheSpecification) {
    // RLE run of 8 values 5 (width 3), then one bit-packed group 0..7.
    std::string bytes = {0x10, 0x05, 0x03, static_cast<char>(0x88), static_cast<char>(0xc6), static_cast<char>(0xfa)};
    RleHybridDecoder decoder(Bytes(bytes), bytes.size(), 3);
    std::vector<uint8_t> out(16);
    ASSERT_TRUE(decoder.Decode(out.data(), 16).ok());
    EXPECT_EQ(out, (std::vector<uint8_t>{5, 5, 5, 5, 5, 5, 5, 5, 0, 1, 2, 3, 4, 5, 6, 7}));
    uint8_t more;
    Status status = decoder.Decode(&more, 1);
    EXPECT_EQ(status.code(), ErrorCode::kCorruption);
}

TEST(RleHybridTest, HugeRunHeadersCostNothing) {
    // An RLE run of 2^62 values in 10 bytes: decoding a few is fine, nothing is allocated.
    std::string bytes = "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01\x07";
    bytes[8] = static_cast<char>(0x80);
    RleHybridDecoder decoder(Bytes(bytes), bytes.size(), 3);
    std::vector<int32_t> out(1000);
    ASSERT_TRUE(decoder.Decode(out.data(), out.size()).ok());
    EXPECT_EQ(out[999], 7);
}

// DELTA_BINARY_PACKED encoder from the specification (block 128, 4 miniblocks), for tests.
std::string EncodeDelta(const std::vector<int64_t>& values, size_t block = 128, size_t miniblocks = 4) {
    std::string out;
    auto uleb = [&](uint64_t v) {
        while (v >= 0x80) {
            out.push_back(static_cast<char>((v & 0x7f) | 0x80));
            v >>= 7;
        }
        out.push_back(static_cast<char>(v));
    };
    auto zigzag = [&](int64_t v) { uleb((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); };
    uleb(block);
    uleb(miniblocks);
    uleb(values.size());
    zigzag(values.empty() ? 0 : values[0]);
    const size_t per_miniblock = block / miniblocks;
    for (size_t start = 1; start < values.size(); start += block) {
        size_t end = std::min(values.size(), start + block);
        std::vector<uint64_t> deltas;
        for (size_t i = start; i < end; ++i)
            deltas.push_back(static_cast<uint64_t>(values[i]) - static_cast<uint64_t>(values[i - 1]));
        int64_t min_delta = static_cast<int64_t>(deltas[0]);
        for (uint64_t d : deltas) min_delta = std::min(min_delta, static_cast<int64_t>(d));
        zigzag(min_delta);
        std::vector<int> widths(miniblocks, 0);
        for (size_t m = 0; m < miniblocks; ++m) {
            for (size_t i = m * per_miniblock; i < std::min(deltas.size(), (m + 1) * per_miniblock); ++i) {
                widths[m] = std::max(widths[m], BitWidthOf(deltas[i] - static_cast<uint64_t>(min_delta)));
            }
        }
        for (int w : widths) out.push_back(static_cast<char>(w));
        for (size_t m = 0; m < miniblocks && m * per_miniblock < deltas.size(); ++m) {
            std::vector<uint64_t> packed(per_miniblock, 0);
            for (size_t i = 0; i < per_miniblock && m * per_miniblock + i < deltas.size(); ++i) {
                packed[i] = deltas[m * per_miniblock + i] - static_cast<uint64_t>(min_delta);
            }
            PackBits(packed.data(), per_miniblock, widths[m], &out);
        }
    }
    return out;
}

TEST(DeltaBinaryPackedTest, RoundTripsExtremes) {
    std::mt19937_64 random(3);
    std::vector<std::vector<int64_t>> cases = {
        {},
        {42},
        {1, 2, 3, 4, 5},
        {INT64_MIN, INT64_MAX, 0, INT64_MAX, INT64_MIN},
    };
    std::vector<int64_t> noise(1000);
    for (auto& v : noise) v = static_cast<int64_t>(random());
    cases.push_back(noise);
    std::vector<int64_t> ramp(777);
    for (size_t i = 0; i < ramp.size(); ++i) ramp[i] = static_cast<int64_t>(i) * 3 - 100;
    cases.push_back(ramp);
    for (const auto& values : cases) {
        std::string encoded = EncodeDelta(values);
        encoded += "trailing";
        DeltaBinaryPackedDecoder decoder;
        ASSERT_TRUE(decoder.Init(Bytes(encoded), encoded.size()).ok());
        EXPECT_EQ(decoder.total_values(), values.size());
        auto size = decoder.EncodedSize();
        ASSERT_TRUE(size.ok());
        EXPECT_EQ(encoded.substr(*size), "trailing");
        std::vector<int64_t> out(values.size());
        size_t done = 0;
        while (done < values.size()) {
            size_t n = std::min<size_t>(values.size() - done, 1 + random() % 50);
            ASSERT_TRUE(decoder.Decode(out.data() + done, n).ok());
            done += n;
        }
        EXPECT_EQ(out, values);
        int64_t extra;
        EXPECT_EQ(decoder.Decode(&extra, 1).code(), ErrorCode::kCorruption);
    }
}

TEST(DeltaBinaryPackedTest, Int32WrapsModulo32Bits) {
    std::vector<int64_t> values = {INT32_MAX, INT32_MIN, 0, INT32_MIN, INT32_MAX};
    // An INT32 writer computes deltas in 32 bits; wrapping 64-bit arithmetic gives the same values.
    std::string encoded = EncodeDelta(values);
    DeltaBinaryPackedDecoder decoder;
    ASSERT_TRUE(decoder.Init(Bytes(encoded), encoded.size()).ok());
    std::vector<int32_t> out(values.size());
    ASSERT_TRUE(decoder.Decode(out.data(), out.size()).ok());
    for (size_t i = 0; i < values.size(); ++i) EXPECT_EQ(out[i], static_cast<int32_t>(values[i]));
}

TEST(DeltaBinaryPackedTest, BadHeadersAreCorruption) {
    for (std::string bytes : {std::string("\x00\x04\x01\x00", 4), std::string("\x80\x01\x03\x01\x00", 5),
                              std::string("\x80\x01", 2), std::string("\x80\x01\x04\x0a\x00\x00\x41", 7)}) {
        DeltaBinaryPackedDecoder decoder;
        Status status = decoder.Init(Bytes(bytes), bytes.size());
        if (status.ok()) {
            std::vector<int64_t> out(decoder.total_values());
            status = decoder.Decode(out.data(), out.size());
        }
        EXPECT_EQ(status.code(), ErrorCode::kCorruption) << status.ToString();
    }
}

TEST(DeltaByteArrayTest, LengthAndIncrementalEncodings) {
    std::vector<std::string> strings = {"apple",
                                        "applesauce",
                                        "apply",
                                        "",
                                        "banana",
                                        "bandana",
                                        "band",
                                        std::string(40, 'x'),
                                        std::string(41, 'x') + "y"};
    std::vector<int64_t> lengths, prefixes, suffix_lengths;
    std::string concatenated, suffixes;
    std::string previous;
    for (const std::string& s : strings) {
        lengths.push_back(static_cast<int64_t>(s.size()));
        concatenated += s;
        size_t prefix = 0;
        while (prefix < s.size() && prefix < previous.size() && s[prefix] == previous[prefix]) ++prefix;
        prefixes.push_back(static_cast<int64_t>(prefix));
        suffix_lengths.push_back(static_cast<int64_t>(s.size() - prefix));
        suffixes += s.substr(prefix);
        previous = s;
    }
    std::string length_encoded = EncodeDelta(lengths) + concatenated;
    DeltaLengthByteArrayDecoder length_decoder;
    ASSERT_TRUE(length_decoder.Init(Bytes(length_encoded), length_encoded.size()).ok());
    std::vector<StringView> out(strings.size());
    ASSERT_TRUE(length_decoder.Decode(out.data(), out.size()).ok());
    for (size_t i = 0; i < strings.size(); ++i) EXPECT_EQ(out[i].str(), strings[i]);

    std::string incremental = EncodeDelta(prefixes) + EncodeDelta(suffix_lengths) + suffixes;
    DeltaByteArrayDecoder decoder;
    ASSERT_TRUE(decoder.Init(Bytes(incremental), incremental.size(), 1 << 20).ok());
    Arena arena;
    std::vector<StringView> rebuilt(strings.size());
    ASSERT_TRUE(decoder.Decode(rebuilt.data(), 4, &arena).ok());
    ASSERT_TRUE(decoder.Decode(rebuilt.data() + 4, strings.size() - 4, &arena).ok());
    for (size_t i = 0; i < strings.size(); ++i) EXPECT_EQ(rebuilt[i].str(), strings[i]);

    // A prefix longer than the previous value is corrupt; so is expansion past the cap.
    std::string bad = EncodeDelta({0, 9}) + EncodeDelta({1, 1}) + "ab";
    DeltaByteArrayDecoder bad_decoder;
    ASSERT_TRUE(bad_decoder.Init(Bytes(bad), bad.size(), 1 << 20).ok());
    EXPECT_EQ(bad_decoder.Decode(rebuilt.data(), 2, &arena).code(), ErrorCode::kCorruption);
    std::string bomb = EncodeDelta({0, 40, 40, 40}) + EncodeDelta({40, 0, 0, 0}) + std::string(40, 'z');
    DeltaByteArrayDecoder bomb_decoder;
    ASSERT_TRUE(bomb_decoder.Init(Bytes(bomb), bomb.size(), 100).ok());
    EXPECT_EQ(bomb_decoder.Decode(rebuilt.data(), 4, &arena).code(), ErrorCode::kCorruption);
}

TEST(ValueDecoderTest, PlainAndByteStreamSplit) {
    std::vector<double> doubles = {1.5, -2.25, 1e300, 0};
    std::string plain(reinterpret_cast<const char*>(doubles.data()), doubles.size() * 8);
    Arena arena;
    auto decoder = MakeValueDecoder(Encoding::kPlain, PhysicalKind::kDouble, 0, Bytes(plain), plain.size(), 4);
    ASSERT_TRUE(decoder.ok());
    std::vector<double> out(4);
    ASSERT_TRUE((*decoder)->Decode(out.data(), 4, &arena).ok());
    EXPECT_EQ(out, doubles);
    EXPECT_EQ((*decoder)->Decode(out.data(), 1, &arena).code(), ErrorCode::kCorruption);

    std::string split(plain.size(), '\0');
    for (size_t i = 0; i < doubles.size(); ++i) {
        for (size_t b = 0; b < 8; ++b) split[b * doubles.size() + i] = plain[i * 8 + b];
    }
    auto bss = MakeValueDecoder(Encoding::kByteStreamSplit, PhysicalKind::kDouble, 0, Bytes(split), split.size(), 4);
    ASSERT_TRUE(bss.ok());
    std::vector<double> from_split(4);
    ASSERT_TRUE((*bss)->Decode(from_split.data(), 2, &arena).ok());
    ASSERT_TRUE((*bss)->Decode(from_split.data() + 2, 2, &arena).ok());
    EXPECT_EQ(from_split, doubles);

    // FIXED_LEN_BYTE_ARRAY(3) through BYTE_STREAM_SPLIT becomes views of rebuilt bytes.
    std::string flba = "adgbehcfi";  // values "abc", "def", "ghi"
    auto fixed =
        MakeValueDecoder(Encoding::kByteStreamSplit, PhysicalKind::kFixedLenByteArray, 3, Bytes(flba), flba.size(), 3);
    ASSERT_TRUE(fixed.ok());
    std::vector<StringView> views(3);
    ASSERT_TRUE((*fixed)->Decode(views.data(), 3, &arena).ok());
    EXPECT_EQ(views[0].str(), "abc");
    EXPECT_EQ(views[2].str(), "ghi");

    std::string booleans = {static_cast<char>(0b10110101), 0x01};
    auto bits = MakeValueDecoder(Encoding::kPlain, PhysicalKind::kBoolean, 0, Bytes(booleans), booleans.size(), 9);
    ASSERT_TRUE(bits.ok());
    std::vector<uint8_t> flags(9);
    ASSERT_TRUE((*bits)->Decode(flags.data(), 9, &arena).ok());
    EXPECT_EQ(flags, (std::vector<uint8_t>{1, 0, 1, 0, 1, 1, 0, 1, 1}));

    EXPECT_EQ(MakeValueDecoder(Encoding::kDeltaBinaryPacked, PhysicalKind::kDouble, 0, Bytes(plain), plain.size(), 4)
                  .status()
                  .code(),
              ErrorCode::kNotSupported);
    std::string byte_array = std::string("\x05\x00\x00\x00hel", 7);
    auto truncated =
        MakeValueDecoder(Encoding::kPlain, PhysicalKind::kByteArray, 0, Bytes(byte_array), byte_array.size(), 1);
    ASSERT_TRUE(truncated.ok());
    EXPECT_EQ((*truncated)->Decode(views.data(), 1, &arena).code(), ErrorCode::kCorruption);
}

TEST(ValueConversionTest, HalfFloats) {
    EXPECT_EQ(HalfToFloat(0x3c00), 1.0f);
    EXPECT_EQ(HalfToFloat(0xc000), -2.0f);
    EXPECT_EQ(HalfToFloat(0x7bff), 65504.0f);
    EXPECT_EQ(HalfToFloat(0x0001), 5.960464477539063e-08f);  // smallest subnormal
    EXPECT_TRUE(std::isinf(HalfToFloat(0x7c00)));
    EXPECT_TRUE(std::isnan(HalfToFloat(0x7e00)));
    EXPECT_TRUE(std::signbit(HalfToFloat(0x8000)));
}

class CompressionTest : public ::testing::TestWithParam<CompressionCodec> {};

TEST_P(CompressionTest, RoundTripAndSizeChecks) {
    std::string input;
    for (int i = 0; i < 20000; ++i) input += "row " + std::to_string(i % 333) + ";";
    for (const std::string& data : {input, std::string(), std::string("x")}) {
        std::string compressed;
        ASSERT_TRUE(Compress(GetParam(), Bytes(data), data.size(), 0, &compressed).ok());
        std::string out(data.size(), '\0');
        ASSERT_TRUE(Decompress(GetParam(), Bytes(compressed), compressed.size(), reinterpret_cast<uint8_t*>(out.data()),
                               out.size())
                        .ok());
        EXPECT_EQ(out, data);
        if (data.size() > 1) {
            // A header that lies about the size is corruption, not an overflow.
            std::string small(data.size() / 2, '\0');
            EXPECT_EQ(Decompress(GetParam(), Bytes(compressed), compressed.size(),
                                 reinterpret_cast<uint8_t*>(small.data()), small.size())
                          .code(),
                      ErrorCode::kCorruption);
        }
    }
    if (GetParam() != CompressionCodec::kUncompressed) {
        std::string garbage(1000, '\x5a');
        std::string out(5000, '\0');
        EXPECT_EQ(
            Decompress(GetParam(), Bytes(garbage), garbage.size(), reinterpret_cast<uint8_t*>(out.data()), out.size())
                .code(),
            ErrorCode::kCorruption);
    }
}

INSTANTIATE_TEST_SUITE_P(Codecs, CompressionTest,
                         ::testing::Values(CompressionCodec::kUncompressed, CompressionCodec::kSnappy,
                                           CompressionCodec::kGzip, CompressionCodec::kZstd, CompressionCodec::kLz4Raw,
                                           CompressionCodec::kLz4, CompressionCodec::kBrotli),
                         [](const auto& info) { return std::string(CodecName(info.param)); });

TEST(CompressionTest, Lz4AcceptsRawBlocksAndLzoIsNotSupported) {
    std::string data(3000, 'q');
    std::string raw;
    ASSERT_TRUE(Compress(CompressionCodec::kLz4Raw, Bytes(data), data.size(), 0, &raw).ok());
    std::string out(data.size(), '\0');
    // A file labelled LZ4 whose pages are raw LZ4 blocks (older Arrow writers).
    ASSERT_TRUE(
        Decompress(CompressionCodec::kLz4, Bytes(raw), raw.size(), reinterpret_cast<uint8_t*>(out.data()), out.size())
            .ok());
    EXPECT_EQ(out, data);
    EXPECT_EQ(
        Decompress(CompressionCodec::kLzo, Bytes(raw), raw.size(), reinterpret_cast<uint8_t*>(out.data()), out.size())
            .code(),
        ErrorCode::kNotSupported);
}

TEST(BloomFilterTest, XxHashKnownValues) {
    // Reference values of XXH64 with seed 0.
    EXPECT_EQ(XxHash64("", 0), 0xEF46DB3751D8E999ULL);
    EXPECT_EQ(XxHash64("a", 1), 0xD24EC4F1A98C6E5BULL);
    EXPECT_EQ(XxHash64("abc", 3), 0x44BC2CF5AD770999ULL);
    std::string long_input = "Nobody inspects the spammish repetition";
    EXPECT_EQ(XxHash64(long_input.data(), long_input.size()), 0xFBCEA83C8A378BF1ULL);
}

TEST(BloomFilterTest, InsertedValuesAreFound) {
    BloomFilter filter = BloomFilter::WithSize(BloomFilter::OptimalNumBytes(1000, 0.01, 1 << 20));
    for (int i = 0; i < 1000; ++i) filter.InsertHash(XxHash64(&i, sizeof(i)));
    for (int i = 0; i < 1000; ++i) EXPECT_TRUE(filter.MightContainHash(XxHash64(&i, sizeof(i))));
    int false_positives = 0;
    for (int i = 1000; i < 11000; ++i) false_positives += filter.MightContainHash(XxHash64(&i, sizeof(i)));
    EXPECT_LT(false_positives, 300);
    EXPECT_EQ(BloomFilter::FromBitset(std::string(33, '\0')).status().code(), ErrorCode::kCorruption);
}

}  // namespace
}  // namespace flashlake::format::parquet
