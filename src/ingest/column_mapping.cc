#include "ingest/column_mapping.h"

#include <algorithm>
#include <cctype>

#include "common/query_error.h"
#include "exec/expression/expression_evaluator.h"
#include "ingest/load_source.h"
#include "planner/binder/binder.h"
#include "sql/parser/expr.h"
#include "sql/parser/parser.h"

namespace flashlake::ingest {

namespace {

std::string Lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view Trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

// "name" or "`name`"; empty when `text` is no plain column name.
std::string ColumnName(std::string_view text) {
    text = Trim(text);
    if (text.size() >= 2 && text.front() == '`' && text.back() == '`')
        return std::string(text.substr(1, text.size() - 2));
    if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return "";
    for (char c : text) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '$') return "";
    }
    return std::string(text);
}

// The position of an assignment's '=' in a columns item (not part of <=, >=, !=, ==), or npos.
size_t AssignmentAt(std::string_view item) {
    size_t eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0) return std::string_view::npos;
    if (std::string_view("<>!=").find(item[eq - 1]) != std::string_view::npos) return std::string_view::npos;
    if (eq + 1 < item.size() && item[eq + 1] == '=') return std::string_view::npos;
    return ColumnName(item.substr(0, eq)).empty() ? std::string_view::npos : eq;
}

std::string Describe(const Value& value) {
    std::string text = value.ToString();
    if (text.size() > 64) text = text.substr(0, 64) + "...";
    return text;
}

// Evaluates `expression` over `input`. When the whole batch raises an error, the rows are
// evaluated one by one, and those that raise it are marked in `bad` with the error as reason.
ColumnPtr EvaluateRows(const planner::BoundExpression& expression, const Chunk& input, std::vector<std::string>& bad,
                       const std::string& what) {
    try {
        return exec::ExpressionEvaluator::Evaluate(expression, input);
    } catch (const QueryError&) {
    }
    ColumnPtr out = Column::MakeFlat(expression.type, input.num_rows());
    for (size_t row = 0; row < input.num_rows(); ++row) {
        try {
            ColumnPtr one = exec::ExpressionEvaluator::Evaluate(expression, input.Slice(row, 1));
            out->SetValue(row, one->GetValue(0));
        } catch (const QueryError& error) {
            out->SetNull(row);
            if (bad[row].empty()) bad[row] = what + ": " + error.what();
        }
    }
    return out;
}

}  // namespace

std::vector<std::string> SplitColumnList(std::string_view text) {
    std::vector<std::string> items;
    int depth = 0;
    char quote = 0;
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
        char c = i < text.size() ? text[i] : ',';
        if (quote != 0) {
            if (c == quote) quote = 0;
            continue;
        }
        if (c == '\'' || c == '"' || c == '`') {
            quote = c;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')') {
            --depth;
        } else if (c == ',' && depth <= 0) {
            std::string_view item = Trim(text.substr(start, i - start));
            if (!item.empty() || i < text.size()) items.emplace_back(item);
            start = i + 1;
        }
    }
    return items;
}

Result<std::unique_ptr<ColumnMapping>> ColumnMapping::Make(const LoadRequest& request, const lake::TableSchema& schema,
                                                           const functions::FunctionRegistry& functions) {
    auto mapping = std::unique_ptr<ColumnMapping>(new ColumnMapping());
    std::vector<std::pair<std::string, sql::ExprPtr>> derived;  // (lower-case table column, expression)
    if (Trim(request.columns).empty()) {
        for (const auto& field : schema.fields) mapping->source_names_.push_back(field.name);
    } else {
        for (const std::string& item : SplitColumnList(request.columns)) {
            size_t eq = AssignmentAt(item);
            if (eq == std::string::npos) {
                std::string name = ColumnName(item);
                if (name.empty()) {
                    return Status::InvalidArgument("bad item '" + item + "' in columns: expected a column name or " +
                                                   "`name = expression`");
                }
                mapping->source_names_.push_back(name);
                continue;
            }
            auto expr = sql::ParseExpression(Trim(std::string_view(item).substr(eq + 1)));
            if (!expr.ok()) {
                return Status(expr.status().code(),
                              "bad expression in columns item '" + item + "': " + expr.status().message());
            }
            derived.emplace_back(Lower(ColumnName(item.substr(0, eq))), std::move(*expr));
        }
    }
    if (mapping->source_names_.empty()) return Status::InvalidArgument("columns names no source column");

    planner::BindScope source_scope;
    for (const auto& name : mapping->source_names_) source_scope.columns.push_back({"", name, LogicalType::Varchar()});
    planner::Binder binder(functions, [](const std::string&) -> std::optional<Value> { return std::nullopt; });
    std::vector<bool> source_used(mapping->source_names_.size(), false);
    try {
        for (const auto& [name, expr] : derived) {
            if (schema.FieldIndex(name) < 0 && std::none_of(schema.fields.begin(), schema.fields.end(),
                                                            [&](const auto& f) { return Lower(f.name) == name; })) {
                return Status(ErrorCode::kUnknownColumn, "Unknown column '" + name + "' in columns: table '" +
                                                             request.table + "' has no such column");
            }
        }
        for (const auto& field : schema.fields) {
            Target target;
            target.name = field.name;
            FL_ASSIGN_OR_RETURN(target.type, field.type.ToLogicalType());
            target.nullable = field.type.nullable();
            std::string lower = Lower(field.name);
            auto derived_it =
                std::find_if(derived.begin(), derived.end(), [&](const auto& d) { return d.first == lower; });
            if (derived_it != derived.end()) {
                target.value = binder.BindExpression(*derived_it->second, source_scope, "columns");
            } else {
                for (size_t s = 0; s < mapping->source_names_.size(); ++s) {
                    if (Lower(mapping->source_names_[s]) == lower) {
                        target.source = static_cast<int>(s);
                        source_used[s] = true;
                        target.value = planner::MakeColumnRef(s, LogicalType::Varchar(), field.name);
                        break;
                    }
                }
            }
            if (!target.value && !target.nullable) {
                return Status::InvalidArgument("column '" + field.name +
                                               "' is NOT NULL and gets no value: name it in "
                                               "the columns header");
            }
            if (target.value) {
                auto cast =
                    planner::MakeCast(planner::MakeColumnRef(0, target.value->type, field.name), target.type, false);
                if (!cast.ok()) {
                    return Status(cast.status().code(), "column '" + field.name + "': " + cast.status().message());
                }
                target.cast = std::move(*cast);
            }
            mapping->targets_.push_back(std::move(target));
        }
        if (!Trim(request.where).empty()) {
            auto where = sql::ParseExpression(request.where);
            if (!where.ok()) return Status(where.status().code(), "bad where: " + where.status().message());
            planner::BindScope scope;
            for (const Target& target : mapping->targets_) scope.columns.push_back({"", target.name, target.type});
            for (size_t s = 0; s < mapping->source_names_.size(); ++s) {
                if (source_used[s] || schema.FieldIndex(Lower(mapping->source_names_[s])) >= 0) continue;
                mapping->extra_sources_.push_back(s);
                scope.columns.push_back({"", mapping->source_names_[s], LogicalType::Varchar()});
            }
            planner::BoundExprPtr predicate = binder.BindExpression(**where, scope, "where");
            FL_ASSIGN_OR_RETURN(mapping->where_,
                                planner::MakeCast(std::move(predicate), LogicalType::Boolean(), false));
        }
    } catch (const QueryError& error) {
        return error.ToStatus();
    }
    return mapping;
}

