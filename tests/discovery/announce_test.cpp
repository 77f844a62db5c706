// The server announces its room over mDNS/DNS-SD (_imchat._tcp) through a real Avahi daemon, on the private
// LAN in_private_lan.sh gives this suite: its Chinese name, protocol version, TLS and key fingerprint in the
// TXT record, its head-count kept up to date, withdrawn at once when it stops; not announced when told not to
// or when it listens on loopback only; and a server with no daemon to talk to says so once and serves as
// before. What is announced is read back with avahi-browse, as any other program on the LAN would.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/child_process.hpp"
#include "support/joined_client.hpp"
#include "support/scratch_dir.hpp"
#include "support/server_process.hpp"

using namespace std::chrono_literals;

namespace {

/// A room as avahi-browse resolved it.
struct SeenRoom {
    std::string name, address;
    std::uint16_t port = 0;
    std::vector<std::string> txt; // "key=value", unescaped
};

/// avahi-browse's parsable output escapes bytes outside printable ASCII (and its separators) as \DDD.
std::string unescape(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 3 <= text.size() &&
            std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
            out += static_cast<char>(std::stoi(text.substr(i + 1, 3)));
            i += 3;
        } else if (text[i] == '\\' && i + 1 < text.size()) {
            out += text[++i];
        } else {
            out += text[i];
        }
    }
    return out;
}

std::vector<std::string> split(const std::string& line, char separator) {
    std::vector<std::string> fields;
    std::stringstream in(line);
    for (std::string field; std::getline(in, field, separator);) fields.push_back(field);
    return fields;
}

/// The TXT strings of avahi-browse's last field: "a=1" "b=2".
std::vector<std::string> txtOf(const std::string& field) {
    std::vector<std::string> strings;
    for (std::size_t open = field.find('"'); open != std::string::npos; open = field.find('"', open)) {
        const std::size_t close = field.find('"', open + 1);
        if (close == std::string::npos) break;
        strings.push_back(unescape(field.substr(open + 1, close - open - 1)));
        open = close + 1;
    }
    return strings;
}

/// Every _imchat._tcp room the LAN's daemon knows and could resolve now.
std::vector<SeenRoom> browse() {
    const auto r =
        support::runToEnd({"avahi-browse", {"--resolve", "--terminate", "--parsable", "_imchat._tcp"}}, 10s);
    std::vector<SeenRoom> rooms;
    for (const auto& line : split(r.out, '\n')) {
        const auto f = split(line, ';');
        if (f.size() < 10 || f[0] != "=") continue;
        rooms.push_back({unescape(f[3]), f[7], static_cast<std::uint16_t>(std::stoi(f[8])), txtOf(f[9])});
    }
    return rooms;
}

/// The room announced on port, once browsing finds it within `within` (nullopt if it does not).
std::optional<SeenRoom> roomOn(std::uint16_t port, std::chrono::milliseconds within) {
    const auto end = std::chrono::steady_clock::now() + within;
    do {
        for (auto& room : browse())
            if (room.port == port) return room;
        std::this_thread::sleep_for(100ms);
    } while (std::chrono::steady_clock::now() < end);
    return std::nullopt;
}

/// Whether the room on port has left the LAN's daemon within `within`.
bool goneWithin(std::uint16_t port, std::chrono::milliseconds within) {
    const auto end = std::chrono::steady_clock::now() + within;
    do {
        const auto rooms = browse();
        if (std::none_of(rooms.begin(), rooms.end(), [&](const SeenRoom& r) { return r.port == port; }))
            return true;
        std::this_thread::sleep_for(100ms);
    } while (std::chrono::steady_clock::now() < end);
    return false;
}

bool has(const std::vector<std::string>& strings, const std::string& s) {
    return std::find(strings.begin(), strings.end(), s) != strings.end();
}

/// The fingerprint a server printed ("tls key SHA256 3f2a 91c0 ... (path)"), as 64 hex digits.
std::string fingerprintOf(const support::ServerProcess& server) {
    const std::string out = server.stdoutSoFar();
    const std::size_t at = out.find("tls key SHA256 ");
    REQUIRE(at != std::string::npos);
    std::string hex;
    for (std::size_t i = at + 15; i < out.size() && hex.size() < 64; ++i)
        if (std::isxdigit(static_cast<unsigned char>(out[i]))) hex += out[i];
        else if (out[i] != ' ') break;
    return hex;
}

