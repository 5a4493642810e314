#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "format/avro/schema.h"

namespace flashlake::format::avro {

// One Avro value as a tree, enough for manifests (small files read whole). A Datum has the type
// of the schema node it was decoded as, never kUnion: a value read through a union is the
// chosen branch's value, with branch() telling which (-1 when no union was involved). So a
// nullable long reads as either a null Datum or a long Datum, which is what callers want.
//
// Records hold their fields in the order of the schema the data was read with (the reader
// schema), so callers look fields up by index, resolved once from the schema by name.
// Accessors check the type (FL_CHECK): asking a long for its string is a bug, not bad input.
class Datum {
public:
    Datum() = default;  // null

    static Datum Null() { return Datum(); }
    static Datum Boolean(bool value);
    static Datum Int(int32_t value);
    static Datum Long(int64_t value);
    static Datum Float(float value);
    static Datum Double(double value);
    static Datum Bytes(std::string value);
    static Datum String(std::string value);
    static Datum Fixed(std::string value);
    static Datum Enum(int32_t index);
    static Datum Record(std::vector<Datum> fields);
    static Datum Array(std::vector<Datum> items);
    static Datum Map(std::vector<std::string> keys, std::vector<Datum> values);

    Type type() const { return type_; }
    bool is_null() const { return type_ == Type::kNull; }
    // The union branch this value was read as or is to be written as; -1 for none.
    int32_t branch() const { return branch_; }
    void set_branch(int32_t branch) { branch_ = branch; }
    Datum WithBranch(int32_t branch) && {
        branch_ = branch;
        return std::move(*this);
    }

    bool bool_value() const;
    int32_t int_value() const;
    // A long, or an int widened.
    int64_t long_value() const;
    float float_value() const;
    // A double, or a float widened.
    double double_value() const;
    // The bytes of a bytes, string or fixed value.
    const std::string& bytes() const;
    int32_t enum_index() const;
    // Record fields, array items or map values.
    const std::vector<Datum>& items() const;
    std::vector<Datum>& mutable_items();
    const std::vector<std::string>& map_keys() const;
    std::vector<std::string>& mutable_map_keys();
    // Field `index` of a record (bounds checked).
    const Datum& field(size_t index) const;

    // Structural equality, ignoring branch().
    bool operator==(const Datum& other) const;

    // A JSON-like rendering for messages: records as {1, "x"} (fields in order, no names), arrays
    // as [..], maps as {"k": v}, bytes as "\xAB".
    std::string ToString() const;

    // Decoder access: set the type and scalar in place, reusing the string and vector storage.
    void ResetNull() { type_ = Type::kNull; }
    void SetBoolean(bool value) {
        type_ = Type::kBoolean;
        scalar_.b = value;
    }
    void SetInt(int32_t value) {
        type_ = Type::kInt;
        scalar_.i = value;
    }
    void SetLong(int64_t value) {
        type_ = Type::kLong;
        scalar_.l = value;
    }
    void SetFloat(float value) {
        type_ = Type::kFloat;
        scalar_.f = value;
    }
    void SetDouble(double value) {
        type_ = Type::kDouble;
        scalar_.d = value;
    }
    void SetEnum(int32_t index) {
        type_ = Type::kEnum;
        scalar_.i = index;
    }
    // Sets the type of a bytes/string/fixed value and returns its storage.
    std::string* SetBytesType(Type type) {
        type_ = type;
        return &bytes_;
    }
    // Sets the type of a record/array/map value and returns its item storage.
    std::vector<Datum>* SetItemsType(Type type) {
        type_ = type;
        return &items_;
    }

private:
    void Check(Type expected) const;

    Type type_ = Type::kNull;
    int32_t branch_ = -1;
    union {
        bool b;
        int32_t i;  // int and enum index
        int64_t l;
        float f;
        double d;
    } scalar_{};
    std::string bytes_;              // bytes, string, fixed
    std::vector<Datum> items_;       // record fields, array items, map values
    std::vector<std::string> keys_;  // map keys, parallel to items_
};

}  // namespace flashlake::format::avro
