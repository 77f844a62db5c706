#pragma once
// What a first contact asks and what a changed key blocks: the server's key fingerprint in groups of four to
// read out and compare with the operator's `imchat-server --fingerprint`, and the user's answer. Modal while
// the link waits on it; a changed key is trusted only after the user ticks that the new one was checked.
#include <string>
#include <vector>

#include <imgui.h>

#include "app/fonts/glyph_set.hpp"
#include "app/model/chat_model.hpp"

namespace app {

class TrustDialog {
public:
    enum class Answer { None, Trust, Decline };
    /// Draws the dialog while the model's link is KeyUnknown or KeyChanged; knownServers is the file of
    /// trusted keys (named in the changed-key advice).
    Answer draw(const ChatModel& model, const std::string& knownServers, GlyphSet& glyphs);

    /// A button or checkbox as last drawn, for the screenshot report (tests click them by it).
    struct Control {
        std::string label;
        ImVec2 min, max;
        bool enabled = true;
    };
    const std::vector<Control>& lastControls() const { return m_controls; }

private:
    /// Notes the item just drawn.
    void noteControl(const char* label, bool enabled);

    std::vector<Control> m_controls;
    std::string m_askedFor; // the key the open dialog is about ("" when closed)
    bool m_checked = false; // changed key: "I compared the new fingerprint with the operator"
};

/// The fingerprint as four lines of four groups of four hex digits.
std::string fingerprintBlock(const std::string& hex);

} // namespace app
