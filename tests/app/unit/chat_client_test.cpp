// The chat client's policy with no window: a ChatClient against the real imchat-server, its events drained
// as the window's frames would drain them.
#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "app/chat_client.hpp"
#include "app/model/clock.hpp"
#include "app/panels/connect_bar.hpp"
#include "app/text/i18n.hpp"
#include "support/closed_port.hpp"
#include "support/joined_client.hpp"
#include "support/numbered.hpp"
#include "support/scratch_dir.hpp"
#include "support/server_process.hpp"
#include "support/test_client.hpp"

using namespace std::chrono_literals;
using app::ChatClient;
using app::ChatModel;
using support::closedPort;

namespace {

std::string endpoint(const support::ServerProcess& server) {
    return support::numbered("127.0.0.1:", server.port());
}

/// Trust and sign-ins kept in a scratch directory (never the user's), with these servers' keys trusted as
/// the user would have after comparing them once.
class Trusting {
public:
    explicit Trusting(std::initializer_list<const support::ServerProcess*> servers) {
        for (const auto* server : servers)
            REQUIRE(
                app::KnownServers(security().knownServers).trust(endpoint(*server), server->fingerprint()));
    }
    app::ChatSecurity security() const {
        return {m_dir.path() / "known_servers", m_dir.path() / "device_tokens", false};
    }

private:
    support::ScratchDir m_dir{"chat-client"};
};

/// Drains client until done() holds, as the window's frames would; false after timeout.
bool drainUntil(ChatClient& client, const std::function<bool()>& done,
                std::chrono::milliseconds timeout = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        client.drain(app::now());
        if (done()) return true;
        std::this_thread::sleep_for(10ms);
    }
    return false;
}

bool online(const ChatClient& client) { return client.model().link().state == app::LinkState::Online; }

/// Whether the room shows a message with this text.
bool roomShows(const ChatClient& client, const std::string& text) {
    const app::Conversation& room = client.model().room();
    for (std::size_t i = 0; i < room.size(); ++i)
        if (room[i].kind == app::EntryKind::Chat && client.model().text(room[i]) == text) return true;
    return false;
}

/// Whether the room shows a notice with this text.
bool roomNotes(const ChatClient& client, const std::string& text) {
    const app::Conversation& room = client.model().room();
    for (std::size_t i = 0; i < room.size(); ++i)
        if (room[i].kind == app::EntryKind::Notice && client.model().text(room[i]) == text) return true;
    return false;
}

/// Whether conversation conv holds a prompt (the lab's inline notices).
bool hasPrompt(const ChatClient& client, std::size_t conv) {
    const app::Conversation& c = client.model().conversation(conv);
    for (std::size_t i = 0; i < c.size(); ++i)
        if (c[i].kind == app::EntryKind::Prompt) return true;
    return false;
}

} // namespace

TEST_CASE("chat client: connects, sends, the room receives it and its echo lands in the model") {
    support::ServerProcess server;
    support::TestClient bob;
    bob.connect(server.port());
    bob.join("bob");
    Trusting trust{&server};
    ChatClient alice(
        app::Lang::En, [] {}, nullptr, trust.security());
    CHECK(alice.connect(endpoint(server), "  alice ", app::now()) == ChatClient::Connect::Started);
    REQUIRE(drainUntil(alice, [&] { return online(alice); }));
    CHECK(alice.model().me() == "alice");

    const ChatClient::Sent sent =
        alice.send(endpoint(server), "alice", "你好 bob", ChatModel::kRoom, app::now());
    CHECK(sent.queued);
    CHECK(sent.clearInput);
    CHECK(sent.conversation == ChatModel::kRoom);
    const auto chat = bob.waitFor<net::Chat>(5s);
    REQUIRE(chat.has_value());
    CHECK(chat->name == "alice");
    CHECK(chat->text == "你好 bob");
    CHECK(drainUntil(alice, [&] { return roomShows(alice, "你好 bob"); }));

    // A private message opens its conversation and reaches only bob.
    const ChatClient::Sent whisper =
        alice.send(endpoint(server), "alice", "/msg bob 悄悄", ChatModel::kRoom, app::now());
    CHECK(whisper.queued);
    CHECK(whisper.conversation == alice.model().findPrivate("bob"));
    CHECK(whisper.conversation != ChatModel::kRoom);
    const auto p = bob.waitFor<net::Private>(5s);
    REQUIRE(p.has_value());
    CHECK(p->text == "悄悄");
}

