#pragma once
// The chat client's policy, with no window: the net::Connection and the ChatModel it feeds. It connects
// (or renames, or switches servers), sends (connecting first when the name changed; what is sent while
// offline waits in the connection's outbox), drains the network's events into the model and asks for
// older history. App keeps the layout, focus and shortcuts; a test drives this against a real server.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "app/diag/bench_trace.hpp"
#include "app/model/chat_model.hpp"
#include "net/connection.hpp"

namespace app {

class ChatClient {
public:
    /// wake runs on the network thread after each event it queues (the window passes glfwPostEmptyEvent);
    /// trace (may be null) sees every event drained.
    ChatClient(Lang lang, std::function<void()> wake, BenchTrace* trace = nullptr);
    /// Says Bye and joins the network thread.
    ~ChatClient();

    /// What connect() did.
    enum class Connect {
        Started,   // a new connection (or a rename, or a retry now) is under way
        NoName,    // no name: disconnected, the model waits for one
        Refused,   // a bad server address or name: a prompt in the room says why
        RoomReset, // another server: everything shown so far belongs to the old room and was forgotten
    };
    /// Connects to server ("host:port") as name, both as typed (trimmed here).
    Connect connect(const std::string& server, const std::string& name, Now now);

    /// What send() did with the input box's text.
    struct Sent {
        bool queued = false;     // handed to the connection (it is sent now, or once the link is back)
        bool clearInput = false; // the input box should be emptied
        bool roomReset = false;  // sending reconnected to another server first (see Connect::RoomReset)
        std::size_t conversation = ChatModel::kRoom; // where it went, or where the prompt was shown
    };
    /// Sends what was typed into conversation conv as name, connecting to server first when the name changed
    /// (both as typed); a prompt in the model when it cannot.
    Sent send(const std::string& server, const std::string& name, const std::string& input, std::size_t conv,
              Now now);

    /// Applies every event the network thread queued; true when there was any.
    bool drain(Now now);
    /// Asks for the page of room history before the oldest message held (no-op when none is left).
    void requestOlder();

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
    std::unique_ptr<net::Connection> m_conn;
    std::string m_server; // what m_conn connects to
    std::string m_name;   // the name m_conn uses
};

/// s without leading and trailing spaces and tabs.
std::string trimmed(const std::string& s);

} // namespace app
