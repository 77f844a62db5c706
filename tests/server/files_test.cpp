// The server's files (issue 16): the database, its journal and its folder are private to the server's user
// whatever the umask, an older database readable by others is made private, and a symbolic link as --data is
// refused unless the operator asks for it.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

#include "support/joined_client.hpp"
#include "support/scratch_dir.hpp"
#include "support/server_process.hpp"

using support::JoinedClient;
using support::ServerProcess;
namespace fs = std::filesystem;

namespace {

mode_t modeOf(const fs::path& p) {
    struct stat st {};
    REQUIRE_MESSAGE(::lstat(p.c_str(), &st) == 0, p.string() << " does not exist");
    return st.st_mode & 0777;
}

/// Sets the process's umask for a scope: the server inherits it.
class Umask {
public:
    explicit Umask(mode_t mask) : m_old(::umask(mask)) {}
    ~Umask() { ::umask(m_old); }

private:
    mode_t m_old;
};

} // namespace

TEST_CASE("under umask 000 and 022 the database, its WAL and its folder are the server's user's only") {
    for (const mode_t mask : {mode_t{000}, mode_t{022}}) {
        CAPTURE(mask);
        support::ScratchDir dir("files");
        const fs::path db = dir.path() / "fresh" / "server.db";
        Umask umask(mask);
        ServerProcess server(ServerProcess::Options{.dataPath = db.string()});
        JoinedClient alice(server.port(), "alice");
        alice.send(net::Say{1, "written to the WAL"});
        alice.expect<net::Chat>();
        CHECK(modeOf(db.parent_path()) == 0700);
        CHECK(modeOf(db) == 0600);
        CHECK(modeOf(db.string() + "-wal") == 0600);
    }
}

TEST_CASE("a database an older version left readable by others is made private when opened") {
    support::ScratchDir dir("files-old");
    const fs::path db = dir.path() / "server.db";
    {
        ServerProcess first(ServerProcess::Options{.dataPath = db.string()});
        JoinedClient alice(first.port(), "alice");
        alice.send(net::Say{1, "before"});
        alice.expect<net::Chat>();
    }
    REQUIRE(::chmod(db.c_str(), 0644) == 0);
    ServerProcess again(ServerProcess::Options{.dataPath = db.string()});
    CHECK(modeOf(db) == 0600);
    JoinedClient bob(again.port(), "bob");
    REQUIRE(bob.joined().history.size() == 1);
    CHECK(bob.joined().history[0].text == "before");
}

TEST_CASE("--data that is a symbolic link is refused, and followed only with --data-follow-symlink") {
    support::ScratchDir dir("files-link");
    const fs::path target = dir.path() / "elsewhere.db", link = dir.path() / "server.db";
    fs::create_symlink(target, link); // dangling: nothing is there yet
    const auto refused = ServerProcess::run({"--port", "0", "--allow-plaintext", "--data", link.string()});
    CHECK(refused.exitCode == 3);
    CHECK(refused.err.find("symbolic link") != std::string::npos);
    CHECK_FALSE(fs::exists(target)); // nothing was made where the link points

    ServerProcess followed(
        ServerProcess::Options{.dataPath = link.string(), .extraArgs = {"--data-follow-symlink"}});
    JoinedClient alice(followed.port(), "alice");
    CHECK(fs::exists(target));
    CHECK(modeOf(target) == 0600);
}
