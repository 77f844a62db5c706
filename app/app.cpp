#include "app/app.hpp"

#include <cstdio>

#include <imgui.h>

#include "app/io/utf8_path.hpp"
#include "app/model/clock.hpp"
#include "app/panels/preferences_menu.hpp"
#include "app/platform/backend.hpp"
#include "app/platform/icon.hpp"
#include "app/platform/screenshot.hpp"
#include "net/utf8.hpp"
#include "net/validation.hpp"

namespace app {

App::App(Backend& backend, AppOptions options)
    : m_backend(backend), m_notifier(&Backend::wake), m_options(std::move(options)), m_prefs(m_options.prefs),
      m_theme(&applyTheme(m_prefs.dark)),
      m_client(m_options.lang, &Backend::wake, &m_trace, ChatSecurity{.plaintext = m_options.plaintext}),
      m_model(m_client.model()), m_writer(&Backend::wake),
      m_trigger(m_options.screenshotPath, m_options.screenshotAfterText, now().steadyMs) {
    m_connectBar.server = m_options.server;
    m_composer.name = m_options.name;
    m_model.setTextObserver([this](std::string_view text) { m_glyphs.addText(text); });
    m_backend.setCharObserver([this](unsigned c) { m_glyphs.add(c); });
    // Every UI string is known up front, so the first atlas already has them.
    m_glyphs.addText(allStrings(m_options.lang));
    m_glyphs.addText("中文 English");
    m_glyphs.addText("\uFF03"); // a tab's title breaks "##" with it (label_text.hpp)
    m_glyphs.addText(m_options.name);
    m_glyphs.addText(m_options.server);
}

App::~App() { m_backend.setCharObserver({}); }

bool App::init(std::string& error) {
    std::string warning;
    if (const float scale = m_backend.displayScale(); scale != 1.0f) setDisplayScale(scale);
    if (!m_fonts.load(m_options.fontSize * m_scale, error, warning)) return false;
    if (!warning.empty()) std::fprintf(stderr, "imchat: %s\n", warning.c_str());
    m_fonts.update(m_glyphs);
    const std::vector<unsigned char> icon = renderIcon(64);
    m_backend.setIcon(64, icon.data());
    setMinimumWindowSize();
    const std::string why = m_browser.start([this] {
        ++m_lanChanges;
        Backend::wake();
    });
    m_lanBrowsing = why.empty();
    if (!m_lanBrowsing) std::fprintf(stderr, "imchat: no list of the rooms nearby: %s\n", why.c_str());
    connect();
    return true;
}

Settings App::settings() const {
    Settings s;
    s.server = trimmed(m_connectBar.server);
    s.name = trimmed(m_composer.name);
    s.prefs = m_prefs;
    return s;
}

void App::connect() {
    if (m_client.connect(m_connectBar.server, m_composer.name, now()) == ChatClient::Connect::RoomReset)
        resetView();
}

void App::drawReplyBar(const Strings& s) {
    if (!m_replying) return;
    if (m_replying->conv != m_active) return; // it belongs to its own conversation's input
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(m_theme->stamp), "%s",
                       format(s.replyingTo, m_replying->name.c_str(), m_replying->excerpt.c_str()).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("×##cancel-reply") || (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) &&
                                                  !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopup)))
        m_replying.reset();
}

bool App::notifications() {
    const Strings& s = strings(m_model.lang());
    for (ChatModel::Notable& n : m_model.takeNotable()) {
        if (m_focused || !m_prefs.notifications) continue;
        const bool room = n.conversation == ChatModel::kRoom;
        // The first line or so: the daemon shows a few lines at most.
        const std::string body(n.text.substr(0, net::utf8::prefixWithin(n.text, 300)));
        m_notifier.notify(format(room ? s.notifyMention : s.notifyPrivate, n.from.c_str()), body,
                          n.conversation);
    }
    bool changed = false;
    while (const auto conv = m_notifier.clicked()) {
        if (*conv < m_model.conversationCount()) {
            m_tabOpen.resize(m_model.conversationCount(), 1);
            m_tabOpen[*conv] = 1;
            m_select = *conv;
        }
        m_backend.focusWindow();
        changed = true;
    }
    return changed;
}

