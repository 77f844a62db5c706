// The process as an operator sees it: flags, exit codes, caps, terminal output, signals.
#include <doctest/doctest.h>

#include <csignal>
#include <filesystem>

#include "support/joined_client.hpp"
#include "support/server_process.hpp"

using support::JoinedClient;
using support::ServerProcess;
using support::TestClient;
using namespace std::chrono_literals;

TEST_CASE("--version, --help and bad flags") {
    auto r = ServerProcess::run({"--version"});
    CHECK(r.exitCode == 0);
    CHECK(r.out.find(IMCHAT_VERSION) != std::string::npos);
    r = ServerProcess::run({"--help"});
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("--max-clients") != std::string::npos);
    r = ServerProcess::run({"--no-such-flag"});
    CHECK(r.exitCode == 1);
    r = ServerProcess::run({"--port", "not-a-number"});
    CHECK(r.exitCode == 1);
}

TEST_CASE("--room-name must be one line of UTF-8 text that fits the announcement") {
    for (const std::string& bad :
         {std::string("三楼\n的聊天室"), std::string("tab\there"), std::string("bell\a"),
          std::string("bad \xff utf-8"), std::string("   "), std::string(201, 'x')}) {
        INFO(bad);
        const auto r = ServerProcess::run({"--room-name", bad, "--port", "0"});
        CHECK(r.exitCode == 1);
        CHECK(r.err.find("--room-name: at most 200 bytes") != std::string::npos);
    }
    // A good name (Chinese, emoji, 200 bytes) starts the server.
    std::string longest;
    while (longest.size() + 3 <= 200) longest += "聊";
    ServerProcess good({"--room-name", longest + "x"});
    ServerProcess chinese({"--room-name", "三楼的聊天室 ☕"});
    CHECK(good.port() != 0);
    CHECK(chinese.port() != 0);
}

TEST_CASE("port in use: one clear line on stderr and exit code 2") {
    ServerProcess first;
    const auto port = std::to_string(first.port());
    const auto dir = std::filesystem::path(first.dataPath()).parent_path();
    const auto r =
        ServerProcess::run({"--bind", "127.0.0.1", "--port", port, "--data", (dir / "other.db").string()});
    CHECK(r.exitCode == 2);
    CHECK(r.err == "imchat-server: cannot listen on 127.0.0.1:" + port + ": address already in use\n");
    CHECK(r.out.empty());
}

TEST_CASE("a database that cannot be opened: exit code 3") {
    const auto r =
        ServerProcess::run({"--bind", "127.0.0.1", "--port", "0", "--data", "/proc/imchat/no/server.db"});
    CHECK(r.exitCode == 3);
    CHECK(r.err.find("cannot open database") != std::string::npos);
}

TEST_CASE("SIGTERM: clients are told ShuttingDown, exit 0 within a second") {
    ServerProcess server;
    TestClient a, b;
    a.connect(server.port());
    a.join("a");
    b.connect(server.port()); // not joined yet: told as well
    const auto start = std::chrono::steady_clock::now();
    CHECK(server.terminate() == 0);
    CHECK(std::chrono::steady_clock::now() - start < 1s);
    for (TestClient* c : {&a, &b}) {
        const auto e = c->waitFor<net::Error>(1s);
        REQUIRE(e);
        CHECK(e->code == net::ErrorCode::ShuttingDown);
        CHECK(e->fatal);
        CHECK(c->isClosedByPeer(1s));
    }
}

TEST_CASE("SIGINT also stops cleanly") {
    ServerProcess server;
    ::kill(server.pid(), SIGINT);
    for (int i = 0; i < 100 && !server.exited(); ++i) std::this_thread::sleep_for(10ms);
    REQUIRE(server.exited());
    CHECK(server.exitCode() == 0);
}

TEST_CASE("--max-clients and --max-per-ip refuse with a reason") {
    SUBCASE("server full") {
        ServerProcess server(std::vector<std::string>{"--max-clients", "2"});
        JoinedClient a(server.port(), "a");
        JoinedClient b(server.port(), "b");
        TestClient c;
        c.connect(server.port());
        const auto e = c.expect<net::Error>();
        CHECK(e.code == net::ErrorCode::ServerFull);
        CHECK(e.fatal);
        CHECK(c.isClosedByPeer(2s));
        // A place frees up once a's connection is really gone: the next one gets in.
        a.send(net::Bye{});
        CHECK(a.isClosedByPeer(2s));
        a.close();
        b.waitFor<net::Left>();
        std::optional<support::JoinResult> joined;
        for (int attempt = 0; attempt < 100 && !joined; ++attempt) {
            TestClient d;
            d.connect(server.port());
            const auto h = support::makeHello("d");
            d.send(h);
            if (auto m = d.receive(2s); m && std::holds_alternative<net::Welcome>(*m)) {
                joined = support::JoinResult{};
                break;
            }
            std::this_thread::sleep_for(20ms);
        }
        CHECK(joined.has_value());
    }
    SUBCASE("too many from one address") {
        ServerProcess server(std::vector<std::string>{"--max-per-ip", "1"});
        JoinedClient a(server.port(), "a");
        TestClient b;
        b.connect(server.port());
        const auto e = b.expect<net::Error>();
        CHECK(e.code == net::ErrorCode::TooManyFromIp);
        CHECK(b.isClosedByPeer(2s));
    }
}

TEST_CASE(
    "terminal output: listening line first, online count on every change, connects with IP and reason") {
    ServerProcess server;
    {
        JoinedClient a(server.port(), "alice");
        a.send(net::Bye{});
        CHECK(a.isClosedByPeer(2s));
    }
    std::string out;
    for (int i = 0; i < 100; ++i) {
        out = server.stdoutSoFar();
        if (out.find("disconnect") != std::string::npos) break;
        std::this_thread::sleep_for(10ms);
    }
    INFO(out);
    CHECK(out.rfind("listening on 127.0.0.1:" + std::to_string(server.port()) + "\n", 0) == 0);
    CHECK(out.find("] online: 1\n") != std::string::npos);
    CHECK(out.find("] online: 0\n", out.find("] online: 1\n")) != std::string::npos);
    CHECK(out.find("connect 127.0.0.1") != std::string::npos);
    CHECK(out.find("leave \"alice\" (127.0.0.1): bye") != std::string::npos);
    CHECK(out.find("disconnect 127.0.0.1 (\"alice\"): bye") != std::string::npos);
}

TEST_CASE("write stall: queued data that makes no progress gets the reader cut off") {
    ServerProcess server(
        std::vector<std::string>{"--write-stall-ms", "300", "--rate", "100000", "--burst", "100000"});
    JoinedClient sender(server.port(), "sender");
    JoinedClient sloth(server.port(), "sloth");
    sender.expect<net::Joined>();
    // Enough to fill the kernel buffers toward sloth, far below the 8 MiB queue cap.
    const std::string text(4000, 'q');
    std::optional<net::Left> left;
    for (int i = 0; i < 1500 && !left; ++i) {
        sender.send(net::Say{0, text});
        while (auto m = sender.receive(0ms))
            if (auto* l = std::get_if<net::Left>(&*m)) left = *l;
    }
    if (!left) left = sender.waitFor<net::Left>(5s);
    REQUIRE(left);
    CHECK(left->name == "sloth");
    CHECK(left->reason == net::LeaveReason::Kicked);
}