support::ServerProcess lanServer(std::vector<std::string> args) {
    args.insert(args.begin(), {"--bind", "0.0.0.0"});
    return support::ServerProcess(support::ServerProcess::Options{.extraArgs = std::move(args)});
}

} // namespace

TEST_CASE("mdns: a server announces its room - Chinese name, version, TLS, fingerprint, head-count - and "
          "withdraws it at once when it stops") {
    auto server = lanServer({"--room-name", "三楼的聊天室 ☕"});
    const auto room = roomOn(server.port(), 2s);
    REQUIRE(room);
    CHECK(room->name == "三楼的聊天室 ☕");
    CHECK(room->address == "10.77.0.1");
    CHECK(has(room->txt, "room=三楼的聊天室 ☕"));
    CHECK(has(room->txt, "v=2"));
    CHECK(has(room->txt, "tls=1"));
    CHECK(has(room->txt, "plain=1")); // the tests' servers also serve plaintext (--allow-plaintext)
    CHECK(has(room->txt, "fp=" + fingerprintOf(server)));
    CHECK(has(room->txt, "online=0"));

    // Someone joins: the record says so within a few seconds (it changes at most every 2 s).
    support::JoinedClient alice(server.port(), "alice");
    bool counted = false;
    for (int attempt = 0; attempt < 40 && !counted; ++attempt) {
        const auto now = roomOn(server.port(), 1s);
        counted = now && has(now->txt, "online=1");
        if (!counted) std::this_thread::sleep_for(100ms);
    }
    CHECK(counted);

    REQUIRE(server.terminate() == 0);
    CHECK(goneWithin(server.port(), 5s));
}

TEST_CASE(
    "mdns: a room too long for one DNS label is announced by its first 63 bytes, cut between characters, "
    "and in full in its TXT record") {
    // 1 + 29 × 3 = 88 bytes: byte 63 falls inside the 21st Chinese character.
    const std::string name = "A这是一个名字非常非常长的聊天室，它的名字超过了六十三个字节";
    auto server = lanServer({"--room-name", name});
    const auto room = roomOn(server.port(), 2s);
    REQUIRE(room);
    CHECK(room->name == name.substr(0, 61)); // "A" and 20 whole characters
    CHECK(has(room->txt, "room=" + name));
}

TEST_CASE("mdns: --no-announce keeps a room off the network, and so does listening on loopback only") {
    auto quiet = lanServer({"--no-announce"});
    support::ServerProcess local(support::ServerProcess::Options{});
    auto announced = lanServer({"--room-name", "对照"});
    REQUIRE(roomOn(announced.port(), 2s)); // the LAN works, and by now the others would be there too
    CHECK_FALSE(roomOn(quiet.port(), 500ms));
    CHECK_FALSE(roomOn(local.port(), 500ms));
    CHECK(local.stdoutSoFar().find("mdns: listening on a loopback address") != std::string::npos);
}

TEST_CASE("mdns: a server with no Avahi daemon to talk to says so in one line and serves as before") {
    support::ScratchDir dir("mdns-no-daemon");
    support::ChildProcess server(
        {support::ServerProcess::binaryPath(),
         {"--bind", "0.0.0.0", "--port", "0", "--data", (dir.path() / "db").string(), "--allow-plaintext"},
         {"DBUS_SYSTEM_BUS_ADDRESS=unix:path=" + (dir.path() / "no-bus").string()}});
    std::uint16_t port = 0;
    for (int i = 0; i < 100 && port == 0; ++i) {
        const std::string out = server.out();
        if (const auto at = out.find("listening on 0.0.0.0:"); at != std::string::npos)
            port = static_cast<std::uint16_t>(std::stoi(out.substr(at + 21)));
        else std::this_thread::sleep_for(100ms);
    }
    REQUIRE(port != 0);
    support::JoinedClient alice(port, "alice");
    alice.send(net::Say{1, "没有 Avahi 也照常"});
    CHECK(alice.waitFor<net::Chat>(5s).value_or(net::Chat{}).text == "没有 Avahi 也照常");
    std::this_thread::sleep_for(500ms);
    const std::string out = server.out();
    std::size_t warnings = 0;
    for (std::size_t at = out.find("mdns:"); at != std::string::npos; at = out.find("mdns:", at + 1))
        ++warnings;
    CHECK(warnings == 1);
    CHECK(server.stop() == 0);
}
