#pragma once
// The imchat window: wires the Connection (network thread) to the ChatModel (UI thread) and the panels,
// and drives one frame at a time for the frame loop.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/chat_model.hpp"
#include "app/composer.hpp"
#include "app/connect_bar.hpp"
#include "app/font_atlas.hpp"
#include "app/frame_loop.hpp"
#include "app/glyph_set.hpp"
#include "app/screenshot_trigger.hpp"
#include "app/scrollback.hpp"
#include "app/settings.hpp"
#include "app/user_list.hpp"
#include "net/connection.hpp"

namespace app {

class Backend;

struct AppOptions {
    std::string server;
    std::string name;
    Lang lang = Lang::En;
    float fontSize = 17.0f;
    std::string screenshotPath;
    std::string screenshotAfterText;
    bool exitAfterScreenshot = false;
};

class App final : public FrameClient {
public:
    App(Backend& backend, AppOptions options);
    ~App() override;
    /// Loads the fonts and connects when a name is known; false (with error set) when the window cannot work.
    bool init(std::string& error);
    /// The server and name to remember.
    Settings settings() const;
    /// 0, or non-zero when a requested screenshot could not be written.
    int exitCode() const { return m_exitCode; }

    bool prepareFrame() override;
    void drawFrame() override;
    void afterRender(int width, int height) override;
    double idleTimeout() const override;
    bool wantsFrames() const override { return m_trigger.settling() || m_uiMoving; }
    bool wantsExit() const override { return m_exit; }

private:
    void connect();
    void send();
    void drawConversations(float height);
    std::size_t activePeerConversation() const;
    std::string title() const;
    void reportVisible() const;

    Backend& m_backend;
    AppOptions m_options;
    ChatModel m_model;
    GlyphSet m_glyphs;
    FontAtlas m_fonts;
    ConnectBar m_connectBar;
    Scrollback m_scrollback;
    UserList m_userList;
    Composer m_composer;
    ScreenshotTrigger m_trigger;
    std::unique_ptr<net::Connection> m_conn;
    std::string m_connServer; // what m_conn connects to
    std::string m_connName;   // the name m_conn uses
    std::vector<std::uint8_t> m_tabOpen; // per conversation: its tab is shown
    std::size_t m_active = ChatModel::kRoom;
    std::size_t m_select = static_cast<std::size_t>(-1); // a tab to bring to front on the next frame
    bool m_uiMoving = false; // a tab switch or focus change is under way: it takes ImGui a few frames
    bool m_exit = false;
    int m_exitCode = 0;
};

} // namespace app
