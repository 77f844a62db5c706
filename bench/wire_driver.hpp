#pragma once
// The bits of a chat protocol the load generator needs: log in, send a line of text to the room, and pick
// the room's messages out of a byte stream. One implementation speaks imchat, one speaks IRC, so the same
// run can drive imchat-server and a peer server.
#include <memory>
#include <string>
#include <string_view>

namespace bench {

/// Callbacks from parsing one connection's stream.
struct WireEvents {
    virtual ~WireEvents() = default;
    /// The connection has joined the room and will receive its messages.
    virtual void onReady() = 0;
    /// A room message with this text arrived.
    virtual void onText(std::string_view text) = 0;
    /// The server asked for a keep-alive answer; append it to out.
    virtual void onReply(std::string_view bytes) = 0;
    /// The server refused us or spoke nonsense.
    virtual void onProtocolError(std::string_view what) = 0;
};

class WireDriver {
public:
    virtual ~WireDriver() = default;
    /// Bytes to send right after the TCP connect.
    virtual std::string login(std::string_view nick) const = 0;
    /// Appends one room message carrying text.
    virtual void appendMessage(std::string& out, std::string_view text) const = 0;
    /// Appends a keep-alive (sent now and then by otherwise silent clients).
    virtual void appendKeepAlive(std::string& out) const = 0;
    /// Parses as much of data as forms whole messages; returns the bytes consumed.
    virtual std::size_t parse(std::string_view data, WireEvents& events) const = 0;
};

std::unique_ptr<WireDriver> makeImchatDriver();
std::unique_ptr<WireDriver> makeIrcDriver(std::string channel);

} // namespace bench
