#include "lake/lsm/normalized_keys.h"

#include <cstring>

#include "column/physical_dispatch.h"

namespace flashlake::lake::lsm {

namespace {

// Big-endian bytes of an unsigned value.
template <typename U>
void StoreBigEndian(U value, char* out) {
    for (size_t i = 0; i < sizeof(U); ++i) out[i] = static_cast<char>(value >> (8 * (sizeof(U) - 1 - i)));
}

// The unsigned image of a value whose unsigned order equals the value's order.
template <typename T>
auto OrderedBits(T value) {
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
        using U = std::conditional_t<std::is_same_v<T, float>, uint32_t, uint64_t>;
        U bits;
        std::memcpy(&bits, &value, sizeof(bits));
        constexpr U kSign = U{1} << (sizeof(U) * 8 - 1);
        return (bits & kSign) ? static_cast<U>(~bits) : static_cast<U>(bits | kSign);
    } else if constexpr (std::is_same_v<T, int128_t>) {
        return static_cast<unsigned __int128>(value) ^ (static_cast<unsigned __int128>(1) << 127);
    } else {
        using U = std::make_unsigned_t<T>;
        constexpr U kSign = U{1} << (sizeof(U) * 8 - 1);
        return static_cast<U>(static_cast<U>(value) ^ kSign);
    }
}

// The column whose buffer holds the values, and the buffer row of each row.
struct ColumnAccess {
    const Column* values;
    const int32_t* codes = nullptr;  // dictionary codes, or null
    bool constant = false;

    explicit ColumnAccess(const Column& column) : values(&column) {
        if (column.encoding() == ColumnEncoding::kDictionary) {
            values = &column.dictionary();
            codes = column.codes();
        } else if (column.encoding() == ColumnEncoding::kConstant) {
            constant = true;
        }
    }
    size_t Row(size_t row) const { return codes ? static_cast<size_t>(codes[row]) : constant ? 0 : row; }
    bool IsValid(size_t row) const { return values->validity().IsValid(Row(row)); }
};

size_t EscapedSize(std::string_view text) {
    size_t size = text.size() + 2;
    for (char c : text) size += c == '\0';
    return size;
}

char* WriteEscaped(std::string_view text, char* out) {
    for (char c : text) {
        *out++ = c;
        if (c == '\0') *out++ = static_cast<char>(0xFF);
    }
    *out++ = '\0';
    *out++ = '\0';
    return out;
}

}  // namespace

NormalizedKeys NormalizedKeys::Encode(const Chunk& chunk, const std::vector<int>& columns) {
    NormalizedKeys keys;
    const size_t rows = chunk.num_rows();
    std::vector<uint32_t> sizes(rows, 0);
    for (int index : columns) {
        const Column& column = *chunk.column(index);
        ColumnAccess access(column);
        if (column.type().physical() == PhysicalType::kString) {
            const StringView* data = access.values->Data<StringView>();
            for (size_t row = 0; row < rows; ++row) {
                sizes[row] += 1 + (access.IsValid(row) ? EscapedSize(data[access.Row(row)].view()) : 0);
            }
        } else {
            size_t width = 1 + PhysicalTypeSize(column.type().physical());
            for (size_t row = 0; row < rows; ++row) sizes[row] += access.IsValid(row) ? width : 1;
        }
    }
    keys.offsets_.resize(rows + 1);
    keys.offsets_[0] = 0;
    for (size_t row = 0; row < rows; ++row) keys.offsets_[row + 1] = keys.offsets_[row] + sizes[row];
    keys.bytes_.resize(keys.offsets_[rows]);
    // `sizes` becomes each row's write cursor.
    for (size_t row = 0; row < rows; ++row) sizes[row] = keys.offsets_[row];
    char* base = keys.bytes_.data();
    for (int index : columns) {
        const Column& column = *chunk.column(index);
        ColumnAccess access(column);
        DispatchPhysical(column.type().physical(), [&]<typename T>() {
            const T* data = access.values->template Data<T>();
            for (size_t row = 0; row < rows; ++row) {
                char* out = base + sizes[row];
                if (!access.IsValid(row)) {
                    *out = 0;
                    sizes[row] += 1;
                    continue;
                }
                *out++ = 1;
                const T& value = data[access.Row(row)];
                if constexpr (std::is_same_v<T, StringView>) {
                    char* end = WriteEscaped(value.view(), out);
                    sizes[row] = static_cast<uint32_t>(end - base);
                } else {
                    StoreBigEndian(OrderedBits(value), out);
                    sizes[row] += 1 + sizeof(T);
                }
            }
        });
    }
    return keys;
}

}  // namespace flashlake::lake::lsm
