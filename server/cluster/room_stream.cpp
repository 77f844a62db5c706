#include "server/cluster/room_stream.hpp"

#include <nats/nats.h>

#include <asio/post.hpp>

namespace server {

struct RoomStream::Nats {
    natsOptions* options = nullptr;
    natsConnection* connection = nullptr;
    jsCtx* js = nullptr;
    natsSubscription* subscription = nullptr;

    ~Nats() {
        if (subscription) {
            natsSubscription_Unsubscribe(subscription);
            natsSubscription_Destroy(subscription);
        }
        jsCtx_Destroy(js);
        if (connection) natsConnection_Close(connection);
        natsConnection_Destroy(connection);
        natsOptions_Destroy(options);
        // Joins nats.c's threads: none can post into the io_context after this (one stream per process).
        nats_CloseAndWait(2000);
    }

    // nats.c's threads: the acknowledgement of a publish. Successes need nothing (the message comes back
    // through follow()); a refusal goes to the io thread with the message's id.
    static void onAck(jsCtx*, natsMsg* msg, jsPubAck*, jsPubAckErr* error, void* closure) {
        auto* self = static_cast<RoomStream*>(closure);
        if (error) {
            const char* id = nullptr;
            natsMsgHeader_Get(msg, "Nats-Msg-Id", &id);
            std::string why = error->ErrText ? error->ErrText : natsStatus_GetText(error->Err);
            asio::post(self->m_io, [self, msgId = std::string(id ? id : ""), why = std::move(why)] {
                if (self->m_refused) self->m_refused(msgId, why);
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
        tell(static_cast<RoomStream*>(closure), "lost its NATS server, reconnecting");
    }
    static void onReconnected(natsConnection* nc, void* closure) {
        tell(static_cast<RoomStream*>(closure), "reconnected to NATS at " + connectedUrl(nc));
    }
    static void onError(natsConnection*, natsSubscription*, natsStatus s, void* closure) {
        tell(static_cast<RoomStream*>(closure), std::string("NATS error: ") + natsStatus_GetText(s));
    }

    // nats.c's threads: one message of the ordered consumer, in stream order.
    static void onMessage(natsConnection*, natsSubscription*, natsMsg* msg, void* closure) {
        auto* self = static_cast<RoomStream*>(closure);
        jsMsgMetaData* meta = nullptr;
        if (natsMsg_GetMetaData(&meta, msg) == NATS_OK) {
            std::string payload(natsMsg_GetData(msg), static_cast<std::size_t>(natsMsg_GetDataLength(msg)));
            const std::uint64_t seq = meta->Sequence.Stream;
            asio::post(self->m_io, [self, seq, payload = std::move(payload)]() mutable {
                if (self->m_arrived) self->m_arrived(seq, std::move(payload));
            });
            jsMsgMetaData_Destroy(meta);
        }
        natsMsg_Destroy(msg);
    }
};

namespace {

std::string statusText(natsStatus s, jsErrCode jerr = static_cast<jsErrCode>(0)) {
    std::string text = natsStatus_GetText(s);
    if (jerr != 0) text += " (JetStream error " + std::to_string(static_cast<int>(jerr)) + ")";
    if (const char* last = nats_GetLastError(nullptr); last && *last) text += ": " + std::string(last);
    return text;
}

} // namespace

RoomStream::RoomStream(asio::io_context& io, Config config)
    : m_io(io), m_config(std::move(config)), m_nats(std::make_unique<Nats>()) {}

RoomStream::~RoomStream() = default;

std::string RoomStream::open() {
    std::vector<const char*> urls;
    for (const auto& u : m_config.urls) urls.push_back(u.c_str());
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
    const natsStatus s = js_PublishAsync(m_nats->js, m_config.subject.c_str(), payload.data(),
                                         static_cast<int>(payload.size()), &po);
    if (s == NATS_OK) return;
    asio::post(m_io, [this, msgId, why = statusText(s)] {
        if (m_refused) m_refused(msgId, why);
    });
}

std::string RoomStream::follow(std::uint64_t after, Arrived arrived) {
    m_arrived = std::move(arrived);
    jsSubOptions so;
    jsSubOptions_Init(&so);
    so.Ordered = true;
    so.Config.DeliverPolicy = js_DeliverByStartSequence;
    so.Config.OptStartSeq = after + 1;
    jsErrCode jerr = static_cast<jsErrCode>(0);
    const natsStatus s = js_Subscribe(&m_nats->subscription, m_nats->js, m_config.subject.c_str(),
                                      &Nats::onMessage, this, nullptr, &so, &jerr);
    if (s != NATS_OK) return "cannot read the stream " + m_config.stream + ": " + statusText(s, jerr);
    return {};
}

} // namespace server
