#include "app/text/mention.hpp"

namespace app {
namespace {

bool isWordByte(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

} // namespace

void findMentions(std::string_view text, std::string_view name, std::vector<ByteRange>& out) {
    if (name.empty()) return;
    const TextMatcher matcher(name);
    std::vector<ByteRange> found;
    matcher.findAll(text, found);
    // A boundary matters only where the name itself starts or ends with a Latin letter or digit.
    const bool checkBefore = isWordByte(name.front());
    const bool checkAfter = isWordByte(name.back());
    for (const ByteRange& r : found) {
        if (checkBefore && r.begin > 0 && isWordByte(text[r.begin - 1])) continue;
        if (checkAfter && r.end < text.size() && isWordByte(text[r.end])) continue;
        out.push_back(r);
    }
}

bool mentions(std::string_view text, std::string_view name) {
    std::vector<ByteRange> found;
    findMentions(text, name, found);
    return !found.empty();
}

} // namespace app
