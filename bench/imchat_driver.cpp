// imchat's protocol for the load generator, built on the real codec for everything but the hot receive
// path, which only walks frame headers and slices the text out of Chat frames.
#include "net/codec.hpp"
#include "wire_driver.hpp"

namespace bench {
namespace {

class ImchatDriver final : public WireDriver {
public:
    std::string login(std::string_view nick) const override {
        return net::encode(net::Hello{net::kProtocolVersion, std::string(nick), 0, 0, {}});
    }
    void appendMessage(std::string& out, std::string_view text) const override {
        net::encode(net::Say{++m_clientId, std::string(text)}, out);
    }
    void appendKeepAlive(std::string& out) const override { net::encode(net::Ping{1}, out); }

    std::size_t parse(std::string_view data, WireEvents& events) const override {
        std::size_t pos = 0;
        while (data.size() - pos >= 5) {
            const auto* p = reinterpret_cast<const unsigned char*>(data.data() + pos);
            const std::uint32_t len = (std::uint32_t{p[0]} << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
            if (len == 0 || len > net::kMaxFrameBytes) {
                events.onProtocolError("bad frame length");
                return data.size();
            }
            if (data.size() - pos < 4 + len) break;
            const std::string_view payload = data.substr(pos + 4, len);
            pos += 4 + len;
            dispatch(payload, events);
        }
        return pos;
    }

private:
    static bool sliceString(std::string_view p, std::size_t& at, std::string_view& out) {
        if (p.size() < at + 2) return false;
        const std::size_t n =
            (static_cast<unsigned char>(p[at]) << 8) | static_cast<unsigned char>(p[at + 1]);
        if (p.size() < at + 2 + n) return false;
        out = p.substr(at + 2, n);
        at += 2 + n;
        return true;
    }
    static bool skipString(std::string_view p, std::size_t& at) {
        std::string_view ignored;
        return sliceString(p, at, ignored);
    }

    static void dispatch(std::string_view payload, WireEvents& events) {
        switch (static_cast<net::MsgType>(payload[0])) {
        case net::MsgType::Chat: {
            // seq u64, time u64, name str, ip str, clientId u64, text str: slice without copying.
            std::size_t at = 1 + 8 + 8;
            if (!skipString(payload, at)) break;
            if (!skipString(payload, at)) break;
            at += 8;
            std::string_view text;
            if (sliceString(payload, at, text)) events.onText(text);
            break;
        }
        case net::MsgType::Live: events.onReady(); break;
        case net::MsgType::Ping: {
            net::Message m;
            if (net::decodePayload(payload, m) == net::ErrorCode::None)
                events.onReply(net::encode(net::Pong{std::get<net::Ping>(m).nonce}));
            break;
        }
        case net::MsgType::Error: {
            net::Message m;
            if (net::decodePayload(payload, m) == net::ErrorCode::None)
                events.onProtocolError(std::get<net::Error>(m).text);
            else events.onProtocolError("undecodable error frame");
            break;
        }
        default: break;
        }
    }

    mutable std::uint64_t m_clientId = 0;
};

} // namespace

std::unique_ptr<WireDriver> makeImchatDriver() { return std::make_unique<ImchatDriver>(); }

} // namespace bench
