#pragma once

#include "common/check.h"
#include "types/int128.h"
#include "types/logical_type.h"
#include "types/string_view.h"

namespace flashlake {

// Maps a PhysicalType to its C++ storage type.
template <PhysicalType P>
struct PhysicalCpp;
template <> struct PhysicalCpp<PhysicalType::kBool> { using Type = uint8_t; };
template <> struct PhysicalCpp<PhysicalType::kInt8> { using Type = int8_t; };
template <> struct PhysicalCpp<PhysicalType::kInt16> { using Type = int16_t; };
template <> struct PhysicalCpp<PhysicalType::kInt32> { using Type = int32_t; };
template <> struct PhysicalCpp<PhysicalType::kInt64> { using Type = int64_t; };
template <> struct PhysicalCpp<PhysicalType::kInt128> { using Type = int128_t; };
template <> struct PhysicalCpp<PhysicalType::kFloat> { using Type = float; };
template <> struct PhysicalCpp<PhysicalType::kDouble> { using Type = double; };
template <> struct PhysicalCpp<PhysicalType::kString> { using Type = StringView; };

// Calls fn.template operator()<T>() with T the storage type of `physical`. Kernels are written
// once as templates and instantiated per type here, instead of switching per value.
template <typename Fn>
decltype(auto) DispatchPhysical(PhysicalType physical, Fn&& fn) {
    switch (physical) {
        case PhysicalType::kBool: return fn.template operator()<uint8_t>();
        case PhysicalType::kInt8: return fn.template operator()<int8_t>();
        case PhysicalType::kInt16: return fn.template operator()<int16_t>();
        case PhysicalType::kInt32: return fn.template operator()<int32_t>();
        case PhysicalType::kInt64: return fn.template operator()<int64_t>();
        case PhysicalType::kInt128: return fn.template operator()<int128_t>();
        case PhysicalType::kFloat: return fn.template operator()<float>();
        case PhysicalType::kDouble: return fn.template operator()<double>();
        case PhysicalType::kString: return fn.template operator()<StringView>();
        case PhysicalType::kList: break;
    }
    FL_CHECK(false, "no kernel for physical type ", static_cast<int>(physical));
    return fn.template operator()<uint8_t>();
}

}  // namespace flashlake
