#pragma once
// Names that look alike are the same name (PROTOCOL.md §5.1), on ICU: the NFC form a name is stored and shown
// in, the characters a name may not hold, and the confusable key that makes `alice`, `ALICE`, `ａlice`
// (full-width) and `аlice` (Cyrillic а) one user. validateName and validateText (validation.hpp) build on it.
#include <optional>
#include <string>
#include <string_view>

namespace net {

/// The name in NFC when it passes §5.1 (the form the server stores and shows), or nullopt: InvalidName.
std::optional<std::string> normalizeName(std::string_view name);

/// The key of a name, shared by every name that looks like it: the UTS #39 confusable skeleton of its
/// NFKC_Casefold form, case-folded again. Used for uniqueness, mailboxes and "is this me". Any input gets a
/// key.
std::string nameKey(std::string_view name);

/// What nameKey's results depend on: the key's recipe and ICU's Unicode data ("skeleton-1 unicode-15.0
/// icu-72.1"). Keys stored under another version must be computed again.
std::string nameKeyVersion();

/// True for a character that shows nothing or only blank space: Unicode White_Space, format characters
/// (general category Cf), Default_Ignorable_Code_Point, and U+2800 BRAILLE PATTERN BLANK.
bool isInvisible(char32_t cp);

} // namespace net
