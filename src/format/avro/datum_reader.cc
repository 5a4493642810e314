#include "format/avro/datum_reader.h"

#include <algorithm>

#include "format/avro/default_value.h"

namespace flashlake::format::avro {

namespace {

// What one step of a plan does. The As-ops are the promotions of schema resolution.
enum class Op : uint8_t {
    kNull,
    kBoolean,
    kInt,
    kLong,
    kFloat,
    kDouble,
    kBytes,
    kString,
    kFixed,
    kEnum,
    kRecord,
    kArray,
    kMap,
    kWriterUnion,
    kError,
    kIntAsLong,
    kIntAsFloat,
    kIntAsDouble,
    kLongAsFloat,
    kLongAsDouble,
    kFloatAsDouble,
    kStringAsBytes,
    kBytesAsString,
};

struct Step;

struct FieldRead {
    int32_t reader_index;  // -1: the reader does not want this writer field, skip it
    const Node* writer_type;
    const Step* step;  // null when skipped
};

struct Step {
    Op op = Op::kNull;
    int32_t reader_branch = -1;  // the reader union branch the value lands in, or -1
    const Node* writer = nullptr;
    // kRecord
    std::vector<FieldRead> fields;
    std::vector<std::pair<int32_t, Datum>> defaults;  // reader fields the writer lacks
    size_t reader_field_count = 0;
    // kEnum: writer symbol index -> reader symbol index, or -1
    std::vector<int32_t> symbol_map;
    int32_t enum_default = -1;
    // kArray, kMap
    const Step* items = nullptr;
    size_t item_min_size = 0;
    // kFixed
    size_t fixed_size = 0;
    // kWriterUnion: one step per writer branch
    std::vector<const Step*> branches;
    // kError
    std::string error;
};

Status ResolutionError(const std::string& path, std::string_view what) {
    return Status::InvalidArgument("avro schema resolution" + (path.empty() ? std::string() : " at " + path) + ": " +
                                   std::string(what));
}

std::string Describe(const Node& node) {
    std::string out(TypeName(node.type));
    if (IsNamedType(node.type)) out += " '" + node.name + "'";
    return out;
}

std::optional<Op> Promotion(Type writer, Type reader) {
    if (writer == reader) return std::nullopt;
    switch (writer) {
        case Type::kInt:
            if (reader == Type::kLong) return Op::kIntAsLong;
            if (reader == Type::kFloat) return Op::kIntAsFloat;
            if (reader == Type::kDouble) return Op::kIntAsDouble;
            return std::nullopt;
        case Type::kLong:
            if (reader == Type::kFloat) return Op::kLongAsFloat;
            if (reader == Type::kDouble) return Op::kLongAsDouble;
            return std::nullopt;
        case Type::kFloat:
            return reader == Type::kDouble ? std::optional(Op::kFloatAsDouble) : std::nullopt;
        case Type::kString:
            return reader == Type::kBytes ? std::optional(Op::kStringAsBytes) : std::nullopt;
        case Type::kBytes:
            return reader == Type::kString ? std::optional(Op::kBytesAsString) : std::nullopt;
        default:
            return std::nullopt;
    }
}

// The reader union branch a writer (non-union) type goes to: an exact match (same type, and the
// same name for named types) first, then a named type of the same kind, then a promotion.
int ChooseBranch(const Node& writer, const Node& reader_union) {
    const auto& branches = reader_union.branches;
    for (size_t i = 0; i < branches.size(); ++i) {
        const Node& b = *branches[i];
        if (b.type == writer.type && (!IsNamedType(b.type) || b.short_name() == writer.short_name())) return int(i);
    }
    for (size_t i = 0; i < branches.size(); ++i) {
        if (IsNamedType(writer.type) && branches[i]->type == writer.type) return int(i);
    }
    for (size_t i = 0; i < branches.size(); ++i) {
        if (Promotion(writer.type, branches[i]->type)) return int(i);
    }
    return -1;
}

}  // namespace

struct DatumReader::Plan {
    std::vector<std::unique_ptr<Step>> steps;
    const Step* root = nullptr;
    size_t root_min_size = 0;
    // The schemas the plan points into.
    NodePtr writer;
    NodePtr reader;
};

namespace {

class Compiler {
public:
    explicit Compiler(DatumReader::Plan* plan) : plan_(plan) {}

