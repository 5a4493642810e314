#include "column/column.h"

#include <algorithm>
#include <cstring>

#include "column/physical_dispatch.h"
#include "common/check.h"

namespace flashlake {

namespace {

Value ValueFromRaw(const LogicalType& type, const char* raw) {
    switch (type.physical()) {
        case PhysicalType::kBool: {
            uint8_t v;
            std::memcpy(&v, raw, 1);
            return type.id() == TypeId::kNull ? Value::Null(type) : Value::Boolean(v != 0);
        }
        case PhysicalType::kInt8: return Value::TinyInt(*reinterpret_cast<const int8_t*>(raw));
        case PhysicalType::kInt16: return Value::SmallInt(*reinterpret_cast<const int16_t*>(raw));
        case PhysicalType::kInt32: {
            int32_t v = *reinterpret_cast<const int32_t*>(raw);
            return type.id() == TypeId::kDate ? Value::Date(v) : Value::Int(v);
        }
        case PhysicalType::kInt64: {
            int64_t v = *reinterpret_cast<const int64_t*>(raw);
            if (type.id() == TypeId::kDateTime) return Value::DateTime(v);
            if (type.id() == TypeId::kDecimal) return Value::Decimal(v, type.precision(), type.scale());
            return Value::BigInt(v);
        }
        case PhysicalType::kInt128: {
            int128_t v;
            std::memcpy(&v, raw, sizeof(v));
            if (type.id() == TypeId::kDecimal) return Value::Decimal(v, type.precision(), type.scale());
            return Value::LargeInt(v);
        }
        case PhysicalType::kFloat: return Value::Float(*reinterpret_cast<const float*>(raw));
        case PhysicalType::kDouble: return Value::Double(*reinterpret_cast<const double*>(raw));
        case PhysicalType::kString: {
            const auto* view = reinterpret_cast<const StringView*>(raw);
            if (type.id() == TypeId::kVarchar) return Value::Varchar(view->str());
            return Value::Binary(type, view->str());
        }
        case PhysicalType::kList: break;
    }
    FL_CHECK(false, "GetValue of unsupported type ", type.ToString());
    return Value();
}

}  // namespace

Column::Column(LogicalType type, ColumnEncoding encoding, size_t size)
    : type_(std::move(type)), encoding_(encoding), size_(size), value_size_(PhysicalTypeSize(type_.physical())) {}

Column::~Column() {
    if (!data_owner_) std::free(data_);
}

void Column::Reserve(size_t capacity) {
    if (capacity <= capacity_) return;
    FL_CHECK(!data_owner_, "a column over a shared block cannot grow");
    size_t new_capacity = std::max(capacity, capacity_ * 2);
    size_t bytes = (new_capacity * value_size_ + 63) / 64 * 64;
    char* fresh = static_cast<char*>(std::aligned_alloc(64, std::max<size_t>(bytes, 64)));
    FL_CHECK(fresh != nullptr, "out of memory allocating ", bytes, " bytes for a column");
    if (data_ != nullptr) std::memcpy(fresh, data_, capacity_ * value_size_);
    std::memset(fresh + capacity_ * value_size_, 0, bytes - capacity_ * value_size_);
    std::free(data_);
    data_ = fresh;
    capacity_ = bytes / value_size_;
}

ColumnPtr Column::MakeFlat(LogicalType type, size_t size) {
    FL_CHECK(type.physical() != PhysicalType::kList, "ARRAY columns are not implemented yet");
    ColumnPtr column(new Column(std::move(type), ColumnEncoding::kFlat, size));
    column->Reserve(std::max<size_t>(size, 1));
    return column;
}

ColumnPtr Column::MakeFlatOver(LogicalType type, size_t size, char* data, std::shared_ptr<void> owner) {
    FL_CHECK(type.physical() != PhysicalType::kString && type.physical() != PhysicalType::kList,
             "only fixed-width columns can live in a shared block");
    ColumnPtr column(new Column(std::move(type), ColumnEncoding::kFlat, size));
    column->data_ = data;
    column->data_owner_ = std::move(owner);
    column->capacity_ = size;
    return column;
}

ColumnPtr Column::MakeConstant(const Value& value, size_t size) {
    ColumnPtr column(new Column(value.type(), ColumnEncoding::kConstant, 1));
    column->Reserve(1);
    column->SetValue(0, value);
    column->size_ = size;
    return column;
}

ColumnPtr Column::MakeDictionary(ColumnPtr dictionary, std::vector<int32_t> codes) {
    FL_CHECK(dictionary->encoding() == ColumnEncoding::kFlat, "a dictionary must be flat");
    ColumnPtr column(new Column(dictionary->type(), ColumnEncoding::kDictionary, codes.size()));
    column->dictionary_ = std::move(dictionary);
    column->codes_ = std::move(codes);
    return column;
}

ColumnPtr Column::FromValues(LogicalType type, const std::vector<Value>& values) {
    ColumnPtr column = MakeFlat(std::move(type), values.size());
    for (size_t i = 0; i < values.size(); ++i) column->SetValue(i, values[i]);
    return column;
}

size_t Column::PhysicalRow(size_t row) const {
    switch (encoding_) {
        case ColumnEncoding::kFlat: return row;
        case ColumnEncoding::kConstant: return 0;
        case ColumnEncoding::kDictionary: return static_cast<size_t>(codes_[row]);
    }
    return row;
}

bool Column::IsNull(size_t row) const {
    if (encoding_ == ColumnEncoding::kDictionary) return dictionary_->IsNull(PhysicalRow(row));
    return !validity_.IsValid(PhysicalRow(row));
}

Value Column::GetValue(size_t row) const {
    FL_CHECK_LT(row, size_);
    if (encoding_ == ColumnEncoding::kDictionary) return dictionary_->GetValue(PhysicalRow(row));
    size_t physical_row = PhysicalRow(row);
    if (!validity_.IsValid(physical_row)) return Value::Null(type_);
    return ValueFromRaw(type_, data_ + physical_row * value_size_);
}

void Column::SetValue(size_t row, const Value& value) {
    FL_CHECK(encoding_ != ColumnEncoding::kDictionary, "SetValue on a dictionary column");
    FL_CHECK_LT(row, std::max<size_t>(size_, 1));
    if (value.is_null() || type_.id() == TypeId::kNull) {
        validity_.SetInvalid(row, std::max<size_t>(size_, 1));
        return;
    }
    validity_.SetValid(row);
    char* slot = data_ + row * value_size_;
    switch (type_.physical()) {
        case PhysicalType::kBool: *reinterpret_cast<uint8_t*>(slot) = value.GetBool() ? 1 : 0; break;
        case PhysicalType::kInt8: *reinterpret_cast<int8_t*>(slot) = static_cast<int8_t>(value.GetInt64()); break;
        case PhysicalType::kInt16: *reinterpret_cast<int16_t*>(slot) = static_cast<int16_t>(value.GetInt64()); break;
        case PhysicalType::kInt32: *reinterpret_cast<int32_t*>(slot) = static_cast<int32_t>(value.GetInt64()); break;
        case PhysicalType::kInt64:
            *reinterpret_cast<int64_t*>(slot) = static_cast<int64_t>(value.GetInt128());
            break;
        case PhysicalType::kInt128: {
            int128_t v = value.GetInt128();
            std::memcpy(slot, &v, sizeof(v));
            break;
        }
        case PhysicalType::kFloat: *reinterpret_cast<float*>(slot) = value.GetFloat(); break;
        case PhysicalType::kDouble: *reinterpret_cast<double*>(slot) = value.GetDouble(); break;
        case PhysicalType::kString: *reinterpret_cast<StringView*>(slot) = strings_.Add(value.GetString()); break;
        case PhysicalType::kList: FL_CHECK(false, "ARRAY values are not implemented yet");
    }
}

void Column::Resize(size_t size) {
    FL_CHECK(encoding_ == ColumnEncoding::kFlat, "Resize of a non-flat column");
    Reserve(size);
    if (size < size_) std::memset(data_ + size * value_size_, 0, (size_ - size) * value_size_);
    size_ = size;
    validity_.Resize(size);
}

ColumnPtr Column::Flatten(const SelectionVector* selection) const {
    ColumnPtr flat = MakeFlat(type_, 0);
    flat->Append(*this, selection);
    return flat;
}

void Column::Append(const Column& other, const SelectionVector* selection) {
    FL_CHECK(encoding_ == ColumnEncoding::kFlat, "Append to a non-flat column");
    FL_CHECK(other.type_.physical() == type_.physical() || other.type_.id() == TypeId::kNull, "Append of ",
             other.type_.ToString(), " to ", type_.ToString());
    size_t count = selection ? selection->size() : other.size_;
    size_t start = size_;
    Resize(start + count);
    if (other.type_.id() == TypeId::kNull) {
        for (size_t i = 0; i < count; ++i) validity_.SetInvalid(start + i, size_);
        return;
    }
    const Column& source = other.encoding_ == ColumnEncoding::kDictionary ? *other.dictionary_ : other;
    if (type_.physical() == PhysicalType::kString) strings_.AdoptFrom(source.strings_);
    const bool has_nulls = !source.validity_.AllValid();
    // One loop per encoding (and selection or not), so that the common flat gather is a tight
    // loop with no per-row dispatch.
    const uint32_t* selected = selection != nullptr ? selection->data() : nullptr;
    DispatchPhysical(type_.physical(), [&]<typename T>() {
        T* out = MutableData<T>() + start;
        const T* in = source.Data<T>();
        switch (other.encoding_) {
            case ColumnEncoding::kFlat:
                if (selected != nullptr) {
                    for (size_t i = 0; i < count; ++i) out[i] = in[selected[i]];
                } else {
                    std::copy(in, in + count, out);
                }
                break;
            case ColumnEncoding::kConstant: std::fill(out, out + count, in[0]); break;
            case ColumnEncoding::kDictionary: {
                const int32_t* codes = other.codes_.data();
                if (selected != nullptr) {
                    for (size_t i = 0; i < count; ++i) out[i] = in[codes[selected[i]]];
                } else {
                    for (size_t i = 0; i < count; ++i) out[i] = in[codes[i]];
                }
                break;
            }
        }
    });
    if (!has_nulls) return;
    for (size_t i = 0; i < count; ++i) {
        const size_t physical_row = other.PhysicalRow(selected != nullptr ? selected[i] : i);
        if (!source.validity_.IsValid(physical_row)) validity_.SetInvalid(start + i, size_);
    }
}

size_t Column::MemoryUsage() const {
    size_t bytes = capacity_ * value_size_ + strings_.bytes_reserved() + codes_.size() * sizeof(int32_t);
    if (dictionary_) bytes += dictionary_->MemoryUsage();
    return bytes;
}

}  // namespace flashlake
