#include "server/room_announcer.hpp"

#include <algorithm>
#include <iterator>

#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include <avahi-client/client.h>
#include <avahi-client/publish.h>
#include <avahi-common/alternative.h>
#include <avahi-common/error.h>
#include <avahi-common/malloc.h>
#include <avahi-common/thread-watch.h>
#include <avahi-common/timeval.h>

#include <asio/ip/address.hpp>
#include <asio/post.hpp>

#include "net/messages.hpp"
#include "server/log_text.hpp"
#include "server/status.hpp"

namespace server {
namespace {

constexpr auto kHeadCountEvery = std::chrono::seconds(2); // the TXT record changes at most this often

/// The interface a specific address belongs to (AVAHI_IF_UNSPEC for a wildcard address or none found).
AvahiIfIndex interfaceOf(const asio::ip::address& address) {
    if (address.is_unspecified()) return AVAHI_IF_UNSPEC;
    ifaddrs* all = nullptr;
    if (getifaddrs(&all) != 0) return AVAHI_IF_UNSPEC;
    AvahiIfIndex found = AVAHI_IF_UNSPEC;
    for (const ifaddrs* i = all; i && found == AVAHI_IF_UNSPEC; i = i->ifa_next) {
        if (!i->ifa_addr) continue;
        if (i->ifa_addr->sa_family == AF_INET && address.is_v4()) {
            const auto* in = reinterpret_cast<const sockaddr_in*>(i->ifa_addr);
            if (asio::ip::address_v4(ntohl(in->sin_addr.s_addr)) == address.to_v4())
                found = static_cast<AvahiIfIndex>(if_nametoindex(i->ifa_name));
        } else if (i->ifa_addr->sa_family == AF_INET6 && address.is_v6()) {
            const auto* in6 = reinterpret_cast<const sockaddr_in6*>(i->ifa_addr);
            asio::ip::address_v6::bytes_type bytes;
            std::copy(std::begin(in6->sin6_addr.s6_addr), std::end(in6->sin6_addr.s6_addr), bytes.begin());
            if (asio::ip::address_v6(bytes) == address.to_v6())
                found = static_cast<AvahiIfIndex>(if_nametoindex(i->ifa_name));
        }
    }
    freeifaddrs(all);
    return found;
}

} // namespace

std::string mdnsServiceName(const std::string& roomName) {
    constexpr std::size_t kMaxBytes = 63; // one DNS label
    if (roomName.size() <= kMaxBytes) return roomName;
    std::size_t end = kMaxBytes;
    while (end > 0 && (static_cast<unsigned char>(roomName[end]) & 0xC0) == 0x80)
        --end; // a continuation byte
    return roomName.substr(0, end);
}

// Everything here but the constructor and destructor runs on Avahi's thread, with its poll's lock held.
struct RoomAnnouncer::Avahi {
    RoomAnnouncer* owner = nullptr;
    AvahiThreadedPoll* poll = nullptr;
    AvahiClient* client = nullptr;
    AvahiEntryGroup* group = nullptr;
    AvahiIfIndex interface = AVAHI_IF_UNSPEC;
    AvahiProtocol protocol = AVAHI_PROTO_UNSPEC;
    std::string name;        // the service's name now (another one after a collision)
    std::size_t online = 0;  // in the TXT record
    bool toldAbsent = false; // "no Avahi daemon" was said (once until one answers)

    ~Avahi() {
        if (poll) avahi_threaded_poll_stop(poll);
        if (client) avahi_client_free(client); // also frees the group: the daemon withdraws the service
        if (poll) avahi_threaded_poll_free(poll);
    }

    void tell(std::string line) const {
        asio::post(owner->m_io, [status = &owner->m_status, line = std::move(line)] { status->log(line); });
    }

    AvahiStringList* txt() const {
        const auto& c = owner->m_config;
        AvahiStringList* list = nullptr;
        list = avahi_string_list_add_pair(list, "online", std::to_string(online).c_str());
        list = avahi_string_list_add_pair(list, "fp", c.fingerprint.c_str());
        list = avahi_string_list_add_pair(list, "plain", c.plaintextToo ? "1" : "0");
        list = avahi_string_list_add_pair(list, "tls", "1");
        list = avahi_string_list_add_pair(list, "v", std::to_string(net::kProtocolVersion).c_str());
        list = avahi_string_list_add_pair(list, "room", c.roomName.c_str());
        return list;
    }

    void connect() {
        int error = 0;
        client = avahi_client_new(avahi_threaded_poll_get(poll), AVAHI_CLIENT_NO_FAIL, &Avahi::clientChanged,
                                  this, &error);
        if (!client) tell(std::string("mdns: cannot start Avahi's client: ") + avahi_strerror(error));
    }

    void publish(AvahiClient* c) {
        if (!group) group = avahi_entry_group_new(c, &Avahi::groupChanged, this);
        if (!group) return tell(std::string("mdns: ") + avahi_strerror(avahi_client_errno(c)));
        if (!avahi_entry_group_is_empty(group)) return;
        AvahiStringList* list = txt();
        int r = avahi_entry_group_add_service_strlst(group, interface, protocol, AvahiPublishFlags(0),
                                                     name.c_str(), kServiceType, nullptr, nullptr,
                                                     owner->m_config.port, list);
        avahi_string_list_free(list);
        if (r == AVAHI_ERR_COLLISION) return renameAndPublish(c);
        if (r >= 0) r = avahi_entry_group_commit(group);
        if (r < 0) tell(std::string("mdns: cannot announce the room: ") + avahi_strerror(r));
    }

