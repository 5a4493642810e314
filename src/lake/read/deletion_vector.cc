#include "lake/read/deletion_vector.h"

#include <algorithm>
#include <cstring>

#include "io/file_system.h"

namespace flashlake::lake {

namespace {

constexpr int32_t kMagic32 = 1581511376;
constexpr int32_t kMagic64 = 1681511377;
constexpr uint32_t kSerialCookieNoRun = 12346;
constexpr uint32_t kSerialCookie = 12347;
constexpr uint32_t kNoOffsetThreshold = 4;
constexpr size_t kMaxArrayCardinality = 4096;

uint32_t BigEndian32(const char* p) {
    const auto* u = reinterpret_cast<const uint8_t*>(p);
    return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | u[3];
}

template <typename T>
T LittleEndian(const char* p) {
    T value;
    std::memcpy(&value, p, sizeof(T));
    return value;
}

// Bounds-checked reading of a byte range.
class ByteReader {
public:
    explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}
    bool Has(size_t n) const { return bytes_.size() - position_ >= n; }
    const char* Take(size_t n) {
        const char* p = bytes_.data() + position_;
        position_ += n;
        return p;
    }
    size_t position() const { return position_; }

private:
    std::string_view bytes_;
    size_t position_ = 0;
};

Status Malformed(const std::string& what) {
    return Status::Corruption("malformed roaring bitmap: " + what);
}

}  // namespace

Status DeletionVector::DecodeRoaring(std::string_view bytes, uint64_t high, std::vector<uint64_t>* out,
                                     size_t* consumed) {
    ByteReader in(bytes);
    if (!in.Has(4)) return Malformed("truncated cookie");
    uint32_t cookie = LittleEndian<uint32_t>(in.Take(4));
    size_t containers;
    std::vector<uint8_t> run_flags;
    bool has_runs = (cookie & 0xFFFF) == kSerialCookie;
    if (has_runs) {
        containers = (cookie >> 16) + 1;
        size_t flag_bytes = (containers + 7) / 8;
        if (!in.Has(flag_bytes)) return Malformed("truncated run flags");
        const char* flags = in.Take(flag_bytes);
        run_flags.assign(flags, flags + flag_bytes);
    } else if (cookie == kSerialCookieNoRun) {
        if (!in.Has(4)) return Malformed("truncated container count");
        containers = LittleEndian<uint32_t>(in.Take(4));
    } else {
        return Malformed("unknown cookie " + std::to_string(cookie));
    }
    if (containers > 65536) return Malformed("too many containers");
    if (!in.Has(containers * 4)) return Malformed("truncated descriptive header");
    const char* header = in.Take(containers * 4);
    if (!has_runs || containers >= kNoOffsetThreshold) {
        if (!in.Has(containers * 4)) return Malformed("truncated offset header");
        in.Take(containers * 4);  // offsets are implied by reading containers in order
    }
    int64_t previous_key = -1;
    for (size_t i = 0; i < containers; ++i) {
        uint16_t key = LittleEndian<uint16_t>(header + 4 * i);
        size_t cardinality = size_t{LittleEndian<uint16_t>(header + 4 * i + 2)} + 1;
        if (key <= previous_key) return Malformed("container keys out of order");
        previous_key = key;
        uint64_t base = (high << 32) | (uint64_t{key} << 16);
        bool is_run = has_runs && ((run_flags[i / 8] >> (i % 8)) & 1);
        if (is_run) {
            if (!in.Has(2)) return Malformed("truncated run container");
            size_t runs = LittleEndian<uint16_t>(in.Take(2));
            if (!in.Has(runs * 4)) return Malformed("truncated run container");
            const char* pairs = in.Take(runs * 4);
            uint32_t next_min = 0;
            for (size_t r = 0; r < runs; ++r) {
                uint32_t start = LittleEndian<uint16_t>(pairs + 4 * r);
                uint32_t length = LittleEndian<uint16_t>(pairs + 4 * r + 2);
                if (start < next_min || start + length > 0xFFFF) return Malformed("bad run");
                for (uint32_t v = start; v <= start + length; ++v) out->push_back(base | v);
                next_min = start + length + 1;
            }
        } else if (cardinality <= kMaxArrayCardinality) {
            if (!in.Has(cardinality * 2)) return Malformed("truncated array container");
            const char* values = in.Take(cardinality * 2);
            int32_t last = -1;
            for (size_t v = 0; v < cardinality; ++v) {
                uint16_t low = LittleEndian<uint16_t>(values + 2 * v);
                if (low <= last) return Malformed("array container out of order");
                last = low;
                out->push_back(base | low);
            }
        } else {
            if (!in.Has(8192)) return Malformed("truncated bitmap container");
            const char* words = in.Take(8192);
            for (size_t w = 0; w < 1024; ++w) {
                uint64_t word = LittleEndian<uint64_t>(words + 8 * w);
                while (word != 0) {
                    int bit = __builtin_ctzll(word);
                    out->push_back(base | (w * 64 + bit));
                    word &= word - 1;
                }
            }
        }
    }
    *consumed = in.position();
    return Status::OK();
}