TEST_CASE("chat client: the lab's prompts, a bad address and a bad name send nothing and say why") {
    support::ServerProcess server;
    Trusting trust{&server};
    ChatClient client(
        app::Lang::Zh, [] {}, nullptr, trust.security());
    CHECK(client.connect(endpoint(server), "", app::now()) == ChatClient::Connect::NoName);
    CHECK(client.model().link().state == app::LinkState::NoName);
    CHECK_FALSE(client.hasConnection());

    const ChatClient::Sent noName = client.send(endpoint(server), " ", "hello", ChatModel::kRoom, app::now());
    CHECK_FALSE(noName.queued);
    CHECK_FALSE(noName.clearInput); // the lab keeps the text until a name is given
    CHECK(hasPrompt(client, ChatModel::kRoom));
    CHECK_FALSE(client.hasConnection());

    ChatClient other(
        app::Lang::En, [] {}, nullptr, trust.security());
    CHECK(other.connect("host:notaport", "carol", app::now()) == ChatClient::Connect::Refused);
    CHECK(hasPrompt(other, ChatModel::kRoom));
    ChatClient third(
        app::Lang::En, [] {}, nullptr, trust.security());
    CHECK(third.connect(endpoint(server), std::string("bad\nname"), app::now()) ==
          ChatClient::Connect::Refused);
    CHECK_FALSE(third.hasConnection());
}

TEST_CASE("chat client: a rename reconnects under the new name, another server starts another room") {
    support::ServerProcess first;
    support::ServerProcess second;
    support::TestClient witness;
    witness.connect(first.port());
    witness.join("witness");
    witness.send(net::Say{1, "only in the first room"});
    REQUIRE(witness.waitFor<net::Chat>(5s).has_value());

    Trusting trust{&first, &second};
    ChatClient client(
        app::Lang::En, [] {}, nullptr, trust.security());
    CHECK(client.connect(endpoint(first), "dave", app::now()) == ChatClient::Connect::Started);
    REQUIRE(
        drainUntil(client, [&] { return online(client) && roomShows(client, "only in the first room"); }));

    CHECK(client.connect(endpoint(first), "david", app::now()) == ChatClient::Connect::Started);
    REQUIRE(drainUntil(client, [&] { return online(client) && client.model().me() == "david"; }));
    CHECK(client.name() == "david");
    bool davidJoined = false; // after dave's own Joined (and Left)
    while (!davidJoined) {
        const auto joined = witness.waitFor<net::Joined>(5s);
        if (!joined) break;
        davidJoined = joined->name == "david";
    }
    CHECK(davidJoined);

    CHECK(client.connect(endpoint(second), "david", app::now()) == ChatClient::Connect::RoomReset);
    CHECK_FALSE(roomShows(client, "only in the first room")); // forgotten at once, not after the join
    REQUIRE(drainUntil(client, [&] { return online(client); }));
    CHECK_FALSE(roomShows(client, "only in the first room"));
    CHECK(client.model().users().size() == 1);
}

TEST_CASE("chat client: what is sent while the server is down goes out when it is back, once") {
    support::ServerProcess server;
    Trusting trust{&server};
    ChatClient erin(
        app::Lang::En, [] {}, nullptr, trust.security());
    erin.connect(endpoint(server), "erin", app::now());
    REQUIRE(drainUntil(erin, [&] { return online(erin); }));

    server.terminate();
    REQUIRE(drainUntil(erin, [&] { return !online(erin); }));
    const ChatClient::Sent sent =
        erin.send(endpoint(server), "erin", "written offline", ChatModel::kRoom, app::now());
    CHECK(sent.queued); // held in the outbox, and shown at once as sending
    REQUIRE(roomShows(erin, "written offline"));
    const app::Conversation& room = erin.model().room();
    const std::size_t shownAt = room.size() - 1;
    CHECK((room[shownAt].flags & app::kEntryPending) != 0);
    CHECK(room[shownAt].seq == 0);

    server.restart(true);
    // Stored by the server: the same line, now with its seq, no longer pending, and not shown twice.
    REQUIRE(drainUntil(
        erin, [&] { return (room[shownAt].flags & app::kEntryPending) == 0; }, 20s));
    CHECK(room[shownAt].seq != 0);
    CHECK(erin.model().text(room[shownAt]) == "written offline");
    int shown = 0;
    for (std::size_t i = 0; i < room.size(); ++i) shown += erin.model().text(room[i]) == "written offline";
    CHECK(shown == 1);
    support::TestClient frank;
    frank.connect(server.port());
    const support::JoinResult join = frank.join("frank");
    int copies = 0;
    for (const net::Chat& c : join.history) copies += c.text == "written offline";
    CHECK(copies == 1);
}

