// IRC (RFC 2812 subset) for the load generator: NICK/USER/JOIN, PRIVMSG to one channel, PING/PONG.
#include "wire_driver.hpp"

namespace bench {
namespace {

class IrcDriver final : public WireDriver {
public:
    explicit IrcDriver(std::string channel) : m_channel(std::move(channel)) {}

    std::string login(std::string_view nick) const override {
        std::string n(nick);
        return "NICK " + n + "\r\nUSER " + n + " 0 * :imchat bench\r\n";
    }
    void appendMessage(std::string& out, std::string_view text) const override {
        out += "PRIVMSG ";
        out += m_channel;
        out += " :";
        out += text;
        out += "\r\n";
    }
    void appendKeepAlive(std::string& out) const override { out += "PING :bench\r\n"; }

    std::size_t parse(std::string_view data, WireEvents& events) const override {
        std::size_t pos = 0;
        for (;;) {
            const std::size_t eol = data.find('\n', pos);
            if (eol == std::string_view::npos) break;
            std::string_view line = data.substr(pos, eol - pos);
            pos = eol + 1;
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            handleLine(line, events);
        }
        return pos;
    }

private:
    void handleLine(std::string_view line, WireEvents& events) const {
        if (line.rfind("PING ", 0) == 0) {
            events.onReply("PONG " + std::string(line.substr(5)) + "\r\n");
            return;
        }
        if (line.rfind("ERROR", 0) == 0) {
            events.onProtocolError(line);
            return;
        }
        // ":prefix COMMAND params :trailing"
        if (line.empty() || line[0] != ':') return;
        const std::size_t sp = line.find(' ');
        if (sp == std::string_view::npos) return;
        const std::string_view rest = line.substr(sp + 1);
        if (rest.rfind("PRIVMSG ", 0) == 0) {
            const std::size_t colon = rest.find(" :");
            if (colon != std::string_view::npos) events.onText(rest.substr(colon + 2));
        } else if (rest.rfind("001 ", 0) ==
                   0) { // registered: only now may we JOIN (InspIRCd refuses earlier)
            events.onReply("JOIN " + m_channel + "\r\n");
        } else if (rest.rfind("366 ", 0) == 0) { // end of NAMES: the JOIN is complete
            events.onReady();
        } else if (rest.rfind("433 ", 0) == 0 || rest.rfind("465 ", 0) == 0) {
            events.onProtocolError(line);
        }
    }

    std::string m_channel;
};

} // namespace

std::unique_ptr<WireDriver> makeIrcDriver(std::string channel) {
    return std::make_unique<IrcDriver>(std::move(channel));
}

} // namespace bench
