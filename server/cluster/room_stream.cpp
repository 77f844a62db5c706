#include "server/cluster/room_stream.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <nats/nats.h>

#include <asio/post.hpp>

#include "server/cluster/stream_health.hpp"

namespace server {

namespace {

// nats.c is one library for all the process's links (the room's stream and the private one).
bool libraryOpen = false;

std::string statusText(natsStatus s, jsErrCode jerr = static_cast<jsErrCode>(0)) {
    std::string text = natsStatus_GetText(s);
    if (jerr != 0) text += " (JetStream error " + std::to_string(static_cast<int>(jerr)) + ")";
    if (const char* last = nats_GetLastError(nullptr); last && *last) text += ": " + std::string(last);
    return text;
}

} // namespace

struct RoomStream::Nats {
    natsOptions* options = nullptr;
    natsConnection* connection = nullptr;
    jsCtx* js = nullptr;
    natsSubscription* subscription = nullptr;
    // Asks the stream for its health every second, and reads it anew when asked to, off the io thread
    // (both questions block).
    std::thread prober;
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
    std::atomic<bool> refollow{false};     // the consumer reported an error: make a new one
    std::atomic<std::uint64_t> lastSeq{0}; // the newest stream sequence read (a new consumer starts after it)

    // A new ordered consumer from after + 1 on, in place of the current one (the prober thread, or follow()
    // before it starts).
    std::string subscribe(RoomStream* self, std::uint64_t after) {
        if (subscription) {
            natsSubscription_Unsubscribe(subscription);
            natsSubscription_Destroy(subscription);
            subscription = nullptr;
        }
        jsSubOptions so;
        jsSubOptions_Init(&so);
        so.Ordered = true;
        so.Config.DeliverPolicy = js_DeliverByStartSequence;
        so.Config.OptStartSeq = after + 1;
        jsErrCode jerr = static_cast<jsErrCode>(0);
        const natsStatus s = js_Subscribe(&subscription, js, self->m_config.subject.c_str(), &Nats::onMessage,
                                          self, nullptr, &so, &jerr);
        if (s != NATS_OK)
            return "cannot read the stream " + self->m_config.stream + ": " + statusText(s, jerr);
        return {};
    }

    // Stops the prober and closes the connection: every call blocked on it returns at once (with NATS away a
    // request would wait for its timeout, several seconds each, and a stopping node waited for them all).
    void interrupt() {
        {
            std::lock_guard lock(mutex);
            stopping = true;
        }
        wake.notify_all();
        if (connection) natsConnection_Close(connection);
    }

    // Ends the link; nats.c's threads may still make a callback into this object until the library closes.
    void teardown() {
        interrupt();
        if (prober.joinable()) prober.join();
        if (subscription) {
            natsSubscription_Unsubscribe(subscription);
            natsSubscription_Destroy(subscription);
            subscription = nullptr;
        }
        jsCtx_Destroy(js);
        js = nullptr;
        if (connection) natsConnection_Close(connection);
        natsConnection_Destroy(connection);
        connection = nullptr;
        natsOptions_Destroy(options);
        options = nullptr;
    }
    ~Nats() { teardown(); }

    // Whether a failed publish says the engine is out of reach (no answer, no stream leader, no link), so
    // the same message may be sent again later, rather than that the stream refused this message for good.
    static bool unreachable(const jsPubAckErr& e) {
        return e.Err == NATS_TIMEOUT || e.Err == NATS_NO_RESPONDERS || e.Err == NATS_CONNECTION_CLOSED ||
               e.Err == NATS_CONNECTION_DISCONNECTED || e.ErrCode == JSClusterNotAvailErr ||
               e.ErrCode == JSClusterNoPeersErr || e.ErrCode == JSClusterNotLeaderErr;
    }

    // nats.c's threads: the acknowledgement of a publish. A new message needs nothing here (it comes back
    // through follow()); a resend the stream held already, or a failure, goes to the io thread with its id.
    static void onAck(jsCtx*, natsMsg* msg, jsPubAck* ack, jsPubAckErr* error, void* closure) {
        auto* self = static_cast<RoomStream*>(closure);
        const char* id = nullptr;
        natsMsgHeader_Get(msg, "Nats-Msg-Id", &id);
        std::string msgId = id ? id : "";
        if (error) {
            std::string why = error->ErrText ? error->ErrText : natsStatus_GetText(error->Err);
            asio::post(self->m_io,
                       [self, msgId = std::move(msgId), why = std::move(why), lost = unreachable(*error)] {
                           if (lost) self->setAvailable(false, why);
                           if (self->m_refused) self->m_refused(msgId, why, lost);
                       });
        } else {
            const bool duplicate = ack && ack->Duplicate;
            asio::post(self->m_io, [self, msgId = std::move(msgId), duplicate] {
                self->setAvailable(true, {});
                if (duplicate && self->m_duplicate) self->m_duplicate(msgId);
            });
        }
        natsMsg_Destroy(msg);
    }

