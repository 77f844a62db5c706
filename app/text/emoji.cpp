#include "app/text/emoji.hpp"

#include <unicode/uchar.h>

namespace app {

bool drawsAsColourEmoji(char32_t c) {
    const auto cp = static_cast<UChar32>(c);
    if (u_hasBinaryProperty(cp, UCHAR_EMOJI_PRESENTATION)) return true;
    return c >= 0x2600 && c <= 0x27BF && u_hasBinaryProperty(cp, UCHAR_EMOJI);
}

bool isInvisibleEmojiJoiner(char32_t c) { return c == 0x200D || c == 0xFE0E || c == 0xFE0F; }

} // namespace app
