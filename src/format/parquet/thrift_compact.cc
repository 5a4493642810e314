#include "format/parquet/thrift_compact.h"

#include <cstring>

namespace flashlake::format::parquet {

namespace {

int64_t ZigzagDecode(uint64_t value) {
    return static_cast<int64_t>(value >> 1) ^ -static_cast<int64_t>(value & 1);
}
uint64_t ZigzagEncode(int64_t value) {
    return (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
}

const char* TypeName(ThriftType type) {
    switch (type) {
        case ThriftType::kStop:
            return "stop";
        case ThriftType::kBoolTrue:
        case ThriftType::kBoolFalse:
            return "bool";
        case ThriftType::kByte:
            return "byte";
        case ThriftType::kI16:
            return "i16";
        case ThriftType::kI32:
            return "i32";
        case ThriftType::kI64:
            return "i64";
        case ThriftType::kDouble:
            return "double";
        case ThriftType::kBinary:
            return "binary";
        case ThriftType::kList:
            return "list";
        case ThriftType::kSet:
            return "set";
        case ThriftType::kMap:
            return "map";
        case ThriftType::kStruct:
            return "struct";
    }
    return "unknown";
}

}  // namespace

Status ThriftCompactReader::Fail(std::string_view what) const {
    return Status::Corruption("thrift: " + std::string(what) + " at byte " + std::to_string(position_) + " of " +
                              std::to_string(size_));
}

Result<uint64_t> ThriftCompactReader::ReadVarint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 70; shift += 7) {
        if (position_ >= size_) return Fail("truncated varint");
        uint8_t byte = data_[position_++];
        if (shift == 63 && byte > 1) return Fail("varint overflows 64 bits");
        value |= static_cast<uint64_t>(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) return value;
    }
    return Fail("varint longer than 10 bytes");
}

Result<int64_t> ThriftCompactReader::ReadVarintSigned() {
    FL_ASSIGN_OR_RETURN(uint64_t raw, ReadVarint());
    return ZigzagDecode(raw);
}

Status ThriftCompactReader::BeginStruct() {
    if (depth_ + 1 >= kMaxNesting) return Fail("structs nested too deeply");
    last_field_id_[++depth_] = 0;
    return Status::OK();
}

Status ThriftCompactReader::EndStruct() {
    if (depth_ == 0) return Fail("struct end without a struct");
    --depth_;
    return Status::OK();
}

Status ThriftCompactReader::ReadFieldHeader(ThriftField* field) {
    if (position_ >= size_) return Fail("truncated struct (no stop byte)");
    uint8_t byte = data_[position_++];
    auto type = static_cast<ThriftType>(byte & 0x0f);
    if (type == ThriftType::kStop) {
        field->type = ThriftType::kStop;
        field->id = 0;
        return Status::OK();
    }
    if (static_cast<uint8_t>(type) > static_cast<uint8_t>(ThriftType::kStruct)) {
        return Fail("unknown field type " + std::to_string(byte & 0x0f));
    }
    int delta = byte >> 4;
    int64_t id;
    if (delta != 0) {
        id = last_field_id_[depth_] + delta;
    } else {
        FL_ASSIGN_OR_RETURN(id, ReadVarintSigned());
    }
    if (id < 0 || id > INT16_MAX) return Fail("field id " + std::to_string(id) + " out of range");
    field->id = static_cast<int16_t>(id);
    field->type = type;
    last_field_id_[depth_] = field->id;
    return Status::OK();
}

Status ThriftCompactReader::ExpectType(const ThriftField& field, ThriftType type) {
    bool matches = field.type == type || (type == ThriftType::kBoolTrue && field.type == ThriftType::kBoolFalse) ||
                   (type == ThriftType::kList && field.type == ThriftType::kSet);
    if (matches) return Status::OK();
    type_mismatch_ = true;
    return Fail("field " + std::to_string(field.id) + " has type " + TypeName(field.type) + ", expected " +
                TypeName(type));
}

Status ThriftCompactReader::ReadBool(const ThriftField& field, bool* out) {
    FL_RETURN_NOT_OK(ExpectType(field, ThriftType::kBoolTrue));
    *out = field.type == ThriftType::kBoolTrue;
    return Status::OK();
}

Status ThriftCompactReader::ReadI8(const ThriftField& field, int8_t* out) {
    FL_RETURN_NOT_OK(ExpectType(field, ThriftType::kByte));
    if (position_ >= size_) return Fail("truncated byte");
    *out = static_cast<int8_t>(data_[position_++]);
    return Status::OK();
}

