// Hashes of strings as StarRocks exposes them: md5 / md5sum and sha2 as lower-case hex digests
// (OpenSSL's libcrypto computes them), and murmur_hash3_32, the 32-bit x86 MurmurHash3 with
// StarRocks' seed, chained across arguments. The murmur values must stay bit-exact: users
// compare them with values StarRocks computed.

#include <openssl/evp.h>

#include <cstring>
#include <memory>

#include "functions/function_registry.h"
#include "functions/scalar/row_kernel.h"
#include "functions/scalar/scalar_families.h"

namespace flashlake::functions {

namespace {

constexpr uint32_t kMurmurSeed = 104729;  // StarRocks' HashUtil seed for murmur_hash3_32

uint32_t RotateLeft(uint32_t x, int r) {
    return (x << r) | (x >> (32 - r));
}

// MurmurHash3_x86_32, written from the algorithm's description: 4-byte little-endian blocks
// mixed into the state, the tail mixed alone, then the avalanche finaliser.
uint32_t MurmurHash3(std::string_view data, uint32_t seed) {
    constexpr uint32_t c1 = 0xcc9e2d51, c2 = 0x1b873593;
    uint32_t h = seed;
    size_t blocks = data.size() / 4;
    for (size_t i = 0; i < blocks; ++i) {
        uint32_t k;
        std::memcpy(&k, data.data() + i * 4, 4);
        k *= c1;
        k = RotateLeft(k, 15);
        k *= c2;
        h ^= k;
        h = RotateLeft(h, 13);
        h = h * 5 + 0xe6546b64;
    }
    const auto* tail = reinterpret_cast<const uint8_t*>(data.data() + blocks * 4);
    uint32_t k = 0;
    switch (data.size() & 3) {
        case 3:
            k ^= uint32_t(tail[2]) << 16;
            [[fallthrough]];
        case 2:
            k ^= uint32_t(tail[1]) << 8;
            [[fallthrough]];
        case 1:
            k ^= tail[0];
            k *= c1;
            k = RotateLeft(k, 15);
            k *= c2;
            h ^= k;
    }
    h ^= static_cast<uint32_t>(data.size());
    h ^= h >> 16;
    h *= 0x85ebca6b;
    h ^= h >> 13;
    h *= 0xc2b2ae35;
    h ^= h >> 16;
    return h;
}

void AppendHex(const unsigned char* bytes, size_t size, std::string& out) {
    static constexpr char kDigits[] = "0123456789abcdef";
    for (size_t i = 0; i < size; ++i) {
        out.push_back(kDigits[bytes[i] >> 4]);
        out.push_back(kDigits[bytes[i] & 15]);
    }
}

// Digest of the concatenated string arguments `first..` (md5sum hashes all its arguments as one).
using DigestContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;
DigestContext NewDigestContext() {
    return DigestContext(EVP_MD_CTX_new(), EVP_MD_CTX_free);
}

// `context` is reused across rows (one allocation per kernel call).
bool Digest(const DigestContext& context, const EVP_MD* md, const KernelArgs& args, size_t first, size_t end,
            size_t row, std::string& out) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (!context || EVP_DigestInit_ex(context.get(), md, nullptr) != 1) return false;
    for (size_t c = first; c < end; ++c) {
        std::string_view text = StringAt(*args.columns[c], row).view();
        if (EVP_DigestUpdate(context.get(), text.data(), text.size()) != 1) return false;
    }
    if (EVP_DigestFinal_ex(context.get(), digest, &size) != 1) return false;
    AppendHex(digest, size, out);
    return true;
}

ScalarKernel Md5Kernel() {
    return [](const KernelArgs& args) {
        DigestContext context = NewDigestContext();
        return BuildStrings(args, [&](size_t i, std::string& out) {
            return AllValidAt(args, i) && Digest(context, EVP_md5(), args, 0, args.columns.size(), i, out);
        });
    };
}

// sha2(s, bits): SHA-224/256/384/512; 0 means 256 (MySQL); any other length is NULL.
ScalarKernel Sha2Kernel() {
    return [](const KernelArgs& args) {
        DigestContext context = NewDigestContext();
        return BuildStrings(args, [&](size_t i, std::string& out) {
            if (!AllValidAt(args, i)) return false;
            const EVP_MD* md = nullptr;
            switch (ValueAt<int64_t>(*args.columns[1], i)) {
                case 0:
                case 256:
                    md = EVP_sha256();
                    break;
                case 224:
                    md = EVP_sha224();
                    break;
                case 384:
                    md = EVP_sha384();
                    break;
                case 512:
                    md = EVP_sha512();
                    break;
                default:
                    return false;
            }
            return Digest(context, md, args, 0, 1, i, out);
        });
    };
}

ScalarKernel MurmurKernel() {
    return [](const KernelArgs& args) {
        return BuildValues<int32_t>(args, LogicalType::Int(), [&](size_t i, int32_t& out) {
            if (!AllValidAt(args, i)) return false;
            uint32_t hash = kMurmurSeed;
            for (const auto& column : args.columns) hash = MurmurHash3(StringAt(*column, i).view(), hash);
            out = static_cast<int32_t>(hash);
            return true;
        });
    };
}

Result<BoundScalarFunction> BindVariadicStrings(const std::string& name, const std::vector<LogicalType>& types,
                                                LogicalType result, ScalarKernel kernel) {
    if (types.empty() || types.size() > 1000) return NoMatchingOverload(name, types);
    return BindSignature(name, types, std::string(types.size(), 'S'), 1, std::move(result), std::move(kernel));
}

}  // namespace

void RegisterHashFunctions(FunctionRegistry& registry) {
    registry.RegisterScalar("md5", [](const std::vector<LogicalType>& types) {
        return BindSignature("md5", types, "S", 1, LogicalType::Varchar(), Md5Kernel());
    });
    registry.RegisterScalar("md5sum", [](const std::vector<LogicalType>& types) {
        return BindVariadicStrings("md5sum", types, LogicalType::Varchar(), Md5Kernel());
    });
    registry.RegisterScalar("sha2", [](const std::vector<LogicalType>& types) {
        return BindSignature("sha2", types, "SI", 2, LogicalType::Varchar(), Sha2Kernel());
    });
    registry.RegisterScalar("murmur_hash3_32", [](const std::vector<LogicalType>& types) {
        return BindVariadicStrings("murmur_hash3_32", types, LogicalType::Int(), MurmurKernel());
    });
}

}  // namespace flashlake::functions
