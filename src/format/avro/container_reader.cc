#include "format/avro/container_reader.h"

#include "format/avro/container_format.h"
#include "io/file_system.h"

namespace flashlake::format::avro {

namespace {

// Statuses from parsing the embedded schema describe the schema; for the file they mean corrupt
// metadata (unless the schema is valid but unsupported).
Status AsCorruption(const Status& status) {
    if (status.code() == ErrorCode::kNotSupported) return status;
    return Status::Corruption(status.message());
}

}  // namespace

ContainerReader::ContainerReader(std::string bytes, std::string name, ReaderOptions options)
    : bytes_(std::move(bytes)), name_(std::move(name)), options_(std::move(options)) {}

Result<std::unique_ptr<ContainerReader>> ContainerReader::Open(std::string bytes, ReaderOptions options,
                                                               std::string name) {
    std::unique_ptr<ContainerReader> reader(new ContainerReader(std::move(bytes), std::move(name), std::move(options)));
    FL_RETURN_NOT_OK(reader->ReadHeader());
    return reader;
}

Result<std::unique_ptr<ContainerReader>> ContainerReader::Open(const io::RandomAccessFile& file,
                                                               ReaderOptions options) {
    FL_ASSIGN_OR_RETURN(uint64_t size, file.Size());
    if (size > options.max_file_bytes) {
        return Status::Corruption("avro file '" + file.path() + "': " + std::to_string(size) +
                                  " bytes is more than the " + std::to_string(options.max_file_bytes) +
                                  " bytes allowed");
    }
    FL_ASSIGN_OR_RETURN(std::string bytes, file.ReadAt(0, static_cast<size_t>(size)));
    return Open(std::move(bytes), std::move(options), file.path());
}

Status ContainerReader::Fail(const Status& status) const {
    std::string context = "avro file '" + name_ + "'";
    if (in_block_) {
        context += ": block " + std::to_string(blocks_read_) + " at byte " + std::to_string(block_offset_);
        if (codec_ != Codec::kNull) {
            context += " (" + std::string(CodecName(codec_)) + "; offsets within the decompressed data)";
        }
    }
    return status.WithContext(context);
}

const std::string* ContainerReader::FindMetadata(std::string_view key) const {
    for (const auto& [k, v] : metadata_) {
        if (k == key) return &v;
    }
    return nullptr;
}

Status ContainerReader::ReadMetadata(BinaryDecoder* d) {
    while (true) {
        uint64_t at = d->offset();
        int64_t count;
        FL_RETURN_NOT_OK(d->ReadLong(&count));
        if (count == 0) return Status::OK();
        if (count < 0) {
            if (count == INT64_MIN) return d->ErrorAt(at, "metadata block count overflows");
            count = -count;
            int64_t size;
            FL_RETURN_NOT_OK(d->ReadLong(&size));
            if (size < 0) return d->ErrorAt(at, "metadata block byte size is negative");
        }
        // Each entry takes at least two bytes (two length prefixes).
        if (static_cast<uint64_t>(count) > d->remaining() / 2) {
            return d->ErrorAt(at, "metadata count " + std::to_string(count) + " exceeds the bytes remaining");
        }
        for (int64_t i = 0; i < count; ++i) {
            std::string key, value;
            FL_RETURN_NOT_OK(d->ReadBytes(&key, "metadata key"));
            FL_RETURN_NOT_OK(d->ReadBytes(&value, "metadata value"));
            metadata_.emplace_back(std::move(key), std::move(value));
        }
    }
}

Status ContainerReader::ReadHeader() {
    BinaryDecoder d(bytes_);
    std::string_view magic;
    if (!d.ReadFixedView(kContainerMagic.size(), &magic, "magic").ok() || magic != kContainerMagic) {
        return Fail(Status::Corruption("not an Avro container file: bad magic at byte 0"));
    }
    if (Status status = ReadMetadata(&d); !status.ok()) return Fail(status.WithContext("file metadata"));
    std::string_view sync;
    if (Status status = d.ReadFixedView(kSyncMarkerSize, &sync, "sync marker"); !status.ok()) return Fail(status);
    sync_marker_ = std::string(sync);
    next_block_offset_ = static_cast<size_t>(d.offset());

    const std::string* schema_json = FindMetadata(kSchemaKey);
    if (schema_json == nullptr) return Fail(Status::Corruption("file metadata has no avro.schema"));
    auto writer = Schema::Parse(*schema_json);
    if (!writer.ok()) return Fail(AsCorruption(writer.status()).WithContext("avro.schema"));
    writer_schema_ = std::move(writer).value();

    const std::string* codec_name = FindMetadata(kCodecKey);
    auto codec = ParseCodec(codec_name ? *codec_name : "null");
    if (!codec.ok()) return Fail(codec.status());
    codec_ = *codec;

    reader_schema_ = options_.reader_schema ? *options_.reader_schema : *writer_schema_;
    auto datum_reader = DatumReader::Make(*writer_schema_, *reader_schema_);
    if (!datum_reader.ok()) return Fail(datum_reader.status());
    datum_reader_ = std::move(datum_reader).value();
    return Status::OK();
}

Result<bool> ContainerReader::NextBlock() {
    if (next_block_offset_ == bytes_.size()) return false;
    BinaryDecoder d(std::string_view(bytes_).substr(next_block_offset_), next_block_offset_);
    block_offset_ = next_block_offset_;
    in_block_ = true;  // for error context
    ++blocks_read_;
    int64_t count, size;
    FL_RETURN_NOT_OK(d.ReadLong(&count));
    if (count < 0) return d.ErrorAt(block_offset_, "negative object count " + std::to_string(count));
    uint64_t size_at = d.offset();
    FL_RETURN_NOT_OK(d.ReadLong(&size));
    if (size < 0) return d.ErrorAt(size_at, "negative block size " + std::to_string(size));
    if (static_cast<uint64_t>(size) + kSyncMarkerSize > d.remaining()) {
        return d.ErrorAt(size_at, "block size " + std::to_string(size) + " plus sync marker exceeds the " +
                                      std::to_string(d.remaining()) + " bytes remaining");
    }
    uint64_t data_offset = d.offset();
    std::string_view data;
    FL_RETURN_NOT_OK(d.ReadFixedView(static_cast<size_t>(size), &data, "block"));
    uint64_t sync_at = d.offset();
    std::string_view sync;
    FL_RETURN_NOT_OK(d.ReadFixedView(kSyncMarkerSize, &sync, "sync marker"));
    if (sync != sync_marker_) return d.ErrorAt(sync_at, "sync marker does not match the header's");
    next_block_offset_ = static_cast<size_t>(d.offset());

    if (codec_ == Codec::kNull) {
        if (data.size() > options_.max_block_bytes) {
            return Status::Corruption("block of " + std::to_string(data.size()) + " bytes exceeds the limit of " +
                                      std::to_string(options_.max_block_bytes));
        }
        block_ = BinaryDecoder(data, data_offset);
    } else {
        FL_RETURN_NOT_OK(Decompress(codec_, data, options_.max_block_bytes, &block_buffer_));
        block_ = BinaryDecoder(block_buffer_, 0);
    }
    size_t min_size = datum_reader_->min_value_size();
    bool too_many =
        min_size > 0 ? static_cast<uint64_t>(count) > block_.remaining() / min_size : count > kMaxZeroSizeItems;
    if (too_many) {
        return Status::Corruption("object count " + std::to_string(count) + " cannot fit in the block's " +
                                  std::to_string(block_.remaining()) + " bytes");
    }
    block_records_left_ = count;
    return true;
}

Result<bool> ContainerReader::Next(Datum* out) {
    if (!error_.ok()) return error_;
    auto result = NextRecord(out);
    if (!result.ok()) error_ = result.status();
    return result;
}

Result<bool> ContainerReader::NextRecord(Datum* out) {
    while (true) {
        if (in_block_ && block_records_left_ > 0) {
            Status status = datum_reader_->Read(&block_, out);
            if (!status.ok()) return Fail(status.WithContext("record " + std::to_string(records_read_)));
            --block_records_left_;
            ++records_read_;
            return true;
        }
        if (in_block_) {
            if (block_.remaining() != 0) {
                return Fail(
                    block_.Error(std::to_string(block_.remaining()) + " bytes left after the block's last record"));
            }
            in_block_ = false;
        }
        auto more = NextBlock();
        if (!more.ok()) return Fail(more.status());
        if (!*more) {
            in_block_ = false;
            return false;
        }
    }
}

Result<std::vector<Datum>> ContainerReader::ReadAll() {
    std::vector<Datum> records;
    while (true) {
        Datum record;
        FL_ASSIGN_OR_RETURN(bool more, Next(&record));
        if (!more) return records;
        records.push_back(std::move(record));
    }
}

}  // namespace flashlake::format::avro