void App::connectClicked() {
    const Strings& s = strings(m_model.lang());
    const LinkStatus& link = m_model.link();
    // Already in this room under this name: say so, instead of seeming to ignore the click. (The field may
    // list several servers; the note names the one connected.)
    if (link.state == LinkState::Online && m_client.uses(m_connectBar.server) &&
        net::nameKey(trimmed(m_composer.name)) == net::nameKey(m_model.me())) {
        m_model.addNote(m_active, format(s.alreadyConnected, link.endpoint.c_str(), m_model.me().c_str()),
                        now());
        return;
    }
    connect();
    if (m_model.link().state == LinkState::NoName) { // the lab's prompt, and the cursor where the name goes
        m_model.addPrompt(m_active, s.enterName, now());
        m_composer.focusName();
    }
}

void App::lanRoomClicked(const LanRoom& room) {
    const Strings& s = strings(m_model.lang());
    // Plaintext stays a choice made when the window starts (--plaintext), never a click in a list that
    // anyone on the network can add to.
    if (!room.tls && !m_options.plaintext) {
        m_model.addNote(m_active, format(s.roomNeedsPlaintext, room.name.c_str()), now());
        return;
    }
    connectClicked();
}

bool App::updateLanRooms() {
    const unsigned changes = m_lanChanges.load();
    if (changes == m_lanSeen) return false;
    m_lanSeen = changes;
    std::vector<LanRoom> rooms = groupLanRooms(m_browser.rooms());
    if (rooms == m_lanRooms) return true; // the daemon came or went: the open list says so
    m_lanRooms = std::move(rooms);
    for (const LanRoom& r : m_lanRooms) m_glyphs.addText(r.name);
    // For the tests and for people watching a window's output: the list as it changed, when.
    if (!m_options.screenshotPath.empty()) {
        std::printf("imchat: lan rooms: %zu\n", m_lanRooms.size());
        for (const LanRoom& r : m_lanRooms) std::printf("imchat: lan room: %s\n", summary(r).c_str());
        std::fflush(stdout);
    }
    return true;
}

void App::resetView() {
    m_scrollback.reset();
    m_unread.reset();
    m_tabOpen.clear();
    m_active = ChatModel::kRoom;
}

bool App::prepareFrame() {
    const Now t = now();
    // Held characters go back ahead of anything typed since, once the input box is active to take them.
    if (m_composer.inputActive() && !m_retype.empty()) {
        ImVector<ImWchar>& queue = ImGui::GetIO().InputQueueCharacters;
        for (std::size_t i = 0; i < m_retype.size(); ++i) queue.insert(queue.begin() + i, m_retype[i]);
        m_retype.clear();
    }
    bool changed = m_client.drain(t);
    changed |= updateLanRooms();
    if (auto saved = m_writer.poll()) {
        const Strings& s = strings(m_model.lang());
        const std::string path = utf8Path(saved->path);
        if (saved->ok) m_model.addNote(m_saveConv, format(s.transcriptSaved, path.c_str()), t);
        else m_model.addPrompt(m_saveConv, format(s.transcriptFailed, path.c_str(), saved->error.c_str()), t);
        changed = true;
    }
    changed |= notifications();
    m_opener.reap();
    m_trigger.check(m_model, t.steadyMs);
    if (const float scale = m_backend.displayScale(); scale != m_scale)
        setDisplayScale(scale); // moved monitor
    if (m_fonts.update(m_glyphs)) {
        m_backend.reloadFontTexture();
        changed = true;
    }
    return changed;
}

double App::idleTimeout() const {
    double timeout = m_trigger.wakeAfter(now().steadyMs);
    // A countdown on screen needs a frame per second.
    if (m_model.link().state == LinkState::Reconnecting && (timeout < 0.0 || timeout > 1.0)) timeout = 1.0;
    return timeout;
}

void App::afterRender(int width, int height) {
    if (!m_trigger.frameRendered()) return;
    std::string error;
    if (saveScreenshot(m_trigger.path(), width, height, error)) {
        std::printf("imchat: screenshot saved to %s\n", m_trigger.path().c_str());
        reportVisible();
        std::fflush(stdout);
    } else {
        std::fprintf(stderr, "imchat: screenshot failed: %s\n", error.c_str());
        m_exitCode = 1;
    }
    if (m_options.exitAfterScreenshot) m_exit = true;
}

