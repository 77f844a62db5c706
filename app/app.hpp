#pragma once
// The imchat window: lays out the panels over the ChatClient's model, keeps the focus and the shortcuts,
// and drives one frame at a time for the frame loop.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/chat_client.hpp"
#include "app/diag/bench_trace.hpp"
#include "app/diag/screenshot_trigger.hpp"
#include "app/fonts/font_atlas.hpp"
#include "app/fonts/glyph_set.hpp"
#include "app/io/file_writer.hpp"
#include "app/io/link_opener.hpp"
#include "app/io/preferences.hpp"
#include "app/io/settings.hpp"
#include "app/model/chat_model.hpp"
#include "app/model/lan_rooms.hpp"
#include "app/model/search_index.hpp"
#include "app/model/unread_tracker.hpp"
#include "app/panels/account_dialog.hpp"
#include "app/panels/composer.hpp"
#include "app/panels/connect_bar.hpp"
#include "app/panels/preferences_menu.hpp"
#include "app/panels/save_dialog.hpp"
#include "app/panels/scrollback/scrollback.hpp"
#include "app/panels/search_bar.hpp"
#include "app/panels/trust_dialog.hpp"
#include "app/panels/user_list.hpp"
#include "app/platform/desktop_notifier.hpp"
#include "app/platform/frame_loop.hpp"
#include "app/shortcuts.hpp"
#include "net/room_browser.hpp"

namespace app {

class Backend;

struct AppOptions {
    std::string server;
    std::string name;
    Lang lang = Lang::En; // the language shown (command line, else preferences, else locale)
    float fontSize = Preferences::kDefaultFontSize; // the size shown
    Preferences prefs; // as remembered; changed through the settings menu and shortcuts
    std::string screenshotPath;
    std::string screenshotAfterText;
    bool exitAfterScreenshot = false;
    bool plaintext = false; // no TLS (--plaintext): only for servers that allow it; the top bar says so
    const std::atomic<bool>* stop = nullptr; // set (e.g. by SIGTERM) when the window should close
};

class App final : public FrameClient {
public:
    App(Backend& backend, AppOptions options);
    ~App() override;
    /// Loads the fonts and connects when a name is known; false (with error set) when the window cannot work.
    bool init(std::string& error);
    /// The server, name and preferences to remember.
    Settings settings() const;
    /// 0, or non-zero when a requested screenshot could not be written.
    int exitCode() const { return m_exitCode; }

    bool prepareFrame() override;
    void drawFrame() override;
    void afterRender(int width, int height) override;
    void presented(bool changed) override { m_trace.presented(changed); }
    double idleTimeout() const override;
    bool wantsFrames() const override {
        return m_trigger.settling() || m_uiMoving || m_settleFrames > 0 || m_searching ||
               m_scrollback.settling();
    }
    bool wantsPixels() const override { return m_trigger.settling(); }
    bool wantsExit() const override { return m_exit || (m_options.stop && m_options.stop->load()); }
    bool readyForInput() const override { return m_composer.inputActive(); }

private:
    void connect();
    void send();
    void resetView();
    /// The Connect button (or Enter in the server field): connects, or says why not.
    void connectClicked();
    /// A room of the list was clicked (the server field names it now): joins it, or says why it cannot.
    void lanRoomClicked(const LanRoom& room);
    /// Reads the browser's list again when it changed; whether it did.
    bool updateLanRooms();
    /// Desktop notifications for what arrived while the window is not looked at, and clicks on them.
    bool notifications();
    /// The line above the input box while a reply is being written: whom it answers, and × to cancel.
    void drawReplyBar(const Strings& s);
    /// Reply on message i of conversation conv: the next message sent there answers it.
    void startReply(std::size_t conv, std::size_t i);
    /// A click on reply i's quote line: the quoted message is brought into view and selected.
    void goToQuote(std::size_t conv, std::size_t i);
    void drawSecurityDialogs(const Strings& s);
    AccountAction accountOffer() const;
    /// The conversation tabs; in a narrow window also the user list's button: returns a name clicked there.
    std::string drawConversations(float height);
    void drawSearch();
    void onShortcut(Shortcut shortcut);
    void setFontSize(float size);
    /// Follows the monitor's scale: fonts and ImGui's paddings grow with it (only ever not 1 on Windows).
    void setDisplayScale(float scale);
    void setMinimumWindowSize();
    void applyPreferences(const Preferences& before);
    void onScrollback(const Scrollback::Result& r, std::size_t conv);
    void copySelection(std::size_t conv);
    void startSave(const std::string& path);
    std::size_t activePeerConversation() const;
    std::string title() const;
    void reportVisible() const;

