#pragma once
// Which characters the window draws as colour emoji, and which are invisible parts of emoji sequences.
// ImGui draws one glyph per code point (no shaping), so sequences fall apart into their pieces: a ZWJ
// family shows as its members, a flag as two letters, a skin tone beside its hand. The joiners and
// presentation selectors between the pieces are drawn as nothing rather than as boxes.
namespace app {

/// Drawn from the colour emoji font: every Emoji_Presentation character (😀 👍 🎉), and the emoji among
/// the Miscellaneous Symbols and Dingbats (❤ ☀ ✌), which chat windows draw in colour too.
bool drawsAsColourEmoji(char32_t c);

/// Zero width, no ink: ZERO WIDTH JOINER and the text/emoji presentation selectors (U+FE0E, U+FE0F).
bool isInvisibleEmojiJoiner(char32_t c);

} // namespace app