std::string App::title() const {
    const std::string name = m_model.me().empty() ? trimmed(m_composer.name) : m_model.me();
    std::string t = name.empty() ? "imchat" : "imchat - " + name;
    // Built by appending: GCC 12 at -O3 warns (-Wrestrict, a false positive) on "(" + std::string&& + ...
    if (const std::uint32_t unread = m_unread.total(); unread > 0)
        t.insert(0, '(' + std::to_string(unread) + ") ");
    return t;
}

std::size_t App::activePeerConversation() const {
    return m_active < m_model.conversationCount() ? m_active : ChatModel::kRoom;
}

void App::send() {
    const std::size_t conv = activePeerConversation();
    // A reply carries its quote line ahead of the answer (commands are not answers).
    const std::string& typed = m_composer.text;
    const bool replies =
        m_replying && m_replying->conv == conv && !(typed.starts_with("/") && !typed.starts_with("//"));
    const std::string input = replies ? m_replying->prefix + typed : typed;
    const ChatClient::Sent sent = m_client.send(m_connectBar.server, m_composer.name, input, conv, now());
    if (sent.queued && replies) m_replying.reset();
    if (sent.roomReset) resetView();
    if (sent.registerAsked) m_accountDialog.open(AccountDialog::Mode::Register, trimmed(m_composer.name));
    if (!sent.nick.empty()) {
        m_composer.name = sent.nick;
        m_glyphs.addText(sent.nick);
        connect();
    }
    if (sent.queued) {
        m_unread.clearMarker(sent.conversation); // whoever writes has caught up
        // "/msg alice ..." from another tab: alice's tab shows up again if it was closed, and comes to the
        // front with the message in it.
        if (sent.conversation < m_tabOpen.size()) m_tabOpen[sent.conversation] = 1;
        if (sent.conversation != m_active) m_select = sent.conversation;
        m_composer.sent();
    } else if (sent.clearInput) {
        m_composer.text.clear();
    }
}

void App::drawFrame() {
    const Now t = now();
    const Strings& s = strings(m_model.lang());
    onShortcut(pressedShortcut());
    m_focused = m_backend.focused();
    if (m_unread.update(m_model, {m_focused, m_active, m_scrollback.atBottom(m_active)})) {
        m_backend.requestAttention();
        ++m_attentionRequests;
    }
    m_backend.setTitle(title());
    const std::size_t activeBefore = m_active;
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("##imchat", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float settingsWidth = ImGui::CalcTextSize(s.settings).x + style.FramePadding.x * 2.0f;
    const float settingsX = ImGui::GetWindowContentRegionMax().x - settingsWidth;
    const ConnectBar::Asked asked = m_connectBar.draw(
        m_model, t.steadyMs, m_glyphs, settingsX - style.ItemSpacing.x,
        {m_lanRooms, m_browser.daemonRunning(), m_lanBrowsing,
         m_model.link().state == LinkState::Online ? m_model.link().endpoint : std::string()});
    if (asked.room) lanRoomClicked(*asked.room);
    else if (asked.connect) connectClicked();
    if (m_trace.enabled()) m_trace.stateShown(ConnectBar::stateText(m_model, t.steadyMs));
    ImGui::SameLine(settingsX);
    m_settingsButtonX = ImGui::GetCursorScreenPos().x;
    const Preferences before = m_prefs;
    AccountAction account = AccountAction::None;
    if (drawPreferencesMenu(s, m_model.lang(), m_prefs, accountOffer(), account,
                            DesktopNotifier::available()))
        applyPreferences(before);
    if (account == AccountAction::Register) m_accountDialog.open(AccountDialog::Mode::Register, m_model.me());
    if (account == AccountAction::ChangePassword)
        m_accountDialog.open(AccountDialog::Mode::ChangePassword, m_model.me());
    ImGui::Separator();

    const float footer = m_composer.height() + (m_replying ? ImGui::GetFrameHeightWithSpacing() : 0.0f);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float usersWidth =
        std::clamp(avail.x * 0.2f, ImGui::GetFontSize() * 8.0f, ImGui::GetFontSize() * 14.0f);
    // Narrow, the messages keep the width and the user list opens from a button beside the tabs.
    m_usersBeside = avail.x - usersWidth - style.ItemSpacing.x >= ImGui::GetFontSize() * 20.0f;
    ImGui::BeginChild("##left",
                      ImVec2(m_usersBeside ? avail.x - usersWidth - style.ItemSpacing.x : avail.x, -footer));
    drawSearch();
    std::string clicked = drawConversations(0.0f);
    ImGui::EndChild();
    if (m_usersBeside) {
        ImGui::SameLine();
        ImGui::BeginChild("##users", ImVec2(0.0f, -footer), true);
        clicked = m_userList.draw(m_model, *m_theme);
        ImGui::EndChild();
    }
    if (!clicked.empty()) {
        m_select = m_model.openPrivate(clicked);
        m_tabOpen.resize(m_model.conversationCount(), 1);
        m_tabOpen[m_select] = 1;
        m_composer.focusInput();
    }

    // Characters no widget takes go to the input box, which then takes the focus: typed after a click on a
    // message (which took the focus from the box), or in the frames after Enter, before the box has the
    // focus back. ImGui drops the characters of the frame in which a box becomes active, so they are held
    // until it is (prepareFrame puts them back).
    const bool popup = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopup);
    ImVector<ImWchar>& queue = io.InputQueueCharacters;
    const auto hold = [&] {
        m_retype.insert(m_retype.end(), queue.begin(), queue.end());
        queue.clear();
    };
    // A dialog took over, or the box never came back (a safety net: held keys must not keep frames going).
    if (popup || ++m_retypeFrames > 30) m_retype.clear();
    if (m_retype.empty()) m_retypeFrames = 0;
    if (m_composer.movedFocus() && !popup) hold(); // the box becomes active in this frame
    drawReplyBar(s);
    const Composer::Result r = m_composer.draw(s, m_glyphs, m_model.maxTextBytes());
    if (!ImGui::IsAnyItemActive() && !queue.empty() && !popup) {
        hold();
        // Asked for again while a request is on its way, ImGui would select all the box holds, and the
        // next character would replace it.
        if (!m_composer.movedFocus()) m_composer.focusInput();
    }
    // Without these frames a click on a user would leave the tab switch and the focus half done until the
    // next event, and the first key typed would go nowhere.
    if (m_settleFrames > 0) --m_settleFrames;
    m_uiMoving = m_select != static_cast<std::size_t>(-1) || m_composer.movedFocus() ||
                 activeBefore != m_active || !m_retype.empty();
    if (r.nameChanged) connect(); // (re)connect under the new name
    if (r.send) send();
    if (const auto path = m_saveDialog.draw(s, m_glyphs)) startSave(*path);
    drawSecurityDialogs(s);
    ImGui::End();
}

