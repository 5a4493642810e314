#include "lake/write/bucket_key_hasher.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "lake/binary_row.h"
#include "types/int128.h"

namespace flashlake::lake {

namespace {

uint32_t RoundToWord(uint32_t size) {
    return (size + 7) & ~7u;
}

// Bytes the var part of a row holds for a non-null value of this field (Java reserves the same
// for a null DECIMAL(p > 18) and TIMESTAMP(p > 3)).
bool ReservesVarPart(const DataType& type, uint32_t* size) {
    if (type.root() == TypeRoot::kDecimal && type.precision() > 18) {
        *size = 16;
        return true;
    }
    if (type.IsTimestamp() && type.precision() > 3) {
        *size = 8;
        return true;
    }
    return false;
}

// Java's BigInteger.toByteArray(): the shortest big-endian two's complement (at least one byte).
size_t MinimalBigEndian(int128_t value, unsigned char out[16]) {
    unsigned char be[16];
    for (int i = 0; i < 16; ++i) be[i] = static_cast<unsigned char>(static_cast<uint128_t>(value) >> (120 - 8 * i));
    int start = 0;
    while (start < 15) {
        bool redundant =
            (be[start] == 0x00 && (be[start + 1] & 0x80) == 0) || (be[start] == 0xFF && (be[start + 1] & 0x80) != 0);
        if (!redundant) break;
        ++start;
    }
    std::memcpy(out, be + start, 16 - start);
    return static_cast<size_t>(16 - start);
}

void StoreSlot(char* slot, uint64_t offset, uint64_t size) {
    uint64_t value = (offset << 32) | size;
    std::memcpy(slot, &value, 8);
}

}  // namespace

Status BucketKeyHasher::LayOutRows(const Chunk& chunk) {
    const size_t rows = chunk.num_rows();
    const int32_t arity = static_cast<int32_t>(columns_.size());
    const uint32_t fixed = static_cast<uint32_t>(BinaryRow::FixedPartSize(arity));
    const size_t null_bits = static_cast<size_t>(BinaryRow::NullBitsSize(arity));

    std::vector<ColumnPtr> flat(columns_.size());
    for (size_t f = 0; f < columns_.size(); ++f) {
        const ColumnPtr& column = chunk.column(columns_[f]);
        flat[f] = column->encoding() == ColumnEncoding::kFlat ? column : column->Flatten();
    }

    // Row sizes: fixed part plus the var-part pieces.
    row_size_.assign(rows, fixed);
    for (size_t f = 0; f < columns_.size(); ++f) {
        uint32_t reserved = 0;
        if (ReservesVarPart(types_[f], &reserved)) {
            for (size_t r = 0; r < rows; ++r) row_size_[r] += reserved;
        } else if (flat[f]->type().physical() == PhysicalType::kString) {
            const StringView* data = flat[f]->Data<StringView>();
            const ValidityMask& validity = flat[f]->validity();
            for (size_t r = 0; r < rows; ++r) {
                uint32_t size = data[r].size();
                if (size > 7 && validity.IsValid(r)) row_size_[r] += RoundToWord(size);
            }
        }
    }
    row_start_.resize(rows + 1);
    row_start_[0] = 0;
    for (size_t r = 0; r < rows; ++r) row_start_[r + 1] = row_start_[r] + row_size_[r];
    rows_.assign(row_start_[rows], '\0');
    // From here on row_size_ is each row's var-part cursor (relative to the row start).
    std::fill(row_size_.begin(), row_size_.end(), fixed);

    char* base = rows_.data();
    for (size_t f = 0; f < columns_.size(); ++f) {
        const Column& column = *flat[f];
        const DataType& type = types_[f];
        const ValidityMask& validity = column.validity();
        const size_t slot = null_bits + 8 * f;
        const int bit = static_cast<int>(f) + 8;
        uint32_t reserved = 0;
        const bool var_reserved = ReservesVarPart(type, &reserved);
        // Marks row r NULL; returns true when it was.
        auto null_at = [&](size_t r) {
            if (validity.IsValid(r)) return false;
            char* row = base + row_start_[r];
            row[bit >> 3] = static_cast<char>(row[bit >> 3] | (1 << (bit & 7)));
            if (var_reserved) {
                StoreSlot(row + slot, row_size_[r], 0);
                row_size_[r] += reserved;
            }
            return true;
        };
        auto fixed_slots = [&]<typename T>() {
            const T* data = column.Data<T>();
            for (size_t r = 0; r < rows; ++r) {
                if (null_at(r)) continue;
                T value = data[r];
                if constexpr (std::is_floating_point_v<T>) {
                    if (std::isnan(value)) value = std::numeric_limits<T>::quiet_NaN();
                }
                std::memcpy(base + row_start_[r] + slot, &value, sizeof(T));
            }
        };
        switch (type.root()) {
            case TypeRoot::kBoolean:
                fixed_slots.template operator()<uint8_t>();
                break;
            case TypeRoot::kTinyInt:
                fixed_slots.template operator()<int8_t>();
                break;
            case TypeRoot::kSmallInt:
                fixed_slots.template operator()<int16_t>();
                break;
            case TypeRoot::kInt:
            case TypeRoot::kDate:
            case TypeRoot::kTime:
                fixed_slots.template operator()<int32_t>();
                break;
            case TypeRoot::kBigInt:
                fixed_slots.template operator()<int64_t>();
                break;
            case TypeRoot::kFloat:
                fixed_slots.template operator()<float>();
                break;
            case TypeRoot::kDouble:
                fixed_slots.template operator()<double>();
                break;
            case TypeRoot::kDecimal: {
                if (type.precision() <= 18) {
                    fixed_slots.template operator()<int64_t>();
                    break;
                }
                const int128_t* data = column.Data<int128_t>();
                for (size_t r = 0; r < rows; ++r) {
                    if (null_at(r)) continue;
                    char* row = base + row_start_[r];
                    unsigned char bytes[16];
                    size_t length = MinimalBigEndian(data[r], bytes);
                    std::memcpy(row + row_size_[r], bytes, length);
                    StoreSlot(row + slot, row_size_[r], length);
                    row_size_[r] += 16;
                }
                break;
            }
            case TypeRoot::kTimestamp:
            case TypeRoot::kTimestampLtz: {
                const int64_t* data = column.Data<int64_t>();
                for (size_t r = 0; r < rows; ++r) {
                    if (null_at(r)) continue;
                    char* row = base + row_start_[r];
                    PaimonTimestamp ts = PaimonTimestamp::FromMicros(data[r]);
                    if (type.precision() <= 3) {
                        std::memcpy(row + slot, &ts.millis, 8);
                        continue;
                    }
                    std::memcpy(row + row_size_[r], &ts.millis, 8);
                    StoreSlot(row + slot, row_size_[r], static_cast<uint32_t>(ts.nano_of_milli));
                    row_size_[r] += 8;
                }
                break;
            }
            case TypeRoot::kChar:
            case TypeRoot::kVarchar:
            case TypeRoot::kBinary:
            case TypeRoot::kVarbinary: {
                const StringView* data = column.Data<StringView>();
                for (size_t r = 0; r < rows; ++r) {
                    if (null_at(r)) continue;
                    char* row = base + row_start_[r];
                    const uint32_t size = data[r].size();
                    if (size <= 7) {
                        if (size > 0) std::memcpy(row + slot, data[r].data(), size);
                        row[slot + 7] = static_cast<char>(0x80 | size);
                        continue;
                    }
                    std::memcpy(row + row_size_[r], data[r].data(), size);
                    StoreSlot(row + slot, row_size_[r], size);
                    row_size_[r] += RoundToWord(size);
                }
                break;
            }
            default:
                return Status::NotSupported("bucket key column of type " + type.ToString() + " is not supported");
        }
    }
    return Status::OK();
}

Status BucketKeyHasher::HashCodes(const Chunk& chunk, std::vector<int32_t>* hashes) {
    FL_RETURN_NOT_OK(LayOutRows(chunk));
    const size_t rows = chunk.num_rows();
    hashes->resize(rows);
    const char* base = rows_.data();
    for (size_t r = 0; r < rows; ++r) {
        (*hashes)[r] = HashBytesByWords(base + row_start_[r], row_start_[r + 1] - row_start_[r]);
    }
    return Status::OK();
}

Status BucketKeyHasher::Buckets(const Chunk& chunk, std::vector<int32_t>* buckets) {
    const size_t rows = chunk.num_rows();
    const int64_t n = num_buckets_;
    if (mod_) {
        ColumnPtr column = chunk.column(columns_[0]);
        if (column->encoding() != ColumnEncoding::kFlat) column = column->Flatten();
        if (column->validity().CountInvalid(rows) > 0) {
            return Status::InvalidArgument("the mod bucket function needs a non-null bucket key");
        }
        buckets->resize(rows);
        auto floor_mod = [&]<typename T>() {
            const T* data = column->Data<T>();
            for (size_t r = 0; r < rows; ++r) {
                int64_t bucket = static_cast<int64_t>(data[r]) % n;
                (*buckets)[r] = static_cast<int32_t>(bucket < 0 ? bucket + n : bucket);
            }
        };
        if (types_[0].root() == TypeRoot::kBigInt)
            floor_mod.template operator()<int64_t>();
        else
            floor_mod.template operator()<int32_t>();
        return Status::OK();
    }
    FL_RETURN_NOT_OK(HashCodes(chunk, buckets));
    const int32_t n32 = num_buckets_;
    for (size_t r = 0; r < rows; ++r) (*buckets)[r] = std::abs((*buckets)[r] % n32);
    return Status::OK();
}

}  // namespace flashlake::lake
