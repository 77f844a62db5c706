// App: the conversation tabs (each a scrollback) and the Ctrl+F bar above them.
#include <algorithm>

#include <imgui.h>

#include "app/app.hpp"
#include "app/panels/label_text.hpp"

namespace app {
namespace {

/// Text searched per frame through a backlog: under a millisecond optimised (a million messages take
/// about 90 frames), so scrolling stays smooth meanwhile.
constexpr std::size_t kSearchBudgetBytes = 1024 * 1024;

} // namespace

std::string App::drawConversations(float height) {
    const Strings& s = strings(m_model.lang());
    m_tabOpen.resize(m_model.conversationCount(), 1);
    if (!ImGui::BeginTabBar("##conversations")) return {};
    std::string clicked;
    if (!m_usersBeside) {
        const std::string label = format(s.usersTitle, static_cast<unsigned>(m_model.users().size()));
        if (ImGui::TabItemButton(label.c_str(), ImGuiTabItemFlags_Trailing))
            ImGui::OpenPopup("##users-popup");
        m_usersButton = {ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
        if (ImGui::BeginPopup("##users-popup")) {
            // A fixed height: a room of thousands scrolls inside instead of growing past the window.
            const float rows = static_cast<float>(m_model.users().size()) + 2.0f;
            const float h =
                std::min(rows * ImGui::GetTextLineHeightWithSpacing(), ImGui::GetIO().DisplaySize.y * 0.6f);
            ImGui::BeginChild("##users-list", ImVec2(ImGui::GetFontSize() * 12.0f, h));
            clicked = m_userList.draw(m_model, *m_theme);
            ImGui::EndChild();
            if (!clicked.empty()) ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
        }
    }
    for (std::size_t c = 0; c < m_model.conversationCount(); ++c) {
        Conversation& conv = m_model.conversation(c);
        if (!m_tabOpen[c] && conv.unread > 0)
            m_tabOpen[c] = 1; // a closed conversation comes back when it speaks
        if (!m_tabOpen[c]) continue;
        std::string label = c == ChatModel::kRoom ? s.roomTab : shownAsLabel(conv.title);
        if (conv.unread > 0 && c != m_active) label += " (" + std::to_string(conv.unread) + ")";
        label += "###conv" + std::to_string(c);
        bool open = true;
        const ImGuiTabItemFlags flags = m_select == c ? ImGuiTabItemFlags_SetSelected : 0;
        const bool visible =
            ImGui::BeginTabItem(label.c_str(), c == ChatModel::kRoom ? nullptr : &open, flags);
        if (visible && c != ChatModel::kRoom) {
            // Who this conversation is with, and whether they can read it now.
            const bool online = m_model.isOnline(conv.title);
            m_tabHeader = format(online ? s.privateWithOnline : s.privateWithOffline, conv.title.c_str());
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(m_theme->privateLabel), "%s",
                               m_tabHeader.c_str());
        } else if (visible) {
            m_tabHeader.clear();
        }
        if (visible) {
            if (m_active != c) m_composer.focusInput();
            m_active = c;
            conv.unread = 0;
            Scrollback::Frame frame;
            frame.style = EntryStyle{m_theme, m_prefs.timestamps, m_model.me(),
                                     m_search.query().empty() ? nullptr : &m_search.matcher()};
            frame.marker = m_unread.marker(m_model, c);
            frame.search = m_search.query().empty() ? nullptr : &m_search;
            const Scrollback::Result r = m_scrollback.draw(m_model, c, height, frame);
            if (r.wantsOlder) m_client.requestOlder(c);
            onScrollback(r, c);
            ImGui::EndTabItem();
        }
        if (!open) m_tabOpen[c] = 0;
    }
    m_select = static_cast<std::size_t>(-1);
    ImGui::EndTabBar();
    return clicked;
}

void App::drawSearch() {
    if (!m_searchBar.isOpen()) {
        m_search.setQuery({});
        m_searching = false;
        return;
    }
    const SearchBar::Move move = m_searchBar.draw(strings(m_model.lang()), m_search, m_glyphs);
    m_search.setQuery(m_searchBar.query());
    m_search.update(m_model, m_active, kSearchBudgetBytes);
    m_searching = !m_search.query().empty() && !m_search.complete();
    switch (move) {
    case SearchBar::Move::Next: m_search.next(); break;
    case SearchBar::Move::Previous: m_search.previous(); break;
    case SearchBar::Move::Close:
        m_searchBar.close();
        m_search.setQuery({});
        m_composer.focusInput();
        break;
    case SearchBar::Move::None: break;
    }
    if (m_search.jumps() != m_searchJumps) { // the current hit moved: bring it into view
        m_searchJumps = m_search.jumps();
        if (m_search.currentRank() > 0) m_scrollback.reveal(m_active, m_search.currentEntry());
    }
}

} // namespace app
