#pragma once
// Windows only: the font files in the system's fonts folder and the user's own
// (%LOCALAPPDATA%\Microsoft\Windows\Fonts, where "Install for me" puts them), and which characters each
// face has. Windows has no fontconfig to ask, so font_finder_windows.cpp asks this: for a file by name, or
// for any face that has some characters. What a face covers is read once, from its character map, and kept
// as ranges: a character no font has costs one pass over the folders, not one per lookup.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/fonts/font_finder.hpp"

struct FT_LibraryRec_;

namespace app {

class FontFolders {
public:
    /// Lists the folders' .ttf, .ttc and .otf files (their faces are read when first asked about).
    FontFolders();
    ~FontFolders();
    FontFolders(const FontFolders&) = delete;
    FontFolders& operator=(const FontFolders&) = delete;

    /// The first face of the file called name (e.g. "msyh.ttc", any case) that has every character of
    /// chars, preferring an upright regular face to a bold or italic one.
    std::optional<FontFile> find(std::wstring_view name, std::u32string_view chars);
    /// The same over every file, in name order (the system folder first).
    std::optional<FontFile> findAny(std::u32string_view chars);

private:
    struct Face {
        int index = 0;
        bool regular = false;                           // neither bold nor italic
        std::vector<std::pair<char32_t, char32_t>> has; // sorted ranges of the characters it has
        bool covers(std::u32string_view chars) const;
    };
    struct File {
        std::wstring path;
        std::wstring lowerName;
        std::string utf8Path;
        std::optional<std::vector<Face>> faces; // read on first use; empty when the file is not a font
    };
    const std::vector<Face>& faces(File& file);
    std::optional<FontFile> firstCovering(File& file, std::u32string_view chars, bool regularOnly);

    FT_LibraryRec_* m_library = nullptr;
    std::vector<File> m_files;
};

} // namespace app