    Backend& m_backend;
    DesktopNotifier m_notifier;
    AppOptions m_options;
    Preferences m_prefs;
    const Theme* m_theme;
    BenchTrace m_trace;
    ChatClient m_client;
    ChatModel& m_model; // m_client's
    GlyphSet m_glyphs;
    FontAtlas m_fonts;
    ConnectBar m_connectBar;
    // The rooms announced on the local network: the browser's thread counts its changes and wakes the
    // loop, the frame reads the list again when the count moved. The counter outlives the browser.
    std::atomic<unsigned> m_lanChanges{0};
    unsigned m_lanSeen = 0;
    std::vector<LanRoom> m_lanRooms;
    bool m_lanBrowsing = false; // the browser started (not on Windows; not without a system bus)
    net::RoomBrowser m_browser;
    Scrollback m_scrollback;
    UserList m_userList;
    struct Replying {
        std::size_t conv;
        std::uint64_t seq;   // the message answered
        std::string name;    // who wrote it
        std::string excerpt; // its start, as the bar shows it
        std::string prefix;  // the quote line the answer is sent with
    };
    std::optional<Replying> m_replying;      // Reply was chosen on a message; the next send answers it
    std::string m_tabHeader;                 // the line above a private conversation, for the report
    bool m_usersBeside = true;               // the user list is a panel beside the messages (else a popup)
    float m_settingsButtonX = 0.0f;          // where the settings button starts (screen x), for the report
    std::pair<ImVec2, ImVec2> m_usersButton; // the user list's button when it is a popup, for the report
    Composer m_composer;
    SearchBar m_searchBar;
    SearchIndex m_search;
    UnreadTracker m_unread;
    SaveDialog m_saveDialog;
    TrustDialog m_trustDialog;
    AccountDialog m_accountDialog;
    net::ErrorCode m_askedAbout = net::ErrorCode::None; // the refusal the sign-in dialog was opened for
    LinkOpener m_opener;
    FileWriter m_writer;
    ScreenshotTrigger m_trigger;
    std::vector<std::uint8_t> m_tabOpen; // per conversation: its tab is shown
    std::size_t m_active = ChatModel::kRoom;
    std::size_t m_select = static_cast<std::size_t>(-1); // a tab to bring to front on the next frame
    std::size_t m_saveConv = ChatModel::kRoom;           // the conversation the save dialog is for
    std::uint32_t m_searchJumps = 0;                     // the index's jump count last brought into view
    unsigned m_attentionRequests = 0; // glfwRequestWindowAttention calls (reported with screenshots)
    bool m_focused = true;
    float m_scale = 1.0f;          // the monitor's display scale, applied to fonts and ImGui's sizes
    int m_settleFrames = 0;        // frames still to draw after a preference changed
    bool m_uiMoving = false;       // a tab switch or focus change is under way: it takes ImGui a few frames
    bool m_searching = false;      // the search index still has backlog to go through
    std::vector<ImWchar> m_retype; // typed while no box had the focus: replayed into the input box
    int m_retypeFrames = 0;        // frames m_retype has been held
    bool m_exit = false;
    int m_exitCode = 0;
};

} // namespace app
