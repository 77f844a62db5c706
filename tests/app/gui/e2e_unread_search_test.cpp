// Real windows: the unread marker, the count in the title and the attention request; Ctrl+F search over
// Chinese text; links drawn and opened with the opener. Screenshots: unread.png, search.png, links.png.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "gui_session.hpp"
#include "support/joined_client.hpp"
#include "support/read_file.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

TEST_CASE("e2e: unread marker, count in the title and attention while the window is unfocused") {
    apptest::GuiRoom room("unread");
    support::JoinedClient carol(room.port(), "carol");
    apptest::say(carol, {"早上好，这是历史消息"});

    apptest::ImchatWindow bob(room, {"bob", "unread", "第三条", false});
    bob.requireOnline(carol);
    // bob looks at another window: alice's takes the keyboard focus.
    apptest::ImchatWindow alice(room, {"alice", "unread-alice", "never shown", false});
    alice.requireOnline(carol);
    REQUIRE(alice.focus());
    std::this_thread::sleep_for(300ms);

    apptest::say(carol, {"第一条：有人吗", "@bob 你看一下这个"});
    carol.send(net::Whisper{4, "bob", "私下说一句"});
    REQUIRE(carol.waitFor<net::Private>(5s).has_value());
    apptest::say(carol, {"第三条 in the room"});

    REQUIRE_MESSAGE(bob.waitForScreenshots(1), "bob: " << bob.out() << bob.err());
    const std::string away = bob.lastReport();
    INFO("bob printed:\n" << away);
    CHECK(away.find("screenshot title: (4) imchat - bob") != std::string::npos);
    CHECK(away.find("screenshot attention requests: 0") == std::string::npos); // the mention and the private
    // The marker sits right above the first message that arrived while bob was away.
    CHECK(away.find("row: chat carol: 早上好，这是历史消息\n") != std::string::npos);
    CHECK(away.find("row: unread marker\nimchat: screenshot row: chat carol: 第一条：有人吗") !=
          std::string::npos);

    // bob comes back: the count and the title clear; the marker stays to show where the new part began.
    REQUIRE(bob.focus());
    std::this_thread::sleep_for(300ms);
    REQUIRE(bob.screenshotNow());
    const std::string back = bob.lastReport();
    INFO("bob printed after focusing:\n" << back);
    // The room is read; the private conversation (another tab) still has its message.
    CHECK(back.find("screenshot title: (1) imchat - bob\n") != std::string::npos);
    CHECK(back.find("screenshot unread: 1\n") != std::string::npos);
    CHECK(back.find("row: unread marker") != std::string::npos);
}

TEST_CASE("e2e: Ctrl+F finds Chinese text, Enter goes to the next hit, the count shows k of n") {
    apptest::GuiRoom room("search");
    support::JoinedClient carol(room.port(), "carol");
    apptest::say(carol, {"我们去聊天室吧", "hello there", "聊天记录很多 CHAT log", "nothing here",
                         "明天再聊天", "last one"});

    apptest::ImchatWindow bob(room, {"bob", "search", "last one", false});
    bob.requireOnline(carol);
    REQUIRE(bob.waitForScreenshots(1));
    REQUIRE(bob.focus());
    CHECK(bob.key("ctrl+f"));
    std::this_thread::sleep_for(200ms);
    CHECK(bob.type("聊天"));
    CHECK(bob.pressReturn()); // the newest hit is 1 of 3; Enter goes back to the next: 2 of 3
    std::this_thread::sleep_for(300ms);
    REQUIRE(bob.screenshotNow());
    const std::string found = bob.lastReport();
    INFO("bob printed:\n" << found);
    CHECK(found.find("screenshot search: 聊天: 第 2 个，共 3 个") != std::string::npos);
    CHECK(found.find("row: chat carol: 我们去聊天室吧  [hit]") != std::string::npos);
    CHECK(found.find("row: chat carol: 聊天记录很多 CHAT log  [hit]") != std::string::npos);
    CHECK(found.find("row: chat carol: 明天再聊天  [hit]") != std::string::npos);
    CHECK(found.find("row: chat carol: hello there\n") != std::string::npos);

    CHECK(bob.key("shift+Return")); // back to the newest
    std::this_thread::sleep_for(300ms);
    REQUIRE(bob.screenshotNow());
    CHECK(bob.lastReport().find("screenshot search: 聊天: 第 1 个，共 3 个") != std::string::npos);
}

