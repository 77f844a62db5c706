#pragma once
// The room's messages in a NATS JetStream stream, shared by every node of a cluster (--cluster): the stream
// numbers them (its sequence is the room's seq: dense, assigned once, by the engine, never by a node), a
// client's resend carries the same Nats-Msg-Id and is stored once, and each node reads the stream back in
// order with an ordered consumer. nats.c runs its own threads: every callback here is posted into the
// node's io_context, so the room stays single-threaded and lock-free.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <asio/io_context.hpp>

struct __jsCtx; // nats.c's JetStream context (jsCtx in <nats/nats.h>)

namespace server {

class RoomStream {
public:
    struct Config {
        std::vector<std::string> urls; // nats://host:port of the NATS servers
        std::string stream = "imchat-room";
        std::string subject = "imchat.room";
        int replicas = 3;
        int publishWaitMs = 3000; // no acknowledgement in this time: the engine is taken as unavailable
    };
    /// A published message the stream did not store: its id, why, and whether the engine was unreachable
    /// (true: send it again later with the same id; false: the stream refused it for good). On the io thread.
    using Refused = std::function<void(const std::string& msgId, const std::string& why, bool unreachable)>;
    /// The engine became unreachable (with why) or reachable again (on the io thread, on each change only).
    using Availability = std::function<void(bool available, const std::string& why)>;
    /// A published message the stream already held (a resend): it will not come back through follow().
    using Duplicate = std::function<void(const std::string& msgId)>;
    /// A message read back from the stream: its stream sequence and the bytes published (on the io thread).
    using Arrived = std::function<void(std::uint64_t seq, std::string payload)>;

    RoomStream(asio::io_context& io, Config config);
    ~RoomStream();
    RoomStream(const RoomStream&) = delete;
    RoomStream& operator=(const RoomStream&) = delete;

    /// Connects and makes the stream if it does not exist yet. An empty string, or why it could not.
    std::string open();
    /// Publishes payload with msgId for de-duplication; a refusal (also one nats.c gives at once) comes
    /// later through refused.
    void publish(const std::string& payload, const std::string& msgId);
    /// Reads the stream from seq after + 1 on, in order, into arrived, until destroyed.
    std::string follow(std::uint64_t after, Arrived arrived);
    /// Where refusals, resends and changes of availability go (set before publishing).
    void onRefused(Refused refused) { m_refused = std::move(refused); }
    void onDuplicate(Duplicate duplicate) { m_duplicate = std::move(duplicate); }
    void onAvailability(Availability availability) { m_availability = std::move(availability); }
    /// The JetStream stream's name (for the log).
    const std::string& name() const { return m_config.stream; }
    /// Whether the engine took the last message, or its last health report was good (see setAvailable).
    bool available() const { return m_available; }
    /// The link's JetStream context, for the room's other state in JetStream (name_claims.hpp); after open().
    __jsCtx* jetStream() const;
    /// Closes the connection at once, so that every call blocked on it returns: this stream's prober's, and
    /// those of the buckets that use its JetStream context (a stopping node interrupts every link, then
    /// destroys the buckets, then closes the links).
    void interrupt();
    /// Ends the link (also done by the destructor). nats.c may still call into this object until
    /// closeLibrary(): close every link, then closeLibrary(), then destroy them.
    void close();
    /// Joins nats.c's threads: no callback of any link comes after this (main() calls it before the links
    /// go).
    static void closeLibrary();
    /// Where the link's own news go: a NATS server lost, another reached, an asynchronous error (for the
    /// log; on the io thread). Set before open().
    void onNews(std::function<void(const std::string&)> news) { m_news = std::move(news); }

private:
    struct Nats; // nats.c's handles and its callbacks (room_stream.cpp)

    // The io thread's view of the engine. Unavailable: a publish without an acknowledgement, a lost link,
    // or two bad health reports in a row (a node that only reads learns of a lost quorum so); available:
    // an acknowledgement or a good report.
    void setAvailable(bool available, const std::string& why);
    /// The prober thread, until the stream is destroyed: a health report every second into the io thread;
    /// and a new consumer from the last message read whenever nats.c reports an error on the current one
    /// (nats.c itself would try again only at its next missed heartbeat, many seconds later).
    void probe();

    asio::io_context& m_io;
    Config m_config;
    Refused m_refused;
    Duplicate m_duplicate;
    Availability m_availability;
    Arrived m_arrived;
    std::function<void(const std::string&)> m_news;
    bool m_available = true;
    int m_badReports = 0; // health reports in a row that said the stream cannot store
    std::unique_ptr<Nats> m_nats;
};

} // namespace server