TEST_CASE("chat client: requestOlder pages the room's history back to its first message") {
    support::ServerProcess server(
        std::vector<std::string>{"--history", "10", "--rate", "1000", "--burst", "1000"});
    support::TestClient writer;
    writer.connect(server.port());
    writer.join("writer");
    for (std::uint64_t i = 1; i <= 250; ++i) writer.send(net::Say{i, support::numbered("m", i)});
    for (int i = 0; i < 250; ++i) REQUIRE(writer.waitFor<net::Chat>(5s).has_value());

    Trusting trust{&server};
    ChatClient reader(
        app::Lang::En, [] {}, nullptr, trust.security());
    reader.connect(endpoint(server), "reader", app::now());
    REQUIRE(drainUntil(reader, [&] { return online(reader) && roomShows(reader, "m250"); }));
    CHECK_FALSE(roomShows(reader, "m240")); // only the last 10 were replayed
    CHECK(reader.model().canRequestOlder());
    for (int page = 0; page < 5 && !roomShows(reader, "m1"); ++page) {
        reader.requestOlder();
        REQUIRE(drainUntil(reader, [&] { return !reader.model().olderInFlight(); }));
    }
    CHECK(roomShows(reader, "m1"));
    CHECK(roomShows(reader, "m120"));
    CHECK_FALSE(reader.model().canRequestOlder());
}

TEST_CASE("chat client: requestOlder on a private tab pages our private history back to its first message, "
          "each message into its own conversation") {
    // A small queue: the private replay at sign-in holds only the newest ~16 KiB of it.
    support::ServerProcess server(std::vector<std::string>{"--max-queue-bytes", "65536", "--mailbox-max",
                                                           "10000", "--rate", "1000", "--burst", "1000"});
    Trusting trust{&server};
    {
        ChatClient first(
            app::Lang::En, [] {}, nullptr, trust.security());
        first.connect(endpoint(server), "reader", app::now());
        REQUIRE(drainUntil(first, [&] { return online(first); }));
        first.registerName("correct horse battery", true);
        REQUIRE(drainUntil(first, [&] { return first.model().link().signedIn; }));
    }
    // Mail from two people while the reader is away, interleaved.
    support::JoinedClient writer(server.port(), "writer"), other(server.port(), "other");
    constexpr int kEach = 150;
    const auto text = [](const std::string& who, int i) {
        return who + std::to_string(i) + std::string(150, '.');
    };
    for (int i = 1; i <= kEach; ++i) {
        writer.send(net::Whisper{static_cast<std::uint64_t>(i), "reader", text("w", i)});
        other.send(net::Whisper{static_cast<std::uint64_t>(i), "reader", text("o", i)});
        REQUIRE(writer.waitFor<net::Private>(5s));
        REQUIRE(other.waitFor<net::Private>(5s));
    }
    ChatClient reader(
        app::Lang::En, [] {}, nullptr, trust.security());
    reader.connect(endpoint(server), "reader", app::now()); // signed in by its remembered token
    REQUIRE(drainUntil(reader, [&] { return online(reader) && reader.model().findPrivate("writer") != 0; }));
    const auto& model = reader.model();
    const std::size_t w = model.findPrivate("writer"), o = model.findPrivate("other");
    REQUIRE(o != app::ChatModel::kRoom);
    const auto texts = [&](std::size_t conv) {
        std::vector<std::string> all;
        for (std::size_t i = 0; i < model.conversation(conv).size(); ++i)
            if (model.conversation(conv)[i].kind == app::EntryKind::Private)
                all.push_back(std::string(model.text(model.conversation(conv)[i])));
        return all;
    };
    const std::size_t replayed = texts(w).size();
    CHECK(replayed < kEach); // the rest is older than the replay
    CHECK(model.canRequestOlder(w));
    int pages = 0;
    while (model.canRequestOlder(w) && pages < 50) {
        reader.requestOlder(w);
        CHECK(model.olderInFlight(o)); // one private request, whichever tab asked
        REQUIRE(drainUntil(reader, [&] { return !model.olderInFlight(w); }));
        ++pages;
    }
    CAPTURE(pages);
    CHECK(pages >= 2);
    std::vector<std::string> expectW, expectO;
    for (int i = 1; i <= kEach; ++i) expectW.push_back(text("w", i)), expectO.push_back(text("o", i));
    CHECK(texts(w) == expectW); // all of them, once each, in order
    CHECK(texts(o) == expectO);
    const std::string start = app::strings(app::Lang::En).historyStart;
    CHECK(model.text(model.conversation(w)[0]) == start);
    CHECK(model.conversation(w).unread == replayed); // paged-in history is not news
}