Status ThriftCompactReader::ReadI16(const ThriftField& field, int16_t* out) {
    FL_RETURN_NOT_OK(ExpectType(field, ThriftType::kI16));
    FL_ASSIGN_OR_RETURN(int64_t value, ReadVarintSigned());
    if (value < INT16_MIN || value > INT16_MAX) return Fail("i16 out of range");
    *out = static_cast<int16_t>(value);
    return Status::OK();
}

Status ThriftCompactReader::ReadI32(const ThriftField& field, int32_t* out) {
    FL_RETURN_NOT_OK(ExpectType(field, ThriftType::kI32));
    return ReadI32Element(out);
}

Status ThriftCompactReader::ReadI32Element(int32_t* out) {
    FL_ASSIGN_OR_RETURN(int64_t value, ReadVarintSigned());
    if (value < INT32_MIN || value > INT32_MAX) return Fail("i32 out of range");
    *out = static_cast<int32_t>(value);
    return Status::OK();
}

Status ThriftCompactReader::ReadI64(const ThriftField& field, int64_t* out) {
    FL_RETURN_NOT_OK(ExpectType(field, ThriftType::kI64));
    FL_ASSIGN_OR_RETURN(*out, ReadVarintSigned());
    return Status::OK();
}

Status ThriftCompactReader::ReadDouble(const ThriftField& field, double* out) {
    FL_RETURN_NOT_OK(ExpectType(field, ThriftType::kDouble));
    if (remaining() < 8) return Fail("truncated double");
    std::memcpy(out, data_ + position_, 8);
    position_ += 8;
    return Status::OK();
}

Status ThriftCompactReader::ReadBinary(const ThriftField& field, std::string* out) {
    FL_RETURN_NOT_OK(ExpectType(field, ThriftType::kBinary));
    return ReadBinaryElement(out);
}

Status ThriftCompactReader::ReadBinaryElement(std::string* out) {
    FL_ASSIGN_OR_RETURN(uint64_t length, ReadVarint());
    if (length > remaining()) {
        return Fail("binary of " + std::to_string(length) + " bytes past the end");
    }
    out->assign(reinterpret_cast<const char*>(data_ + position_), length);
    position_ += length;
    return Status::OK();
}

Status ThriftCompactReader::ReadBoolElement(bool* out) {
    if (position_ >= size_) return Fail("truncated bool");
    // Writers disagree on false (0 or 2); true is 1 everywhere.
    *out = data_[position_++] == 1;
    return Status::OK();
}

Status ThriftCompactReader::ReadListHeader(ThriftListHeader* header) {
    if (position_ >= size_) return Fail("truncated list header");
    uint8_t byte = data_[position_++];
    header->element_type = static_cast<ThriftType>(byte & 0x0f);
    uint64_t size = byte >> 4;
    if (size == 15) {
        FL_ASSIGN_OR_RETURN(size, ReadVarint());
    }
    // Every element takes at least one byte on the wire, so a larger count is a lie.
    if (size > remaining()) return Fail("list of " + std::to_string(size) + " elements past the end");
    header->size = static_cast<uint32_t>(size);
    return Status::OK();
}

Status ThriftCompactReader::Skip(ThriftType type) {
    return SkipImpl(type, 0);
}

