#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/status.h"

namespace flashlake::format::parquet {

// Wire types of the Thrift compact protocol (the low nibble of a field header).
enum class ThriftType : uint8_t {
    kStop = 0,
    kBoolTrue = 1,
    kBoolFalse = 2,
    kByte = 3,
    kI16 = 4,
    kI32 = 5,
    kI64 = 6,
    kDouble = 7,
    kBinary = 8,
    kList = 9,
    kSet = 10,
    kMap = 11,
    kStruct = 12,
};

struct ThriftField {
    int16_t id = 0;
    ThriftType type = ThriftType::kStop;
};

struct ThriftListHeader {
    ThriftType element_type = ThriftType::kStop;
    uint32_t size = 0;
};

// Decodes the Thrift compact protocol from a byte range it does not own. Every read is bounds
// checked and fails with kCorruption naming what was being read; container sizes are capped by
// the bytes that remain (every element takes at least one byte), and nesting is capped, so a
// malformed footer can neither crash, loop nor make the reader allocate without bound.
//
// Struct decoding is driven by the caller: BeginStruct, then ReadFieldHeader until kStop, reading
// each known field with the typed readers and skipping the others with Skip, then EndStruct.
class ThriftCompactReader {
public:
    static constexpr int kMaxNesting = 64;

    ThriftCompactReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}

    size_t position() const { return position_; }
    size_t remaining() const { return size_ - position_; }

    Status BeginStruct();
    Status EndStruct();
    // The next field header; type kStop ends the struct.
    Status ReadFieldHeader(ThriftField* field);

    // Typed readers for a field's value. `field` is checked against the expected wire type so a
    // field of the right id but the wrong type is reported rather than misread.
    Status ReadBool(const ThriftField& field, bool* out);
    Status ReadI8(const ThriftField& field, int8_t* out);
    Status ReadI16(const ThriftField& field, int16_t* out);
    Status ReadI32(const ThriftField& field, int32_t* out);
    Status ReadI64(const ThriftField& field, int64_t* out);
    Status ReadDouble(const ThriftField& field, double* out);
    Status ReadBinary(const ThriftField& field, std::string* out);
    Status ExpectType(const ThriftField& field, ThriftType type);
    // True (once) after ExpectType refused a field: nothing of the field's value was consumed,
    // so the struct decoder can skip it as an unknown field, as Thrift readers do.
    bool TakeTypeMismatch() {
        bool mismatch = type_mismatch_;
        type_mismatch_ = false;
        return mismatch;
    }

    // Container and element level reads (no field header).
    Status ReadListHeader(ThriftListHeader* header);
    Status ReadBoolElement(bool* out);
    Result<int64_t> ReadVarintSigned();  // zigzag varint: i16/i32/i64 elements
    Status ReadBinaryElement(std::string* out);
    Status ReadI32Element(int32_t* out);

    // Skips one value of the given wire type (recursively for containers and structs).
    Status Skip(ThriftType type);

private:
    Result<uint64_t> ReadVarint();
    Status SkipImpl(ThriftType type, int depth);
    Status Fail(std::string_view what) const;

    const uint8_t* data_;
    size_t size_;
    size_t position_ = 0;
    // Last field id of each open struct; field id deltas are relative to it.
    int16_t last_field_id_[kMaxNesting] = {};
    int depth_ = 0;
    bool type_mismatch_ = false;
};

// Encodes the Thrift compact protocol by appending to a string. Calls must be properly nested:
// BeginStruct/EndStruct around fields; WriteFieldBegin before a nested struct or list field.
class ThriftCompactWriter {
public:
    explicit ThriftCompactWriter(std::string* out) : out_(out) {}

    void BeginStruct();
    void EndStruct();  // writes the stop byte

    void WriteBool(int16_t id, bool value);
    void WriteI8(int16_t id, int8_t value);
    void WriteI32(int16_t id, int32_t value);
    void WriteI64(int16_t id, int64_t value);
    void WriteDouble(int16_t id, double value);
    void WriteBinary(int16_t id, std::string_view value);
    // The header of a field whose value the caller writes next (a struct or a list).
    void WriteFieldBegin(int16_t id, ThriftType type);

    void WriteListHeader(ThriftType element_type, uint32_t size);
    void WriteBoolElement(bool value) { out_->push_back(value ? 1 : 2); }
    void WriteVarintSigned(int64_t value);
    void WriteBinaryElement(std::string_view value);

private:
    void WriteVarint(uint64_t value);

    std::string* out_;
    std::vector<int16_t> last_field_id_{0};
};

}  // namespace flashlake::format::parquet
