#include "format/avro/datum_writer.h"

namespace flashlake::format::avro {

namespace {

// Whether a Datum of type `datum` can be written as `schema` without loss.
bool Fits(Type datum, Type schema) {
    return datum == schema || (datum == Type::kInt && schema == Type::kLong) ||
           (datum == Type::kFloat && schema == Type::kDouble);
}

// Where in the value the encoder is, as a chain on the stack; rendered only for errors so that
// encoding allocates nothing per field.
struct Path {
    const Path* parent = nullptr;
    std::string_view field;  // a record field name, or empty
    int64_t index = -1;      // an array or map position, or -1

    std::string ToString() const {
        std::string out = parent ? parent->ToString() : std::string();
        if (!field.empty()) out += (out.empty() ? "" : ".") + std::string(field);
        if (index >= 0) out += "[" + std::to_string(index) + "]";
        return out;
    }
};

Status Invalid(const Path& path, std::string_view what) {
    std::string where = path.ToString();
    return Status::InvalidArgument("avro encode" + (where.empty() ? std::string() : " at " + where) + ": " +
                                   std::string(what));
}

Status Encode(const Node& node, const Datum& datum, BinaryEncoder* e, const Path& path);

Status EncodeUnion(const Node& node, const Datum& datum, BinaryEncoder* e, const Path& path) {
    int branch = datum.branch();
    if (branch >= static_cast<int>(node.branches.size())) {
        return Invalid(path, "union branch " + std::to_string(branch) + " out of range");
    }
    if (branch < 0 || !Fits(datum.type(), node.branches[branch]->type)) {
        branch = node.BranchIndex(datum.type());
        for (size_t i = 0; branch < 0 && i < node.branches.size(); ++i) {
            if (Fits(datum.type(), node.branches[i]->type)) branch = static_cast<int>(i);
        }
    }
    if (branch < 0) return Invalid(path, "no union branch for a " + std::string(TypeName(datum.type())) + " value");
    e->WriteLong(branch);
    return Encode(*node.branches[branch], datum, e, path);
}

Status Encode(const Node& node, const Datum& datum, BinaryEncoder* e, const Path& path) {
    if (node.type == Type::kUnion) return EncodeUnion(node, datum, e, path);
    if (!Fits(datum.type(), node.type)) {
        return Invalid(path, "a " + std::string(TypeName(datum.type())) + " value does not fit type " +
                                 std::string(TypeName(node.type)));
    }
    switch (node.type) {
        case Type::kNull:
            return Status::OK();
        case Type::kBoolean:
            e->WriteBoolean(datum.bool_value());
            return Status::OK();
        case Type::kInt:
            e->WriteInt(datum.int_value());
            return Status::OK();
        case Type::kLong:
            e->WriteLong(datum.long_value());
            return Status::OK();
        case Type::kFloat:
            e->WriteFloat(datum.float_value());
            return Status::OK();
        case Type::kDouble:
            e->WriteDouble(datum.double_value());
            return Status::OK();
        case Type::kBytes:
        case Type::kString:
            e->WriteBytes(datum.bytes());
            return Status::OK();
        case Type::kFixed:
            if (static_cast<int64_t>(datum.bytes().size()) != node.fixed_size) {
                return Invalid(path, "fixed value of " + std::to_string(datum.bytes().size()) + " bytes, not " +
                                         std::to_string(node.fixed_size));
            }
            e->WriteFixed(datum.bytes());
            return Status::OK();
        case Type::kEnum:
            if (datum.enum_index() < 0 || static_cast<size_t>(datum.enum_index()) >= node.symbols.size()) {
                return Invalid(path, "enum index " + std::to_string(datum.enum_index()) + " out of range");
            }
            e->WriteInt(datum.enum_index());
            return Status::OK();
        case Type::kRecord: {
            const auto& fields = datum.items();
            if (fields.size() != node.fields.size()) {
                return Invalid(path, "record '" + node.name + "' has " + std::to_string(node.fields.size()) +
                                         " fields, the value " + std::to_string(fields.size()));
            }
            for (size_t i = 0; i < fields.size(); ++i) {
                Path field_path{&path, node.fields[i].name};
                FL_RETURN_NOT_OK(Encode(*node.fields[i].type, fields[i], e, field_path));
            }
            return Status::OK();
        }
        case Type::kArray:
        case Type::kMap: {
            const auto& items = datum.items();
            // One block holding everything, then the terminating empty block.
            if (!items.empty()) e->WriteLong(static_cast<int64_t>(items.size()));
            for (size_t i = 0; i < items.size(); ++i) {
                if (node.type == Type::kMap) e->WriteBytes(datum.map_keys()[i]);
                Path item_path{&path, {}, static_cast<int64_t>(i)};
                FL_RETURN_NOT_OK(Encode(*node.items, items[i], e, item_path));
            }
            e->WriteLong(0);
            return Status::OK();
        }
        case Type::kUnion:
            break;  // handled above
    }
    return Status::Internal("unknown avro type");
}

}  // namespace

Status EncodeDatum(const Node& node, const Datum& datum, BinaryEncoder* encoder) {
    std::string* out = encoder->output();
    size_t mark = out->size();
    Path root{nullptr, node.name};
    Status status = Encode(node, datum, encoder, root);
    if (!status.ok()) out->resize(mark);  // leave no partial value behind
    return status;
}

}  // namespace flashlake::format::avro
