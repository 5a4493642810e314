#include "lake/lsm/field_aggregator.h"

#include "column/physical_dispatch.h"
#include "lake/lsm/key_value_chunk.h"

namespace flashlake::lake::lsm {

namespace {

Status RetractNotSupported(std::string_view function, const DataField& field) {
    return Status::NotSupported("aggregate function '" + std::string(function) + "' of field '" + field.name +
                                "' cannot retract -U/-D rows; set 'fields." + field.name +
                                ".ignore-retract'='true' to skip them");
}

// Folds each group's versions into an accumulator with `add` and `retract`, which update
// (acc, has) for one valid input value; NULL inputs are left to the callbacks through `valid`.
// `retract` null means the function cannot retract.
template <typename T, typename Add, typename Retract>
Status Fold(const AggregateInput& in, Column* out, bool ignore_retract, bool can_retract, std::string_view name,
            const DataField& field, Add add, Retract retract) {
    const T* values = in.values.Data<T>();
    const ValidityMask& validity = in.values.validity();
    T* result = out->MutableData<T>();
    if constexpr (std::is_same_v<T, StringView>) out->strings().AdoptFrom(in.values.strings());
    for (size_t g = 0; g < in.num_groups; ++g) {
        T acc{};
        bool has = false;
        for (uint32_t v = in.begin[g]; v < in.end[g]; ++v) {
            bool valid = validity.IsValid(v);
            if (IsRetract(in.kinds[v])) {
                if (ignore_retract) continue;
                if (!can_retract) return RetractNotSupported(name, field);
                retract(acc, has, values[v], valid);
            } else {
                add(acc, has, values[v], valid);
            }
        }
        if (has) {
            result[g] = acc;
        } else {
            out->SetNull(g);
        }
    }
    return Status::OK();
}

enum class Function : uint8_t {
    kSum,
    kMin,
    kMax,
    kCount,
    kLastValue,
    kLastNonNullValue,
    kFirstValue,
    kFirstNonNullValue,
    kBoolAnd,
    kBoolOr,
    kPrimaryKey,
};

class BuiltinAggregator final : public FieldAggregator {
public:
    BuiltinAggregator(Function function, std::string name, DataField field, PhysicalType physical, bool ignore_retract)
        : function_(function),
          name_(std::move(name)),
          field_(std::move(field)),
          physical_(physical),
          ignore_retract_(ignore_retract) {}

