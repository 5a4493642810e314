#include "lake/bucket_function.h"

#include <cctype>
#include <cstdlib>
#include <string>

namespace flashlake::lake {

Result<BucketFunctionType> ParseBucketFunctionType(std::string_view name) {
    std::string lower;
    for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "default") return BucketFunctionType::kDefault;
    if (lower == "mod") return BucketFunctionType::kMod;
    return Status::NotSupported("bucket-function.type '" + std::string(name) + "' is not supported");
}

int32_t DefaultBucket(const BinaryRow& bucket_key, int32_t num_buckets) {
    FL_CHECK(num_buckets > 0, "DefaultBucket over ", num_buckets, " buckets");
    // C++ '%' truncates toward zero like Java's, and |hash % n| < n cannot overflow.
    return std::abs(bucket_key.HashCode() % num_buckets);
}

Result<int32_t> ModBucket(const BinaryRow& bucket_key, bool is_bigint, int32_t num_buckets) {
    FL_CHECK(num_buckets > 0, "ModBucket over ", num_buckets, " buckets");
    if (bucket_key.arity() != 1 || bucket_key.IsNullAt(0)) {
        return Status::InvalidArgument("the mod bucket function needs one non-null INT or BIGINT bucket key");
    }
    int64_t key = is_bigint ? bucket_key.GetLong(0) : bucket_key.GetInt(0);
    int64_t bucket = key % num_buckets;
    if (bucket < 0) bucket += num_buckets;
    return static_cast<int32_t>(bucket);
}

}  // namespace flashlake::lake
