#pragma once
// "Save transcript…": a small modal asking where to write the file, prefilled with a path in the home
// directory named after the conversation and the time.
#include <optional>
#include <string>

#include "app/fonts/glyph_set.hpp"
#include "app/text/i18n.hpp"

namespace app {

class SaveDialog {
public:
    /// Opens the dialog (next draw) with path in its box.
    void open(std::string path);
    /// Draws it when open; the path once the user pressed Save (or Enter).
    std::optional<std::string> draw(const Strings& s, GlyphSet& glyphs);

private:
    std::string m_path;
    bool m_openRequested = false;
    bool m_focus = false;
};

/// <home>/imchat-<conversation>-YYYYmmdd-HHMMSS.txt (conversation "room" for the room); home is $HOME, or
/// the Documents folder on Windows (app/io/user_folders.hpp).
std::string defaultTranscriptPath(const char* home, const std::string& conversation, std::uint64_t utcMs);

} // namespace app
