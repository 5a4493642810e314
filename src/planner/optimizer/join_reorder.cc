// Join ordering: a tree of inner and cross joins (a "region"; outer, semi and anti joins and every
// other operator bound it) is flattened into its inputs and its conditions, then rebuilt as a
// left-deep chain of hash joins chosen greedily:
//   - the chain starts from the input estimated largest (the fact table of a star join), which
//     stays on the probe side so that its rows stream through every join;
//   - each next input is one connected to the chain by an equality, the one that keeps the
//     estimated result smallest (a selective dimension first); only when none is connected does
//     a cross join come in, the smallest input first;
//   - every condition is placed at the first join where all the columns it reads are present:
//     an equality between the chain and the new input becomes a join key, anything else a
//     residual condition.
// A projection on top restores the region's original column order, so the plan above is
// untouched. Without this pass joins follow the FROM order, and a star query written with the fact
// table last builds cross joins of its dimensions.

#include <algorithm>
#include <map>
#include <optional>

#include "planner/expression/expression_rewrites.h"
#include "planner/optimizer/optimizer.h"

namespace flashlake::planner {

namespace {

bool IsReorderable(const LogicalOperator& node) {
    return node.kind == LogicalOperatorKind::kJoin && !node.null_aware &&
           (node.join_type == JoinType::kInner || node.join_type == JoinType::kCross);
}

struct Input {
    LogicalOperatorPtr* slot = nullptr;  // where the input hangs in the original tree
    size_t start = 0;  // first column of the region's output it provides
    size_t width = 0;
    double rows = 1;
    double selectivity = 1;  // estimated rows over the rows of the unfiltered source
};

// A condition over the region's columns: an equality `left = right` whose sides may become keys,
// or any other predicate (`residual`).
struct Condition {
    BoundExprPtr left, right;  // an equality's sides
    BoundExprPtr residual;     // the whole condition, when it can be evaluated as such
    std::set<size_t> left_inputs, right_inputs, inputs;
    bool IsEquality() const { return left != nullptr; }
};

double SelectivityOf(const LogicalOperator& plan) {
    const LogicalOperator* source = &plan;
    while ((source->kind == LogicalOperatorKind::kFilter || source->kind == LogicalOperatorKind::kProjection) &&
           !source->children.empty()) {
        source = source->children[0].get();
    }
    if (source == &plan || source->estimated_rows <= 0) return 1;
    return std::clamp(plan.estimated_rows / source->estimated_rows, 0.0, 1.0);
}

class Region {
public:
    // Reads the region rooted at `root` (its inputs and copies of its conditions) without
    // changing it. Returns false when it has fewer than three inputs: the build-side pass already
    // orders a single join.
    bool Flatten(LogicalOperatorPtr& root) {
        size_t count = CountInputs(*root);
        if (count < 3) return false;
        names_ = root->names;
        types_ = root->types;
        Collect(root, 0);
        for (auto& condition : conditions_) Classify(condition);
        return true;
    }

    std::vector<LogicalOperatorPtr*> InputSlots() const {
        std::vector<LogicalOperatorPtr*> slots;
        for (const auto& input : inputs_) slots.push_back(input.slot);
        return slots;
    }

    // The greedy order, or nullopt when some equality could be placed neither as a key nor as a
    // residual (both of its sides span inputs joined at different steps).
    std::optional<std::vector<size_t>> ChooseOrder() const {
        std::vector<size_t> order;
        std::set<size_t> placed;
        size_t first = 0;
        for (size_t i = 1; i < inputs_.size(); ++i) {
            if (inputs_[i].rows > inputs_[first].rows) first = i;
        }
        order.push_back(first);
        placed.insert(first);
        double current_rows = inputs_[first].rows;
        while (order.size() < inputs_.size()) {
            std::optional<size_t> best;
            bool best_connected = false;
            double best_rows = 0;
            for (size_t candidate = 0; candidate < inputs_.size(); ++candidate) {
                if (placed.count(candidate) != 0) continue;
                bool connected = Connects(placed, candidate);
                const Input& input = inputs_[candidate];
                double rows = connected ? std::max(current_rows, input.rows) * input.selectivity
                                        : current_rows * input.rows;
                bool better = !best || (connected && !best_connected) ||
                              (connected == best_connected &&
                               (rows < best_rows || (rows == best_rows && input.rows < inputs_[*best].rows)));
                if (better) {
                    best = candidate;
                    best_connected = connected;
                    best_rows = rows;
                }
            }
            order.push_back(*best);
            placed.insert(*best);
            current_rows = std::max(1.0, best_rows);
        }
        if (!Placeable(order)) return std::nullopt;
        return order;
    }