TEST_CASE(
    "chat client: an unknown key waits for the user, trusted it is pinned, a changed key sends nothing") {
    support::ServerProcess server;
    support::JoinedClient witness(server.port(), "witness");
    support::ScratchDir dir("chat-client-keys");
    const app::ChatSecurity security{dir.path() / "known_servers", dir.path() / "device_tokens", false};

    ChatClient first(
        app::Lang::En, [] {}, nullptr, security);
    CHECK(first.connect(endpoint(server), "alice", app::now()) == ChatClient::Connect::Started);
    REQUIRE(drainUntil(first, [&] { return first.model().link().state == app::LinkState::KeyUnknown; }));
    CHECK(first.model().link().serverKey == server.fingerprint());
    CHECK_FALSE(witness.waitFor<net::Joined>(500ms)); // no Hello went out before the user decided
    first.trustServerKey();
    REQUIRE(drainUntil(first, [&] { return online(first); }));
    CHECK(first.model().link().encrypted);
    CHECK(app::KnownServers(security.knownServers).find(endpoint(server)) == server.fingerprint());
    REQUIRE(witness.waitFor<net::Joined>(5s));

    // Another key pinned for the same address: the server is not who it was. Blocked, and nothing sent.
    const std::string other(64, 'e');
    REQUIRE(app::KnownServers(security.knownServers).trust(endpoint(server), other));
    ChatClient second(
        app::Lang::En, [] {}, nullptr, security);
    second.connect(endpoint(server), "bob", app::now());
    REQUIRE(drainUntil(second, [&] { return second.model().link().state == app::LinkState::KeyChanged; }));
    CHECK(second.model().link().pinnedKey == other);
    CHECK(second.model().link().serverKey == server.fingerprint());
    std::this_thread::sleep_for(500ms);
    second.drain(app::now());
    CHECK(second.model().link().state == app::LinkState::KeyChanged); // it does not retry on its own
    CHECK_FALSE(witness.waitFor<net::Joined>(300ms));
}

TEST_CASE(
    "chat client: registered with remember me, back signed in by token, and a password change revokes it") {
    support::ServerProcess server;
    Trusting trust{&server};
    const app::DeviceTokens tokens(trust.security().deviceTokens);
    std::string token;
    {
        ChatClient alice(
            app::Lang::En, [] {}, nullptr, trust.security());
        alice.connect(endpoint(server), "alice", app::now());
        REQUIRE(drainUntil(alice, [&] { return online(alice); }));
        CHECK_FALSE(alice.model().link().signedIn);
        alice.registerName("correct horse battery", true);
        REQUIRE(drainUntil(
            alice, [&] { return alice.model().link().signedIn && tokens.find(endpoint(server), "alice"); }));
        token = tokens.find(endpoint(server), "alice").value_or("");
        CHECK(token.size() >= 32);
        CHECK(token.find("correct horse") == std::string::npos);
    }
    {
        ChatClient again(
            app::Lang::En, [] {}, nullptr, trust.security());
        again.connect(endpoint(server), "alice", app::now());
        REQUIRE(drainUntil(again, [&] { return online(again); }));
        CHECK(again.model().link().signedIn); // by the token: no password asked
        again.changePassword("correct horse battery", "a brand new passphrase", false);
        const std::string changed = app::strings(app::Lang::En).passwordChanged;
        REQUIRE(drainUntil(again, [&] { return roomNotes(again, changed); }));
        CHECK_FALSE(tokens.find(endpoint(server), "alice")); // not asked to remember this time
    }
    // The old token no longer opens the name, even if a copy of it was kept somewhere.
    support::TestClient thief;
    thief.connect(server.port());
    thief.send(support::tokenHello("alice", token));
    const auto refused = thief.waitFor<net::Error>(10s);
    REQUIRE(refused);
    CHECK(refused->code == net::ErrorCode::BadCredentials);

    ChatClient later(
        app::Lang::En, [] {}, nullptr, trust.security());
    later.connect(endpoint(server), "alice", app::now());
    REQUIRE(drainUntil(later, [&] { return later.model().link().refusal == net::ErrorCode::AuthRequired; }));
    CHECK(later.model().link().state == app::LinkState::Offline);
    later.signIn("a brand new passphrase", false);
    REQUIRE(drainUntil(later, [&] { return online(later) && later.model().link().signedIn; }));
}

