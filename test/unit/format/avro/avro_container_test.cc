#include <gtest/gtest.h>

#include "format/avro/binary_encoder.h"
#include "format/avro/container_format.h"
#include "format/avro/container_reader.h"
#include "format/avro/container_writer.h"
#include "io/memory_file_system.h"

namespace flashlake::format::avro {
namespace {

Schema EntrySchema() {
    return Schema::Parse(R"({"type":"record","name":"Entry","namespace":"flashlake.test","fields":[
        {"name":"id","type":"long"},
        {"name":"name","type":"string"},
        {"name":"score","type":["null","double"],"default":null},
        {"name":"tags","type":{"type":"array","items":"string"}},
        {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["ADD","DELETE"]}},
        {"name":"blob","type":"bytes"},
        {"name":"attrs","type":{"type":"map","values":"int"}},
        {"name":"hash","type":{"type":"fixed","name":"Hash","size":4}},
        {"name":"ok","type":"boolean"},
        {"name":"ratio","type":"float"}]})")
        .value();
}

Datum Entry(int64_t i) {
    return Datum::Record(
        {Datum::Long(i), Datum::String("file-" + std::to_string(i) + ".parquet"),
         i % 3 == 0 ? Datum::Null() : Datum::Double(i * 0.5),
         Datum::Array({Datum::String("t" + std::to_string(i % 5))}), Datum::Enum(int32_t(i % 2)),
         Datum::Bytes(std::string(size_t(i % 7), char(i))), Datum::Map({"a"}, {Datum::Int(int32_t(i))}),
         Datum::Fixed("#" + std::to_string(100 + i % 900)), Datum::Boolean(i % 2 == 1), Datum::Float(float(i) / 4)});
}

std::vector<Datum> Entries(int64_t count) {
    std::vector<Datum> out;
    for (int64_t i = 0; i < count; ++i) out.push_back(Entry(i));
    return out;
}

std::array<uint8_t, 16> FixedSync() {
    std::array<uint8_t, 16> sync;
    for (size_t i = 0; i < sync.size(); ++i) sync[i] = uint8_t(0xA0 + i);
    return sync;
}

Result<std::vector<Datum>> ReadBack(std::string bytes, ReaderOptions options = {}) {
    FL_ASSIGN_OR_RETURN(auto reader, ContainerReader::Open(std::move(bytes), std::move(options), "test.avro"));
    return reader->ReadAll();
}

class AvroContainerCodecTest : public ::testing::TestWithParam<Codec> {};

TEST_P(AvroContainerCodecTest, RoundTripManyBlocks) {
    WriterOptions options;
    options.codec = GetParam();
    options.block_size = 1000;  // many blocks
    options.metadata = {{"flashlake.writer", "test"}};
    std::vector<Datum> entries = Entries(500);
    auto bytes = WriteContainer(EntrySchema(), entries, options);
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();

    auto reader = ContainerReader::Open(*bytes, {}, "test.avro").value();
    EXPECT_EQ(reader->codec(), GetParam());
    EXPECT_EQ(*reader->FindMetadata("avro.codec"), CodecName(GetParam()));
    EXPECT_EQ(*reader->FindMetadata("flashlake.writer"), "test");
    EXPECT_EQ(reader->FindMetadata("nope"), nullptr);
    EXPECT_EQ(reader->writer_schema().ToJson(), EntrySchema().ToJson());
    Datum record;
    for (const Datum& expected : entries) {
        ASSERT_TRUE(reader->Next(&record).value());
        ASSERT_EQ(record, expected) << record.ToString();
    }
    EXPECT_FALSE(reader->Next(&record).value());
    EXPECT_FALSE(reader->Next(&record).value());  // stays at the end
    EXPECT_EQ(reader->records_read(), 500u);
    EXPECT_GT(reader->blocks_read(), 20u);
}

INSTANTIATE_TEST_SUITE_P(AllCodecs, AvroContainerCodecTest,
                         ::testing::Values(Codec::kNull, Codec::kDeflate, Codec::kSnappy, Codec::kZstandard),
                         [](const auto& info) { return std::string(CodecName(info.param)); });

