#include "app/fonts/font_finder.hpp"

#include <memory>

#include "app/fonts/font_folders_windows.hpp"

// Windows has no fontconfig: the fonts are files in the system's fonts folder and the user's own, and the
// faces wanted are asked for by file name (the fonts every Windows 10 and 11 installation has), then by
// the characters they must have. The second way is what finds a font the user installed, and under Wine,
// which ships no Chinese font, the one the tests copy into C:\windows\Fonts.

namespace app {
namespace {

// Latin UI text: Segoe UI (Windows' UI font since Vista), then older ones.
constexpr const wchar_t* kLatinFiles[] = {L"segoeui.ttf", L"tahoma.ttf", L"arial.ttf", L"verdana.ttf"};
// Simplified Chinese: Microsoft YaHei (a .ttf before Windows 8), DengXian, SimHei, SimSun.
constexpr const wchar_t* kChineseFiles[] = {L"msyh.ttc", L"msyh.ttf", L"deng.ttf", L"simhei.ttf",
                                            L"simsun.ttc"};
constexpr std::u32string_view kLatinSample = U"Aa";
constexpr std::u32string_view kChineseSample = U"聊天室"; // 聊 is missing from some "common" subsets

std::unique_ptr<FontFolders> s_folders; // FontconfigScope's while one is alive (UI thread only)
int s_scopes = 0;

/// The first of files that has sample, else any face in the folders that has it.
template <std::size_t N>
std::optional<FontFile> findIn(FontFolders& folders, const wchar_t* const (&files)[N],
                               std::u32string_view sample) {
    for (const wchar_t* name : files) {
        if (auto found = folders.find(name, sample)) return found;
    }
    return folders.findAny(sample);
}

/// Runs look(folders) on the scope's folders, or on a list made for this one call.
template <typename Look>
std::optional<FontFile> withFolders(Look look) {
    if (s_folders) return look(*s_folders);
    FontFolders folders;
    return look(folders);
}

} // namespace

// The scope keeps the folders' list and what each face covers, as fontconfig keeps its cache.
FontconfigScope::FontconfigScope() {
    if (s_scopes++ == 0) s_folders = std::make_unique<FontFolders>();
}

FontconfigScope::~FontconfigScope() {
    if (--s_scopes == 0) s_folders.reset();
}

// The patterns FontAtlas asks for are "sans-serif:lang=en" and "sans-serif:lang=zh-cn"; only the language
// matters here. A Chinese face must have kChineseSample, and requiredLang "zh*" asks for the same.
std::optional<FontFile> findFont(const std::string& pattern, const char* requiredLang) {
    const bool chinese = pattern.find("lang=zh") != std::string::npos ||
                         (requiredLang && std::string_view(requiredLang).starts_with("zh"));
    return withFolders([chinese](FontFolders& folders) {
        return chinese ? findIn(folders, kChineseFiles, kChineseSample)
                       : findIn(folders, kLatinFiles, kLatinSample);
    });
}

// Segoe UI Emoji keeps its colour as COLR/CPAL layers, not the bitmap strikes of Noto Color Emoji.
// ColourEmoji opens a scalable colour font too, and FreeType 2.12 blends COLR version 0 layers into the
// colour bitmap it reads (Windows 11's version 1 gradients it cannot draw); if it cannot use the font,
// emoji are drawn in black and white from the text fonts. Unchecked here: Wine ships no emoji font.
std::optional<FontFile> findColourEmojiFont() {
    return withFolders([](FontFolders& folders) { return folders.find(L"seguiemj.ttf", U"\U0001F600"); });
}

std::optional<FontFile> findFontFor(char32_t c) {
    // Segoe UI Symbol first: most symbols the UI fonts lack are there.
    return withFolders([c](FontFolders& folders) {
        const std::u32string_view wanted(&c, 1);
        if (auto found = folders.find(L"seguisym.ttf", wanted)) return found;
        return folders.findAny(wanted);
    });
}

const char* fontInstallHint(MissingFont kind) {
    switch (kind) {
    case MissingFont::Chinese:
        return "install a Chinese font such as Microsoft YaHei into the Windows fonts folder";
    case MissingFont::ColourEmoji: return "Segoe UI Emoji, Windows' own, is missing or cannot be read";
    case MissingFont::Any: break;
    }
    return "install a font such as Segoe UI or Microsoft YaHei into the Windows fonts folder";
}

} // namespace app
