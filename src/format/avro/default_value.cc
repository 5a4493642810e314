#include "format/avro/default_value.h"

#include <algorithm>
#include <cmath>

namespace flashlake::format::avro {

namespace {

Status Mismatch(const Node& node, const json::Value& value) {
    return Status::InvalidArgument("default of JSON type " + std::string(json::TypeName(value.type())) +
                                   " does not fit avro type " + std::string(TypeName(node.type)));
}

// JSON strings stand for bytes with one code point (0-255) per byte; our strings are UTF-8.
Result<std::string> CodePointsToBytes(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else if ((c == 0xC2 || c == 0xC3) && i + 1 < text.size() &&
                   (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
            out.push_back(static_cast<char>(((c & 0x1F) << 6) | (static_cast<unsigned char>(text[++i]) & 0x3F)));
        } else {
            return Status::InvalidArgument("bytes default has a character above U+00FF");
        }
    }
    return out;
}

}  // namespace

Result<Datum> DefaultDatum(const Node& node, const json::Value& value) {
    switch (node.type) {
        case Type::kNull:
            if (!value.is_null()) return Mismatch(node, value);
            return Datum::Null();
        case Type::kBoolean:
            if (!value.is_bool()) return Mismatch(node, value);
            return Datum::Boolean(value.AsBool());
        case Type::kInt:
            if (!value.is_int() || value.AsInt() < INT32_MIN || value.AsInt() > INT32_MAX) {
                return Mismatch(node, value);
            }
            return Datum::Int(static_cast<int32_t>(value.AsInt()));
        case Type::kLong:
            if (!value.is_int()) return Mismatch(node, value);
            return Datum::Long(value.AsInt());
        case Type::kFloat:
            if (!value.is_number()) return Mismatch(node, value);
            return Datum::Float(static_cast<float>(value.AsDouble()));
        case Type::kDouble:
            if (!value.is_number()) return Mismatch(node, value);
            return Datum::Double(value.AsDouble());
        case Type::kString:
            if (!value.is_string()) return Mismatch(node, value);
            return Datum::String(value.AsString());
        case Type::kBytes:
        case Type::kFixed: {
            if (!value.is_string()) return Mismatch(node, value);
            FL_ASSIGN_OR_RETURN(std::string bytes, CodePointsToBytes(value.AsString()));
            if (node.type == Type::kBytes) return Datum::Bytes(std::move(bytes));
            if (static_cast<int64_t>(bytes.size()) != node.fixed_size) {
                return Status::InvalidArgument("fixed default has " + std::to_string(bytes.size()) + " bytes, not " +
                                               std::to_string(node.fixed_size));
            }
            return Datum::Fixed(std::move(bytes));
        }
        case Type::kEnum: {
            if (!value.is_string()) return Mismatch(node, value);
            auto it = std::find(node.symbols.begin(), node.symbols.end(), value.AsString());
            if (it == node.symbols.end())
                return Status::InvalidArgument("enum default '" + value.AsString() + "' is not a symbol");
            return Datum::Enum(static_cast<int32_t>(it - node.symbols.begin()));
        }
        case Type::kArray: {
            if (!value.is_array()) return Mismatch(node, value);
            std::vector<Datum> items;
            for (const json::Value& item : value.AsArray()) {
                FL_ASSIGN_OR_RETURN(Datum datum, DefaultDatum(*node.items, item));
                items.push_back(std::move(datum));
            }
            return Datum::Array(std::move(items));
        }
        case Type::kMap: {
            if (!value.is_object()) return Mismatch(node, value);
            std::vector<std::string> keys;
            std::vector<Datum> values;
            for (const auto& [key, item] : value.AsObject()) {
                FL_ASSIGN_OR_RETURN(Datum datum, DefaultDatum(*node.items, item));
                keys.push_back(key);
                values.push_back(std::move(datum));
            }
            return Datum::Map(std::move(keys), std::move(values));
        }
        case Type::kRecord: {
            if (!value.is_object()) return Mismatch(node, value);
            std::vector<Datum> fields;
            for (const Field& field : node.fields) {
                const json::Value* member = value.Find(field.name);
                if (member == nullptr && field.default_value) member = &*field.default_value;
                if (member == nullptr) {
                    return Status::InvalidArgument("record default lacks field '" + field.name + "'");
                }
                FL_ASSIGN_OR_RETURN(Datum datum, DefaultDatum(*field.type, *member));
                fields.push_back(std::move(datum));
            }
            return Datum::Record(std::move(fields));
        }
        case Type::kUnion: {
            Status first_error = Status::InvalidArgument("union has no branches");
            for (size_t i = 0; i < node.branches.size(); ++i) {
                auto datum = DefaultDatum(*node.branches[i], value);
                if (datum.ok()) return std::move(datum).value().WithBranch(static_cast<int32_t>(i));
                if (i == 0) first_error = datum.status();
            }
            return first_error;
        }
    }
    return Status::Internal("unknown avro type");
}

}  // namespace flashlake::format::avro