    void renameAndPublish(AvahiClient* c) {
        char* other = avahi_alternative_service_name(name.c_str());
        tell("mdns: " + quoted(name) + " is taken on this network: the room is announced as " +
             quoted(other));
        name = other;
        avahi_free(other);
        avahi_entry_group_reset(group);
        publish(c);
    }

    void updateOnline(std::size_t n) {
        online = n;
        if (!group || avahi_entry_group_is_empty(group)) return; // published with it when it is
        AvahiStringList* list = txt();
        avahi_entry_group_update_service_txt_strlst(group, interface, protocol, AvahiPublishFlags(0),
                                                    name.c_str(), kServiceType, nullptr, list);
        avahi_string_list_free(list);
    }

    static void clientChanged(AvahiClient* c, AvahiClientState state, void* data) {
        auto* self = static_cast<Avahi*>(data);
        switch (state) {
        case AVAHI_CLIENT_S_RUNNING: self->toldAbsent = false; return self->publish(c);
        case AVAHI_CLIENT_S_COLLISION:
        case AVAHI_CLIENT_S_REGISTERING: // the host's name changes: published again once it runs
            if (self->group) avahi_entry_group_reset(self->group);
            return;
        case AVAHI_CLIENT_CONNECTING:
            if (!self->toldAbsent)
                self->tell(
                    "mdns: no Avahi daemon: the room is not announced on the network (it will be once one "
                    "runs)");
            self->toldAbsent = true;
            return;
        case AVAHI_CLIENT_FAILURE: {
            // The daemon went away: a new client waits for the next one. Not from inside this callback, which
            // runs in the old client's code: a second from now, on the poll.
            self->tell(std::string("mdns: lost the Avahi daemon (") + avahi_strerror(avahi_client_errno(c)) +
                       ")");
            timeval when;
            const AvahiPoll* api = avahi_threaded_poll_get(self->poll);
            api->timeout_new(api, avahi_elapse_time(&when, 1000, 0), &Avahi::reconnect, self);
            return;
        }
        }
    }

    static void reconnect(AvahiTimeout* timeout, void* data) {
        auto* self = static_cast<Avahi*>(data);
        avahi_threaded_poll_get(self->poll)->timeout_free(timeout);
        avahi_client_free(self->client); // with its group
        self->client = nullptr;
        self->group = nullptr;
        self->connect();
    }

    static void groupChanged(AvahiEntryGroup* g, AvahiEntryGroupState state, void* data) {
        auto* self = static_cast<Avahi*>(data);
        if (state == AVAHI_ENTRY_GROUP_ESTABLISHED)
            self->tell("mdns: the room is announced on the network as " + quoted(self->name) + " (" +
                       kServiceType + ")");
        else if (state == AVAHI_ENTRY_GROUP_COLLISION)
            self->renameAndPublish(avahi_entry_group_get_client(g));
        else if (state == AVAHI_ENTRY_GROUP_FAILURE)
            self->tell(std::string("mdns: cannot announce the room: ") +
                       avahi_strerror(avahi_client_errno(avahi_entry_group_get_client(g))));
    }
};

RoomAnnouncer::RoomAnnouncer(asio::io_context& io, Status& status, Config config,
                             std::function<std::size_t()> headCount)
    : m_io(io), m_status(status), m_config(std::move(config)), m_headCount(std::move(headCount)),
      m_headCountTimer(io) {}

RoomAnnouncer::~RoomAnnouncer() = default;

void RoomAnnouncer::start() {
    std::error_code ec;
    const auto address = asio::ip::make_address(m_config.bindAddress, ec);
    if (!ec && address.is_loopback())
        return m_status.log(
            "mdns: listening on a loopback address: the room is not announced on the network");
    auto avahi = std::make_unique<Avahi>();
    avahi->owner = this;
    avahi->name = mdnsServiceName(m_config.roomName);
    avahi->online = m_headCount();
    if (!ec) {
        avahi->interface = interfaceOf(address);
        // Announced where it can be reached: an IPv4 listener's room is not offered over IPv6.
        avahi->protocol = address.is_v4()            ? AVAHI_PROTO_INET
                          : address.is_unspecified() ? AVAHI_PROTO_UNSPEC
                                                     : AVAHI_PROTO_INET6;
    }
    avahi->poll = avahi_threaded_poll_new();
    if (!avahi->poll) return m_status.log("mdns: cannot start Avahi's thread: the room is not announced");
    avahi->connect(); // before the thread starts: its first callbacks run here
    if (avahi_threaded_poll_start(avahi->poll) < 0)
        return m_status.log("mdns: cannot start Avahi's thread: the room is not announced");
    m_avahi = std::move(avahi);
    checkHeadCount();
}

void RoomAnnouncer::checkHeadCount() {
    m_headCountTimer.expires_after(kHeadCountEvery);
    m_headCountTimer.async_wait([this](const std::error_code& ec) {
        if (ec || !m_avahi) return;
        if (const std::size_t n = m_headCount(); n != m_avahi->online) {
            avahi_threaded_poll_lock(m_avahi->poll);
            m_avahi->updateOnline(n);
            avahi_threaded_poll_unlock(m_avahi->poll);
        }
        checkHeadCount();
    });
}

} // namespace server
