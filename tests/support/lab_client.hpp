#pragma once
// The lab's own client (tests/support/lab_client.py) as a child process of a test: commands go to a file it
// follows, what its window would show comes back on its stdout, one line a read.
//
// Usage:
//   LabClient lab(labPort(server), "lab1");
//   CHECK(lab.history() == "");                     // NO_MESSAGE: the window shows nothing before its reader
//   lab.say("小明", "你好");                        // the lab's sentence, forged stamp and address
//   REQUIRE(lab.waitRead("你好"));                  // a read (decoded alone) that holds it
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>

#include "support/child_process.hpp"
#include "support/scratch_dir.hpp"
#include "support/server_process.hpp"

namespace support {

using namespace std::chrono_literals;

/// Forged by the test's lab client: the server must show its own instead.
inline const std::string kForgedIp = "10.9.8.7";
inline const std::string kForgedTime = "[2001-02-03 04:05:06]";

/// The port of the lab listener, from the server's "lab clients on HOST:PORT" line.
inline std::uint16_t labPort(const support::ServerProcess& server) {
    const std::string out = server.stdoutSoFar();
    const auto at = out.find("lab clients on ");
    if (at == std::string::npos) throw std::runtime_error("no lab listener line: " + out);
    const auto colon = out.find(':', at);
    return static_cast<std::uint16_t>(std::stoul(out.substr(colon + 1)));
}

/// A JSON string's value (what json.dumps writes with ensure_ascii off).
std::string jsonText(const std::string& json);

class LabClient {
public:
    LabClient(std::uint16_t port, const std::string& tag);
    ~LabClient();

    /// What the window shows after its first read: the history and the separator, or "" for NO_MESSAGE.
    std::string history(std::chrono::milliseconds timeout = 20s);
    /// The lab's send(): [time] ip - name\n text (the time and address forged unless given).
    void say(const std::string& name, const std::string& text, const std::string& ip = kForgedIp,
             const std::string& time = kForgedTime);
    /// Bytes sent as they are.
    void raw(const std::string& bytes);
    /// Closes its socket and ends.
    void quit();
    /// The first read (at or after the one from) that holds text, decoded; its index in next.
    std::optional<std::string> waitRead(const std::string& text, std::chrono::milliseconds timeout = 20s,
                                        std::size_t from = 0, std::size_t* next = nullptr);
    /// Everything it read so far, each read decoded and followed by '\n', as its window shows it.
    std::string reads() const;
    /// Whether its reader thread died on a read that ended inside a character.
    bool crashed() const { return m_child->out().find("\nCRASH ") != std::string::npos; }
    /// Whether the server closed the connection (within timeout).
    bool sawEof(std::chrono::milliseconds timeout = 20s) const;

private:
    void command(const std::string& json);

    support::ScratchDir m_dir;
    std::filesystem::path m_commands;
    std::unique_ptr<support::ChildProcess> m_child;
};

} // namespace support
