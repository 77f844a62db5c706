#include "app/chat_client.hpp"

#include "app/model/outgoing.hpp"
#include "net/endpoint.hpp"
#include "net/validation.hpp"

namespace app {

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

ChatClient::ChatClient(Lang lang, std::function<void()> wake, BenchTrace* trace)
    : m_model(lang), m_wake(std::move(wake)), m_trace(trace) {}

ChatClient::~ChatClient() = default;

ChatClient::Connect ChatClient::connect(const std::string& serverText, const std::string& nameText, Now now) {
    const Strings& s = strings(m_model.lang());
    const std::string server = trimmed(serverText);
    const std::string name = trimmed(nameText);
    const auto endpoint = net::parseEndpoint(server, net::kDefaultPort);
    if (!endpoint) {
        m_model.addPrompt(ChatModel::kRoom, format(s.badServer, server.c_str()), now);
        return Connect::Refused;
    }
    if (name.empty()) {
        m_conn.reset();
        m_name.clear();
        m_model.setNoName();
        return Connect::NoName;
    }
    if (net::validateName(name) != net::ErrorCode::None) {
        m_model.addPrompt(ChatModel::kRoom, format(s.invalidName, name.c_str()), now);
        return Connect::Refused;
    }
    if (m_conn && server == m_server) {
        if (name != m_name) m_conn->setName(name);
        else m_conn->reconnectNow();
        m_name = name;
        return Connect::Started;
    }
    m_conn.reset();
    const bool otherRoom = !m_server.empty() && server != m_server;
    if (otherRoom) m_model.reset();
    net::ConnectionConfig config;
    config.host = endpoint->host;
    config.port = endpoint->port;
    config.name = name;
    m_conn = std::make_unique<net::Connection>(config, m_wake);
    m_server = server;
    m_name = name;
    return otherRoom ? Connect::RoomReset : Connect::Started;
}

ChatClient::Sent ChatClient::send(const std::string& server, const std::string& name,
                                  const std::string& input, std::size_t conv, Now now) {
    Sent sent;
    sent.conversation = conv;
    const std::string peer = conv == ChatModel::kRoom ? std::string() : m_model.conversation(conv).title;
    const Outgoing out = interpretInput(name, input, peer, m_model.maxTextBytes(), strings(m_model.lang()));
    if (out.kind == Outgoing::Kind::Prompt) {
        m_model.addPrompt(conv, out.text, now);
        sent.clearInput = !out.keepInput;
        return sent;
    }
    if (!m_conn || trimmed(name) != m_name) sent.roomReset = connect(server, name, now) == Connect::RoomReset;
    if (!m_conn) return sent;
    const std::uint64_t id =
        out.kind == Outgoing::Kind::Say ? m_conn->say(out.text) : m_conn->whisper(out.to, out.text);
    if (id == 0) {
        m_model.addPrompt(conv, strings(m_model.lang()).outboxFull, now);
        return sent;
    }
    sent.conversation = out.kind == Outgoing::Kind::Say ? ChatModel::kRoom : m_model.openPrivate(out.to);
    m_model.noteSent(id, sent.conversation);
    sent.queued = true;
    sent.clearInput = true;
    return sent;
}

bool ChatClient::drain(Now now) {
    bool any = false;
    net::Event event;
    while (m_conn && m_conn->poll(event)) { // all of them: a frame shows everything that arrived
        if (m_trace) m_trace->drained(event);
        m_model.apply(event, now);
        any = true;
    }
    return any;
}

void ChatClient::requestOlder() {
    if (!m_conn || !m_model.canRequestOlder()) return;
    m_conn->requestHistory(m_model.olderBefore(), kHistoryPage);
    m_model.markOlderRequested();
}

} // namespace app
