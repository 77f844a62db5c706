#pragma once
// Finds links in message text: http:// and https:// URLs, and bare www. addresses. The host is ASCII and
// ends at the first space or non-ASCII character (Chinese text often follows a link with no space:
// "看https://a.cn好"); after the host the path may hold any letters ("https://zh.wikipedia.org/wiki/聊天室")
// and ends at a space or at Chinese or other punctuation ("，", "。"). Sentence punctuation and an
// unbalanced closing bracket at the end are left out.
#include <string>
#include <string_view>
#include <vector>

#include "app/text/text_fold.hpp"

namespace app {

/// Appends the byte ranges of the links in text, in order.
void findLinks(std::string_view text, std::vector<ByteRange>& out);

/// What a browser is given for a link found in text: "http://" before a bare www. address, and every
/// non-ASCII byte percent-encoded (RFC 3986), so "…/wiki/聊天室" opens as
/// "…/wiki/%E8%81%8A%E5%A4%A9%E5%AE%A4".
std::string linkTarget(std::string_view link);

} // namespace app
