// Binding of window functions, `f(args) OVER ([PARTITION BY ..] [ORDER BY ..] [frame])`.
//
// While the select list and ORDER BY of a SELECT are bound, each window call is bound over the
// SELECT's input (or, in an aggregating SELECT, over the aggregation's output) and stands in the
// expression as a placeholder column reference. AttachWindows then adds WINDOW nodes between the
// input and the final projection, one per distinct (PARTITION BY, ORDER BY), each appending its
// windows' results after its child's columns, and rewrites the placeholders to those columns.

#include <algorithm>

#include "common/ascii.h"
#include "common/query_error.h"
#include "planner/binder/binder.h"
#include "sql/parser/query.h"
#include "types/cast.h"

namespace flashlake::planner {

namespace {

// Placeholder column k stands for window k of the SELECT until AttachWindows places it.
constexpr size_t kWindowPlaceholder = size_t{1} << 40;

// A literal non-negative integer (LAG/LEAD offsets, NTILE buckets, frame offsets).
int64_t ConstantInteger(const sql::Expr& expr, const std::string& what) {
    if (expr.Is<sql::LiteralExpr>() && expr.As<sql::LiteralExpr>().literal_kind == sql::LiteralKind::kInteger) {
        if (auto value = ParseInteger(expr.As<sql::LiteralExpr>().text); value && *value >= 0) return *value;
    }
    ThrowQueryError(ErrorCode::kInvalidArgument, what, " must be a non-negative integer literal, got '",
                    expr.ToString(), "' ", DescribePosition(expr));
}

WindowBoundKind BoundKind(sql::FrameBoundKind kind) {
    switch (kind) {
        case sql::FrameBoundKind::kUnboundedPreceding:
            return WindowBoundKind::kUnboundedPreceding;
        case sql::FrameBoundKind::kPreceding:
            return WindowBoundKind::kPreceding;
        case sql::FrameBoundKind::kCurrentRow:
            return WindowBoundKind::kCurrentRow;
        case sql::FrameBoundKind::kFollowing:
            return WindowBoundKind::kFollowing;
        case sql::FrameBoundKind::kUnboundedFollowing:
            return WindowBoundKind::kUnboundedFollowing;
    }
    return WindowBoundKind::kCurrentRow;
}

BoundWindowFrame BindFrame(const sql::FunctionCallExpr& call) {
    const sql::WindowSpec& spec = *call.over;
    BoundWindowFrame frame;
    if (!spec.frame) {
        // Default: with ORDER BY the rows up to the current one and its peers; else the partition.
        if (spec.order_by.empty()) frame.end = WindowBoundKind::kUnboundedFollowing;
        return frame;
    }
    const sql::WindowFrame& written = *spec.frame;
    frame.unit = written.unit == sql::FrameUnit::kRows ? WindowFrameUnit::kRows : WindowFrameUnit::kRange;
    frame.start = BoundKind(written.start.kind);
    frame.end = written.has_end ? BoundKind(written.end.kind) : WindowBoundKind::kCurrentRow;
    auto offset = [&](const sql::FrameBound& bound) -> int64_t {
        if (bound.kind != sql::FrameBoundKind::kPreceding && bound.kind != sql::FrameBoundKind::kFollowing) return 0;
        if (frame.unit == WindowFrameUnit::kRange) {
            ThrowQueryError(ErrorCode::kNotSupported, "RANGE frames with an offset are not supported (use ROWS) in ",
                            call.ToString(), " ", DescribePosition(call));
        }
        return ConstantInteger(*bound.offset, "a window frame offset");
    };
    frame.start_offset = offset(written.start);
    if (written.has_end) frame.end_offset = offset(written.end);
    auto rank = [](WindowBoundKind kind) { return static_cast<int>(kind); };
    if (frame.start == WindowBoundKind::kUnboundedFollowing || frame.end == WindowBoundKind::kUnboundedPreceding ||
        rank(frame.start) > rank(frame.end)) {
        ThrowQueryError(ErrorCode::kInvalidArgument, "invalid window frame in ", call.ToString(),
                        ": the frame must not start after it ends ", DescribePosition(call));
    }
    return frame;
}

// The text that tells which windows can share one WINDOW node (same partitioning and order).
std::string SpecKey(const BoundWindow& window) {
    std::string key;
    for (const auto& expr : window.partition_by) key += expr->ToString() + ",";
    key += "|";
    for (const auto& item : window.order_by) {
        key += item.expression->ToString() + (item.ascending ? " A" : " D") + (item.nulls_first ? "F," : "L,");
    }
    return key;
}

void ReplacePlaceholders(BoundExpression& expr, const std::vector<size_t>& columns) {
    if (expr.kind == BoundExprKind::kColumnRef && expr.column_index >= kWindowPlaceholder) {
        expr.column_index = columns[expr.column_index - kWindowPlaceholder];
    }
    for (auto& child : expr.children) ReplacePlaceholders(*child, columns);
}

}  // namespace

struct Binder::WindowContext {
    std::vector<BoundWindow> windows;
    std::vector<std::string> keys;  // text of each call, to reuse equal ones
};

Binder::WindowScope::WindowScope(Binder& binder)
    : binder_(binder), saved_(binder.window_context_), context_(std::make_unique<WindowContext>()) {
    binder_.window_context_ = context_.get();
}

Binder::WindowScope::~WindowScope() {
    binder_.window_context_ = saved_;
}

BoundExprPtr Binder::BindWindowCall(const sql::FunctionCallExpr& call, const BindScope& scope, const char* clause) {
    std::string name = AsciiLower(call.function_name());
    std::string where = clause;
    if (window_context_ == nullptr || (where != "field list" && where != "order clause")) {
        ThrowQueryError(ErrorCode::kInvalidArgument, "window function '", call.function_name(), "' is not allowed in ",
                        clause, " ", DescribePosition(call));
    }
    if (grouping_excluded_ != nullptr) {
        ThrowQueryError(ErrorCode::kNotSupported,
                        "window functions together with ROLLUP, CUBE or GROUPING SETS are not supported yet ",
                        DescribePosition(call));
    }
    WindowContext& context = *window_context_;
    std::string text = call.ToString();
    for (size_t i = 0; i < context.keys.size(); ++i) {
        if (context.keys[i] == text) return MakeColumnRef(kWindowPlaceholder + i, context.windows[i].type, text);
    }
    if (call.distinct) {
        ThrowQueryError(ErrorCode::kNotSupported, "DISTINCT in window functions is not supported: ", text, " ",
                        DescribePosition(call));
    }
    // Arguments, partition and order keys see the rows below the window; a window inside them is
    // an error (reported with the clause "window function").
    struct Restore {
        Binder& binder;
        WindowContext* saved;
        ~Restore() { binder.window_context_ = saved; }
    } restore{*this, window_context_};
    window_context_ = nullptr;
    const char* inner = "window function";
    BoundWindow window;
    window.name = name;
    window.text = text;
    for (const auto& key : call.over->partition_by) window.partition_by.push_back(BindExpression(*key, scope, inner));
    for (const auto& item : call.over->order_by) {
        BoundOrderBy key;
        key.expression = BindExpression(*item.expr, scope, inner);
        key.ascending = item.ascending;
        key.nulls_first =
            item.nulls == sql::NullsOrder::kDefault ? item.ascending : item.nulls == sql::NullsOrder::kFirst;
        window.order_by.push_back(std::move(key));
    }
    window.frame = BindFrame(call);
    auto expect_arguments = [&](size_t min, size_t max) {
        if (call.args.size() < min || call.args.size() > max || call.star) {
            ThrowQueryError(ErrorCode::kInvalidArgument, "wrong number of arguments to window function '",
                            call.function_name(), "' ", DescribePosition(call));
        }
    };
    if (name == "row_number" || name == "rank" || name == "dense_rank") {
        expect_arguments(0, 0);
        window.type = LogicalType::BigInt();
    } else if (name == "ntile") {
        expect_arguments(1, 1);
        window.offset = ConstantInteger(*call.args[0], "the NTILE bucket count");
        if (window.offset == 0)
            ThrowQueryError(ErrorCode::kInvalidArgument, "the NTILE bucket count must be positive ",
                            DescribePosition(call));
        window.type = LogicalType::BigInt();
    } else if (name == "lag" || name == "lead") {
        expect_arguments(1, 3);
        window.arguments.push_back(BindExpression(*call.args[0], scope, inner));
        window.type = window.arguments[0]->type;
        if (call.args.size() >= 2) window.offset = ConstantInteger(*call.args[1], "the LAG/LEAD offset");
        BoundExprPtr fallback =
            call.args.size() == 3 ? BindExpression(*call.args[2], scope, inner) : MakeConstant(Value());
        auto cast = MakeCast(std::move(fallback), window.type, false);
        ThrowIfError(cast.status());
        window.arguments.push_back(std::move(cast).value());
    } else if (name == "first_value" || name == "last_value") {
        expect_arguments(1, 1);
        window.arguments.push_back(BindExpression(*call.args[0], scope, inner));
        window.type = window.arguments[0]->type;
    } else if (name == "sum" || name == "avg" || name == "count" || name == "min" || name == "max") {
        if (!aggregate_resolver_.bind)
            ThrowQueryError(ErrorCode::kNotSupported, "aggregate functions are not available");
        std::vector<LogicalType> types;
        for (const auto& argument : call.args) {
            window.arguments.push_back(BindExpression(*argument, scope, inner));
            types.push_back(window.arguments.back()->type);
        }
        auto bound = aggregate_resolver_.bind(name, types, false);
        if (!bound.ok()) ThrowQueryError(bound.status().code(), bound.status().message(), " ", DescribePosition(call));
        for (size_t i = 0; i < window.arguments.size(); ++i) {
            auto cast = MakeCast(std::move(window.arguments[i]), bound->argument_types[i], false);
            ThrowIfError(cast.status());
            window.arguments[i] = std::move(cast).value();
        }
        window.aggregate = std::move(bound).value();
        window.has_aggregate = true;
        window.type = window.aggregate.return_type;
    } else if (aggregate_resolver_.is_aggregate && aggregate_resolver_.is_aggregate(name)) {
        ThrowQueryError(ErrorCode::kNotSupported, "aggregate function '", call.function_name(),
                        "' is not supported as a window function yet ", DescribePosition(call));
    } else {
        ThrowQueryError(ErrorCode::kInvalidArgument, "'", call.function_name(), "' is not a window function ",
                        DescribePosition(call));
    }
    LogicalType type = window.type;
    context.windows.push_back(std::move(window));
    context.keys.push_back(text);
    return MakeColumnRef(kWindowPlaceholder + context.windows.size() - 1, type, text);
}

LogicalOperatorPtr Binder::AttachWindows(LogicalOperatorPtr plan, std::vector<std::vector<BoundExprPtr>*> users) {
    if (window_context_ == nullptr || window_context_->windows.empty()) return plan;
    std::vector<BoundWindow>& windows = window_context_->windows;
    // One WINDOW node per distinct specification, in order of first use.
    std::vector<std::string> specs;
    std::vector<std::vector<size_t>> groups;
    for (size_t i = 0; i < windows.size(); ++i) {
        std::string key = SpecKey(windows[i]);
        auto found = std::find(specs.begin(), specs.end(), key);
        if (found == specs.end()) {
            specs.push_back(key);
            groups.emplace_back();
            found = specs.end() - 1;
        }
        groups[found - specs.begin()].push_back(i);
    }
    std::vector<size_t> columns(windows.size());
    for (const auto& group : groups) {
        auto node = std::make_unique<LogicalOperator>(LogicalOperatorKind::kWindow);
        node->names = plan->names;
        node->types = plan->types;
        for (size_t index : group) {
            columns[index] = node->types.size();
            node->names.push_back(windows[index].text);
            node->types.push_back(windows[index].type);
            node->windows.push_back(std::move(windows[index]));
        }
        node->estimated_rows = plan->estimated_rows;
        node->children.push_back(std::move(plan));
        plan = std::move(node);
    }
    for (auto* user : users) {
        for (auto& expr : *user) ReplacePlaceholders(*expr, columns);
    }
    window_context_->windows.clear();
    window_context_->keys.clear();
    return plan;
}

}  // namespace flashlake::planner
