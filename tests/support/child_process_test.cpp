// support::ChildProcess, the launcher under every test and benchmark that runs a program: output to memory
// and to files, extra environment, bounded waits, stopping, and a program that cannot start.
#include <doctest/doctest.h>

#include <csignal>
#include <filesystem>
#include <unistd.h>

#include "support/child_process.hpp"
#include "support/read_file.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using support::ChildProcess;

TEST_CASE("stdout and stderr kept in memory apart, the exit code, and a variable of the extra environment") {
    const auto r =
        support::runToEnd({"sh", {"-c", "echo out $IMCHAT_T; echo err >&2; exit 3"}, {"IMCHAT_T=set"}}, 5s);
    CHECK(r.exitCode == 3);
    CHECK(r.out == "out set\n");
    CHECK(r.err == "err\n");
}

TEST_CASE(
    "a line waited for by its content, stderr interleaved with stdout, the last line without a newline") {
    ChildProcess child({.program = "sh",
                        .args = {"-c", "echo one; echo two >&2; sleep 0.2; printf three"},
                        .errToOut = true});
    const auto two = child.capturedOut().waitLine([](const std::string& l) { return l == "two"; }, 5s);
    REQUIRE(two.has_value());
    CHECK(*two == 1);
    CHECK(child.waitExit(5s) == 0);
    CHECK(child.capturedOut().lineCount() == 3);
    CHECK(child.capturedOut().line(2) == "three");
    CHECK(child.out() == "one\ntwo\nthree");
    CHECK_FALSE(child.capturedOut().waitLine([](const std::string& l) { return l == "four"; }, 5s));
}

TEST_CASE("output written to files, read back while it runs") {
    const fs::path dir = fs::temp_directory_path() / ("imchat-child-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    {
        ChildProcess child(
            {"sh", {"-c", "echo to-file; echo to-err >&2; exec sleep 30"}, {}, dir / "o", dir / "e"});
        for (int i = 0; i < 100 && child.out().empty(); ++i) std::this_thread::sleep_for(20ms);
        CHECK(child.out() == "to-file\n");
        CHECK(child.err() == "to-err\n");
        CHECK(child.running());
        CHECK_THROWS_AS(child.capturedOut(), std::logic_error);
    }
    CHECK(support::readFile(dir / "o") == "to-file\n");
    fs::remove_all(dir);
}

TEST_CASE("every wait is bounded: a program that runs on is stopped, and never signalled once reaped") {
    const auto start = std::chrono::steady_clock::now();
    const auto r = support::runToEnd({"sleep", {"30"}}, 200ms);
    CHECK(r.exitCode == -1);
    CHECK(std::chrono::steady_clock::now() - start < 5s);

    ChildProcess child({"sleep", {"30"}});
    CHECK_FALSE(child.waitExit(50ms).has_value());
    CHECK(child.stop() == 128 + SIGTERM);
    CHECK(child.exitCode() == 128 + SIGTERM);
    CHECK_FALSE(child.signal(SIGTERM)); // its pid may be another process's by now
    CHECK(child.stop() == 128 + SIGTERM);
}

TEST_CASE("a program that ignores SIGTERM is killed after the grace time") {
    ChildProcess child(
        {.program = "sh", .args = {"-c", "trap '' TERM; echo ready; while :; do sleep 1; done"}});
    REQUIRE(child.capturedOut().waitLine([](const std::string& l) { return l == "ready"; }, 5s));
    CHECK(child.stop(100ms) == 128 + SIGKILL);
}

TEST_CASE("a program that cannot be started throws, naming it") {
    CHECK_THROWS_WITH_AS(ChildProcess({"imchat-no-such-program"}),
                         "cannot start imchat-no-such-program: not found in PATH", std::runtime_error);
    CHECK_THROWS_WITH_AS(ChildProcess({"/dev/null"}), "cannot start /dev/null: Permission denied",
                         std::runtime_error);
}