TEST(AvroContainerTest, EmptyFileAndExactLayout) {
    WriterOptions options;
    options.sync_marker = FixedSync();
    std::string bytes = WriteContainer(EntrySchema(), {}, options).value();
    // magic, metadata map {avro.schema, avro.codec}, sync marker, no blocks.
    std::string expected(kContainerMagic);
    BinaryEncoder e(&expected);
    e.WriteLong(2);
    e.WriteBytes("avro.schema");
    e.WriteBytes(EntrySchema().ToJson());
    e.WriteBytes("avro.codec");
    e.WriteBytes("null");
    e.WriteLong(0);
    for (uint8_t b : FixedSync()) expected.push_back(static_cast<char>(b));
    EXPECT_EQ(bytes, expected);
    EXPECT_TRUE(ReadBack(bytes).value().empty());

    // One record: count, size, the encoded record, the sync marker.
    std::string one = WriteContainer(Schema::Parse(R"("long")").value(), {Datum::Long(-1)}, options).value();
    std::string sync(reinterpret_cast<const char*>(FixedSync().data()), 16);
    std::string block = one.substr(one.size() - 19);
    EXPECT_EQ(block.substr(0, 3), "\x02\x02\x01");  // 1 record, 1 byte, zigzag(-1)
    EXPECT_EQ(block.substr(3), sync);
    EXPECT_EQ(one.substr(one.size() - 35, 16), sync);  // the header ends with the same marker
}

TEST(AvroContainerTest, WriterToAFileAndReaderFromAFile) {
    io::MemoryFileSystem fs;
    auto file = fs.OpenForWrite("m.avro").value();
    WriterOptions options;
    options.codec = Codec::kZstandard;
    auto writer = ContainerWriter::Open(EntrySchema(), file.get(), options).value();
    for (const Datum& entry : Entries(10)) ASSERT_TRUE(writer->Append(entry).ok());
    Status bad = writer->Append(Datum::Long(1));
    EXPECT_EQ(bad.code(), ErrorCode::kInvalidArgument);
    ASSERT_TRUE(writer->Finish().ok());
    EXPECT_FALSE(writer->Append(Entry(1)).ok());
    EXPECT_EQ(writer->records_written(), 10u);
    ASSERT_TRUE(file->Close().ok());

    auto input = fs.OpenForRead("m.avro").value();
    auto reader = ContainerReader::Open(*input);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_EQ((*reader)->ReadAll().value(), Entries(10));

    ReaderOptions small;
    small.max_file_bytes = 10;
    auto refused = ContainerReader::Open(*input, small);
    EXPECT_EQ(refused.status().code(), ErrorCode::kCorruption);
    EXPECT_NE(refused.status().message().find("m.avro"), std::string::npos);
}

TEST(AvroContainerTest, ReservedMetadataIsRefused) {
    WriterOptions options;
    options.metadata = {{"avro.codec", "deflate"}};
    EXPECT_EQ(WriteContainer(EntrySchema(), {}, options).status().code(), ErrorCode::kInvalidArgument);
}

TEST(AvroContainerTest, ReaderSchemaProjectsAndAddsFields) {
    std::string bytes = WriteContainer(EntrySchema(), Entries(20)).value();
    ReaderOptions options;
    options.reader_schema = Schema::Parse(R"({"type":"record","name":"Slim","fields":[
        {"name":"name","type":"string"},
        {"name":"id","type":"long"},
        {"name":"_NEW","type":["null","long"]},
        {"name":"version","type":"int","default":2}]})")
                                .value();
    auto records = ReadBack(bytes, options);
    ASSERT_TRUE(records.ok()) << records.status().ToString();
    ASSERT_EQ(records->size(), 20u);
    EXPECT_EQ((*records)[7],
              Datum::Record({Datum::String("file-7.parquet"), Datum::Long(7), Datum::Null(), Datum::Int(2)}));

    options.reader_schema =
        Schema::Parse(R"({"type":"record","name":"Bad","fields":[{"name":"id","type":"string"}]})").value();
    auto mismatch = ContainerReader::Open(bytes, options, "test.avro");
    EXPECT_EQ(mismatch.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(mismatch.status().message().find("test.avro"), std::string::npos);
}