    Result<Step*> Resolve(const Node& w, const Node& r, const std::string& path) {
        if (w.type == Type::kUnion) {
            Step* step = NewStep(Op::kWriterUnion, w);
            for (size_t i = 0; i < w.branches.size(); ++i) {
                auto branch = Resolve(*w.branches[i], r, path + "<" + std::to_string(i) + ">");
                if (branch.ok()) {
                    step->branches.push_back(*branch);
                } else {
                    // Fails only if a value takes this branch.
                    Step* error = NewStep(Op::kError, *w.branches[i]);
                    error->error = branch.status().message();
                    step->branches.push_back(error);
                }
            }
            return step;
        }
        if (r.type == Type::kUnion) {
            int branch = ChooseBranch(w, r);
            if (branch < 0)
                return ResolutionError(path, "writer type " + Describe(w) + " matches no reader union branch");
            FL_ASSIGN_OR_RETURN(Step * step, Resolve(w, *r.branches[branch], path));
            step->reader_branch = branch;
            return step;
        }
        if (std::optional<Op> promotion = Promotion(w.type, r.type)) return NewStep(*promotion, w);
        if (w.type != r.type) {
            return ResolutionError(path, "writer type " + Describe(w) + " cannot be read as " + Describe(r));
        }
        switch (w.type) {
            case Type::kNull:
                return NewStep(Op::kNull, w);
            case Type::kBoolean:
                return NewStep(Op::kBoolean, w);
            case Type::kInt:
                return NewStep(Op::kInt, w);
            case Type::kLong:
                return NewStep(Op::kLong, w);
            case Type::kFloat:
                return NewStep(Op::kFloat, w);
            case Type::kDouble:
                return NewStep(Op::kDouble, w);
            case Type::kBytes:
                return NewStep(Op::kBytes, w);
            case Type::kString:
                return NewStep(Op::kString, w);
            case Type::kFixed: {
                if (w.fixed_size != r.fixed_size) {
                    return ResolutionError(path, "fixed sizes differ: writer " + std::to_string(w.fixed_size) +
                                                     ", reader " + std::to_string(r.fixed_size));
                }
                Step* step = NewStep(Op::kFixed, w);
                step->fixed_size = static_cast<size_t>(w.fixed_size);
                return step;
            }
            case Type::kEnum:
                return ResolveEnum(w, r);
            case Type::kRecord:
                return ResolveRecord(w, r, path);
            case Type::kArray:
            case Type::kMap: {
                Step* step = NewStep(w.type == Type::kArray ? Op::kArray : Op::kMap, w);
                FL_ASSIGN_OR_RETURN(step->items,
                                    Resolve(*w.items, *r.items, path + (w.type == Type::kArray ? "[]" : "{}")));
                step->item_min_size = MinEncodedSize(*w.items) + (w.type == Type::kMap ? 1 : 0);
                return step;
            }
            default:
                return ResolutionError(path, "unexpected type " + Describe(w));
        }
    }

private:
    Step* NewStep(Op op, const Node& writer) {
        plan_->steps.push_back(std::make_unique<Step>());
        Step* step = plan_->steps.back().get();
        step->op = op;
        step->writer = &writer;
        return step;
    }

    Step* ResolveEnum(const Node& w, const Node& r) {
        Step* step = NewStep(Op::kEnum, w);
        for (const std::string& symbol : w.symbols) {
            auto it = std::find(r.symbols.begin(), r.symbols.end(), symbol);
            step->symbol_map.push_back(it == r.symbols.end() ? -1 : int32_t(it - r.symbols.begin()));
        }
        if (r.enum_default) {
            auto it = std::find(r.symbols.begin(), r.symbols.end(), *r.enum_default);
            if (it != r.symbols.end()) step->enum_default = int32_t(it - r.symbols.begin());
        }
        return step;
    }

    static int FindReaderField(const Node& r, const std::string& writer_name) {
        int index = r.FieldIndex(writer_name);
        if (index >= 0) return index;
        for (size_t i = 0; i < r.fields.size(); ++i) {
            const auto& aliases = r.fields[i].aliases;
            if (std::find(aliases.begin(), aliases.end(), writer_name) != aliases.end()) return int(i);
        }
        return -1;
    }

