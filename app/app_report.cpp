// App: what a screenshot shows, as text on stdout, so tests can check it and people can grep it.
#include <cstdio>

#include <imgui.h>
#include <imgui_internal.h>

#include "app/app.hpp"
#include "app/model/day_divider.hpp"
#include "net/validation.hpp"

namespace app {

void App::reportVisible() const {
    const Scrollback::Drawn& d = m_scrollback.lastDrawn();
    std::printf("imchat: screenshot title: %s\n", title().c_str());
    std::printf("imchat: screenshot attention requests: %u\n", m_attentionRequests);
    std::printf("imchat: screenshot unread: %u\n", m_unread.total());
    std::printf("imchat: screenshot prefs: font %.0f, theme %s, timestamps %s, lang %s\n",
                static_cast<double>(m_options.fontSize), m_prefs.dark ? "dark" : "light",
                m_prefs.timestamps ? "on" : "off", m_model.lang() == Lang::Zh ? "zh" : "en");
    std::printf("imchat: screenshot font drawn: %.0f px\n", static_cast<double>(ImGui::GetFontSize()));
    std::printf("imchat: screenshot notifications: %s, shown %u, failed %u\n",
                m_prefs.notifications ? "on" : "off", m_notifier.shown(), m_notifier.failed());
    // Where the top bar's parts are, left to right, for tests that check nothing overlaps.
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    const ConnectBar::Layout& bar = m_connectBar.layout();
    std::printf("imchat: screenshot window: %.0fx%.0f, users %s%s\n", static_cast<double>(size.x),
                static_cast<double>(size.y), m_usersBeside ? "beside" : "in a popup",
                m_model.link().state == LinkState::Online ? "" : ", list stale");
    std::printf(
        "imchat: screenshot top bar: server %.0f-%.0f, connect %.0f-%.0f, state %.0f-%.0f, settings %.0f\n",
        static_cast<double>(bar.server.Min.x), static_cast<double>(bar.server.Max.x),
        static_cast<double>(bar.connect.Min.x), static_cast<double>(bar.connect.Max.x),
        static_cast<double>(bar.state.Min.x), static_cast<double>(bar.state.Max.x),
        static_cast<double>(m_settingsButtonX));
    if (!m_usersBeside)
        std::printf("imchat: screenshot users button: %.0f %.0f %.0f %.0f\n",
                    static_cast<double>(m_usersButton.first.x), static_cast<double>(m_usersButton.first.y),
                    static_cast<double>(m_usersButton.second.x), static_cast<double>(m_usersButton.second.y));
    if (m_replying)
        std::printf("imchat: screenshot replying: %s #%llu\n", m_replying->name.c_str(),
                    static_cast<unsigned long long>(m_replying->seq));
    if (!m_tabHeader.empty()) std::printf("imchat: screenshot tab header: %s\n", m_tabHeader.c_str());
    const std::string& headers = m_scrollback.lastHeaders();
    for (std::size_t at = 0, end; (end = headers.find('\n', at)) != std::string::npos; at = end + 1)
        std::printf("imchat: screenshot header: %.*s\n", static_cast<int>(end - at), headers.data() + at);
    // The popup on top (entry menu, settings, the save dialog by its title), for tests that click in it.
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    if (!g.OpenPopupStack.empty() && g.OpenPopupStack.back().Window) {
        const ImGuiWindow& popup = *g.OpenPopupStack.back().Window;
        std::printf("imchat: screenshot popup: %s\n", popup.Name);
        // Its size against what it holds: a popup narrower than its contents is cut.
        std::printf("imchat: screenshot popup size: %.0fx%.0f, contents %.0fx%.0f\n",
                    static_cast<double>(popup.Size.x), static_cast<double>(popup.Size.y),
                    static_cast<double>(popup.ContentSize.x + popup.WindowPadding.x * 2.0f),
                    static_cast<double>(popup.ContentSize.y + popup.WindowPadding.y * 2.0f));
    }
    // The rooms found on the local network, the button that lists them and, while open, the rows to click.
    const ImRect& rooms = bar.rooms;
    std::printf("imchat: screenshot rooms button: %.0f %.0f %.0f %.0f, %zu found\n",
                static_cast<double>(rooms.Min.x), static_cast<double>(rooms.Min.y),
                static_cast<double>(rooms.Max.x), static_cast<double>(rooms.Max.y), m_lanRooms.size());
    for (const LanRoom& r : m_lanRooms) std::printf("imchat: screenshot lan room: %s\n", summary(r).c_str());
    for (const RoomList::Row& row : m_connectBar.roomRows())
        std::printf("imchat: screenshot lan room row: %.0f %.0f %.0f %.0f %s%s\n",
                    static_cast<double>(row.rect.Min.x), static_cast<double>(row.rect.Min.y),
                    static_cast<double>(row.rect.Max.x), static_cast<double>(row.rect.Max.y),
                    row.name.c_str(), row.joined ? " (joined)" : "");
    // Who the user list shows (the first 50), a lab client's user marked as the list's tooltip explains.
    const auto& users = m_model.users();
    for (std::size_t i = 0; i < users.size() && i < 50; ++i)
        std::printf("imchat: screenshot user: %s%s\n", users[i].c_str(),
                    net::isLabName(users[i]) ? ", lab client" : "");
    for (const TrustDialog::Control& c : m_trustDialog.lastControls())
        std::printf("imchat: screenshot control: %.0f %.0f %.0f %.0f %s %s\n", c.min.x, c.min.y, c.max.x,
                    c.max.y, c.enabled ? "enabled" : "disabled", c.label.c_str());
    static const char* const kStates[] = {"no-name",      "connecting", "joining",     "online",
                                          "reconnecting", "offline",    "key-unknown", "key-changed"};
    const LinkStatus& link = m_model.link();
    std::printf("imchat: screenshot connection: %s, %s, %s\n", kStates[static_cast<int>(link.state)],
                link.encrypted ? "encrypted" : "not encrypted", link.signedIn ? "signed in" : "guest");
    if (m_searchBar.isOpen())
        std::printf("imchat: screenshot search: %s: %s\n", m_search.query().c_str(),
                    SearchBar::status(strings(m_model.lang()), m_search).c_str());
    if (d.conv >= m_model.conversationCount()) return;
    const Conversation& conv = m_model.conversation(d.conv);
    static const char* const kKinds[] = {"chat", "private", "notice", "separator", "prompt"};
    std::printf("imchat: screenshot view: %s, %zu entries, online %zu\n",
                d.conv == ChatModel::kRoom ? "room" : conv.title.c_str(), conv.size(),
                m_model.users().size());
    const auto marker = m_unread.marker(m_model, d.conv);
    const auto selected = m_scrollback.selection().range(d.conv, conv);
    LocalDays days;
    for (std::size_t i = d.first; i < d.end && i < conv.size(); ++i) {
        const Entry& e = conv[i];
        if (startsDay(conv, i, days))
            std::printf("imchat: screenshot row: divider %s\n", dayDividerText(e.timeMs).c_str());
        if (marker == i) std::printf("imchat: screenshot row: unread marker\n");
        const std::string_view text = m_model.text(e);
        const bool isSelected = selected && i >= selected->first && i <= selected->second;
        const bool isHit = !m_search.query().empty() && m_search.isHit(i);
        const char* state = (e.flags & kEntryPending)  ? "  [sending]"
                            : (e.flags & kEntryFailed) ? "  [failed]"
                                                       : "";
        std::printf("imchat: screenshot row: %s %.*s: %.*s%s%s%s\n", kKinds[static_cast<int>(e.kind)],
                    static_cast<int>(m_model.name(e).size()), m_model.name(e).data(),
                    static_cast<int>(text.size()), text.data(), isSelected ? "  [selected]" : "",
                    isHit ? "  [hit]" : "", state);
    }
    for (const LinkBox& link : m_scrollback.lastLinks()) {
        const std::string_view text = m_model.text(conv[link.entry]);
        std::printf("imchat: screenshot link: %.0f %.0f %.0f %.0f %.*s\n", link.min.x, link.min.y, link.max.x,
                    link.max.y, static_cast<int>(link.range.end - link.range.begin),
                    text.data() + link.range.begin);
    }
}

} // namespace app
