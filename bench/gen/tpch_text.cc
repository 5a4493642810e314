#include "tpch_text.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>

namespace flashlake::bench {
namespace {

// Word lists of the specification's text grammar (4.2.2.13), shortened.
constexpr std::array<std::string_view, 24> kNouns = {
    "packages", "requests",     "accounts",  "deposits", "foxes",     "ideas",     "theodolites", "pinto beans",
    "instructions", "dependencies", "excuses", "platelets", "asymptotes", "courts", "dolphins", "multipliers",
    "sauternes", "warthogs",    "frets",     "dinos",    "attainments", "somas",   "patterns",    "braids"};
constexpr std::array<std::string_view, 20> kVerbs = {
    "sleep", "wake",  "are",   "cajole", "haggle", "nag",   "use",   "boost", "affix", "detect",
    "integrate", "maintain", "nod", "was", "lose", "sublate", "solve", "thrash", "promise", "engage"};
constexpr std::array<std::string_view, 20> kAdjectives = {
    "special", "pending", "unusual", "express", "furious", "sly",   "careful", "blithe", "quick", "fluffy",
    "slow",    "quiet",   "ruthless", "thin",   "close",   "dogged", "daring", "brave", "regular", "final"};
constexpr std::array<std::string_view, 16> kAdverbs = {
    "sometimes", "always", "never",  "furiously", "slyly",   "carefully", "blithely", "quickly",
    "fluffily",  "slowly", "quietly", "ruthlessly", "thinly", "closely",  "boldly",   "silently"};
constexpr std::array<std::string_view, 12> kPrepositions = {
    "about", "above", "according to", "across", "after", "against", "along", "among", "around", "at", "atop", "before"};

template <size_t N>
void AppendWord(Rng& rng, const std::array<std::string_view, N>& words, std::string& out) {
    if (!out.empty() && out.back() != ' ') out.push_back(' ');
    out.append(words[rng.Below(N)]);
}

// One sentence: '[adverb] adjective noun verb [adverb] [preposition the adjective noun].'
void AppendSentence(Rng& rng, std::string& out) {
    if (rng.Chance(3000)) AppendWord(rng, kAdverbs, out);
    AppendWord(rng, kAdjectives, out);
    AppendWord(rng, kNouns, out);
    AppendWord(rng, kVerbs, out);
    if (rng.Chance(5000)) AppendWord(rng, kAdverbs, out);
    if (rng.Chance(5000)) {
        AppendWord(rng, kPrepositions, out);
        out.append(" the");
        AppendWord(rng, kAdjectives, out);
        AppendWord(rng, kNouns, out);
    }
    out.append(". ");
}

// Cuts trailing spaces so that a cut at any length gives clean text.
void TrimEnd(std::string& text) {
    while (!text.empty() && text.back() == ' ') text.pop_back();
}

}  // namespace

std::string TpchComment(Rng& rng, int min_length, int max_length) {
    const size_t length = size_t(rng.Between(min_length, max_length));
    std::string text;
    while (text.size() < length) AppendSentence(rng, text);
    text.resize(length);
    TrimEnd(text);
    return text;
}

std::string TpchSupplierComment(Rng& rng, bool complaints) {
    std::string text = TpchComment(rng, 25, 100);
    const std::string_view ending = complaints ? "Complaints" : "Recommends";
    // 'Customer', some text, then the ending, at a random place that keeps the phrase whole.
    std::string phrase = "Customer ";
    phrase.append(kAdverbs[rng.Below(kAdverbs.size())]);
    phrase.push_back(' ');
    phrase.append(ending);
    const size_t keep = text.size() > phrase.size() ? text.size() - phrase.size() : 0;
    const size_t at = size_t(rng.Below(keep + 1));
    text.replace(at, std::min(phrase.size(), text.size() - at), phrase);
    return text;
}

std::string TpchNumberedName(std::string_view prefix, int64_t key) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof(digits), key).ptr;
    std::string name(prefix);
    name.append(size_t(std::max<std::ptrdiff_t>(0, 9 - (end - digits))), '0');
    name.append(digits, end);
    return name;
}

std::string TpchAddress(Rng& rng) {
    static constexpr std::string_view kChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.";
    std::string address(size_t(rng.Between(10, 40)), ' ');
    for (char& c : address) c = kChars[rng.Below(kChars.size())];
    return address;
}

std::string TpchPhone(Rng& rng, int nation) {
    std::string phone = std::to_string(nation + 10);
    phone += '-' + std::to_string(rng.Between(100, 999));
    phone += '-' + std::to_string(rng.Between(100, 999));
    phone += '-' + std::to_string(rng.Between(1000, 9999));
    return phone;
}

}  // namespace flashlake::bench
