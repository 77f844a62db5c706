// The lab's own client (its socket code, byte for byte) on --legacy-port, with imchat clients in the same
// room: Chinese both ways, the server's stamp, the head-count notices, history, refused names, bounded input,
// no private messages.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>

#include "support/joined_client.hpp"
#include "support/lab_client.hpp"
#include "support/server_process.hpp"

using support::JoinedClient;
using support::LabClient;
using support::labPort;
using support::ServerProcess;
using namespace std::chrono_literals;

namespace {

ServerProcess labServer(std::vector<std::string> extra = {}) {
    extra.insert(extra.end(), {"--legacy-port", "0"});
    return ServerProcess(std::move(extra));
}

std::uint64_t nowMs() {
    using namespace std::chrono;
    return static_cast<std::uint64_t>(
        duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

/// Everyone in the room, as an imchat client asks.
std::vector<std::string> usersOf(support::TestClient& c) {
    c.send(net::UsersRequest{});
    const auto users = c.waitFor<net::Users>(10s);
    REQUIRE(users);
    return users->names;
}

bool has(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

} // namespace

TEST_CASE("two lab clients and an imchat client talk through one server") {
    ServerProcess server = labServer();
    JoinedClient alice(server.port(), "alice");

    LabClient ming(labPort(server), "ming");
    CHECK(ming.history() == ""); // NO_MESSAGE: the window shows nothing
    REQUIRE(ming.waitRead("您已加入, 当前2人"));
    ming.say("小明", "你好，世界！");

    // alice sees the lab user join, marked, and its message with the server's own stamp and address.
    const auto joined = alice.waitFor<net::Joined>(20s);
    REQUIRE(joined);
    CHECK(joined->name == "小明 (lab)");
    const auto chat = alice.waitFor<net::Chat>(20s);
    REQUIRE(chat);
    CHECK(chat->name == "小明 (lab)");
    CHECK(chat->text == "你好，世界！");
    CHECK(chat->ip == "127.0.0.1");          // not the forged support::kForgedIp
    CHECK(chat->timeMs + 600'000 > nowMs()); // not the forged 2001 stamp
    CHECK(chat->timeMs < nowMs() + 600'000);
    // The sender reads its own message back as the lab's server sent it: '\n' + the sentence.
    const auto echo = ming.waitRead("127.0.0.1 - 小明 (lab)\n 你好，世界！");
    REQUIRE(echo);
    CHECK(echo->find(support::kForgedTime) == std::string::npos);
    CHECK(echo->find(support::kForgedIp) == std::string::npos);

    // A late lab client gets the history (then the separator its window adds) and counts itself.
    LabClient hong(labPort(server), "hong");
    const std::string history = hong.history();
    CHECK(history.find("] 127.0.0.1 - 小明 (lab)\n 你好，世界！") != std::string::npos);
    CHECK(history.ends_with("\n----以上是历史记录----\n"));
    REQUIRE(hong.waitRead("您已加入, 当前3人"));
    hong.say("小红", "收到");
    REQUIRE(ming.waitRead("有新用户加入, 当前3人"));
    REQUIRE(ming.waitRead("127.0.0.1 - 小红 (lab)\n 收到"));
    const auto fromHong = alice.waitFor<net::Chat>(20s);
    REQUIRE(fromHong);
    CHECK(fromHong->text == "收到");

    // imchat -> lab, Chinese and emoji intact, in the lab's format.
    alice.send(net::Say{1, "欢迎两位 👋"});
    REQUIRE(ming.waitRead("127.0.0.1 - alice\n 欢迎两位 👋"));
    REQUIRE(hong.waitRead("127.0.0.1 - alice\n 欢迎两位 👋"));

    // Lab users are in the user list, marked.
    const auto names = usersOf(alice);
    CHECK(has(names, "小明 (lab)"));
    CHECK(has(names, "小红 (lab)"));
    CHECK(has(names, "alice"));

    // A changed name leaves the old one and joins the new one.
    ming.say("明明", "改名了");
    const auto renamed = alice.waitFor<net::Chat>(20s);
    REQUIRE(renamed);
    CHECK(renamed->name == "明明 (lab)");
    CHECK_FALSE(has(usersOf(alice), "小明 (lab)"));

    // A departure, with the head-count.
    ming.quit();
    const auto left = alice.waitFor<net::Left>(20s);
    REQUIRE(left);
    CHECK(left->name == "明明 (lab)");
    CHECK(left->online == 2);
    REQUIRE(hong.waitRead("有用户退出, 当前2人"));
    CHECK_FALSE(hong.crashed());
    CHECK(server.stdoutSoFar().find("join \"小红 (lab)\" (127.0.0.1)") != std::string::npos);
}

TEST_CASE("a registered name, a look-alike of one or a name online is refused, and nothing is stored") {
    ServerProcess server = labServer();
    { JoinedClient bob(server.port(), support::registerHello("bob", "correct horse battery")); }
    JoinedClient alice(server.port(), "alice");
    LabClient lab(labPort(server), "refused");
    lab.history();
    lab.say("bob", "我是bob");
    REQUIRE(lab.waitRead("该用户名已被注册"));
    lab.say("B0B", "我也是");
    std::size_t next = 0;
    REQUIRE(lab.waitRead("该用户名已被注册", 20s, 0, &next));
    REQUIRE(lab.waitRead("该用户名已被注册", 20s, next));
    lab.say("ALICE", "冒充");
    REQUIRE(lab.waitRead("该用户名正在使用中"));
    // Nothing of it was stored or delivered: a newcomer's history is empty, and no Chat came.
    JoinedClient carol(server.port(), "carol");
    CHECK(carol.joined().history.empty());
    CHECK_FALSE(alice.waitFor<net::Chat>(500ms));
    CHECK_FALSE(has(usersOf(alice), "bob (lab)"));
}

TEST_CASE("a Hello may not look like a lab user") {
    ServerProcess server = labServer();
    CHECK(support::refusedHello(server.port(), support::makeHello("eve (lab)")).code ==
          net::ErrorCode::InvalidName);
    CHECK(support::refusedHello(server.port(), support::makeHello("eve (LAB)")).code ==
          net::ErrorCode::InvalidName);
}

TEST_CASE("without --legacy-port there is no lab listener") {
    ServerProcess server;
    CHECK(server.stdoutSoFar().find("lab clients on") == std::string::npos);
    CHECK(support::ServerProcess::run({"--legacy-port", "x1"}).exitCode == 1);
}

TEST_CASE("bad bytes from a lab client are refused in one line each, and nothing else is lost") {
    ServerProcess server = labServer();
    JoinedClient alice(server.port(), "alice");
    LabClient lab(labPort(server), "bad");
    lab.history();
    const std::string header = "[2024-05-06 07:08:09] 6.6.6.6 - 老王\n ";
    lab.raw("GET / HTTP/1.1\r\n\r\n");
    REQUIRE(lab.waitRead("无法识别的消息"));
    lab.raw(header + "\xe4\xbd\xa0\xff\xfe");
    REQUIRE(lab.waitRead("不是有效的UTF-8"));
    // Two messages in one send: both, in order.
    lab.raw(header + "第一" + header + "第二");
    // Too long: refused as it comes; whatever follows it up to the next header is part of it (no framing).
    lab.raw(header + std::string(3000, 'x') + "GET / HTTP/1.1\r\n\r\n" + header + "之后");
    REQUIRE(lab.waitRead("消息太长"));
    std::vector<std::string> texts;
    while (texts.size() < 3) {
        const auto chat = alice.waitFor<net::Chat>(20s);
        REQUIRE(chat);
        CHECK(chat->name == "老王 (lab)");
        CHECK(chat->ip == "127.0.0.1");
        texts.push_back(chat->text);
    }
    CHECK(texts == std::vector<std::string>{"第一", "第二", "之后"});
    CHECK_FALSE(lab.crashed());
}

TEST_CASE("a flooding lab client is refused, then cut off") {
    ServerProcess server = labServer({"--rate", "1", "--burst", "2"});
    LabClient lab(labPort(server), "flood");
    lab.history();
    std::string flood;
    for (int i = 0; i < 200; ++i) flood += "[2024-05-06 07:08:09] ip - 洪水\n " + std::to_string(i);
    lab.raw(flood);
    REQUIRE(lab.waitRead("发送太快"));
    CHECK(lab.sawEof());
    // The room goes on.
    JoinedClient alice(server.port(), "alice");
    CHECK(alice.joined().history.size() <= 3);
}

TEST_CASE("no private message reaches a lab user") {
    ServerProcess server = labServer();
    JoinedClient alice(server.port(), "alice");
    LabClient lab(labPort(server), "private");
    lab.history();
    lab.say("小明", "在吗");
    REQUIRE(alice.waitFor<net::Chat>(20s));
    alice.send(net::Whisper{5, "小明 (lab)", "秘密"});
    const auto error = alice.waitFor<net::Error>(20s);
    REQUIRE(error);
    CHECK(error->code == net::ErrorCode::RecipientOffline);
    CHECK(error->clientId == 5);
    alice.send(net::Say{6, "公开的标记"});
    REQUIRE(lab.waitRead("公开的标记"));
    CHECK(lab.reads().find("秘密") == std::string::npos);
}

TEST_CASE("a long message reaches a lab client whole, in reads that end between characters") {
    ServerProcess server = labServer();
    JoinedClient alice(server.port(), "alice");
    LabClient lab(labPort(server), "long");
    lab.history();
    REQUIRE(lab.waitRead("您已加入"));
    std::string text;
    for (int i = 0; i < 1300; ++i) text += i % 2 ? "长" : "文";
    alice.send(net::Say{1, text + "完"});
    const auto last = lab.waitRead("完");
    INFO("the lab client read: ", lab.reads());
    REQUIRE(last);
    CHECK_FALSE(lab.crashed());
    // Its window appends '\n' to each read: without them, the text is whole.
    std::string shown = lab.reads();
    std::erase(shown, '\n');
    CHECK(shown.find(text + "完") != std::string::npos);
}
