#include "format/parquet/parquet_writer.h"

#include <algorithm>
#include <unordered_set>

#include "format/parquet/metadata_codec.h"

namespace flashlake::format::parquet {

namespace {

constexpr std::string_view kMagic = "PAR1";

}  // namespace

Result<std::unique_ptr<ParquetWriter>> ParquetWriter::Open(std::unique_ptr<io::WritableFile> file,
                                                           std::vector<WriterColumn> columns,
                                                           const WriterOptions& options) {
    if (columns.empty()) return Status::InvalidArgument("Parquet writer: a file needs at least one column");
    if (options.row_group_rows <= 0 || options.page_rows == 0) {
        return Status::InvalidArgument("Parquet writer: row group and page sizes must be positive");
    }
    std::unordered_set<std::string> names;
    for (const WriterColumn& column : columns) {
        if (!names.insert(column.name).second) {
            return Status::InvalidArgument("Parquet writer: duplicate column name '" + column.name + "'");
        }
    }
    std::unique_ptr<ParquetWriter> writer(new ParquetWriter(std::move(file), std::move(columns), options));
    for (const WriterColumn& column : writer->columns_) {
        bool bloom = std::find(options.bloom_filter_columns.begin(), options.bloom_filter_columns.end(), column.name) !=
                     options.bloom_filter_columns.end();
        FL_ASSIGN_OR_RETURN(PhysicalLayout layout, LayoutForType(column.type));
        FL_ASSIGN_OR_RETURN(std::unique_ptr<ColumnChunkWriter> chunk_writer,
                            MakeColumnChunkWriter(column, options, bloom));
        writer->layouts_.push_back(std::move(layout));
        writer->writers_.push_back(std::move(chunk_writer));
    }
    writer->BuildSchema();
    FL_RETURN_NOT_OK(writer->Append(kMagic));
    return writer;
}

void ParquetWriter::BuildSchema() {
    metadata_.version = 2;
    metadata_.created_by = options_.created_by;
    metadata_.key_value_metadata = options_.key_value_metadata;
    SchemaElement& root = metadata_.schema.emplace_back();
    root.name = "schema";
    root.num_children = static_cast<int32_t>(columns_.size());
    for (size_t i = 0; i < columns_.size(); ++i) {
        const PhysicalLayout& layout = layouts_[i];
        SchemaElement& element = metadata_.schema.emplace_back();
        element.name = columns_[i].name;
        element.type = layout.physical;
        if (layout.physical == PhysicalKind::kFixedLenByteArray) element.type_length = layout.type_length;
        element.repetition_type = columns_[i].nullable ? Repetition::kOptional : Repetition::kRequired;
        element.converted_type = layout.converted;
        element.scale = layout.scale;
        element.precision = layout.precision;
        element.logical_type = layout.logical;
        metadata_.column_orders.push_back(true);
    }
}

Status ParquetWriter::Fail(Status status) {
    failed_ = status;
    return status;
}

Status ParquetWriter::Append(std::string_view bytes) {
    Status status = file_->Append(bytes);
    if (!status.ok()) return Fail(status);
    position_ += bytes.size();
    return Status::OK();
}

Status ParquetWriter::Write(const Chunk& chunk) {
    if (!failed_.ok()) return failed_;
    if (closed_) return Status::InvalidArgument("Parquet writer: Write after Close");
    if (chunk.num_columns() != columns_.size()) {
        return Status::InvalidArgument("Parquet writer: chunk has " + std::to_string(chunk.num_columns()) +
                                       " columns, the file " + std::to_string(columns_.size()));
    }
    for (size_t i = 0; i < columns_.size(); ++i) {
        const LogicalType& type = chunk.column(i)->type();
        if (type.physical() != columns_[i].type.physical() && type.id() != TypeId::kNull) {
            return Status::InvalidArgument("Parquet writer: column '" + columns_[i].name + "' is " +
                                           columns_[i].type.ToString() + " but the chunk holds " + type.ToString());
        }
    }
    size_t offset = 0;
    while (offset < chunk.num_rows()) {
        size_t take =
            std::min<size_t>(chunk.num_rows() - offset, static_cast<size_t>(options_.row_group_rows - group_rows_));
        FL_RETURN_NOT_OK(WriteRows(chunk, offset, take));
        offset += take;
        size_t buffered = 0;
        for (const auto& writer : writers_) buffered += writer->buffered_bytes();
        if (group_rows_ >= options_.row_group_rows || buffered >= options_.row_group_bytes) {
            FL_RETURN_NOT_OK(FlushRowGroup());
        }
    }
    return Status::OK();
}

Status ParquetWriter::WriteRows(const Chunk& chunk, size_t offset, size_t count) {
    for (size_t i = 0; i < columns_.size(); ++i) {
        const Column& column = *chunk.column(i);
        if (column.type().id() == TypeId::kNull) {
            // An untyped NULL column (a bare NULL literal): every row is NULL.
            ColumnPtr nulls = Column::MakeFlat(columns_[i].type, count);
            for (size_t row = 0; row < count; ++row) nulls->SetNull(row);
            Status status = writers_[i]->Write(*nulls, 0, count);
            if (!status.ok()) return Fail(status);
            continue;
        }
        Status status = writers_[i]->Write(column, offset, count);
        if (!status.ok()) return Fail(status);
    }
    group_rows_ += static_cast<int64_t>(count);
    num_rows_ += static_cast<int64_t>(count);
    return Status::OK();
}

Status ParquetWriter::FlushRowGroup() {
    if (!failed_.ok()) return failed_;
    if (group_rows_ == 0) return Status::OK();
    RowGroup& group = metadata_.row_groups.emplace_back();
    group.num_rows = group_rows_;
    group.file_offset = static_cast<int64_t>(position_);
    group.ordinal = static_cast<int16_t>(metadata_.row_groups.size() - 1);
    std::vector<std::optional<ColumnIndex>>& column_indexes = column_indexes_.emplace_back();
    std::vector<OffsetIndex>& offset_indexes = offset_indexes_.emplace_back();
    std::vector<std::optional<BloomFilter>> bloom_filters;
    int64_t compressed = 0;
    int64_t uncompressed = 0;
    for (size_t i = 0; i < columns_.size(); ++i) {
        Result<EncodedChunk> encoded = writers_[i]->Finish();
        if (!encoded.ok()) return Fail(encoded.status());
        const auto start = static_cast<int64_t>(position_);
        FL_RETURN_NOT_OK(Append(encoded->bytes));
        ColumnChunk& chunk = group.columns.emplace_back();
        chunk.file_offset = start;
        ColumnMetaData meta = std::move(encoded->metadata);
        meta.path_in_schema = {columns_[i].name};
        meta.data_page_offset += start;
        if (meta.dictionary_page_offset) *meta.dictionary_page_offset += start;
        compressed += meta.total_compressed_size;
        uncompressed += meta.total_uncompressed_size;
        chunk.meta_data = std::move(meta);
        for (PageLocation& location : encoded->offset_index.page_locations) location.offset += start;
        offset_indexes.push_back(std::move(encoded->offset_index));
        column_indexes.push_back(std::move(encoded->column_index));
        bloom_filters.push_back(std::move(encoded->bloom_filter));
    }
    for (size_t i = 0; i < columns_.size(); ++i) {
        if (!bloom_filters[i]) continue;
        std::string bytes;
        BloomFilterHeader header;
        header.num_bytes = static_cast<int32_t>(bloom_filters[i]->bitset().size());
        EncodeBloomFilterHeader(header, &bytes);
        bytes += bloom_filters[i]->bitset();
        ColumnMetaData& meta = *group.columns[i].meta_data;
        meta.bloom_filter_offset = static_cast<int64_t>(position_);
        meta.bloom_filter_length = static_cast<int32_t>(bytes.size());
        FL_RETURN_NOT_OK(Append(bytes));
    }
    group.total_byte_size = uncompressed;
    group.total_compressed_size = compressed;
    metadata_.num_rows += group_rows_;
    group_rows_ = 0;
    return Status::OK();
}

Status ParquetWriter::WritePageIndexes() {
    if (!options_.write_page_index) return Status::OK();
    // All column indexes, then all offset indexes, as the specification lays them out.
    for (size_t g = 0; g < metadata_.row_groups.size(); ++g) {
        for (size_t c = 0; c < columns_.size(); ++c) {
            if (!column_indexes_[g][c]) continue;
            std::string bytes;
            EncodeColumnIndex(*column_indexes_[g][c], &bytes);
            ColumnChunk& chunk = metadata_.row_groups[g].columns[c];
            chunk.column_index_offset = static_cast<int64_t>(position_);
            chunk.column_index_length = static_cast<int32_t>(bytes.size());
            FL_RETURN_NOT_OK(Append(bytes));
        }
    }
    for (size_t g = 0; g < metadata_.row_groups.size(); ++g) {
        for (size_t c = 0; c < columns_.size(); ++c) {
            std::string bytes;
            EncodeOffsetIndex(offset_indexes_[g][c], &bytes);
            ColumnChunk& chunk = metadata_.row_groups[g].columns[c];
            chunk.offset_index_offset = static_cast<int64_t>(position_);
            chunk.offset_index_length = static_cast<int32_t>(bytes.size());
            FL_RETURN_NOT_OK(Append(bytes));
        }
    }
    return Status::OK();
}

Status ParquetWriter::Close() {
    if (!failed_.ok()) return failed_;
    if (closed_) return Status::InvalidArgument("Parquet writer: Close called twice");
    FL_RETURN_NOT_OK(FlushRowGroup());
    FL_RETURN_NOT_OK(WritePageIndexes());
    std::string footer;
    EncodeFileMetaData(metadata_, &footer);
    auto length = static_cast<uint32_t>(footer.size());
    footer.append(reinterpret_cast<const char*>(&length), 4);
    footer += kMagic;
    FL_RETURN_NOT_OK(Append(footer));
    if (options_.sync_on_close) {
        Status status = file_->Sync();
        if (!status.ok()) return Fail(status);
    }
    Status status = file_->Close();
    if (!status.ok()) return Fail(status);
    closed_ = true;
    return Status::OK();
}

}  // namespace flashlake::format::parquet
