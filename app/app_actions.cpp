// App: what the user asks for besides chatting: shortcuts, preferences, copying, saving, opening links.
#include <algorithm>

#include <imgui.h>

#include "app/app.hpp"
#include "app/io/user_folders.hpp"
#include "app/io/utf8_path.hpp"
#include "app/model/clock.hpp"
#include "app/model/transcript.hpp"
#include "app/platform/backend.hpp"
#include "app/text/link_finder.hpp"
#include "app/text/reply_quote.hpp"

namespace app {

void App::onShortcut(Shortcut shortcut) {
    switch (shortcut) {
    case Shortcut::Find: m_searchBar.open(); break;
    case Shortcut::FontLarger: m_prefs.fontSize = stepFontSize(m_options.fontSize, 1); break;
    case Shortcut::FontSmaller: m_prefs.fontSize = stepFontSize(m_options.fontSize, -1); break;
    case Shortcut::FontReset: m_prefs.fontSize = Preferences::kDefaultFontSize; break;
    case Shortcut::Copy:
        // With the focus in a text box, Ctrl+C is the box's; otherwise it copies the selected messages.
        if (!ImGui::GetIO().WantTextInput) copySelection(m_active);
        break;
    case Shortcut::Screenshot: m_trigger.requestNow(); break;
    case Shortcut::None: break;
    }
    if (m_prefs.fontSize != m_options.fontSize) setFontSize(m_prefs.fontSize);
}

void App::setFontSize(float size) {
    m_options.fontSize = size;
    m_fonts.setPixelSize(size * m_scale); // rebuilt before the next frame
    setMinimumWindowSize();
}

void App::setDisplayScale(float scale) {
    m_scale = scale;
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle(); // ImGui's own sizes, scaled once from there (scaling twice would compound)
    m_theme = &applyTheme(m_prefs.dark);
    style.ScaleAllSizes(scale);
    setFontSize(m_options.fontSize);
}

void App::setMinimumWindowSize() {
    // 400×300 at the default size: the top bar, a message's header and the input box still fit. Larger
    // text needs a larger window for the same.
    const float em = m_options.fontSize * m_scale;
    m_backend.setMinimumSize(static_cast<int>(std::max(400.0f * m_scale, em * 23.0f)),
                             static_cast<int>(std::max(300.0f * m_scale, em * 17.0f)));
}

void App::applyPreferences(const Preferences& before) {
    // New words or sizes: the open popup and the layout take ImGui a few frames to fit them, drawn now
    // rather than when the pointer next moves.
    m_settleFrames = 4;
    if (m_prefs.dark != before.dark) m_theme = &applyTheme(m_prefs.dark);
    if (m_prefs.fontSize != before.fontSize) setFontSize(m_prefs.fontSize);
    if (m_prefs.lang != before.lang) {
        const Lang lang = parseLang(m_prefs.lang).value_or(m_model.lang());
        m_model.setLang(lang);
        m_glyphs.addText(allStrings(lang));
    }
}

void App::copySelection(std::size_t conv) {
    if (conv >= m_model.conversationCount()) return;
    const auto range = m_scrollback.selection().range(conv, m_model.conversation(conv));
    if (!range) return;
    ImGui::SetClipboardText(selectionText(m_model, conv, range->first, range->second).c_str());
}

void App::onScrollback(const Scrollback::Result& r, std::size_t conv) {
    if (r.action == EntryAction::None) return;
    const Conversation& c = m_model.conversation(conv);
    std::string text;
    switch (r.action) {
    case EntryAction::OpenLink: {
        std::string error;
        if (!m_opener.open(linkTarget(r.url), error))
            m_model.addPrompt(conv, format(strings(m_model.lang()).openFailed, error.c_str()), now());
        return;
    }
    case EntryAction::CopyLink: text = r.url; break;
    case EntryAction::CopyText: appendEntryText(m_model, c[r.entry], false, text); break;
    case EntryAction::CopyWithStamp: appendEntryText(m_model, c[r.entry], true, text); break;
    case EntryAction::CopySelected: copySelection(conv); return;
    case EntryAction::CopyAll: text = transcriptText(m_model, conv); break;
    case EntryAction::SaveTranscript:
        m_saveConv = conv;
        m_saveDialog.open(defaultTranscriptPath(documentsFolder().c_str(), c.title, now().utcMs));
        return;
    case EntryAction::Retry: m_client.retry(conv, r.entry, now()); return;
    case EntryAction::Reply: startReply(conv, r.entry); return;
    case EntryAction::GoToQuote: goToQuote(conv, r.entry); return;
    case EntryAction::None: return;
    }
    ImGui::SetClipboardText(text.c_str());
}

void App::startReply(std::size_t conv, std::size_t i) {
    const Entry& e = m_model.conversation(conv)[i];
    std::string_view text = m_model.text(e);
    // Answering a reply quotes its answer, not the quote it starts with.
    if ((e.flags & kEntryReply) && text.find('\n') != std::string_view::npos)
        text = text.substr(text.find('\n') + 1);
    const std::string name(m_model.name(e));
    const std::string prefix = replyPrefix(name, e.seq, text);
    const auto quote = parseReply(prefix + "x"); // the excerpt exactly as it will be sent
    m_replying = Replying{conv, e.seq, name, quote ? quote->excerpt : std::string(), prefix};
    m_composer.focusInput();
}

void App::goToQuote(std::size_t conv, std::size_t i) {
    const auto seq = quotedSeq(m_model.text(m_model.conversation(conv)[i]));
    if (!seq) return;
    if (const auto quoted = m_model.findBySeq(conv, *seq)) {
        m_scrollback.reveal(conv, *quoted);
        m_scrollback.select(conv, m_model.conversation(conv), *quoted);
        return;
    }
    m_model.addNote(conv, strings(m_model.lang()).quoteNotLoaded, now());
}

void App::startSave(const std::string& path) {
    if (m_saveConv >= m_model.conversationCount()) return;
    // The text is put together here (the model belongs to this thread); only the writing happens on the
    // writer's thread.
    if (!m_writer.start(pathFromUtf8(path), transcriptText(m_model, m_saveConv))) {
        const Strings& s = strings(m_model.lang());
        m_model.addPrompt(m_saveConv, format(s.transcriptFailed, path.c_str(), "busy"), now());
    }
}

} // namespace app