    // nats.c's threads: news of the link, for the log.
    static void tell(RoomStream* self, std::string text) {
        asio::post(self->m_io, [self, text = std::move(text)] {
            if (self->m_news) self->m_news(text);
        });
    }
    static std::string connectedUrl(natsConnection* nc) {
        char url[256] = "";
        natsConnection_GetConnectedUrl(nc, url, sizeof url);
        return url;
    }
    static void onDisconnected(natsConnection*, void* closure) {
        auto* self = static_cast<RoomStream*>(closure);
        tell(self, "lost its NATS server, reconnecting");
        asio::post(self->m_io, [self] { self->setAvailable(false, "lost its NATS server"); });
    }
    static void onReconnected(natsConnection* nc, void* closure) {
        tell(static_cast<RoomStream*>(closure), "reconnected to NATS at " + connectedUrl(nc));
    }
    static void onError(natsConnection*, natsSubscription* sub, natsStatus s, void* closure) {
        auto* self = static_cast<RoomStream*>(closure);
        tell(self, std::string("NATS error: ") + natsStatus_GetText(s));
        // The ordered consumer missed the stream's heartbeats or could not be made anew after a lost link:
        // the prober makes a new one.
        if (sub) {
            self->m_nats->refollow = true;
            self->m_nats->wake.notify_all();
        }
    }