// Hand-made files that break one rule each.
class AvroMalformedFileTest : public ::testing::Test {
protected:
    // A valid file of one block holding three longs 1, 2, 3; pieces kept to corrupt.
    void SetUp() override {
        header_ = std::string(kContainerMagic);
        BinaryEncoder e(&header_);
        e.WriteLong(2);
        e.WriteBytes("avro.schema");
        e.WriteBytes("\"long\"");
        e.WriteBytes("avro.codec");
        e.WriteBytes("null");
        e.WriteLong(0);
        sync_ = std::string(16, '\x5c');
        header_ += sync_;
    }

    std::string Block(int64_t count, std::string_view data, std::string_view sync) {
        std::string out;
        BinaryEncoder e(&out);
        e.WriteLong(count);
        e.WriteLong(static_cast<int64_t>(data.size()));
        out += data;
        out += sync;
        return out;
    }

    std::string Error(const std::string& bytes) {
        auto records = ReadBack(bytes);
        EXPECT_FALSE(records.ok());
        if (records.ok()) return "";
        EXPECT_EQ(records.status().code(), ErrorCode::kCorruption) << records.status().ToString();
        return records.status().message();
    }

    std::string header_;
    std::string sync_;
    const std::string three_ = "\x02\x04\x06";
};

TEST_F(AvroMalformedFileTest, ValidBaseline) {
    EXPECT_EQ(ReadBack(header_ + Block(3, three_, sync_)).value(),
              (std::vector<Datum>{Datum::Long(1), Datum::Long(2), Datum::Long(3)}));
}

TEST_F(AvroMalformedFileTest, BadMagic) {
    std::string bytes = header_;
    bytes[3] = '\x02';
    EXPECT_EQ(Error(bytes), "avro file 'test.avro': not an Avro container file: bad magic at byte 0");
    EXPECT_NE(Error("Ob").find("bad magic"), std::string::npos);
}

TEST_F(AvroMalformedFileTest, WrongSyncMarker) {
    std::string block = Block(3, three_, std::string(16, 'x'));
    EXPECT_EQ(Error(header_ + block), "avro file 'test.avro': block 1 at byte " + std::to_string(header_.size()) +
                                          ": sync marker does not match the header's at byte " +
                                          std::to_string(header_.size() + 5));
}

TEST_F(AvroMalformedFileTest, BlockCountsAndSizes) {
    EXPECT_NE(Error(header_ + Block(-1, three_, sync_)).find("negative object count -1"), std::string::npos);
    std::string negative_size = header_;
    BinaryEncoder e(&negative_size);
    e.WriteLong(3);
    e.WriteLong(-3);
    EXPECT_NE(Error(negative_size).find("negative block size -3"), std::string::npos);
    std::string huge_size = header_;
    BinaryEncoder h(&huge_size);
    h.WriteLong(3);
    h.WriteLong(int64_t(1) << 50);
    huge_size += three_ + sync_;
    EXPECT_NE(Error(huge_size).find("block size 1125899906842624 plus sync marker exceeds the 19 bytes remaining"),
              std::string::npos);
    // More records claimed than the block holds.
    EXPECT_NE(Error(header_ + Block(4, three_, sync_)).find("object count 4 cannot fit in the block's 3 bytes"),
              std::string::npos);
    // Fewer records claimed than the block holds.
    EXPECT_NE(Error(header_ + Block(2, three_, sync_)).find("1 bytes left after the block's last record"),
              std::string::npos);
    // A record's bytes are malformed: the error names record, block and file offset.
    std::string bad_varint = "\x02\xff\xff";
    std::string message = Error(header_ + Block(2, bad_varint, sync_));
    EXPECT_NE(message.find("block 1 at byte " + std::to_string(header_.size())), std::string::npos) << message;
    EXPECT_NE(message.find("record 1: truncated varint at byte " + std::to_string(header_.size() + 3)),
              std::string::npos)
        << message;
}

