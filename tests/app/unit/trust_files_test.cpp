// The files that hold trust on disk: known_servers (pinned keys) and device_tokens ("remember me"), through
// real files in a scratch directory: what a person edits by hand still reads, nobody else may read them.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <vector>

#include "app/io/device_tokens.hpp"
#include "app/io/known_servers.hpp"
#include "app/io/private_file.hpp"
#include "support/read_file.hpp"
#include "support/scratch_dir.hpp"

namespace {

const std::string kKeyA(64, 'a');
const std::string kKeyB = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

unsigned mode(const std::filesystem::path& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

} // namespace

TEST_CASE("known servers: trusted keys are found again, replaced per server, and the file is 0600") {
    support::ScratchDir dir("trust");
    const app::KnownServers known(dir.path() / "imchat" / "known_servers");
    CHECK_FALSE(known.find("10.0.0.5:12000")); // no file yet
    const mode_t old = ::umask(0);             // a careless umask must not make the file readable by others
    CHECK(known.trust("10.0.0.5:12000", kKeyA));
    ::umask(old);
    CHECK(mode(known.path()) == 0600);
    CHECK(known.trust("chat.lan:12000", kKeyB));
    CHECK(known.find("10.0.0.5:12000") == kKeyA);
    CHECK(known.find("chat.lan:12000") == kKeyB);
    CHECK_FALSE(known.find("10.0.0.5:12001")); // the port is part of the server's name

    CHECK(known.trust("10.0.0.5:12000", kKeyB)); // the user accepted a new key: the old pin goes
    CHECK(known.find("10.0.0.5:12000") == kKeyB);
    const std::string text = support::readFile(known.path());
    CHECK(text.find("SHA256 0123 4567") != std::string::npos); // written for people to compare
    CHECK(text.find(kKeyA.substr(0, 4) + " ") == std::string::npos);
}

TEST_CASE(
    "known servers: a list of a room's servers is trusted one line per server and found by any of them") {
    support::ScratchDir dir("trust");
    const app::KnownServers known(dir.path() / "known_servers");
    CHECK(known.trust("10.0.0.2:12000", kKeyA)); // pinned before, alone, with an older key
    const std::vector<net::Endpoint> room{{"10.0.0.1", 12000}, {"10.0.0.2", 12000}, {"::1", 12000}};
    CHECK_FALSE(known.find(std::vector<net::Endpoint>{{"10.0.0.1", 12000}}));
    CHECK(known.find(room) == kKeyA); // the first server of the list that has a key
    CHECK(known.trust(room, kKeyB));
    for (const char* server : {"10.0.0.1:12000", "10.0.0.2:12000", "::1:12000"}) {
        INFO(server);
        CHECK(known.find(server) == kKeyB);
    }
    CHECK(known.find(room) == kKeyB);
    const std::string text = support::readFile(known.path());
    CHECK(text.find(kKeyA.substr(0, 4) + " ") == std::string::npos); // the older key went
    CHECK(std::count(text.begin(), text.end(), '\n') == 2 + 3);      // the header, then one line per server
}

TEST_CASE("known servers: a hand-edited file reads (comments, uppercase, colons) and bad lines pin nothing") {
    support::ScratchDir dir("trust");
    const auto path = dir.path() / "known_servers";
    std::ofstream(path) << "# mine\n\n"
                        << "  office:12000 SHA256 "
                        << "AA:AA:" << std::string(60, 'A') << "\n"
                        << "broken:12000 SHA256 1234\n"
                        << "lonely:12000\n";
    const app::KnownServers known(path);
    CHECK(known.find("office:12000") == kKeyA);
    CHECK_FALSE(known.find("broken:12000"));
    CHECK_FALSE(known.find("lonely:12000"));
    CHECK(known.trust("new:1", kKeyB));
    CHECK(support::readFile(path).find("# mine") == 0); // the user's comment survives a rewrite
    CHECK(known.find("office:12000") == kKeyA);
}

TEST_CASE("device tokens: kept per server and name (as the server compares names), forgotten, 0600") {
    support::ScratchDir dir("tokens");
    const app::DeviceTokens tokens(dir.path() / "device_tokens");
    CHECK_FALSE(tokens.find("h:1", "alice"));
    CHECK(tokens.keep("h:1", "alice", "token-one"));
    CHECK(tokens.keep("h:2", "alice", "token-two"));
    CHECK(mode(dir.path() / "device_tokens") == 0600);
    CHECK(tokens.find("h:1", "alice") == "token-one");
    CHECK(tokens.find("h:1", "ALICE") == "token-one"); // the server's name key: case does not matter
    CHECK(tokens.find("h:2", "alice") == "token-two");
    CHECK_FALSE(tokens.find("h:1", "bob"));
    CHECK(tokens.keep("h:1", "Alice", "token-three")); // replaces, does not add
    CHECK(tokens.find("h:1", "alice") == "token-three");
    CHECK(tokens.forget("h:1", "alice"));
    CHECK_FALSE(tokens.find("h:1", "alice"));
    CHECK(tokens.find("h:2", "alice") == "token-two");
}

TEST_CASE("a private file is written whole: a failed write leaves the old file and no temporary") {
    support::ScratchDir dir("private");
    const auto path = dir.path() / "f";
    REQUIRE(app::writePrivateFile(path, "old\n"));
    const auto blocker = dir.path() / "f.tmp";
    std::filesystem::create_directory(blocker); // the temporary cannot be opened as a file
    CHECK_FALSE(app::writePrivateFile(path, "new\n"));
    CHECK(support::readFile(path) == "old\n");
    std::filesystem::remove(blocker);
    CHECK(app::writePrivateFile(path, "new\n"));
    CHECK(app::readLines(path) == std::vector<std::string>{"new"});
    CHECK_FALSE(std::filesystem::exists(blocker));
}
