#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "common/result.h"

namespace flashlake::format::json {

enum class Type : uint8_t { kNull, kBool, kInt, kDouble, kString, kArray, kObject };

std::string_view TypeName(Type type);

// A JSON document as a small DOM: null, bool, 64-bit integer, double, string, array, or object.
// Objects keep their members in document order (Paimon's schema and snapshot files are written
// by Jackson in field order, and we write them back the same way); lookups are linear, which is
// the right trade for the small objects these files hold. Numbers without fraction or exponent
// that fit in int64 are integers, all others doubles.
//
// The As*() accessors require the type (a wrong type is a bug: FL_CHECK); the Get*() helpers on
// objects validate untrusted documents and return kInvalidArgument naming the key.
class Value {
public:
    using Array = std::vector<Value>;
    using Member = std::pair<std::string, Value>;
    using Object = std::vector<Member>;

    Value() = default;                                               // null
    Value(std::nullptr_t) {}                                         // NOLINT(google-explicit-constructor)
    Value(bool value) : storage_(value) {}                           // NOLINT(google-explicit-constructor)
    Value(int value) : storage_(int64_t{value}) {}                   // NOLINT(google-explicit-constructor)
    Value(int64_t value) : storage_(value) {}                        // NOLINT(google-explicit-constructor)
    Value(double value) : storage_(value) {}                         // NOLINT(google-explicit-constructor)
    Value(std::string value) : storage_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
    Value(std::string_view value) : storage_(std::string(value)) {}  // NOLINT(google-explicit-constructor)
    Value(const char* value) : storage_(std::string(value)) {}       // NOLINT(google-explicit-constructor)
    Value(Array value) : storage_(std::move(value)) {}               // NOLINT(google-explicit-constructor)
    Value(Object value) : storage_(std::move(value)) {}              // NOLINT(google-explicit-constructor)

    static Value MakeArray() { return Value(Array{}); }
    static Value MakeObject() { return Value(Object{}); }

    Type type() const { return static_cast<Type>(storage_.index()); }
    bool is_null() const { return type() == Type::kNull; }
    bool is_bool() const { return type() == Type::kBool; }
    bool is_int() const { return type() == Type::kInt; }
    bool is_number() const { return type() == Type::kInt || type() == Type::kDouble; }
    bool is_string() const { return type() == Type::kString; }
    bool is_array() const { return type() == Type::kArray; }
    bool is_object() const { return type() == Type::kObject; }

    bool AsBool() const { return Get<bool>(Type::kBool); }
    int64_t AsInt() const { return Get<int64_t>(Type::kInt); }
    // An integer or a double, as a double.
    double AsDouble() const;
    const std::string& AsString() const { return Get<std::string>(Type::kString); }
    const Array& AsArray() const { return Get<Array>(Type::kArray); }
    Array& AsArray() { return GetMutable<Array>(Type::kArray); }
    const Object& AsObject() const { return Get<Object>(Type::kObject); }
    Object& AsObject() { return GetMutable<Object>(Type::kObject); }

    // Elements of an array or members of an object; 0 for scalars.
    size_t size() const;

    // Object member by key (the first one if a document repeats a key), or null when absent or
    // when this is not an object.
    const Value* Find(std::string_view key) const;
    // Sets a member of an object: replaces the value of an existing key, else appends.
    Value& Set(std::string key, Value value);
    // Appends to an array.
    void Append(Value value);

    // Typed member lookups for validating documents. A null member counts as missing.
    Result<int64_t> GetInt(std::string_view key) const;
    Result<double> GetDouble(std::string_view key) const;
    Result<bool> GetBool(std::string_view key) const;
    Result<std::string> GetString(std::string_view key) const;
    Result<const Value*> Get(std::string_view key, Type type) const;

    bool operator==(const Value& other) const { return storage_ == other.storage_; }

private:
    template <typename T>
    const T& Get(Type expected) const {
        CheckType(expected);
        return std::get<T>(storage_);
    }
    template <typename T>
    T& GetMutable(Type expected) {
        CheckType(expected);
        return std::get<T>(storage_);
    }
    void CheckType(Type expected) const;

    // Alternatives in the order of Type.
    std::variant<std::monostate, bool, int64_t, double, std::string, Array, Object> storage_;
};

}  // namespace flashlake::format::json
