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

ChatClient::ChatClient(Lang lang, std::function<void()> wake, BenchTrace* trace, ChatSecurity security)
    : m_model(lang), m_wake(std::move(wake)), m_trace(trace), m_known(std::move(security.knownServers)),
      m_tokens(std::move(security.deviceTokens)), m_plaintext(security.plaintext) {}

ChatClient::~ChatClient() = default;

bool ChatClient::uses(const std::string& serverText) const {
    const auto list = net::parseEndpointList(serverText, net::kDefaultPort);
    return m_conn && list.endpoints == m_servers;
}

ChatClient::Connect ChatClient::connect(const std::string& serverText, const std::string& nameText, Now now) {
    const Strings& s = strings(m_model.lang());
    const std::string name = trimmed(nameText);
    const auto list = net::parseEndpointList(serverText, net::kDefaultPort);
    if (list.endpoints.empty()) {
        // The entry at fault; the whole field when that entry is blank (a stray comma, or nothing typed).
        const std::string bad = list.badEntry.empty() ? trimmed(serverText) : list.badEntry;
        m_model.addPrompt(ChatModel::kRoom, format(s.badServer, bad.c_str()), now);
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
    // Compared as parsed, so that spaces or a default port written out do not make another room.
    if (m_conn && list.endpoints == m_servers) {
        if (name != m_name) m_conn->setName(name);
        else m_conn->reconnectNow();
        m_name = name;
        return Connect::Started;
    }
    m_conn.reset();
    const bool otherRoom = !m_servers.empty() && list.endpoints != m_servers;
    if (otherRoom) m_model.reset();
    net::ConnectionConfig config;
    config.setServers(list.endpoints);
    config.name = name;
    config.plaintext = m_plaintext;
    m_servers = list.endpoints;
    m_endpoint = KnownServers::key(list.endpoints.front());
    // One key for the whole list (a cluster's nodes share it); trustServerKey() pins it for every server.
    config.pinnedKey = m_known.find(list.endpoints).value_or("");
    // "Remember me" from an earlier sign-in: the token stands in for the password.
    if (const auto token = m_tokens.find(m_endpoint, name)) {
        config.auth = net::Auth::DeviceToken;
        config.secret = *token;
    }
    m_usingToken = config.auth == net::Auth::DeviceToken;
    m_conn = std::make_unique<net::Connection>(config, m_wake);
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
    if (out.kind == Outgoing::Kind::Note) {
        m_model.addNote(conv, out.text, now);
        sent.clearInput = true;
        return sent;
    }
    if (out.kind == Outgoing::Kind::Register) {
        sent.registerAsked = true;
        sent.clearInput = true;
        return sent;
    }
    if (out.kind == Outgoing::Kind::Nick) { // the window puts it in the name box and joins under it
        sent.nick = out.to;
        sent.clearInput = true;
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
    m_model.addPending(id, sent.conversation, out.text, now);
    sent.queued = true;
    sent.clearInput = true;
    return sent;
}

bool ChatClient::retry(std::size_t conv, std::size_t i, Now now) {
    if (!m_conn || !m_model.isFailed(conv, i)) return false;
    const std::string text(m_model.text(m_model.conversation(conv)[i]));
    const std::uint64_t id = conv == ChatModel::kRoom
                                 ? m_conn->say(text)
                                 : m_conn->whisper(m_model.conversation(conv).title, text);
    if (id == 0) {
        m_model.addPrompt(conv, strings(m_model.lang()).outboxFull, now);
        return false;
    }
    m_model.retrying(conv, i, id);
    return true;
}

bool ChatClient::drain(Now now) {
    bool any = false;
    net::Event event;
    while (m_conn && m_conn->poll(event)) { // all of them: a frame shows everything that arrived
        if (m_trace) m_trace->drained(event);
        if (const auto* token = std::get_if<net::DeviceTokenEvent>(&event)) {
            if (m_rememberRequested) m_tokens.keep(m_endpoint, m_name, token->token);
            m_usingToken = true;
        } else if (const auto* e = std::get_if<net::Error>(&event);
                   e && m_usingToken &&
                   (e->code == net::ErrorCode::BadCredentials || e->code == net::ErrorCode::SignedOut)) {
            m_tokens.forget(m_endpoint, m_name); // revoked (the password changed or was reset): sign in anew
            m_usingToken = false;
        }
        m_model.apply(event, now);
        any = true;
    }
    return any;
}

void ChatClient::trustServerKey() {
    const std::string key = m_model.link().serverKey;
    if (!m_conn || key.empty()) return;
    m_known.trust(m_servers, key);
    m_conn->trust(key);
}

void ChatClient::signIn(std::string password, bool remember) {
    if (!m_conn) return;
    m_rememberRequested = remember;
    if (!remember) m_tokens.forget(m_endpoint, m_name);
    m_usingToken = false;
    m_conn->setCredentials(net::Auth::Password, std::move(password), remember);
}

void ChatClient::registerName(std::string password, bool remember) {
    if (!m_conn) return;
    m_rememberRequested = remember;
    if (m_model.link().state == LinkState::Online) {
        m_conn->registerName(std::move(password), remember);
    } else {
        m_usingToken = false;
        m_conn->setCredentials(net::Auth::Register, std::move(password), remember);
    }
}

void ChatClient::changePassword(std::string oldPassword, std::string newPassword, bool remember) {
    if (!m_conn) return;
    m_rememberRequested = remember;
    // The server revokes every token of the name, ours too; a new one comes with the answer if asked for.
    m_tokens.forget(m_endpoint, m_name);
    m_conn->changePassword(std::move(oldPassword), std::move(newPassword), remember);
}

void ChatClient::requestOlder(std::size_t conv) {
    if (!m_conn || !m_model.canRequestOlder(conv)) return;
    if (conv == ChatModel::kRoom) {
        m_conn->requestHistory(m_model.olderBefore(), kHistoryPage);
        m_model.markOlderRequested();
    } else {
        m_conn->requestPrivateHistory(m_model.olderPrivateBefore(), kHistoryPage);
        m_model.markOlderPrivateRequested();
    }
}

} // namespace app