AccountAction App::accountOffer() const {
    const LinkStatus& link = m_model.link();
    if (link.state != LinkState::Online || link.accounts == net::AccountPolicy::Off)
        return AccountAction::None;
    return link.signedIn ? AccountAction::ChangePassword : AccountAction::Register;
}

void App::drawSecurityDialogs(const Strings& s) {
    switch (m_trustDialog.draw(m_model, utf8Path(m_client.knownServers().path()), m_glyphs)) {
    case TrustDialog::Answer::Trust: m_client.trustServerKey(); break;
    case TrustDialog::Answer::Decline: m_model.declineKey(); break;
    case TrustDialog::Answer::None: break;
    }
    // The server refused our Hello for want of a password (or a registration): ask once per refusal.
    const net::ErrorCode refusal = m_model.link().refusal;
    if (refusal != m_askedAbout) {
        m_askedAbout = refusal;
        const std::string name = trimmed(m_composer.name);
        if (refusal == net::ErrorCode::AuthRequired || refusal == net::ErrorCode::BadCredentials ||
            refusal == net::ErrorCode::SignedOut)
            m_accountDialog.open(AccountDialog::Mode::SignIn, name);
        else if (refusal == net::ErrorCode::RegistrationRequired)
            m_accountDialog.open(AccountDialog::Mode::Register, name);
    }
    auto submitted = m_accountDialog.draw(s, m_glyphs);
    if (!submitted) return;
    switch (submitted->mode) {
    case AccountDialog::Mode::SignIn:
        m_client.signIn(std::move(submitted->password), submitted->remember);
        break;
    case AccountDialog::Mode::Register:
        m_client.registerName(std::move(submitted->password), submitted->remember);
        break;
    case AccountDialog::Mode::ChangePassword:
        m_client.changePassword(std::move(submitted->password), std::move(submitted->newPassword),
                                submitted->remember);
        break;
    }
}

} // namespace app
