#include "app/text/natural_order.hpp"

namespace app {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::size_t digitRun(std::string_view s, std::size_t at) {
    std::size_t end = at;
    while (end < s.size() && isDigit(s[end])) ++end;
    return end;
}

} // namespace

bool naturalLess(std::string_view a, std::string_view b) {
    std::size_t i = 0;
    std::size_t j = 0;
    int zerosTieBreak = 0; // fewer leading zeros first, when everything else is equal
    while (i < a.size() && j < b.size()) {
        if (isDigit(a[i]) && isDigit(b[j])) {
            const std::size_t ea = digitRun(a, i);
            const std::size_t eb = digitRun(b, j);
            std::size_t za = i;
            std::size_t zb = j;
            while (za + 1 < ea && a[za] == '0') ++za;
            while (zb + 1 < eb && b[zb] == '0') ++zb;
            const std::string_view va = a.substr(za, ea - za);
            const std::string_view vb = b.substr(zb, eb - zb);
            if (va.size() != vb.size()) return va.size() < vb.size(); // more digits: a larger number
            if (va != vb) return va < vb;
            if (zerosTieBreak == 0 && (za - i) != (zb - j)) zerosTieBreak = (za - i) < (zb - j) ? -1 : 1;
            i = ea;
            j = eb;
            continue;
        }
        if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
        ++i;
        ++j;
    }
    if ((a.size() - i) != (b.size() - j)) return (a.size() - i) < (b.size() - j);
    return zerosTieBreak < 0;
}

} // namespace app
