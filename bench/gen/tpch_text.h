#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "rng.h"

namespace flashlake::bench {

// Text columns of TPC-H (specification 4.2.2). The comment grammar is simplified to sentences of
// the specification's word classes (adjective noun verb adverb, with prepositions), without
// commas so that the CSV needs no quoting; 'special ... requests' and the other phrases the
// queries search for still occur at random.

// A comment of a length drawn from [min_length, max_length]: sentences cut at that length.
std::string TpchComment(Rng& rng, int min_length, int max_length);

// A supplier comment with 'Customer ... Complaints' (complaints) or 'Customer ... Recommends'
// placed inside it, as the specification does for 5 * SF suppliers each.
std::string TpchSupplierComment(Rng& rng, bool complaints);

// 'Supplier#000000042': a prefix and the key zero-padded to 9 digits.
std::string TpchNumberedName(std::string_view prefix, int64_t key);

// 10..40 random letters, digits and dots (the specification's v-string without commas).
std::string TpchAddress(Rng& rng);

// 'CC-NNN-NNN-NNNN' with the country code nation + 10.
std::string TpchPhone(Rng& rng, int nation);

}  // namespace flashlake::bench
