#pragma once
// Font discovery through fontconfig, so no path is hard-coded: a Latin UI font, a Simplified Chinese
// font (lang=zh-cn), a colour emoji font, and on demand a font covering a character none has. Windows has no
// fontconfig: font_finder_windows.cpp looks in the fonts folders, by file name and then by coverage.
#include <optional>
#include <string>

namespace app {

/// A font file and the face index inside it (TrueType collections hold several faces).
struct FontFile {
    std::string path;
    int index = 0;
    bool operator==(const FontFile&) const = default;
};

/// Holds fontconfig initialised; the last one to go releases its configuration and caches (FcFini), which
/// fontconfig otherwise keeps until exit (and leak checkers report).
class FontconfigScope {
public:
    FontconfigScope();
    ~FontconfigScope();
    FontconfigScope(const FontconfigScope&) = delete;
    FontconfigScope& operator=(const FontconfigScope&) = delete;
};

/// The best match for a fontconfig pattern such as "sans-serif:lang=en"; when requiredLang is given the
/// match must support it (fontconfig otherwise returns its best effort, e.g. a Latin font for zh-cn).
std::optional<FontFile> findFont(const std::string& pattern, const char* requiredLang = nullptr);

/// The colour emoji font fontconfig prefers (Noto Color Emoji from fonts-noto-color-emoji), if one is
/// installed.
std::optional<FontFile> findColourEmojiFont();

/// A sans-serif font that has a glyph for c, if one is installed.
std::optional<FontFile> findFontFor(char32_t c);

/// The kinds of font whose absence the window reports.
enum class MissingFont { Chinese, ColourEmoji, Any };

/// What to install when a kind of font is missing, in this system's terms (a Debian package, a Windows font).
const char* fontInstallHint(MissingFont kind);

} // namespace app
