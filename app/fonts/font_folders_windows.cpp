#include "app/fonts/font_folders_windows.hpp"

#include <algorithm>
#include <cwctype>
#include <iterator>

#include <windows.h>

#include <knownfolders.h>
#include <shlobj.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "net/wide_text.hpp"

namespace app {
namespace {

std::wstring knownFolder(REFKNOWNFOLDERID id) {
    PWSTR path = nullptr;
    std::wstring found;
    if (SHGetKnownFolderPath(id, KF_FLAG_DEFAULT, nullptr, &path) == S_OK) found = path;
    CoTaskMemFree(path);
    return found;
}

std::wstring lower(std::wstring text) {
    for (wchar_t& c : text) c = static_cast<wchar_t>(std::towlower(c));
    return text;
}

bool isFontFile(const std::wstring& lowerName) {
    for (const wchar_t* ext : {L".ttf", L".ttc", L".otf"}) {
        if (lowerName.ends_with(ext)) return true;
    }
    return false;
}

/// A file mapped into memory, read-only: FreeType reads the faces from it without copying the whole file
/// (a CJK collection is 20 MB), and the wide path needs no code page.
class MappedFile {
public:
    explicit MappedFile(const std::wstring& path) {
        const HANDLE file = CreateFileW(path.c_str(), GENERIC_READ, FILE_SHARE_READ, nullptr, OPEN_EXISTING,
                                        FILE_ATTRIBUTE_NORMAL, nullptr);
        if (file == INVALID_HANDLE_VALUE) return;
        LARGE_INTEGER size{};
        if (GetFileSizeEx(file, &size) && size.QuadPart > 0 && size.QuadPart < (1LL << 31)) {
            const HANDLE mapping = CreateFileMappingW(file, nullptr, PAGE_READONLY, 0, 0, nullptr);
            if (mapping) {
                m_data = static_cast<const unsigned char*>(MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0));
                m_size = m_data ? static_cast<long>(size.QuadPart) : 0;
                CloseHandle(mapping); // the view keeps the mapping alive
            }
        }
        CloseHandle(file);
    }
    ~MappedFile() {
        if (m_data) UnmapViewOfFile(m_data);
    }
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    const unsigned char* data() const { return m_data; }
    long size() const { return m_size; }

private:
    const unsigned char* m_data = nullptr;
    long m_size = 0;
};

} // namespace

FontFolders::FontFolders() {
    if (FT_Init_FreeType(&m_library) != 0) m_library = nullptr;
    const std::wstring localAppData = knownFolder(FOLDERID_LocalAppData);
    const std::wstring folders[] = {knownFolder(FOLDERID_Fonts),
                                    localAppData.empty() ? L""
                                                         : localAppData + L"\\Microsoft\\Windows\\Fonts"};
    for (const std::wstring& folder : folders) {
        if (folder.empty()) continue;
        std::vector<File> here;
        WIN32_FIND_DATAW found;
        const HANDLE search = FindFirstFileW((folder + L"\\*").c_str(), &found);
        if (search == INVALID_HANDLE_VALUE) continue;
        do {
            if (found.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) continue;
            File f;
            f.lowerName = lower(found.cFileName);
            if (!isFontFile(f.lowerName)) continue;
            f.path = folder + L"\\" + found.cFileName;
            f.utf8Path = net::narrow(f.path);
            here.push_back(std::move(f));
        } while (FindNextFileW(search, &found));
        FindClose(search);
        std::sort(here.begin(), here.end(),
                  [](const File& a, const File& b) { return a.lowerName < b.lowerName; });
        std::move(here.begin(), here.end(), std::back_inserter(m_files));
    }
}

FontFolders::~FontFolders() {
    if (m_library) FT_Done_FreeType(m_library);
}

bool FontFolders::Face::covers(std::u32string_view chars) const {
    return std::all_of(chars.begin(), chars.end(), [this](char32_t c) {
        const auto range = std::upper_bound(has.begin(), has.end(), c,
                                            [](char32_t value, const auto& r) { return value < r.first; });
        return range != has.begin() && c <= std::prev(range)->second;
    });
}

const std::vector<FontFolders::Face>& FontFolders::faces(File& file) {
    if (file.faces) return *file.faces;
    file.faces.emplace();
    const MappedFile bytes(file.path);
    if (!m_library || !bytes.data()) return *file.faces;
    for (long index = 0, count = 1; index < count; ++index) {
        FT_Face face = nullptr;
        if (FT_New_Memory_Face(m_library, bytes.data(), bytes.size(), index, &face) != 0) break;
        count = face->num_faces;
        Face f;
        f.index = static_cast<int>(index);
        f.regular = (face->style_flags & (FT_STYLE_FLAG_BOLD | FT_STYLE_FLAG_ITALIC)) == 0;
        if (FT_Select_Charmap(face, FT_ENCODING_UNICODE) == 0) {
            FT_UInt glyph = 0;
            for (FT_ULong c = FT_Get_First_Char(face, &glyph); glyph != 0;
                 c = FT_Get_Next_Char(face, c, &glyph)) {
                const auto code = static_cast<char32_t>(c);
                if (!f.has.empty() && f.has.back().second + 1 == code) f.has.back().second = code;
                else f.has.emplace_back(code, code);
            }
        }
        FT_Done_Face(face);
        file.faces->push_back(std::move(f));
    }
    return *file.faces;
}

std::optional<FontFile> FontFolders::firstCovering(File& file, std::u32string_view chars, bool regularOnly) {
    for (const Face& face : faces(file)) {
        if ((face.regular || !regularOnly) && face.covers(chars)) return FontFile{file.utf8Path, face.index};
    }
    return std::nullopt;
}

std::optional<FontFile> FontFolders::find(std::wstring_view name, std::u32string_view chars) {
    const std::wstring wanted = lower(std::wstring(name));
    for (File& file : m_files) {
        if (file.lowerName != wanted) continue;
        if (auto found = firstCovering(file, chars, true)) return found;
        if (auto found = firstCovering(file, chars, false)) return found;
    }
    return std::nullopt;
}

std::optional<FontFile> FontFolders::findAny(std::u32string_view chars) {
    for (const bool regularOnly : {true, false}) {
        for (File& file : m_files) {
            if (auto found = firstCovering(file, chars, regularOnly)) return found;
        }
    }
    return std::nullopt;
}

} // namespace app
