#include "lake/lsm/merge_options.h"

#include <algorithm>
#include <cctype>

namespace flashlake::lake::lsm {

namespace {

bool IsTrue(const std::optional<std::string>& value) {
    if (!value) return false;
    std::string lower = *value;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    return lower == "true";
}

std::string Trim(std::string_view text) {
    size_t begin = text.find_first_not_of(" \t");
    if (begin == std::string_view::npos) return "";
    size_t end = text.find_last_not_of(" \t");
    return std::string(text.substr(begin, end - begin + 1));
}

bool StartsWith(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}
bool EndsWith(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

std::string_view MergeEngineName(MergeEngine engine) {
    switch (engine) {
        case MergeEngine::kDeduplicate:
            return "deduplicate";
        case MergeEngine::kPartialUpdate:
            return "partial-update";
        case MergeEngine::kAggregation:
            return "aggregation";
        case MergeEngine::kFirstRow:
            return "first-row";
    }
    return "?";
}

Result<MergeOptions> MergeOptions::FromSchema(const TableSchema& schema) {
    MergeOptions options;
    std::string engine = schema.Option("merge-engine").value_or("deduplicate");
    if (engine == "deduplicate") {
        options.engine = MergeEngine::kDeduplicate;
    } else if (engine == "partial-update") {
        options.engine = MergeEngine::kPartialUpdate;
    } else if (engine == "aggregation") {
        options.engine = MergeEngine::kAggregation;
    } else if (engine == "first-row") {
        options.engine = MergeEngine::kFirstRow;
    } else {
        return Status::NotSupported("merge-engine '" + engine + "' is not supported");
    }
    options.ignore_delete =
        IsTrue(schema.Option("ignore-delete")) || IsTrue(schema.Option("first-row.ignore-delete")) ||
        IsTrue(schema.Option("partial-update.ignore-delete")) || IsTrue(schema.Option("deduplicate.ignore-delete"));
    options.remove_record_on_delete = IsTrue(schema.Option("partial-update.remove-record-on-delete")) ||
                                      IsTrue(schema.Option("aggregation.remove-record-on-delete"));
    if (auto fields = schema.Option("sequence.field"); fields && !fields->empty()) {
        size_t start = 0;
        while (start <= fields->size()) {
            size_t comma = fields->find(',', start);
            if (comma == std::string::npos) comma = fields->size();
            std::string name = Trim(std::string_view(*fields).substr(start, comma - start));
            if (!name.empty()) options.sequence_fields.push_back(std::move(name));
            start = comma + 1;
        }
    }
    if (auto order = schema.Option("sequence.field.sort-order"); order && *order != "ascending") {
        return Status::NotSupported("sequence.field.sort-order '" + *order + "' is not supported");
    }
    if (auto fallback = schema.Option("fields.default-aggregate-function")) options.default_aggregate = *fallback;
    for (const auto& [key, value] : schema.options) {
        if (!StartsWith(key, "fields.")) continue;
        std::string_view rest = std::string_view(key).substr(7);
        if (EndsWith(rest, ".sequence-group")) {
            return Status::NotSupported("option " + key + ": partial-update sequence groups are not supported");
        }
        if (EndsWith(rest, ".aggregate-function")) {
            options.field_aggregates[std::string(rest.substr(0, rest.size() - 19))] = value;
        } else if (EndsWith(rest, ".ignore-retract") && IsTrue(value)) {
            options.ignore_retract_fields.insert(std::string(rest.substr(0, rest.size() - 15)));
        }
    }
    return options;
}

const std::string& MergeOptions::AggregateOf(const std::string& name) const {
    auto it = field_aggregates.find(name);
    return it == field_aggregates.end() ? default_aggregate : it->second;
}

}  // namespace flashlake::lake::lsm
