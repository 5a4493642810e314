#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "functions/scalar_function.h"
#include "functions/vectorized.h"

namespace flashlake::functions {

// Row-at-a-time building blocks for kernels whose work per row is not a simple arithmetic op
// (string functions, parsing, formatting). Arguments are flat or constant columns; when every
// argument is constant the kernel computes one row and returns a constant column.

// By reference: an inline StringView holds its bytes, so a copy's view() would dangle.
inline const StringView& StringAt(const Column& column, size_t row) {
    return column.Data<StringView>()[RowOf(column, row)];
}
template <typename T>
T ValueAt(const Column& column, size_t row) {
    return column.Data<T>()[RowOf(column, row)];
}
inline bool ValidAt(const Column& column, size_t row) {
    return column.validity().IsValid(RowOf(column, row));
}

inline bool AllConstant(const KernelArgs& args) {
    for (const auto& column : args.columns) {
        if (column->encoding() != ColumnEncoding::kConstant) return false;
    }
    return true;
}
inline bool AllValidAt(const KernelArgs& args, size_t row) {
    for (const auto& column : args.columns) {
        if (!ValidAt(*column, row)) return false;
    }
    return true;
}

// Builds a VARCHAR column; produce(row, out) appends the row's bytes to `out` (cleared before
// each row) and returns false for NULL. One scratch string serves every row.
template <typename Producer>
ColumnPtr BuildStrings(const KernelArgs& args, Producer&& produce) {
    size_t rows = AllConstant(args) ? 1 : args.num_rows;
    ColumnPtr result = Column::MakeFlat(LogicalType::Varchar(), rows);
    StringView* out = result->MutableData<StringView>();
    std::string scratch;
    for (size_t i = 0; i < rows; ++i) {
        scratch.clear();
        if (produce(i, scratch))
            out[i] = result->strings().Add(scratch);
        else
            result->SetNull(i);
    }
    return rows == args.num_rows ? result : internal::ToConstant(*result, args.num_rows);
}

// Builds a fixed-width column of `type` (physical type Out); produce(row, out) returns false for NULL.
template <typename Out, typename Producer>
ColumnPtr BuildValues(const KernelArgs& args, const LogicalType& type, Producer&& produce) {
    size_t rows = AllConstant(args) ? 1 : args.num_rows;
    ColumnPtr result = Column::MakeFlat(type, rows);
    Out* out = result->MutableData<Out>();
    for (size_t i = 0; i < rows; ++i) {
        if (!produce(i, out[i])) result->SetNull(i);
    }
    return rows == args.num_rows ? result : internal::ToConstant(*result, args.num_rows);
}

// UTF-8 helpers: positions in SQL string functions count code points, not bytes.
inline int64_t CharLength(std::string_view text) {
    int64_t count = 0;
    for (unsigned char c : text) count += (c & 0xC0) != 0x80;
    return count;
}
// Byte offset of the code point with index `chars` (clamped to the end).
inline size_t ByteOffsetOfChar(std::string_view text, int64_t chars) {
    size_t pos = 0;
    while (pos < text.size() && chars > 0) {
        ++pos;
        while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
        --chars;
    }
    return pos;
}
// Whether a string argument's SQL type can be given as `type` (anything with a text form).
inline bool TakesAsString(const LogicalType& type) {
    return type.id() != TypeId::kBitmap && type.id() != TypeId::kHll && type.id() != TypeId::kArray;
}
// Whether an integer argument can be given as `type`.
inline bool TakesAsInteger(const LogicalType& type) {
    return type.IsInteger() || type.id() == TypeId::kBoolean || type.id() == TypeId::kNull;
}

// Binds a call against a signature spelled one letter per argument, 'S' for VARCHAR and 'I' for
// BIGINT; the arguments past the first `required` are optional.
inline Result<BoundScalarFunction> BindSignature(const std::string& name, const std::vector<LogicalType>& types,
                                                 std::string_view signature, size_t required, LogicalType result,
                                                 ScalarKernel kernel) {
    if (types.size() < required || types.size() > signature.size()) return NoMatchingOverload(name, types);
    std::vector<LogicalType> arguments;
    for (size_t i = 0; i < types.size(); ++i) {
        bool is_string = signature[i] == 'S';
        if (is_string ? !TakesAsString(types[i]) : !TakesAsInteger(types[i])) return NoMatchingOverload(name, types);
        arguments.push_back(is_string ? LogicalType::Varchar() : LogicalType::BigInt());
    }
    return BoundScalarFunction{name, std::move(arguments), std::move(result), std::move(kernel)};
}

}  // namespace flashlake::functions
