#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "app/text/natural_order.hpp"

TEST_CASE("natural order: numbers by value, a strict weak order over random names") {
    using app::naturalLess;
    CHECK(naturalLess("b2", "b10"));
    CHECK_FALSE(naturalLess("b10", "b2"));
    CHECK(naturalLess("b9", "b10x"));
    CHECK(naturalLess("b2", "b02")); // the same value: fewer leading zeros first
    CHECK_FALSE(naturalLess("b02", "b2"));
    CHECK(naturalLess("a", "a1"));
    CHECK(naturalLess("x1y2", "x1y10"));
    CHECK(naturalLess("陈1", "陈2"));
    CHECK_FALSE(naturalLess("same", "same"));

    // Irreflexive, asymmetric, transitive and with transitive incomparability: std::sort's contract.
    std::mt19937 rng(7);
    const std::string alphabet = "ab0129";
    std::vector<std::string> names(300);
    for (auto& n : names) {
        const std::size_t length = 1 + rng() % 6;
        for (std::size_t i = 0; i < length; ++i) n.push_back(alphabet[rng() % alphabet.size()]);
    }
    for (const auto& a : names) {
        CHECK_FALSE(naturalLess(a, a));
        for (const auto& b : names) {
            if (naturalLess(a, b)) CHECK_FALSE(naturalLess(b, a));
            const bool equivalent = !naturalLess(a, b) && !naturalLess(b, a);
            if (equivalent) CHECK(a == b); // a total order: only equal strings are equivalent
        }
    }
    std::sort(names.begin(), names.end(), naturalLess);
    CHECK(std::is_sorted(names.begin(), names.end(), naturalLess));
}