    // The new tree; takes the inputs out of the original one (which the caller then drops).
    LogicalOperatorPtr Build(const std::vector<size_t>& order) {
        std::vector<size_t> position(types_.size(), 0);  // region column -> column of the chain
        std::set<size_t> placed;
        std::vector<bool> used(conditions_.size(), false);
        auto place = [&](size_t input, size_t offset) {
            for (size_t c = 0; c < inputs_[input].width; ++c) position[inputs_[input].start + c] = offset + c;
            placed.insert(input);
        };
        LogicalOperatorPtr chain = std::move(*inputs_[order[0]].slot);
        place(order[0], 0);
        for (size_t step = 1; step < order.size(); ++step) {
            Input& input = inputs_[order[step]];
            LogicalOperatorPtr input_plan = std::move(*input.slot);
            const size_t chain_width = chain->types.size();
            auto join = std::make_unique<LogicalOperator>(LogicalOperatorKind::kJoin);
            join->names = chain->names;
            join->types = chain->types;
            join->names.insert(join->names.end(), input_plan->names.begin(), input_plan->names.end());
            join->types.insert(join->types.end(), input_plan->types.begin(), input_plan->types.end());
            const std::set<size_t> before = placed;
            place(order[step], chain_width);
            const std::vector<BoundExprPtr> chain_columns = References(position, placed);
            std::vector<BoundExprPtr> input_columns(types_.size());
            for (size_t c = 0; c < input.width; ++c) {
                input_columns[input.start + c] = MakeColumnRef(c, types_[input.start + c], names_[input.start + c]);
            }
            for (size_t i = 0; i < conditions_.size(); ++i) {
                Condition& condition = conditions_[i];
                if (used[i] || !Covers(placed, condition.inputs)) continue;
                used[i] = true;
                if (condition.IsEquality() && Separates(before, order[step], condition)) {
                    bool left_in_chain = Covers(before, condition.left_inputs);
                    const BoundExprPtr& chain_side = left_in_chain ? condition.left : condition.right;
                    const BoundExprPtr& input_side = left_in_chain ? condition.right : condition.left;
                    join->left_keys.push_back(SubstituteColumns(*chain_side, chain_columns));
                    join->right_keys.push_back(SubstituteColumns(*input_side, input_columns));
                    continue;
                }
                join->expressions.push_back(SubstituteColumns(*condition.residual, chain_columns));
            }
            join->join_type = join->left_keys.empty() ? JoinType::kCross : JoinType::kInner;
            join->estimated_rows = join->left_keys.empty()
                                       ? chain->estimated_rows * input.rows
                                       : std::max(1.0, std::max(chain->estimated_rows, input.rows) * input.selectivity);
            join->children.push_back(std::move(chain));
            join->children.push_back(std::move(input_plan));
            chain = std::move(join);
        }
        // Every condition reads some input, or reads none and went to the first join.
        auto projection = std::make_unique<LogicalOperator>(LogicalOperatorKind::kProjection);
        projection->names = names_;
        projection->types = types_;
        for (size_t column = 0; column < types_.size(); ++column) {
            projection->expressions.push_back(MakeColumnRef(position[column], types_[column], names_[column]));
        }
        projection->estimated_rows = chain->estimated_rows;
        projection->children.push_back(std::move(chain));
        return projection;
    }

private:
    static size_t CountInputs(const LogicalOperator& node) {
        if (!IsReorderable(node)) return 1;
        return CountInputs(*node.children[0]) + CountInputs(*node.children[1]);
    }

    void Collect(LogicalOperatorPtr& node, size_t offset) {
        if (!IsReorderable(*node)) {
            Input input;
            input.slot = &node;
            input.start = offset;
            input.width = node->types.size();
            input.rows = std::max(1.0, node->estimated_rows);
            input.selectivity = SelectivityOf(*node);
            inputs_.push_back(input);
            return;
        }
        const size_t left_width = node->children[0]->types.size();
        for (size_t k = 0; k < node->left_keys.size(); ++k) {
            Condition condition;
            condition.left = node->left_keys[k]->Clone();
            condition.right = node->right_keys[k]->Clone();
            ShiftColumns(*condition.left, static_cast<std::ptrdiff_t>(offset));
            ShiftColumns(*condition.right, static_cast<std::ptrdiff_t>(offset + left_width));
            conditions_.push_back(std::move(condition));
        }
        for (const auto& expression : node->expressions) {
            std::vector<BoundExprPtr> conjuncts;
            SplitConjuncts(expression->Clone(), conjuncts);
            for (auto& conjunct : conjuncts) {
                ShiftColumns(*conjunct, static_cast<std::ptrdiff_t>(offset));
                Condition condition;
                if (const BoundExpression* equality = AsEquality(*conjunct)) {
                    condition.left = equality->children[0]->Clone();
                    condition.right = equality->children[1]->Clone();
                }
                condition.residual = std::move(conjunct);
                conditions_.push_back(std::move(condition));
            }
        }
        Collect(node->children[0], offset);
        Collect(node->children[1], offset + left_width);
    }