TEST_F(AvroMalformedFileTest, MetadataProblems) {
    std::string no_schema(kContainerMagic);
    BinaryEncoder e(&no_schema);
    e.WriteLong(0);
    no_schema += sync_;
    EXPECT_NE(Error(no_schema).find("no avro.schema"), std::string::npos);

    std::string bad_schema(kContainerMagic);
    BinaryEncoder b(&bad_schema);
    b.WriteLong(1);
    b.WriteBytes("avro.schema");
    b.WriteBytes("{\"type\":");
    b.WriteLong(0);
    bad_schema += sync_;
    EXPECT_NE(Error(bad_schema).find("avro.schema: avro schema: JSON line 1, column 9"), std::string::npos);

    std::string bad_codec(kContainerMagic);
    BinaryEncoder c(&bad_codec);
    c.WriteLong(2);
    c.WriteBytes("avro.schema");
    c.WriteBytes("\"long\"");
    c.WriteBytes("avro.codec");
    c.WriteBytes("lzma9");
    c.WriteLong(0);
    bad_codec += sync_;
    EXPECT_NE(Error(bad_codec).find("unknown avro codec 'lzma9'"), std::string::npos);

    std::string huge_count(kContainerMagic);
    BinaryEncoder h(&huge_count);
    h.WriteLong(int64_t(1) << 40);
    EXPECT_NE(Error(huge_count).find("file metadata: metadata count 1099511627776 exceeds the bytes remaining"),
              std::string::npos);

    std::string negative_length(kContainerMagic);
    BinaryEncoder n(&negative_length);
    n.WriteLong(1);
    n.WriteLong(-5);
    negative_length += "padding";
    EXPECT_NE(Error(negative_length).find("metadata key length -5 is negative at byte 5"), std::string::npos);
}

TEST_F(AvroMalformedFileTest, CompressedBlockProblems) {
    WriterOptions options;
    options.codec = Codec::kDeflate;
    std::string bytes = WriteContainer(EntrySchema(), Entries(50), options).value();
    // Damage the middle of the compressed block data.
    std::string damaged = bytes;
    size_t middle = bytes.size() - 16 - 40;
    for (size_t i = 0; i < 8; ++i) damaged[middle + i] = static_cast<char>(damaged[middle + i] ^ 0x33);
    auto records = ReadBack(damaged);
    ASSERT_FALSE(records.ok());
    EXPECT_EQ(records.status().code(), ErrorCode::kCorruption);
    EXPECT_NE(records.status().message().find("test.avro': block 1"), std::string::npos) << records.status().message();

    ReaderOptions small;
    small.max_block_bytes = 100;
    auto limited = ReadBack(bytes, small);
    EXPECT_NE(limited.status().message().find("deflate block decompresses to more than 100 bytes"), std::string::npos)
        << limited.status().message();
}

TEST(AvroContainerFuzzTest, RandomDamageNeverCrashes) {
    // A cheap stand-in for a fuzzer: damage files of every codec many ways; every outcome must be
    // a clean success or a clean error.
    uint64_t state = 12345;
    auto next = [&] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 33;
    };
    for (Codec codec : {Codec::kNull, Codec::kDeflate, Codec::kSnappy, Codec::kZstandard}) {
        WriterOptions options;
        options.codec = codec;
        options.block_size = 300;
        std::string bytes = WriteContainer(EntrySchema(), Entries(40), options).value();
        for (int trial = 0; trial < 300; ++trial) {
            std::string damaged = bytes;
            int edits = 1 + int(next() % 4);
            for (int i = 0; i < edits; ++i) damaged[next() % damaged.size()] = static_cast<char>(next());
            if (next() % 4 == 0) damaged.resize(next() % damaged.size());
            auto records = ReadBack(damaged);
            if (!records.ok()) {
                ErrorCode code = records.status().code();
                EXPECT_TRUE(code == ErrorCode::kCorruption || code == ErrorCode::kInvalidArgument ||
                            code == ErrorCode::kNotSupported)
                    << records.status().ToString();
            }
        }
    }
}

}  // namespace
}  // namespace flashlake::format::avro