std::vector<bool> ColumnMapping::EmptyIsNull() const {
    std::vector<bool> out(source_names_.size(), false);
    for (const Target& target : targets_) {
        if (target.source >= 0 && !target.type.IsString()) out[static_cast<size_t>(target.source)] = true;
    }
    return out;
}

MappedBatch ColumnMapping::Apply(const SourceBatch& batch, const LoadSource& source) const {
    const Chunk& input = batch.chunk;
    const size_t rows = input.num_rows();
    std::vector<std::string> bad(rows);  // non-empty: why the row is rejected
    std::vector<ColumnPtr> columns;
    for (size_t t = 0; t < targets_.size(); ++t) {
        const Target& target = targets_[t];
        std::string what = "column " + std::to_string(t + 1) + " (" + target.name + " " + target.type.ToString() + ")";
        if (!target.value) {
            columns.push_back(Column::MakeConstant(Value::Null(target.type), rows));
            continue;
        }
        ColumnPtr value = EvaluateRows(*target.value, input, bad, what);
        ColumnPtr cast = EvaluateRows(*target.cast, Chunk({value}, rows), bad, what);
        if (cast->encoding() != ColumnEncoding::kFlat) cast = cast->Flatten();
        bool check_length = target.type.IsString() && target.type.length() > 0;
        for (size_t row = 0; row < rows; ++row) {
            if (!bad[row].empty()) continue;
            if (cast->IsNull(row)) {
                if (!value->IsNull(row)) {
                    bad[row] = what + ": bad value '" + Describe(value->GetValue(row)) + "'";
                } else if (!target.nullable) {
                    bad[row] = what + ": NULL in a NOT NULL column";
                }
            } else if (check_length) {
                size_t length = cast->Data<StringView>()[row].size();
                if (length > static_cast<size_t>(target.type.length())) {
                    bad[row] = what + ": value of " + std::to_string(length) + " bytes is longer than " +
                               std::to_string(target.type.length());
                }
            }
        }
        columns.push_back(std::move(cast));
    }

    MappedBatch out;
    SelectionVector keep(rows);
    std::vector<uint8_t> selected(rows, 1);
    if (where_) {
        std::vector<ColumnPtr> scope = columns;
        for (size_t s : extra_sources_) scope.push_back(input.column(s));
        ColumnPtr predicate = EvaluateRows(*where_, Chunk(scope, rows), bad, "where");
        if (predicate->encoding() != ColumnEncoding::kFlat) predicate = predicate->Flatten();
        const uint8_t* truth = predicate->Data<uint8_t>();
        for (size_t row = 0; row < rows; ++row) selected[row] = !predicate->IsNull(row) && truth[row] != 0;
    }
    for (size_t row = 0; row < rows; ++row) {
        if (!bad[row].empty()) {
            out.rejected.push_back({batch.lines[row], std::move(bad[row]), source.RowText(row)});
        } else if (!selected[row]) {
            ++out.unselected;
        } else {
            keep.Append(static_cast<uint32_t>(row));
        }
    }
    out.rows = Chunk(std::move(columns), rows).Select(keep);
    return out;
}

}  // namespace flashlake::ingest