TEST_CASE("e2e: a link in a message is drawn as a link, and a click opens it with the opener") {
    apptest::GuiRoom room("links");
    const fs::path opener = room.dir() / "opener.sh";
    const fs::path opened = room.dir() / "opened.txt";
    std::ofstream(opener) << "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '" << opened.string() << "'\n";
    fs::permissions(opener, fs::perms::owner_all);
    support::JoinedClient carol(room.port(), "carol");
    apptest::say(carol, {"文档在 https://imchat.example/docs?page=2 看看",
                         "维基：https://zh.wikipedia.org/wiki/聊天室，或者 www.example.org",
                         "两个链接：http://a.example/x，和 https://b.example/y。"});

    apptest::ImchatWindow bob(room,
                              {"bob", "links", "两个链接", false, {"IMCHAT_OPENER=" + opener.string()}});
    bob.requireOnline(carol);
    REQUIRE(bob.waitForScreenshots(1));
    const std::string report = bob.lastReport();
    INFO("bob printed:\n" << report);
    // "screenshot link: x0 y0 x1 y1 url" for each link drawn.
    const auto at = report.find("screenshot link: ");
    REQUIRE(at != std::string::npos);
    std::istringstream line(report.substr(at + 17));
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    std::string url;
    line >> x0 >> y0 >> x1 >> y1 >> url;
    CHECK(url == "https://imchat.example/docs?page=2");
    CHECK(report.find("screenshot link: ") != report.rfind("screenshot link: "));
    CHECK(report.find("http://a.example/x\n") != std::string::npos);
    CHECK(report.find("https://b.example/y\n") != std::string::npos);

    REQUIRE(bob.focus());
    CHECK(bob.click(static_cast<int>((x0 + x1) / 2), static_cast<int>((y0 + y1) / 2)));
    for (int i = 0; i < 100 && support::readFile(opened).empty(); ++i) std::this_thread::sleep_for(50ms);
    CHECK(support::readFile(opened) == "https://imchat.example/docs?page=2\n");
    REQUIRE(bob.screenshotNow()); // with the mouse over the link

    // A path in Chinese is linked whole and opened percent-encoded; a bare www. address opens over http.
    for (const auto& link :
         {std::pair<std::string, std::string>{"www.example.org", "http://www.example.org"},
          std::pair<std::string, std::string>{"https://zh.wikipedia.org/wiki/聊天室",
                                              "https://zh.wikipedia.org/wiki/%E8%81%8A%E5%A4%A9%E5%AE%A4"}}) {
        const std::string& shown = link.first; // doctest's macros are lambdas: no structured bindings in them
        const std::string& target = link.second;
        std::istringstream lines(bob.lastReport());
        bool found = false;
        for (std::string l; !found && std::getline(lines, l);) {
            if (l.rfind("imchat: screenshot link: ", 0) != 0) continue;
            std::istringstream boxLine(l.substr(25));
            boxLine >> x0 >> y0 >> x1 >> y1 >> url;
            found = url == shown;
        }
        REQUIRE_MESSAGE(found, shown);
        const std::string before = support::readFile(opened);
        std::this_thread::sleep_for(300ms); // not a double click
        CHECK(bob.click(static_cast<int>((x0 + x1) / 2), static_cast<int>((y0 + y1) / 2)));
        for (int i = 0; i < 100 && support::readFile(opened) == before; ++i)
            std::this_thread::sleep_for(50ms);
        CHECK(support::readFile(opened) == before + target + "\n");
    }
}