Result<DeletionVector> DeletionVector::Parse(std::string_view bytes) {
    if (bytes.size() < 4) return Status::Corruption("deletion vector shorter than its magic number");
    std::vector<uint64_t> positions;
    size_t consumed = 0;
    if (static_cast<int32_t>(BigEndian32(bytes.data())) == kMagic32) {
        FL_RETURN_NOT_OK(DecodeRoaring(bytes.substr(4), 0, &positions, &consumed));
    } else if (LittleEndian<int32_t>(bytes.data()) == kMagic64) {
        if (bytes.size() < 12) return Status::Corruption("truncated 64-bit deletion vector");
        int64_t count = LittleEndian<int64_t>(bytes.data() + 4);
        size_t at = 12;
        for (int64_t i = 0; i < count; ++i) {
            if (bytes.size() - at < 4) return Status::Corruption("truncated 64-bit deletion vector");
            uint32_t high = LittleEndian<uint32_t>(bytes.data() + at);
            at += 4;
            FL_RETURN_NOT_OK(DecodeRoaring(bytes.substr(at), high, &positions, &consumed));
            at += consumed;
        }
    } else {
        return Status::Corruption("deletion vector has an unknown magic number");
    }
    if (!std::is_sorted(positions.begin(), positions.end())) {
        return Status::Corruption("deletion vector positions out of order");
    }
    return DeletionVector(std::move(positions));
}

Result<DeletionVector> DeletionVector::Read(io::FileSystem* fs, const DeletionFile& file) {
    FL_ASSIGN_OR_RETURN(std::unique_ptr<io::RandomAccessFile> in, fs->OpenForRead(file.path));
    auto fail = [&](const Status& status) {
        return status.WithContext("deletion vector at offset " + std::to_string(file.offset) + " of " + file.path);
    };
    char prefix[4];
    Status read = in->ReadAt(static_cast<uint64_t>(file.offset), 4, prefix);
    if (!read.ok()) return fail(read);
    uint32_t size = BigEndian32(prefix);
    if (static_cast<int64_t>(size) != file.length && static_cast<int64_t>(size) + 8 != file.length) {
        return fail(Status::Corruption("size " + std::to_string(size) + " does not match the manifest's length " +
                                       std::to_string(file.length)));
    }
    std::string bytes;
    read = in->ReadAt(static_cast<uint64_t>(file.offset) + 4, size, &bytes);
    if (!read.ok()) return fail(read);
    auto vector = Parse(bytes);
    if (!vector.ok()) return fail(vector.status());
    if (file.cardinality && static_cast<int64_t>(vector->cardinality()) != *file.cardinality) {
        return fail(Status::Corruption("holds " + std::to_string(vector->cardinality()) +
                                       " positions, the manifest says " + std::to_string(*file.cardinality)));
    }
    return vector;
}

bool DeletionVector::IsDeleted(uint64_t position) const {
    return std::binary_search(positions_.begin(), positions_.end(), position);
}

bool DeletionVector::SelectSurvivors(uint64_t start, size_t count, SelectionVector* selection) const {
    auto it = std::lower_bound(positions_.begin(), positions_.end(), start);
    if (it == positions_.end() || *it >= start + count) return false;
    selection->Clear();
    for (uint64_t position = start; position < start + count; ++position) {
        if (it != positions_.end() && *it == position) {
            ++it;
            continue;
        }
        selection->Append(static_cast<uint32_t>(position - start));
    }
    return true;
}

}  // namespace flashlake::lake
