#include "lake/binary_row_converter.h"

#include <limits>

#include "lake/binary_row_writer.h"
#include "types/decimal.h"

namespace flashlake::lake {

namespace {

Status FieldError(size_t pos, const DataType& type, const std::string& what) {
    return Status::InvalidArgument("BinaryRow field " + std::to_string(pos) + " (" + type.ToString() + "): " + what);
}

// An integer field's value, range-checked against [min, max].
Result<int64_t> IntegerOf(size_t pos, const DataType& type, const Value& value, int64_t min, int64_t max) {
    if (!value.type().IsInteger() || value.type().id() == TypeId::kLargeInt) {
        return FieldError(pos, type, "expected an integer, got " + value.type().ToString());
    }
    int64_t v = value.GetInt64();
    if (v < min || v > max) return FieldError(pos, type, "value " + std::to_string(v) + " out of range");
    return v;
}

Status ExpectType(size_t pos, const DataType& type, const Value& value, TypeId expected) {
    if (value.type().id() != expected) {
        return FieldError(pos, type,
                          "expected a " + LogicalType(expected).ToString() + " value, got " + value.type().ToString());
    }
    return Status::OK();
}

Status WriteNull(BinaryRowWriter* writer, int32_t pos, const DataType& type) {
    if (type.root() == TypeRoot::kDecimal) {
        writer->SetNullDecimal(pos, type.precision());
    } else if (type.IsTimestamp()) {
        writer->SetNullTimestamp(pos, type.precision());
    } else {
        writer->SetNullAt(pos);
    }
    return Status::OK();
}

template <typename T>
Status WriteIntegral(BinaryRowWriter* writer, int32_t pos, const DataType& type, const Value& value,
                     void (BinaryRowWriter::*write)(int32_t, T)) {
    FL_ASSIGN_OR_RETURN(int64_t v,
                        IntegerOf(pos, type, value, std::numeric_limits<T>::min(), std::numeric_limits<T>::max()));
    (writer->*write)(pos, static_cast<T>(v));
    return Status::OK();
}

Status WriteValue(BinaryRowWriter* writer, int32_t pos, const DataType& type, const Value& value) {
    if (value.is_null()) return WriteNull(writer, pos, type);
    switch (type.root()) {
        case TypeRoot::kBoolean:
            FL_RETURN_NOT_OK(ExpectType(pos, type, value, TypeId::kBoolean));
            writer->WriteBoolean(pos, value.GetBool());
            return Status::OK();
        case TypeRoot::kTinyInt:
            return WriteIntegral<int8_t>(writer, pos, type, value, &BinaryRowWriter::WriteTinyInt);
        case TypeRoot::kSmallInt:
            return WriteIntegral<int16_t>(writer, pos, type, value, &BinaryRowWriter::WriteSmallInt);
        case TypeRoot::kInt:
        case TypeRoot::kTime:
            return WriteIntegral<int32_t>(writer, pos, type, value, &BinaryRowWriter::WriteInt);
        case TypeRoot::kBigInt:
            return WriteIntegral<int64_t>(writer, pos, type, value, &BinaryRowWriter::WriteLong);
        case TypeRoot::kDate:
            FL_RETURN_NOT_OK(ExpectType(pos, type, value, TypeId::kDate));
            writer->WriteInt(pos, static_cast<int32_t>(value.GetInt64()));
            return Status::OK();
        case TypeRoot::kFloat:
            FL_RETURN_NOT_OK(ExpectType(pos, type, value, TypeId::kFloat));
            writer->WriteFloat(pos, value.GetFloat());
            return Status::OK();
        case TypeRoot::kDouble:
            FL_RETURN_NOT_OK(ExpectType(pos, type, value, TypeId::kDouble));
            writer->WriteDouble(pos, value.GetDouble());
            return Status::OK();
        case TypeRoot::kDecimal: {
            int128_t unscaled;
            if (value.type().id() == TypeId::kDecimal) {
                auto rescaled =
                    decimal::Rescale(value.GetInt128(), value.type().scale(), type.scale(), type.precision());
                if (!rescaled.ok()) return FieldError(pos, type, rescaled.status().message());
                unscaled = *rescaled;
            } else if (value.type().IsInteger()) {
                auto rescaled = decimal::Rescale(value.GetInt128(), 0, type.scale(), type.precision());
                if (!rescaled.ok()) return FieldError(pos, type, rescaled.status().message());
                unscaled = *rescaled;
            } else {
                return FieldError(pos, type, "expected a decimal, got " + value.type().ToString());
            }
            writer->WriteDecimal(pos, unscaled, type.precision());
            return Status::OK();
        }
        case TypeRoot::kChar:
        case TypeRoot::kVarchar:
            FL_RETURN_NOT_OK(ExpectType(pos, type, value, TypeId::kVarchar));
            writer->WriteBytes(pos, value.GetString());
            return Status::OK();
        case TypeRoot::kBinary:
        case TypeRoot::kVarbinary:
        case TypeRoot::kBlob:
            if (!value.type().IsBinaryBacked()) {
                return FieldError(pos, type, "expected a binary value, got " + value.type().ToString());
            }
            writer->WriteBytes(pos, value.GetString());
            return Status::OK();
        case TypeRoot::kTimestamp:
        case TypeRoot::kTimestampLtz:
            FL_RETURN_NOT_OK(ExpectType(pos, type, value, TypeId::kDateTime));
            writer->WriteTimestamp(pos, PaimonTimestamp::FromMicros(value.GetInt64()), type.precision());
            return Status::OK();
        default:
            return Status::NotSupported("BinaryRow field " + std::to_string(pos) + ": values of " + type.ToString() +
                                        " are not supported yet");
    }
}

Result<Value> ReadValue(const BinaryRow& row, int32_t pos, const DataType& type) {
    if (row.IsNullAt(pos)) {
        auto logical = type.ToLogicalType();
        return logical.ok() ? Value::Null(*logical) : Value();
    }
    switch (type.root()) {
        case TypeRoot::kBoolean:
            return Value::Boolean(row.GetBoolean(pos));
        case TypeRoot::kTinyInt:
            return Value::TinyInt(row.GetTinyInt(pos));
        case TypeRoot::kSmallInt:
            return Value::SmallInt(row.GetSmallInt(pos));
        case TypeRoot::kInt:
        case TypeRoot::kTime:
            return Value::Int(row.GetInt(pos));
        case TypeRoot::kBigInt:
            return Value::BigInt(row.GetLong(pos));
        case TypeRoot::kFloat:
            return Value::Float(row.GetFloat(pos));
        case TypeRoot::kDouble:
            return Value::Double(row.GetDouble(pos));
        case TypeRoot::kDate:
            return Value::Date(row.GetInt(pos));
        case TypeRoot::kDecimal: {
            FL_ASSIGN_OR_RETURN(int128_t unscaled, row.GetDecimal(pos, type.precision()));
            return Value::Decimal(unscaled, type.precision(), type.scale());
        }
        case TypeRoot::kChar:
        case TypeRoot::kVarchar: {
            FL_ASSIGN_OR_RETURN(std::string_view bytes, row.GetBytes(pos));
            return Value::Varchar(std::string(bytes));
        }
        case TypeRoot::kBinary:
        case TypeRoot::kVarbinary:
        case TypeRoot::kBlob: {
            FL_ASSIGN_OR_RETURN(std::string_view bytes, row.GetBytes(pos));
            return Value::Binary(LogicalType::Varbinary(), std::string(bytes));
        }
        case TypeRoot::kTimestamp:
        case TypeRoot::kTimestampLtz: {
            FL_ASSIGN_OR_RETURN(PaimonTimestamp ts, row.GetTimestamp(pos, type.precision()));
            return Value::DateTime(ts.ToMicros());
        }
        default:
            return Status::NotSupported("BinaryRow field " + std::to_string(pos) + ": values of " + type.ToString() +
                                        " are not supported yet");
    }
}

Result<std::vector<DataType>> MapTypes(const std::vector<LogicalType>& types) {
    std::vector<DataType> mapped;
    mapped.reserve(types.size());
    for (const LogicalType& type : types) {
        FL_ASSIGN_OR_RETURN(DataType data_type, DataType::FromLogicalType(type));
        mapped.push_back(std::move(data_type));
    }
    return mapped;
}

}  // namespace

Result<BinaryRow> EncodeBinaryRow(const std::vector<Value>& values, const std::vector<DataType>& types) {
    if (values.size() != types.size()) {
        return Status::InvalidArgument("BinaryRow: " + std::to_string(values.size()) + " values for " +
                                       std::to_string(types.size()) + " fields");
    }
    BinaryRowWriter writer(static_cast<int32_t>(types.size()));
    for (size_t i = 0; i < types.size(); ++i) {
        FL_RETURN_NOT_OK(WriteValue(&writer, static_cast<int32_t>(i), types[i], values[i]));
    }
    return writer.Finish();
}

Result<std::vector<Value>> DecodeBinaryRow(const BinaryRow& row, const std::vector<DataType>& types) {
    if (static_cast<size_t>(row.arity()) != types.size()) {
        return Status::Corruption("BinaryRow of arity " + std::to_string(row.arity()) + " read as " +
                                  std::to_string(types.size()) + " fields");
    }
    std::vector<Value> values;
    values.reserve(types.size());
    for (size_t i = 0; i < types.size(); ++i) {
        FL_ASSIGN_OR_RETURN(Value value, ReadValue(row, static_cast<int32_t>(i), types[i]));
        values.push_back(std::move(value));
    }
    return values;
}

Result<BinaryRow> EncodeBinaryRow(const std::vector<Value>& values, const std::vector<LogicalType>& types) {
    FL_ASSIGN_OR_RETURN(std::vector<DataType> mapped, MapTypes(types));
    return EncodeBinaryRow(values, mapped);
}

Result<std::vector<Value>> DecodeBinaryRow(const BinaryRow& row, const std::vector<LogicalType>& types) {
    FL_ASSIGN_OR_RETURN(std::vector<DataType> mapped, MapTypes(types));
    return DecodeBinaryRow(row, mapped);
}

}  // namespace flashlake::lake