    size_t InputOf(size_t column) const {
        for (size_t i = 0; i < inputs_.size(); ++i) {
            if (column >= inputs_[i].start && column < inputs_[i].start + inputs_[i].width) return i;
        }
        return 0;  // unreachable: every region column belongs to an input
    }

    std::set<size_t> InputsOf(const BoundExpression& expression) const {
        std::set<size_t> columns, inputs;
        CollectColumns(expression, columns);
        for (size_t column : columns) inputs.insert(InputOf(column));
        return inputs;
    }

    void Classify(Condition& condition) {
        if (condition.IsEquality()) {
            condition.left_inputs = InputsOf(*condition.left);
            condition.right_inputs = InputsOf(*condition.right);
            condition.inputs = condition.left_inputs;
            condition.inputs.insert(condition.right_inputs.begin(), condition.right_inputs.end());
            // A side that reads nothing (`a.x = 1`) is no join key.
            if (condition.left_inputs.empty() || condition.right_inputs.empty()) {
                condition.left.reset();
                condition.right.reset();
            }
        } else {
            condition.inputs = InputsOf(*condition.residual);
        }
    }

    static bool Covers(const std::set<size_t>& placed, const std::set<size_t>& needed) {
        return std::includes(placed.begin(), placed.end(), needed.begin(), needed.end());
    }

    // True when one side of the equality reads only the chain and the other only `input`.
    static bool Separates(const std::set<size_t>& chain, size_t input, const Condition& condition) {
        const std::set<size_t> just_input{input};
        return (Covers(chain, condition.left_inputs) && condition.right_inputs == just_input) ||
               (Covers(chain, condition.right_inputs) && condition.left_inputs == just_input);
    }

    bool Connects(const std::set<size_t>& chain, size_t input) const {
        for (const auto& condition : conditions_) {
            if (condition.IsEquality() && Separates(chain, input, condition)) return true;
        }
        return false;
    }

    // Whether every condition finds a join to go to in `order`: an equality that cannot be a key
    // where it lands needs its whole expression as a residual.
    bool Placeable(const std::vector<size_t>& order) const {
        std::set<size_t> placed{order[0]};
        std::vector<bool> used(conditions_.size(), false);
        for (size_t step = 1; step < order.size(); ++step) {
            const std::set<size_t> before = placed;
            placed.insert(order[step]);
            for (size_t i = 0; i < conditions_.size(); ++i) {
                const Condition& condition = conditions_[i];
                if (used[i] || !Covers(placed, condition.inputs)) continue;
                used[i] = true;
                bool as_key = condition.IsEquality() && Separates(before, order[step], condition);
                if (!as_key && !condition.residual) return false;
            }
        }
        return true;
    }

    // Column references of the chain for every region column already placed (others: unused).
    std::vector<BoundExprPtr> References(const std::vector<size_t>& position, const std::set<size_t>& placed) const {
        std::vector<BoundExprPtr> references(types_.size());
        for (size_t input : placed) {
            for (size_t c = 0; c < inputs_[input].width; ++c) {
                size_t column = inputs_[input].start + c;
                references[column] = MakeColumnRef(position[column], types_[column], names_[column]);
            }
        }
        for (auto& reference : references) {
            if (!reference) reference = MakeConstant(Value());  // never read: conditions wait for their inputs
        }
        return references;
    }

    std::vector<std::string> names_;
    std::vector<LogicalType> types_;
    std::vector<Input> inputs_;
    std::vector<Condition> conditions_;
};

void Reorder(LogicalOperatorPtr& plan) {
    Region region;
    if (!IsReorderable(*plan) || !region.Flatten(plan)) {
        for (auto& child : plan->children) Reorder(child);
        return;
    }
    // The inputs may hold regions of their own (under an aggregate, a subquery, an outer join).
    for (LogicalOperatorPtr* input : region.InputSlots()) Reorder(*input);
    std::optional<std::vector<size_t>> order = region.ChooseOrder();
    if (!order) return;  // keep the FROM order
    bool unchanged = true;
    for (size_t i = 0; i < order->size(); ++i) unchanged = unchanged && (*order)[i] == i;
    if (unchanged) return;
    LogicalOperatorPtr rebuilt = region.Build(*order);
    plan = std::move(rebuilt);
}

}  // namespace

void ReorderJoins(LogicalOperatorPtr& plan) { Reorder(plan); }

}  // namespace flashlake::planner