    Status Aggregate(const AggregateInput& in, Column* out) const override {
        return DispatchPhysical(physical_, [&]<typename T>() { return AggregateTyped<T>(in, out); });
    }

private:
    template <typename T>
    Status AggregateTyped(const AggregateInput& in, Column* out) const {
        constexpr bool kString = std::is_same_v<T, StringView>;
        constexpr bool kArithmetic = !kString;
        auto none = [](T&, bool&, const T&, bool) {};
        switch (function_) {
            case Function::kSum:
                if constexpr (kArithmetic) {
                    return Fold<T>(
                        in, out, ignore_retract_, true, name_, field_,
                        [](T& acc, bool& has, const T& v, bool valid) {
                            if (!valid) return;
                            acc = has ? static_cast<T>(acc + v) : v;
                            has = true;
                        },
                        [](T& acc, bool& has, const T& v, bool valid) {
                            if (!valid) return;
                            acc = has ? static_cast<T>(acc - v) : static_cast<T>(-v);
                            has = true;
                        });
                }
                break;
            case Function::kCount:
                if constexpr (kArithmetic) {
                    return Fold<T>(
                        in, out, ignore_retract_, true, name_, field_,
                        [](T& acc, bool& has, const T&, bool valid) {
                            if (!valid) return;
                            acc = has ? static_cast<T>(acc + 1) : T{1};
                            has = true;
                        },
                        [](T& acc, bool& has, const T&, bool valid) {
                            if (!valid) return;
                            acc = has ? static_cast<T>(acc - 1) : static_cast<T>(-1);
                            has = true;
                        });
                }
                break;
            case Function::kMin:
            case Function::kMax: {
                bool is_min = function_ == Function::kMin;
                return Fold<T>(
                    in, out, ignore_retract_, false, name_, field_,
                    [is_min](T& acc, bool& has, const T& v, bool valid) {
                        if (!valid) return;
                        if (!has || (is_min ? v < acc : acc < v)) acc = v;
                        has = true;
                    },
                    none);
            }
            case Function::kLastValue:
                return Fold<T>(
                    in, out, ignore_retract_, true, name_, field_,
                    [](T& acc, bool& has, const T& v, bool valid) {
                        acc = v;
                        has = valid;
                    },
                    [](T&, bool& has, const T&, bool) { has = false; });
            case Function::kLastNonNullValue:
                return Fold<T>(
                    in, out, ignore_retract_, true, name_, field_,
                    [](T& acc, bool& has, const T& v, bool valid) {
                        if (!valid) return;
                        acc = v;
                        has = true;
                    },
                    [](T&, bool& has, const T&, bool valid) {
                        if (valid) has = false;
                    });
            case Function::kFirstValue:
            case Function::kFirstNonNullValue: {
                bool skip_nulls = function_ == Function::kFirstNonNullValue;
                // `taken` per group: the first (non-null) input locks the value.
                return FoldFirst<T>(in, out, skip_nulls);
            }
            case Function::kPrimaryKey:
                // Equal in every version, retractions included: take the newest.
                return Fold<T>(
                    in, out, /*ignore_retract=*/false, true, name_, field_,
                    [](T& acc, bool& has, const T& v, bool valid) {
                        acc = v;
                        has = valid;
                    },
                    [](T& acc, bool& has, const T& v, bool valid) {
                        acc = v;
                        has = valid;
                    });
            case Function::kBoolAnd:
            case Function::kBoolOr:
                if constexpr (std::is_same_v<T, uint8_t>) {
                    bool is_and = function_ == Function::kBoolAnd;
                    return Fold<T>(
                        in, out, ignore_retract_, false, name_, field_,
                        [is_and](T& acc, bool& has, const T& v, bool valid) {
                            if (!valid) return;
                            acc = has ? static_cast<T>(is_and ? (acc && v) : (acc || v)) : v;
                            has = true;
                        },
                        none);
                }
                break;
        }
        return Status::Internal("aggregate function '" + name_ + "' has no kernel for field '" + field_.name + "'");
    }

    template <typename T>
    Status FoldFirst(const AggregateInput& in, Column* out, bool skip_nulls) const {
        const T* values = in.values.Data<T>();
        const ValidityMask& validity = in.values.validity();
        T* result = out->MutableData<T>();
        if constexpr (std::is_same_v<T, StringView>) out->strings().AdoptFrom(in.values.strings());
        for (size_t g = 0; g < in.num_groups; ++g) {
            bool taken = false;
            bool valid_result = false;
            for (uint32_t v = in.begin[g]; v < in.end[g]; ++v) {
                if (IsRetract(in.kinds[v])) {
                    if (ignore_retract_) continue;
                    return RetractNotSupported(name_, field_);
                }
                if (taken) continue;
                bool valid = validity.IsValid(v);
                if (skip_nulls && !valid) continue;
                taken = true;
                valid_result = valid;
                if (valid) result[g] = values[v];
            }
            if (!valid_result) out->SetNull(g);
        }
        return Status::OK();
    }

    Function function_;
    std::string name_;
    DataField field_;
    PhysicalType physical_;
    bool ignore_retract_;
};

class BinaryMergeAggregator final : public FieldAggregator {
public:
    BinaryMergeAggregator(std::string name, DataField field, BinaryMergeFunction merge, bool ignore_retract)
        : name_(std::move(name)), field_(std::move(field)), merge_(std::move(merge)), ignore_retract_(ignore_retract) {}

