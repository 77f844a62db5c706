#include "support/lab_client.hpp"

#include <cstdio>

#include "net/utf8.hpp"

namespace support {

namespace {

std::string jsonString(const std::string& text) {
    std::string out = "\"";
    for (const unsigned char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

std::string hex(const std::string& bytes) {
    static const char* kDigits = "0123456789abcdef";
    std::string out;
    for (const unsigned char c : bytes) {
        out += kDigits[c >> 4];
        out += kDigits[c & 15];
    }
    return out;
}

} // namespace

std::string jsonText(const std::string& json) {
    std::string out;
    for (std::size_t i = 1; i + 1 < json.size(); ++i) {
        if (json[i] != '\\') {
            out += json[i];
            continue;
        }
        const char e = json[++i];
        switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u':
            net::utf8::append(out, static_cast<char32_t>(std::stoul(json.substr(i + 1, 4), nullptr, 16)));
            i += 4;
            break;
        default: out += e;
        }
    }
    return out;
}

LabClient::LabClient(std::uint16_t port, const std::string& tag) : m_dir("lab-" + tag) {
    m_commands = m_dir.path() / "commands";
    std::ofstream(m_commands).close();
    m_child = std::make_unique<support::ChildProcess>(support::Command{
        "python3", {IMCHAT_LAB_CLIENT, "127.0.0.1", std::to_string(port), m_commands.string()}});
}

LabClient::~LabClient() {
    if (m_child) m_child->stop(1s);
}

void LabClient::command(const std::string& json) {
    std::ofstream f(m_commands, std::ios::app | std::ios::binary);
    f << json << '\n';
}

std::string LabClient::history(std::chrono::milliseconds timeout) {
    const auto& out = m_child->capturedOut();
    const auto i = out.waitLine([](const std::string& l) { return l.rfind("HISTORY ", 0) == 0; }, timeout);
    if (!i) throw std::runtime_error("the lab client read no history: " + m_child->out() + m_child->err());
    return jsonText(out.line(*i).substr(8));
}

void LabClient::say(const std::string& name, const std::string& text, const std::string& ip,
                    const std::string& time) {
    command("{\"name\": " + jsonString(name) + ", \"text\": " + jsonString(text) +
            ", \"ip\": " + jsonString(ip) + ", \"time\": " + jsonString(time) + "}");
}

void LabClient::raw(const std::string& bytes) { command("{\"raw\": \"" + hex(bytes) + "\"}"); }

void LabClient::quit() {
    command("{\"quit\": true}");
    m_child->waitExit(10s);
}

std::optional<std::string> LabClient::waitRead(const std::string& text, std::chrono::milliseconds timeout,
                                               std::size_t from, std::size_t* next) {
    const auto& out = m_child->capturedOut();
    const auto i = out.waitLine(
        [&](const std::string& l) {
            return l.rfind("READ ", 0) == 0 && jsonText(l.substr(5)).find(text) != std::string::npos;
        },
        timeout, from);
    if (!i) return std::nullopt;
    if (next) *next = *i + 1;
    return jsonText(out.line(*i).substr(5));
}

std::string LabClient::reads() const {
    const auto& out = m_child->capturedOut();
    std::string all;
    for (std::size_t i = 0; i < out.lineCount(); ++i)
        if (out.line(i).rfind("READ ", 0) == 0) all += jsonText(out.line(i).substr(5));
    return all;
}

bool LabClient::sawEof(std::chrono::milliseconds timeout) const {
    return m_child->capturedOut()
        .waitLine([](const std::string& l) { return l == "EOF"; }, timeout)
        .has_value();
}

} // namespace support
