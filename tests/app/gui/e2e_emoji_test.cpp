// Emoji through real windows: typed into one window with real key events, stored and broadcast byte for
// byte, and drawn in colour in another window (its screenshot is read back and looked for colour).
#include <doctest/doctest.h>

#include <stb_image.h>

#include "gui_session.hpp"
#include "support/joined_client.hpp"

using namespace std::chrono_literals;

namespace {

/// Pixels of the PNG at path in the orange-yellow of an emoji face (Noto's is about #FCC21B), a colour
/// the dark theme's text, names and frames never use.
int emojiYellowPixels(const std::filesystem::path& path) {
    int w = 0, h = 0, channels = 0;
    unsigned char* rgb = stbi_load(path.c_str(), &w, &h, &channels, 3);
    if (!rgb) return -1;
    int count = 0;
    for (int i = 0; i < w * h; ++i) {
        const int r = rgb[i * 3], g = rgb[i * 3 + 1], b = rgb[i * 3 + 2];
        count += r > 220 && g > 150 && g < 215 && b < 90;
    }
    stbi_image_free(rgb);
    return count;
}

} // namespace

TEST_CASE("e2e: emoji typed in one window reach a client byte for byte and show in colour in the other") {
    apptest::GuiRoom room("emoji");
    const std::string typed = "表情 \xF0\x9F\x98\x80\xF0\x9F\x91\x8D\xF0\x9F\x8E\x89 ok"; // 😀👍🎉

    support::JoinedClient carol(room.port(), "carol");
    apptest::ImchatWindow bob(room, {"bob", "emoji-bob", "表情"});
    bob.requireOnline(carol);
    apptest::ImchatWindow alice(room, {"alice", "emoji-alice", "表情", false});
    alice.requireOnline(carol);
    CHECK(alice.focus());
    CHECK(alice.typeLine(typed));

    const auto chat = carol.waitFor<net::Chat>(10s);
    REQUIRE(chat.has_value());
    CHECK(chat->name == "alice");
    CHECK(chat->text == typed); // not EF BF BD: the four-byte characters survived the input box

    REQUIRE_MESSAGE(bob.waitExit() == 0, "bob: " << bob.out() << bob.err());
    INFO("bob printed:\n" << bob.out());
    CHECK(bob.showed("chat alice: " + typed));
    // Three emoji of ~17 px: hundreds of face-yellow pixels where tinted text would have none.
    CHECK(emojiYellowPixels(bob.screenshot()) > 100);

    // alice's window shows her own message the same way, and took no yellow from anything else.
    REQUIRE(alice.waitForScreenshots(1));
    CHECK(alice.showed("chat alice: " + typed));
    CHECK(emojiYellowPixels(alice.screenshot()) > 100);
    CHECK(alice.terminate() == 0);
}