TEST_CASE("chat client: a list of servers: a bad entry is named, the first down fails over to the second, "
          "the top bar names it, and the key is trusted for every server") {
    support::ServerProcess server;
    support::ScratchDir dir("chat-client-list");
    const app::ChatSecurity security{dir.path() / "known_servers", dir.path() / "device_tokens", false};
    const std::string down = support::numbered("127.0.0.1:", closedPort());
    const std::string list = down + ", " + endpoint(server);
    ChatClient alice(
        app::Lang::En, [] {}, nullptr, security);
    CHECK(alice.connect(down + ", b:x", "alice", app::now()) == ChatClient::Connect::Refused);
    const app::Conversation& room = alice.model().room();
    REQUIRE(room.size() > 0);
    CHECK(alice.model().text(room[room.size() - 1]) ==
          "not a server address: b:x (use host:port, or several: host:port,host:port)");
    CHECK_FALSE(alice.hasConnection());

    CHECK(alice.connect(list, "alice", app::now()) == ChatClient::Connect::Started);
    REQUIRE(drainUntil(alice, [&] { return alice.model().link().state == app::LinkState::KeyUnknown; }));
    CHECK(alice.model().link().endpoint == endpoint(server)); // the server that showed the key
    alice.trustServerKey();
    REQUIRE(drainUntil(alice, [&] { return online(alice); }));
    CHECK(app::ConnectBar::stateText(alice.model(), 0) == "online: alice @ " + endpoint(server));
    const app::KnownServers known(security.knownServers);
    CHECK(known.find(down) == server.fingerprint()); // asked once for the whole list
    CHECK(known.find(endpoint(server)) == server.fingerprint());
    CHECK(alice.uses(down + "," + endpoint(server)));
    CHECK_FALSE(alice.uses(endpoint(server)));
    // The same list again, spaced otherwise: the same room, nothing forgotten.
    CHECK(alice.connect(" " + down + " ," + endpoint(server), "alice", app::now()) ==
          ChatClient::Connect::Started);
}

TEST_CASE("chat client: a refused connection and a taken name are explained in the window's language") {
    support::ServerProcess server;
    Trusting trust{&server};

    // Nothing listens: the Chinese window says so and what to check, not the system's English.
    const std::string nowhere = support::numbered("127.0.0.1:", closedPort());
    ChatClient lost(
        app::Lang::Zh, [] {}, nullptr, trust.security());
    CHECK(lost.connect(nowhere, "陈磊", app::now()) == ChatClient::Connect::Started);
    REQUIRE(drainUntil(lost, [&] { return lost.model().link().state == app::LinkState::Reconnecting; }));
    CHECK(lost.model().link().reason ==
          nowhere + " 上没有 imchat 服务器在运行：请检查端口，或请管理员启动服务器");

    // The name is someone else's: the window names it and says where to pick another.
    support::JoinedClient bob(server.port(), "bob");
    ChatClient zh(
        app::Lang::Zh, [] {}, nullptr, trust.security());
    CHECK(zh.connect(endpoint(server), "bob", app::now()) == ChatClient::Connect::Started);
    REQUIRE(drainUntil(zh, [&] { return zh.model().link().refusal == net::ErrorCode::NameTaken; }));
    CHECK(zh.model().link().state == app::LinkState::Offline);
    const std::string taken = "用户名 bob 已被占用：请在下方“用户名”框里换一个名字";
    CHECK(zh.model().link().reason == taken);
    CHECK(app::ConnectBar::stateText(zh.model(), 0) == "离线：" + taken);
    bool prompted = false;
    const app::Conversation& room = zh.model().room();
    for (std::size_t i = 0; i < room.size(); ++i)
        prompted |= room[i].kind == app::EntryKind::Prompt && zh.model().text(room[i]) == taken;
    CHECK(prompted);

    ChatClient en(
        app::Lang::En, [] {}, nullptr, trust.security());
    CHECK(en.connect(endpoint(server), "BOB", app::now()) == ChatClient::Connect::Started);
    REQUIRE(drainUntil(en, [&] { return en.model().link().refusal == net::ErrorCode::NameTaken; }));
    CHECK(en.model().link().reason == "the name BOB is taken: type another in the name box below");
}
