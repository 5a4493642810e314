#include "format/avro/container_writer.h"

#include <random>

#include "format/avro/binary_encoder.h"
#include "format/avro/container_format.h"
#include "format/avro/datum_writer.h"
#include "io/file_system.h"

namespace flashlake::format::avro {

namespace {

std::string RandomSyncMarker() {
    std::random_device device;
    std::string marker(kSyncMarkerSize, '\0');
    for (size_t i = 0; i < kSyncMarkerSize; i += 4) {
        uint32_t word = device();
        for (size_t j = 0; j < 4; ++j) marker[i + j] = static_cast<char>(word >> (8 * j));
    }
    return marker;
}

// Collects a file in memory, for WriteContainer.
class StringFile final : public io::WritableFile {
public:
    const std::string& path() const override { return path_; }
    Status Append(std::string_view data) override {
        bytes_.append(data);
        return Status::OK();
    }
    Status Sync() override { return Status::OK(); }
    Status Close() override { return Status::OK(); }
    uint64_t size() const override { return bytes_.size(); }
    std::string Take() { return std::move(bytes_); }

private:
    std::string path_ = "<memory>";
    std::string bytes_;
};

}  // namespace

ContainerWriter::ContainerWriter(Schema schema, io::WritableFile* file, WriterOptions options)
    : schema_(std::move(schema)), file_(file), options_(std::move(options)) {
    if (options_.sync_marker) {
        sync_marker_.assign(reinterpret_cast<const char*>(options_.sync_marker->data()), kSyncMarkerSize);
    } else {
        sync_marker_ = RandomSyncMarker();
    }
}

Result<std::unique_ptr<ContainerWriter>> ContainerWriter::Open(Schema schema, io::WritableFile* file,
                                                               WriterOptions options) {
    for (const auto& [key, value] : options.metadata) {
        if (key.rfind("avro.", 0) == 0) {
            return Status::InvalidArgument("avro writer: metadata key '" + key + "' is reserved");
        }
    }
    std::unique_ptr<ContainerWriter> writer(new ContainerWriter(std::move(schema), file, std::move(options)));
    FL_RETURN_NOT_OK(writer->WriteHeader());
    return writer;
}

Status ContainerWriter::WriteHeader() {
    std::string header(kContainerMagic);
    BinaryEncoder e(&header);
    e.WriteLong(static_cast<int64_t>(2 + options_.metadata.size()));
    e.WriteBytes(kSchemaKey);
    e.WriteBytes(schema_.ToJson());
    e.WriteBytes(kCodecKey);
    e.WriteBytes(CodecName(options_.codec));
    for (const auto& [key, value] : options_.metadata) {
        e.WriteBytes(key);
        e.WriteBytes(value);
    }
    e.WriteLong(0);
    e.WriteFixed(sync_marker_);
    return file_->Append(header);
}

Status ContainerWriter::Append(const Datum& record) {
    if (finished_) return Status::InvalidArgument("avro writer: append after Finish");
    BinaryEncoder e(&block_);
    FL_RETURN_NOT_OK(EncodeDatum(schema_.root(), record, &e));
    ++block_records_;
    ++records_written_;
    if (block_.size() >= options_.block_size) return Flush();
    return Status::OK();
}

Status ContainerWriter::Flush() {
    if (block_records_ == 0) return Status::OK();
    std::string compressed;
    std::string_view data = block_;
    if (options_.codec != Codec::kNull) {
        FL_RETURN_NOT_OK(Compress(options_.codec, block_, options_.compression_level, &compressed));
        data = compressed;
    }
    scratch_.clear();
    BinaryEncoder e(&scratch_);
    e.WriteLong(block_records_);
    e.WriteLong(static_cast<int64_t>(data.size()));
    e.WriteFixed(data);
    e.WriteFixed(sync_marker_);
    block_.clear();
    block_records_ = 0;
    return file_->Append(scratch_);
}

Status ContainerWriter::Finish() {
    if (finished_) return Status::InvalidArgument("avro writer: Finish called twice");
    finished_ = true;
    return Flush();
}

Result<std::string> WriteContainer(const Schema& schema, const std::vector<Datum>& records,
                                   const WriterOptions& options) {
    StringFile file;
    FL_ASSIGN_OR_RETURN(auto writer, ContainerWriter::Open(schema, &file, options));
    for (const Datum& record : records) FL_RETURN_NOT_OK(writer->Append(record));
    FL_RETURN_NOT_OK(writer->Finish());
    return file.Take();
}

}  // namespace flashlake::format::avro