    Result<Step*> ResolveRecord(const Node& w, const Node& r, const std::string& path) {
        Step* step = NewStep(Op::kRecord, w);
        step->reader_field_count = r.fields.size();
        std::string record_path = path.empty() ? r.name : path;
        std::vector<bool> matched(r.fields.size(), false);
        for (const Field& wf : w.fields) {
            int index = FindReaderField(r, wf.name);
            if (index < 0 || matched[index]) {
                step->fields.push_back({-1, wf.type.get(), nullptr});
                continue;
            }
            matched[index] = true;
            const Field& rf = r.fields[index];
            FL_ASSIGN_OR_RETURN(Step * child, Resolve(*wf.type, *rf.type, record_path + "." + rf.name));
            step->fields.push_back({index, wf.type.get(), child});
        }
        for (size_t i = 0; i < r.fields.size(); ++i) {
            if (matched[i]) continue;
            const Field& rf = r.fields[i];
            std::string field_path = record_path + "." + rf.name;
            if (rf.default_value) {
                auto value = DefaultDatum(*rf.type, *rf.default_value);
                if (!value.ok()) return ResolutionError(field_path, "bad default: " + value.status().message());
                step->defaults.emplace_back(int32_t(i), std::move(value).value());
            } else if (rf.type->type == Type::kUnion && rf.type->BranchIndex(Type::kNull) >= 0) {
                step->defaults.emplace_back(int32_t(i), Datum::Null().WithBranch(rf.type->BranchIndex(Type::kNull)));
            } else {
                return ResolutionError(field_path, "the writer has no such field and the reader gives no default");
            }
        }
        return step;
    }