    Status Aggregate(const AggregateInput& in, Column* out) const override {
        const StringView* values = in.values.Data<StringView>();
        StringView* result = out->MutableData<StringView>();
        std::vector<std::string_view> inputs;
        std::string merged;
        for (size_t g = 0; g < in.num_groups; ++g) {
            inputs.clear();
            for (uint32_t v = in.begin[g]; v < in.end[g]; ++v) {
                if (IsRetract(in.kinds[v])) {
                    if (ignore_retract_) continue;
                    return RetractNotSupported(name_, field_);
                }
                if (in.values.validity().IsValid(v)) inputs.push_back(values[v].view());
            }
            if (inputs.empty()) {
                out->SetNull(g);
                continue;
            }
            if (inputs.size() == 1) {
                result[g] = out->strings().Add(inputs[0]);
                continue;
            }
            merged.clear();
            Status status = merge_(inputs, &merged);
            if (!status.ok())
                return status.WithContext("aggregate function '" + name_ + "' of field '" + field_.name + "'");
            result[g] = out->strings().Add(merged);
        }
        return Status::OK();
    }

private:
    std::string name_;
    DataField field_;
    BinaryMergeFunction merge_;
    bool ignore_retract_;
};

bool IsNumeric(TypeRoot root) {
    switch (root) {
        case TypeRoot::kTinyInt:
        case TypeRoot::kSmallInt:
        case TypeRoot::kInt:
        case TypeRoot::kBigInt:
        case TypeRoot::kFloat:
        case TypeRoot::kDouble:
        case TypeRoot::kDecimal:
            return true;
        default:
            return false;
    }
}

FieldAggregatorFactory Builtin(Function function, std::string name) {
    return [function, name](const DataField& field, bool ignore_retract) -> Result<std::unique_ptr<FieldAggregator>> {
        const DataType& type = field.type;
        auto refuse = [&](std::string_view accepted) -> Status {
            return Status::NotSupported("aggregate function '" + name + "' of field '" + field.name + "' needs " +
                                        std::string(accepted) + ", not " + type.ToString());
        };
        bool ok = true;
        std::string_view accepted;
        switch (function) {
            case Function::kSum:
                ok = IsNumeric(type.root());
                accepted = "a numeric type";
                break;
            case Function::kCount:
                ok = type.root() == TypeRoot::kInt || type.root() == TypeRoot::kBigInt;
                accepted = "INT or BIGINT";
                break;
            case Function::kBoolAnd:
            case Function::kBoolOr:
                ok = type.root() == TypeRoot::kBoolean;
                accepted = "BOOLEAN";
                break;
            default:
                ok = !type.IsNested();
                accepted = "an atomic type";
                break;
        }
        if (!ok) return refuse(accepted);
        FL_ASSIGN_OR_RETURN(LogicalType logical, type.ToLogicalType());
        return std::unique_ptr<FieldAggregator>(
            new BuiltinAggregator(function, name, field, logical.physical(), ignore_retract));
    };
}

}  // namespace

FieldAggregatorRegistry FieldAggregatorRegistry::WithBuiltins() {
    FieldAggregatorRegistry registry;
    registry.Register("sum", Builtin(Function::kSum, "sum"));
    registry.Register("min", Builtin(Function::kMin, "min"));
    registry.Register("max", Builtin(Function::kMax, "max"));
    registry.Register("count", Builtin(Function::kCount, "count"));
    registry.Register("last_value", Builtin(Function::kLastValue, "last_value"));
    registry.Register("last_non_null_value", Builtin(Function::kLastNonNullValue, "last_non_null_value"));
    registry.Register("first_value", Builtin(Function::kFirstValue, "first_value"));
    registry.Register("first_non_null_value", Builtin(Function::kFirstNonNullValue, "first_non_null_value"));
    registry.Register("first_not_null_value", Builtin(Function::kFirstNonNullValue, "first_not_null_value"));
    registry.Register("bool_and", Builtin(Function::kBoolAnd, "bool_and"));
    registry.Register("bool_or", Builtin(Function::kBoolOr, "bool_or"));
    // Key fields are equal in every version: any version will do.
    registry.Register("primary-key", Builtin(Function::kPrimaryKey, "primary-key"));
    return registry;
}

void FieldAggregatorRegistry::RegisterBinaryMerge(std::string name, BinaryMergeFunction merge) {
    std::string function = name;
    Register(
        std::move(name),
        [function, merge](const DataField& field, bool ignore_retract) -> Result<std::unique_ptr<FieldAggregator>> {
            if (!field.type.IsBinaryLike()) {
                return Status::NotSupported("aggregate function '" + function + "' of field '" + field.name +
                                            "' needs a binary type, not " + field.type.ToString());
            }
            return std::unique_ptr<FieldAggregator>(new BinaryMergeAggregator(function, field, merge, ignore_retract));
        });
}

Result<std::unique_ptr<FieldAggregator>> FieldAggregatorRegistry::Create(const std::string& name,
                                                                         const DataField& field,
                                                                         bool ignore_retract) const {
    auto it = factories_.find(name);
    if (it == factories_.end()) {
        return Status::NotSupported("aggregate function '" + name + "' of field '" + field.name + "' is not supported");
    }
    return it->second(field, ignore_retract);
}

}  // namespace flashlake::lake::lsm
