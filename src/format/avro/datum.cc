#include "format/avro/datum.h"

#include <cstdio>

#include "common/check.h"
#include "format/json/json_writer.h"

namespace flashlake::format::avro {

Datum Datum::Boolean(bool value) {
    Datum d;
    d.SetBoolean(value);
    return d;
}

Datum Datum::Int(int32_t value) {
    Datum d;
    d.SetInt(value);
    return d;
}

Datum Datum::Long(int64_t value) {
    Datum d;
    d.SetLong(value);
    return d;
}

Datum Datum::Float(float value) {
    Datum d;
    d.SetFloat(value);
    return d;
}

Datum Datum::Double(double value) {
    Datum d;
    d.SetDouble(value);
    return d;
}

Datum Datum::Bytes(std::string value) {
    Datum d;
    *d.SetBytesType(Type::kBytes) = std::move(value);
    return d;
}

Datum Datum::String(std::string value) {
    Datum d;
    *d.SetBytesType(Type::kString) = std::move(value);
    return d;
}

Datum Datum::Fixed(std::string value) {
    Datum d;
    *d.SetBytesType(Type::kFixed) = std::move(value);
    return d;
}

Datum Datum::Enum(int32_t index) {
    Datum d;
    d.SetEnum(index);
    return d;
}

Datum Datum::Record(std::vector<Datum> fields) {
    Datum d;
    *d.SetItemsType(Type::kRecord) = std::move(fields);
    return d;
}

Datum Datum::Array(std::vector<Datum> items) {
    Datum d;
    *d.SetItemsType(Type::kArray) = std::move(items);
    return d;
}

Datum Datum::Map(std::vector<std::string> keys, std::vector<Datum> values) {
    FL_CHECK_EQ(keys.size(), values.size());
    Datum d;
    *d.SetItemsType(Type::kMap) = std::move(values);
    d.keys_ = std::move(keys);
    return d;
}

void Datum::Check(Type expected) const {
    FL_CHECK(type_ == expected, "avro datum is ", TypeName(type_), ", not ", TypeName(expected));
}

bool Datum::bool_value() const {
    Check(Type::kBoolean);
    return scalar_.b;
}

int32_t Datum::int_value() const {
    Check(Type::kInt);
    return scalar_.i;
}

int64_t Datum::long_value() const {
    if (type_ == Type::kInt) return scalar_.i;
    Check(Type::kLong);
    return scalar_.l;
}

float Datum::float_value() const {
    Check(Type::kFloat);
    return scalar_.f;
}

double Datum::double_value() const {
    if (type_ == Type::kFloat) return scalar_.f;
    Check(Type::kDouble);
    return scalar_.d;
}

const std::string& Datum::bytes() const {
    FL_CHECK(type_ == Type::kBytes || type_ == Type::kString || type_ == Type::kFixed, "avro datum is ",
             TypeName(type_), ", not bytes, string or fixed");
    return bytes_;
}

int32_t Datum::enum_index() const {
    Check(Type::kEnum);
    return scalar_.i;
}

const std::vector<Datum>& Datum::items() const {
    FL_CHECK(type_ == Type::kRecord || type_ == Type::kArray || type_ == Type::kMap, "avro datum is ", TypeName(type_),
             ", not a record, array or map");
    return items_;
}

std::vector<Datum>& Datum::mutable_items() {
    FL_CHECK(type_ == Type::kRecord || type_ == Type::kArray || type_ == Type::kMap, "avro datum is ", TypeName(type_),
             ", not a record, array or map");
    return items_;
}

const std::vector<std::string>& Datum::map_keys() const {
    Check(Type::kMap);
    return keys_;
}

std::vector<std::string>& Datum::mutable_map_keys() {
    Check(Type::kMap);
    return keys_;
}

const Datum& Datum::field(size_t index) const {
    Check(Type::kRecord);
    FL_CHECK_LT(index, items_.size());
    return items_[index];
}

bool Datum::operator==(const Datum& other) const {
    if (type_ != other.type_) return false;
    switch (type_) {
        case Type::kNull:
            return true;
        case Type::kBoolean:
            return scalar_.b == other.scalar_.b;
        case Type::kInt:
        case Type::kEnum:
            return scalar_.i == other.scalar_.i;
        case Type::kLong:
            return scalar_.l == other.scalar_.l;
        case Type::kFloat:
            return scalar_.f == other.scalar_.f;
        case Type::kDouble:
            return scalar_.d == other.scalar_.d;
        case Type::kBytes:
        case Type::kString:
        case Type::kFixed:
            return bytes_ == other.bytes_;
        case Type::kMap:
            return keys_ == other.keys_ && items_ == other.items_;
        default:
            return items_ == other.items_;
    }
}

namespace {

void AppendBytesEscaped(const std::string& bytes, std::string* out) {
    out->push_back('"');
    for (unsigned char c : bytes) {
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
            out->push_back(static_cast<char>(c));
        } else {
            char hex[8];
            std::snprintf(hex, sizeof(hex), "\\x%02X", c);
            out->append(hex);
        }
    }
    out->push_back('"');
}

void Render(const Datum& d, std::string* out) {
    switch (d.type()) {
        case Type::kNull:
            out->append("null");
            break;
        case Type::kBoolean:
            out->append(d.bool_value() ? "true" : "false");
            break;
        case Type::kInt:
        case Type::kLong:
            out->append(std::to_string(d.long_value()));
            break;
        case Type::kFloat:
        case Type::kDouble:
            json::Write(json::Value(d.double_value()), out);
            break;
        case Type::kString:
            out->append(json::Quote(d.bytes()));
            break;
        case Type::kBytes:
        case Type::kFixed:
            AppendBytesEscaped(d.bytes(), out);
            break;
        case Type::kEnum:
            out->append("enum#" + std::to_string(d.enum_index()));
            break;
        case Type::kMap:
            out->push_back('{');
            for (size_t i = 0; i < d.items().size(); ++i) {
                if (i > 0) out->append(", ");
                out->append(json::Quote(d.map_keys()[i]));
                out->append(": ");
                Render(d.items()[i], out);
            }
            out->push_back('}');
            break;
        default:  // record, array
            out->push_back(d.type() == Type::kRecord ? '{' : '[');
            for (size_t i = 0; i < d.items().size(); ++i) {
                if (i > 0) out->append(", ");
                Render(d.items()[i], out);
            }
            out->push_back(d.type() == Type::kRecord ? '}' : ']');
    }
}

}  // namespace

std::string Datum::ToString() const {
    std::string out;
    Render(*this, &out);
    return out;
}

}  // namespace flashlake::format::avro
