#pragma once
// Whether a message mentions a user by name: the name anywhere in the text, letter case ignored, but not
// inside a longer Latin word ("bob" is in "hi @Bob!" and "bob，你好", not in "bobby").
#include <string_view>
#include <vector>

#include "app/text/text_fold.hpp"

namespace app {

/// Appends the byte ranges where name is mentioned in text.
void findMentions(std::string_view text, std::string_view name, std::vector<ByteRange>& out);

/// Whether text mentions name at all.
bool mentions(std::string_view text, std::string_view name);

} // namespace app