    DatumReader::Plan* plan_;
};

Status CheckCount(BinaryDecoder* d, int64_t count, size_t min_size, int64_t items_so_far, const char* what) {
    if (min_size > 0) {
        if (static_cast<uint64_t>(count) > d->remaining() / min_size) {
            return d->Error(std::string(what) + " block of " + std::to_string(count) + " items exceeds the " +
                            std::to_string(d->remaining()) + " bytes remaining");
        }
    } else if (count > kMaxZeroSizeItems - items_so_far) {
        return d->Error(std::string(what) + " has more than " + std::to_string(kMaxZeroSizeItems) + " zero-size items");
    }
    return Status::OK();
}

// Reads an array or map block header: the item count (0 ends the value) and, for a negative
// count, the block's byte size, which is checked and otherwise ignored.
Status ReadBlockCount(BinaryDecoder* d, int64_t* count, const char* what) {
    uint64_t at = d->offset();
    FL_RETURN_NOT_OK(d->ReadLong(count));
    if (*count < 0) {
        if (*count == INT64_MIN) return d->ErrorAt(at, std::string(what) + " block count overflows");
        *count = -*count;
        int64_t bytes;
        FL_RETURN_NOT_OK(d->ReadLong(&bytes));
        if (bytes < 0 || static_cast<uint64_t>(bytes) > d->remaining()) {
            return d->ErrorAt(at, std::string(what) + " block byte size " + std::to_string(bytes) + " is invalid");
        }
    }
    return Status::OK();
}

Status ReadStep(const Step& step, BinaryDecoder* d, Datum* out);

Status ReadRecord(const Step& step, BinaryDecoder* d, Datum* out) {
    std::vector<Datum>* fields = out->SetItemsType(Type::kRecord);
    fields->resize(step.reader_field_count);
    for (const FieldRead& field : step.fields) {
        if (field.reader_index >= 0) {
            FL_RETURN_NOT_OK(ReadStep(*field.step, d, &(*fields)[field.reader_index]));
        } else {
            FL_RETURN_NOT_OK(SkipValue(*field.writer_type, d));
        }
    }
    for (const auto& [index, value] : step.defaults) (*fields)[index] = value;
    return Status::OK();
}

Status ReadCollection(const Step& step, BinaryDecoder* d, Datum* out) {
    bool is_map = step.op == Op::kMap;
    const char* what = is_map ? "map" : "array";
    std::vector<Datum>* items = out->SetItemsType(is_map ? Type::kMap : Type::kArray);
    std::vector<std::string>* keys = is_map ? &out->mutable_map_keys() : nullptr;
    // Items are decoded into the Datum's existing elements first (reusing their storage), and
    // the vectors grow only as items are actually decoded, never by a count read from the input.
    size_t used = 0;
    Status status;
    while (status.ok()) {
        int64_t count;
        status = ReadBlockCount(d, &count, what);
        if (!status.ok() || count == 0) break;
        status = CheckCount(d, count, step.item_min_size, static_cast<int64_t>(used), what);
        for (int64_t i = 0; status.ok() && i < count; ++i, ++used) {
            if (used == items->size()) {
                items->emplace_back();
                if (keys) keys->emplace_back();
            }
            if (keys) status = d->ReadBytes(&(*keys)[used], "map key");
            if (status.ok()) status = ReadStep(*step.items, d, &(*items)[used]);
        }
    }
    items->resize(used);
    if (keys) keys->resize(used);
    return status;
}

Status ReadStep(const Step& step, BinaryDecoder* d, Datum* out) {
    switch (step.op) {
        case Op::kNull:
            out->ResetNull();
            break;
        case Op::kBoolean: {
            bool value;
            FL_RETURN_NOT_OK(d->ReadBoolean(&value));
            out->SetBoolean(value);
            break;
        }
        case Op::kInt:
        case Op::kIntAsLong:
        case Op::kIntAsFloat:
        case Op::kIntAsDouble: {
            int32_t value;
            FL_RETURN_NOT_OK(d->ReadInt(&value));
            if (step.op == Op::kInt)
                out->SetInt(value);
            else if (step.op == Op::kIntAsLong)
                out->SetLong(value);
            else if (step.op == Op::kIntAsFloat)
                out->SetFloat(static_cast<float>(value));
            else
                out->SetDouble(value);
            break;
        }
        case Op::kLong:
        case Op::kLongAsFloat:
        case Op::kLongAsDouble: {
            int64_t value;
            FL_RETURN_NOT_OK(d->ReadLong(&value));
            if (step.op == Op::kLong)
                out->SetLong(value);
            else if (step.op == Op::kLongAsFloat)
                out->SetFloat(static_cast<float>(value));
            else
                out->SetDouble(static_cast<double>(value));
            break;
        }
        case Op::kFloat:
        case Op::kFloatAsDouble: {
            float value;
            FL_RETURN_NOT_OK(d->ReadFloat(&value));
            if (step.op == Op::kFloat)
                out->SetFloat(value);
            else
                out->SetDouble(value);
            break;
        }
        case Op::kDouble: {
            double value;
            FL_RETURN_NOT_OK(d->ReadDouble(&value));
            out->SetDouble(value);
            break;
        }
        case Op::kBytes:
        case Op::kStringAsBytes:
            FL_RETURN_NOT_OK(d->ReadBytes(out->SetBytesType(Type::kBytes), "bytes"));
            break;
        case Op::kString:
        case Op::kBytesAsString:
            FL_RETURN_NOT_OK(d->ReadBytes(out->SetBytesType(Type::kString), "string"));
            break;
        case Op::kFixed: {
            std::string_view bytes;
            FL_RETURN_NOT_OK(d->ReadFixedView(step.fixed_size, &bytes));
            out->SetBytesType(Type::kFixed)->assign(bytes);
            break;
        }
        case Op::kEnum: {
            uint64_t at = d->offset();
            int32_t index;
            FL_RETURN_NOT_OK(d->ReadInt(&index));
            if (index < 0 || static_cast<size_t>(index) >= step.symbol_map.size()) {
                return d->ErrorAt(at, "enum index " + std::to_string(index) + " out of range for " +
                                          std::to_string(step.symbol_map.size()) + " symbols");
            }
            int32_t mapped = step.symbol_map[index] >= 0 ? step.symbol_map[index] : step.enum_default;
            if (mapped < 0) {
                return Status::InvalidArgument("avro schema resolution: enum symbol '" + step.writer->symbols[index] +
                                               "' is unknown to the reader");
            }
            out->SetEnum(mapped);
            break;
        }
        case Op::kRecord:
            FL_RETURN_NOT_OK(ReadRecord(step, d, out));
            break;
        case Op::kArray:
        case Op::kMap:
            FL_RETURN_NOT_OK(ReadCollection(step, d, out));
            break;
        case Op::kWriterUnion: {
            uint64_t at = d->offset();
            int64_t index;
            FL_RETURN_NOT_OK(d->ReadLong(&index));
            if (index < 0 || static_cast<uint64_t>(index) >= step.branches.size()) {
                return d->ErrorAt(at, "union branch " + std::to_string(index) + " out of range for " +
                                          std::to_string(step.branches.size()) + " branches");
            }
            return ReadStep(*step.branches[index], d, out);  // the branch step sets the reader branch
        }
        case Op::kError:
            return Status::InvalidArgument(step.error);
    }
    out->set_branch(step.reader_branch);
    return Status::OK();
}

}  // namespace

size_t MinEncodedSize(const Node& node) {
    switch (node.type) {
        case Type::kNull:
            return 0;
        case Type::kFloat:
            return 4;
        case Type::kDouble:
            return 8;
        case Type::kFixed:
            return static_cast<size_t>(node.fixed_size);
        case Type::kRecord: {
            size_t total = 0;
            for (const Field& field : node.fields) total += MinEncodedSize(*field.type);
            return total;
        }
        default:
            return 1;  // boolean, varints, length prefixes, block counts, union indexes
    }
}

Status SkipValue(const Node& node, BinaryDecoder* d) {
    switch (node.type) {
        case Type::kNull:
            return Status::OK();
        case Type::kBoolean: {
            bool ignored;
            return d->ReadBoolean(&ignored);
        }
        case Type::kInt:
        case Type::kLong:
        case Type::kEnum: {
            int64_t ignored;
            return d->ReadLong(&ignored);
        }
        case Type::kFloat:
            return d->Skip(4, "float");
        case Type::kDouble:
            return d->Skip(8, "double");
        case Type::kBytes:
        case Type::kString: {
            std::string_view ignored;
            return d->ReadBytesView(&ignored, TypeName(node.type).data());
        }
        case Type::kFixed:
            return d->Skip(static_cast<size_t>(node.fixed_size), "fixed");
        case Type::kRecord:
            for (const Field& field : node.fields) FL_RETURN_NOT_OK(SkipValue(*field.type, d));
            return Status::OK();
        case Type::kArray:
        case Type::kMap: {
            bool is_map = node.type == Type::kMap;
            const char* what = is_map ? "map" : "array";
            size_t min_size = MinEncodedSize(*node.items) + (is_map ? 1 : 0);
            int64_t seen = 0;
            while (true) {
                uint64_t at = d->offset();
                int64_t count;
                FL_RETURN_NOT_OK(d->ReadLong(&count));
                if (count == 0) return Status::OK();
                if (count < 0) {
                    // A block with a byte size: skip it whole.
                    if (count == INT64_MIN) return d->ErrorAt(at, std::string(what) + " block count overflows");
                    int64_t bytes;
                    FL_RETURN_NOT_OK(d->ReadLong(&bytes));
                    if (bytes < 0) return d->ErrorAt(at, std::string(what) + " block byte size is negative");
                    FL_RETURN_NOT_OK(d->Skip(static_cast<size_t>(std::min<uint64_t>(bytes, SIZE_MAX)), what));
                    continue;
                }
                FL_RETURN_NOT_OK(CheckCount(d, count, min_size, seen, what));
                seen += count;
                for (int64_t i = 0; i < count; ++i) {
                    if (is_map) {
                        std::string_view key;
                        FL_RETURN_NOT_OK(d->ReadBytesView(&key, "map key"));
                    }
                    FL_RETURN_NOT_OK(SkipValue(*node.items, d));
                }
            }
        }
        case Type::kUnion: {
            uint64_t at = d->offset();
            int64_t index;
            FL_RETURN_NOT_OK(d->ReadLong(&index));
            if (index < 0 || static_cast<uint64_t>(index) >= node.branches.size()) {
                return d->ErrorAt(at, "union branch " + std::to_string(index) + " out of range for " +
                                          std::to_string(node.branches.size()) + " branches");
            }
            return SkipValue(*node.branches[index], d);
        }
    }
    return Status::Internal("unknown avro type");
}

Result<DatumReader> DatumReader::Make(const Schema& writer) {
    return Make(writer, writer);
}

Result<DatumReader> DatumReader::Make(const Schema& writer, const Schema& reader) {
    auto plan = std::make_shared<Plan>();
    plan->writer = writer.root_ptr();
    plan->reader = reader.root_ptr();
    FL_ASSIGN_OR_RETURN(Step * root, Compiler(plan.get()).Resolve(writer.root(), reader.root(), ""));
    plan->root = root;
    plan->root_min_size = MinEncodedSize(writer.root());
    return DatumReader(std::move(plan));
}

Status DatumReader::Read(BinaryDecoder* decoder, Datum* out) const {
    return ReadStep(*plan_->root, decoder, out);
}

size_t DatumReader::min_value_size() const {
    return plan_->root_min_size;
}

}  // namespace flashlake::format::avro
