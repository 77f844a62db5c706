#pragma once
// The chat client's policy, with no window: the net::Connection and the ChatModel it feeds. It connects
// (or renames, or switches servers) over TLS to the key pinned for the server (known_servers), signing in
// with a remembered device token when there is one; sends (connecting first when the name changed; what is
// sent while offline waits in the connection's outbox); drains the network's events into the model; asks for
// older history; trusts a server's key, signs in, registers and changes the password when the user says so.
// App keeps the layout, focus and shortcuts; a test drives this against a real server.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <filesystem>

#include "app/diag/bench_trace.hpp"
#include "app/io/device_tokens.hpp"
#include "app/io/known_servers.hpp"
#include "app/model/chat_model.hpp"
#include "net/connection.hpp"

namespace app {

/// Where a ChatClient keeps trust and sign-ins, and whether it goes without TLS.
struct ChatSecurity {
    std::filesystem::path knownServers = KnownServers::defaultPath();
    std::filesystem::path deviceTokens = DeviceTokens::defaultPath();
    bool plaintext = false; // for servers run with --allow-plaintext only: the top bar says "not encrypted"
};

class ChatClient {
public:
    /// wake runs on the network thread after each event it queues (the window passes glfwPostEmptyEvent);
    /// trace (may be null) sees every event drained.
    ChatClient(Lang lang, std::function<void()> wake, BenchTrace* trace = nullptr,
               ChatSecurity security = {});
    /// Says Bye and joins the network thread.
    ~ChatClient();

    /// What connect() did.
    enum class Connect {
        Started,   // a new connection (or a rename, or a retry now) is under way
        NoName,    // no name: disconnected, the model waits for one
        Refused,   // a bad server address or name: a prompt in the room says why
        RoomReset, // another server: everything shown so far belongs to the old room and was forgotten
    };
    /// Connects to server ("host:port", or a list of a room's servers "a:12000,b:12000" to fail over
    /// along) as name, both as typed (trimmed here).
    Connect connect(const std::string& server, const std::string& name, Now now);
    /// Whether server (as typed) names the servers the connection uses.
    bool uses(const std::string& server) const;

    /// What send() did with the input box's text.
    struct Sent {
        bool queued = false;     // handed to the connection (it is sent now, or once the link is back)
        bool clearInput = false; // the input box should be emptied
        bool roomReset = false;  // sending reconnected to another server first (see Connect::RoomReset)
        // "/register": the window opens the dialog (passwords never go through here).
        bool registerAsked = false;
        // "/nick name": the name to join under now.
        std::string nick;
        std::size_t conversation = ChatModel::kRoom; // where it went, or where the prompt was shown
    };
    /// Sends what was typed into conversation conv as name, connecting to server first when the name changed
    /// (both as typed); a prompt in the model when it cannot.
    Sent send(const std::string& server, const std::string& name, const std::string& input, std::size_t conv,
              Now now);

    /// Sends failed message i of conversation conv again (it shows as pending once more); false when it
    /// is not a failed message or the outbox is full.
    bool retry(std::size_t conv, std::size_t i, Now now);
    /// Applies every event the network thread queued; true when there was any.
    bool drain(Now now);
    /// Asks for the page of conversation conv's history before the oldest message held (no-op when none is
    /// left or one is in flight): the room's, or for a private conversation our private history's.
    void requestOlder(std::size_t conv = ChatModel::kRoom);

    /// Trusts the key the server showed (the link is KeyUnknown or KeyChanged), remembers it for every
    /// server of the list, and connects.
    void trustServerKey();
    /// Signs in to our registered name with its password (after the server asked for it).
    void signIn(std::string password, bool remember);
    /// Registers our name: at once when joined as a guest, else with the next Hello.
    void registerName(std::string password, bool remember);
    /// Changes our password (signed in); every device token of the name, this one's too, is revoked.
    void changePassword(std::string oldPassword, std::string newPassword, bool remember);
    /// The file of trusted keys (for the changed-key explanation).
    const KnownServers& knownServers() const { return m_known; }

    ChatModel& model() { return m_model; }
    const ChatModel& model() const { return m_model; }
    /// True while a connection exists (connected or retrying).
    bool hasConnection() const { return m_conn != nullptr; }
    /// The name the connection uses ("" without one).
    const std::string& name() const { return m_name; }

    /// Messages per history page.
    static constexpr std::uint16_t kHistoryPage = 200;

private:
    ChatModel m_model;
    std::function<void()> m_wake;
    BenchTrace* m_trace;
    KnownServers m_known;
    DeviceTokens m_tokens;
    bool m_plaintext;
    std::vector<net::Endpoint> m_servers; // what m_conn connects to, as pins are keyed
    // The list's first server, as device tokens are keyed (the one token is offered to every server of it).
    std::string m_endpoint;
    bool m_usingToken = false;        // m_conn signs in with a remembered token
    bool m_rememberRequested = false; // keep the next DeviceToken
    std::unique_ptr<net::Connection> m_conn;
    std::string m_name; // the name m_conn uses
};

/// s without leading and trailing spaces and tabs.
std::string trimmed(const std::string& s);

} // namespace app
