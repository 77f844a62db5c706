#pragma once
// Finds http:// and https:// links in message text. A link runs to the first space, non-ASCII
// character (Chinese text often follows a link with no space: "看https://a.cn，好") or character that
// cannot appear in a URL; sentence punctuation and an unbalanced closing bracket at its end are left out.
#include <string_view>
#include <vector>

#include "app/text/text_fold.hpp"

namespace app {

/// Appends the byte ranges of the links in text, in order.
void findLinks(std::string_view text, std::vector<ByteRange>& out);

} // namespace app