    // nats.c's threads: one message of the ordered consumer, in stream order.
    static void onMessage(natsConnection*, natsSubscription*, natsMsg* msg, void* closure) {
        auto* self = static_cast<RoomStream*>(closure);
        jsMsgMetaData* meta = nullptr;
        if (natsMsg_GetMetaData(&meta, msg) == NATS_OK) {
            std::string payload(natsMsg_GetData(msg), static_cast<std::size_t>(natsMsg_GetDataLength(msg)));
            const std::uint64_t seq = meta->Sequence.Stream;
            // Raised before the post: a new consumer starts after it, so nothing posted is skipped.
            std::uint64_t last = self->m_nats->lastSeq.load();
            while (seq > last && !self->m_nats->lastSeq.compare_exchange_weak(last, seq)) {
            }
            asio::post(self->m_io, [self, seq, payload = std::move(payload)]() mutable {
                if (self->m_arrived) self->m_arrived(seq, std::move(payload));
            });
            jsMsgMetaData_Destroy(meta);
        }
        natsMsg_Destroy(msg);
    }
};

RoomStream::RoomStream(asio::io_context& io, Config config)
    : m_io(io), m_config(std::move(config)), m_nats(std::make_unique<Nats>()) {}

RoomStream::~RoomStream() { close(); }

void RoomStream::interrupt() { m_nats->interrupt(); }

void RoomStream::close() { m_nats->teardown(); }

void RoomStream::closeLibrary() {
    if (libraryOpen) nats_CloseAndWait(2000);
    libraryOpen = false;
}

std::string RoomStream::open() {
    std::vector<const char*> urls;
    for (const auto& u : m_config.urls) urls.push_back(u.c_str());
    // Before the first connection: nats.c's locks block instead of spinning, which cost a node about a
    // quarter of its cluster overhead (bench/README.md, cluster mode).
    if (!libraryOpen) nats_Open(0);
    libraryOpen = true;
    natsStatus s = natsOptions_Create(&m_nats->options);
    if (s == NATS_OK) s = natsOptions_SetServers(m_nats->options, urls.data(), static_cast<int>(urls.size()));
    // A lost NATS server is reconnected to for as long as the node runs (another URL, or the same later).
    if (s == NATS_OK) s = natsOptions_SetMaxReconnect(m_nats->options, -1);
    if (s == NATS_OK) s = natsOptions_SetDisconnectedCB(m_nats->options, &Nats::onDisconnected, this);
    if (s == NATS_OK) s = natsOptions_SetReconnectedCB(m_nats->options, &Nats::onReconnected, this);
    if (s == NATS_OK) s = natsOptions_SetErrorHandler(m_nats->options, &Nats::onError, this);
    if (s == NATS_OK) s = natsConnection_Connect(&m_nats->connection, m_nats->options);
    if (s != NATS_OK) return "cannot reach NATS: " + statusText(s);

    jsOptions jo;
    jsOptions_Init(&jo);
    jo.PublishAsync.AckHandler = &Nats::onAck;
    jo.PublishAsync.AckHandlerClosure = this;
    s = natsConnection_JetStream(&m_nats->js, m_nats->connection, &jo);
    if (s != NATS_OK) return "no JetStream: " + statusText(s);

    jsStreamInfo* info = nullptr;
    jsErrCode jerr = static_cast<jsErrCode>(0);
    s = js_GetStreamInfo(&info, m_nats->js, m_config.stream.c_str(), nullptr, &jerr);
    if (s == NATS_NOT_FOUND) {
        jsStreamConfig sc;
        jsStreamConfig_Init(&sc);
        sc.Name = m_config.stream.c_str();
        const char* subjects[] = {m_config.subject.c_str()};
        sc.Subjects = subjects;
        sc.SubjectsLen = 1;
        sc.Storage = js_FileStorage;
        sc.Replicas = m_config.replicas;
        sc.Duplicates = 10LL * 60 * 1000 * 1000 * 1000; // a client resending after 10 minutes away: once
        s = js_AddStream(&info, m_nats->js, &sc, nullptr, &jerr);
        // Two nodes starting at once both try: the loser finds the stream made.
        if (s != NATS_OK && jerr == JSStreamNameExistErr) s = NATS_OK;
    }
    jsStreamInfo_Destroy(info);
    if (s != NATS_OK) return "cannot make the stream " + m_config.stream + ": " + statusText(s, jerr);
    return {};
}

void RoomStream::publish(const std::string& payload, const std::string& msgId) {
    jsPubOptions po;
    jsPubOptions_Init(&po);
    po.MsgId = msgId.c_str();
    po.MaxWait = m_config.publishWaitMs;
    const natsStatus s = js_PublishAsync(m_nats->js, m_config.subject.c_str(), payload.data(),
                                         static_cast<int>(payload.size()), &po);
    if (s == NATS_OK) return;
    // Refused at once: too many waiting for their acknowledgement, or the link closed.
    asio::post(m_io, [this, msgId, why = statusText(s)] {
        setAvailable(false, why);
        if (m_refused) m_refused(msgId, why, true);
    });
}

__jsCtx* RoomStream::jetStream() const { return m_nats->js; }

std::string RoomStream::follow(std::uint64_t after, Arrived arrived) {
    m_arrived = std::move(arrived);
    m_nats->lastSeq = after;
    if (std::string error = m_nats->subscribe(this, after); !error.empty()) return error;
    m_nats->prober = std::thread([this] { probe(); });
    return {};
}

void RoomStream::setAvailable(bool available, const std::string& why) {
    if (available == m_available) return;
    m_available = available;
    if (m_availability) m_availability(available, why);
}

void RoomStream::probe() {
    bool again = false; // a new consumer could not be made: try again, once a second, saying so once
    auto lastTry = std::chrono::steady_clock::time_point{};
    for (;;) {
        const auto now = std::chrono::steady_clock::now();
        {
            std::lock_guard lock(m_nats->mutex);
            if (m_nats->stopping) return;
        }
        if ((m_nats->refollow.exchange(false) || again) && now - lastTry >= std::chrono::seconds(1)) {
            lastTry = now;
            const std::uint64_t after = m_nats->lastSeq;
            std::string error = m_nats->subscribe(this, after);
            if (error.empty()) Nats::tell(this, "reading the stream anew after seq " + std::to_string(after));
            else if (!again) Nats::tell(this, error + " (trying again every second)");
            again = !error.empty();
        } else if (m_nats->refollow) {
            again = true; // asked again within the second: at the next round
            m_nats->refollow = false;
        }
        std::string why = streamHealth(m_nats->js, m_config.stream, 1000);
        asio::post(m_io, [this, why = std::move(why)] {
            // One bad report may be a slow answer: two in a row make the room read-only.
            m_badReports = why.empty() ? 0 : m_badReports + 1;
            if (why.empty()) setAvailable(true, {});
            else if (m_badReports >= 2) setAvailable(false, why);
        });
        std::unique_lock lock(m_nats->mutex);
        m_nats->wake.wait_for(lock, std::chrono::seconds(1),
                              [this] { return m_nats->stopping || m_nats->refollow; });
        if (m_nats->stopping) return;
    }
}

} // namespace server
