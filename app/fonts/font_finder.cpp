#include "app/fonts/font_finder.hpp"

#include <fontconfig/fontconfig.h>

namespace app {
namespace {

/// Runs FcFontMatch on a prepared pattern; accept() may reject the match.
template <typename Accept>
std::optional<FontFile> match(FcPattern* pattern, Accept accept) {
    std::optional<FontFile> found;
    FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result = FcResultNoMatch;
    FcPattern* font = FcFontMatch(nullptr, pattern, &result);
    if (font) {
        FcChar8* file = nullptr;
        int index = 0;
        if (FcPatternGetString(font, FC_FILE, 0, &file) == FcResultMatch && accept(font)) {
            FcPatternGetInteger(font, FC_INDEX, 0, &index);
            found = FontFile{reinterpret_cast<const char*>(file), index};
        }
        FcPatternDestroy(font);
    }
    FcPatternDestroy(pattern);
    return found;
}

int s_scopes = 0; // FontconfigScope objects alive (UI thread only)

} // namespace

FontconfigScope::FontconfigScope() {
    if (s_scopes++ == 0) FcInit();
}

FontconfigScope::~FontconfigScope() {
    if (--s_scopes == 0) FcFini();
}

std::optional<FontFile> findFont(const std::string& pattern, const char* requiredLang) {
    if (!FcInit()) return std::nullopt;
    FcPattern* p = FcNameParse(reinterpret_cast<const FcChar8*>(pattern.c_str()));
    if (!p) return std::nullopt;
    return match(p, [requiredLang](FcPattern* font) {
        if (!requiredLang) return true;
        FcLangSet* langs = nullptr;
        return FcPatternGetLangSet(font, FC_LANG, 0, &langs) == FcResultMatch &&
               FcLangSetHasLang(langs, reinterpret_cast<const FcChar8*>(requiredLang)) != FcLangDifferentLang;
    });
}

std::optional<FontFile> findColourEmojiFont() {
    if (!FcInit()) return std::nullopt;
    FcPattern* p = FcNameParse(reinterpret_cast<const FcChar8*>("emoji:color=true"));
    if (!p) return std::nullopt;
    return match(p, [](FcPattern* font) { // without one, fontconfig offers a plain text font instead
        FcBool colour = FcFalse;
        return FcPatternGetBool(font, FC_COLOR, 0, &colour) == FcResultMatch && colour;
    });
}

std::optional<FontFile> findFontFor(char32_t c) {
    if (!FcInit()) return std::nullopt;
    FcPattern* p = FcNameParse(reinterpret_cast<const FcChar8*>("sans-serif"));
    if (!p) return std::nullopt;
    FcCharSet* wanted = FcCharSetCreate();
    FcCharSetAddChar(wanted, c);
    FcPatternAddCharSet(p, FC_CHARSET, wanted);
    FcCharSetDestroy(wanted);
    return match(p, [c](FcPattern* font) {
        FcCharSet* has = nullptr;
        return FcPatternGetCharSet(font, FC_CHARSET, 0, &has) == FcResultMatch && FcCharSetHasChar(has, c);
    });
}

const char* fontInstallHint(MissingFont kind) {
    switch (kind) {
    case MissingFont::Chinese: return "install fonts-wqy-microhei or fonts-noto-cjk";
    case MissingFont::ColourEmoji: return "install fonts-noto-color-emoji";
    case MissingFont::Any: break;
    }
    return "install fonts-dejavu-core or fonts-wqy-microhei";
}

} // namespace app