Status ThriftCompactReader::SkipImpl(ThriftType type, int depth) {
    if (depth > kMaxNesting) return Fail("values nested too deeply");
    switch (type) {
        case ThriftType::kBoolTrue:
        case ThriftType::kBoolFalse:
            return Status::OK();  // value is in the field header
        case ThriftType::kByte:
            if (position_ >= size_) return Fail("truncated byte");
            ++position_;
            return Status::OK();
        case ThriftType::kI16:
        case ThriftType::kI32:
        case ThriftType::kI64:
            return ReadVarint().status();
        case ThriftType::kDouble:
            if (remaining() < 8) return Fail("truncated double");
            position_ += 8;
            return Status::OK();
        case ThriftType::kBinary: {
            FL_ASSIGN_OR_RETURN(uint64_t length, ReadVarint());
            if (length > remaining()) return Fail("binary past the end");
            position_ += length;
            return Status::OK();
        }
        case ThriftType::kList:
        case ThriftType::kSet: {
            ThriftListHeader header;
            FL_RETURN_NOT_OK(ReadListHeader(&header));
            for (uint32_t i = 0; i < header.size; ++i) {
                if (header.element_type == ThriftType::kBoolTrue || header.element_type == ThriftType::kBoolFalse) {
                    bool ignored;
                    FL_RETURN_NOT_OK(ReadBoolElement(&ignored));
                } else {
                    FL_RETURN_NOT_OK(SkipImpl(header.element_type, depth + 1));
                }
            }
            return Status::OK();
        }
        case ThriftType::kMap: {
            FL_ASSIGN_OR_RETURN(uint64_t size, ReadVarint());
            if (size == 0) return Status::OK();
            if (size > remaining()) return Fail("map past the end");
            if (position_ >= size_) return Fail("truncated map header");
            uint8_t types = data_[position_++];
            auto key_type = static_cast<ThriftType>(types >> 4);
            auto value_type = static_cast<ThriftType>(types & 0x0f);
            for (uint64_t i = 0; i < size; ++i) {
                for (ThriftType element : {key_type, value_type}) {
                    if (element == ThriftType::kBoolTrue || element == ThriftType::kBoolFalse) {
                        bool ignored;
                        FL_RETURN_NOT_OK(ReadBoolElement(&ignored));
                    } else {
                        FL_RETURN_NOT_OK(SkipImpl(element, depth + 1));
                    }
                }
            }
            return Status::OK();
        }
        case ThriftType::kStruct: {
            FL_RETURN_NOT_OK(BeginStruct());
            while (true) {
                ThriftField field;
                FL_RETURN_NOT_OK(ReadFieldHeader(&field));
                if (field.type == ThriftType::kStop) break;
                FL_RETURN_NOT_OK(SkipImpl(field.type, depth + 1));
            }
            return EndStruct();
        }
        case ThriftType::kStop:
            break;
    }
    return Fail("cannot skip a value of type " + std::to_string(static_cast<int>(type)));
}

void ThriftCompactWriter::WriteVarint(uint64_t value) {
    while (value >= 0x80) {
        out_->push_back(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out_->push_back(static_cast<char>(value));
}

void ThriftCompactWriter::WriteVarintSigned(int64_t value) {
    WriteVarint(ZigzagEncode(value));
}

void ThriftCompactWriter::BeginStruct() {
    last_field_id_.push_back(0);
}

void ThriftCompactWriter::EndStruct() {
    out_->push_back(0);
    last_field_id_.pop_back();
}

void ThriftCompactWriter::WriteFieldBegin(int16_t id, ThriftType type) {
    int16_t& last = last_field_id_.back();
    int delta = id - last;
    if (delta > 0 && delta <= 15) {
        out_->push_back(static_cast<char>((delta << 4) | static_cast<uint8_t>(type)));
    } else {
        out_->push_back(static_cast<char>(type));
        WriteVarintSigned(id);
    }
    last = id;
}

void ThriftCompactWriter::WriteBool(int16_t id, bool value) {
    WriteFieldBegin(id, value ? ThriftType::kBoolTrue : ThriftType::kBoolFalse);
}

void ThriftCompactWriter::WriteI8(int16_t id, int8_t value) {
    WriteFieldBegin(id, ThriftType::kByte);
    out_->push_back(static_cast<char>(value));
}

void ThriftCompactWriter::WriteI32(int16_t id, int32_t value) {
    WriteFieldBegin(id, ThriftType::kI32);
    WriteVarintSigned(value);
}

void ThriftCompactWriter::WriteI64(int16_t id, int64_t value) {
    WriteFieldBegin(id, ThriftType::kI64);
    WriteVarintSigned(value);
}

void ThriftCompactWriter::WriteDouble(int16_t id, double value) {
    WriteFieldBegin(id, ThriftType::kDouble);
    char bytes[8];
    std::memcpy(bytes, &value, 8);
    out_->append(bytes, 8);
}

void ThriftCompactWriter::WriteBinary(int16_t id, std::string_view value) {
    WriteFieldBegin(id, ThriftType::kBinary);
    WriteBinaryElement(value);
}

void ThriftCompactWriter::WriteBinaryElement(std::string_view value) {
    WriteVarint(value.size());
    out_->append(value.data(), value.size());
}

void ThriftCompactWriter::WriteListHeader(ThriftType element_type, uint32_t size) {
    if (size < 15) {
        out_->push_back(static_cast<char>((size << 4) | static_cast<uint8_t>(element_type)));
    } else {
        out_->push_back(static_cast<char>(0xf0 | static_cast<uint8_t>(element_type)));
        WriteVarint(size);
    }
}

}  // namespace flashlake::format::parquet
