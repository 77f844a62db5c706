#include "net/room_browser.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include <net/if.h>
#include <netinet/in.h>

#include <avahi-client/client.h>
#include <avahi-client/lookup.h>
#include <avahi-common/error.h>
#include <avahi-common/malloc.h>
#include <avahi-common/thread-watch.h>
#include <avahi-common/timeval.h>

#include "net/fingerprint.hpp"

namespace net {
namespace {

constexpr const char* kServiceType = "_imchat._tcp";

/// The value of key in a TXT record, if it holds key=value.
std::optional<std::string> txtValue(AvahiStringList* txt, const char* key) {
    AvahiStringList* entry = avahi_string_list_find(txt, key);
    if (!entry) return std::nullopt;
    char* k = nullptr;
    char* v = nullptr;
    size_t size = 0;
    if (avahi_string_list_get_pair(entry, &k, &v, &size) < 0) return std::nullopt;
    std::optional<std::string> value;
    if (v) value = std::string(v, size);
    avahi_free(k);
    avahi_free(v);
    return value;
}

template <typename Number>
std::optional<Number> numberOf(const std::optional<std::string>& text) {
    Number n{};
    if (!text) return std::nullopt;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
    return n;
}

/// address as text. A link-local IPv6 address names its interface ("fe80::1%eth0"): it means nothing
/// without one, and a LAN without DHCP has no other (the rooms of two laptops joined by a cable).
std::string addressText(const AvahiAddress* address, AvahiIfIndex interface) {
    if (!address) return {};
    char text[AVAHI_ADDRESS_STR_MAX] = {};
    avahi_address_snprint(text, sizeof text, address);
    std::string out = text;
    const bool linkLocal =
        address->proto == AVAHI_PROTO_INET6 &&
        IN6_IS_ADDR_LINKLOCAL(reinterpret_cast<const in6_addr*>(address->data.ipv6.address));
    char name[IF_NAMESIZE] = {};
    if (linkLocal && interface >= 0 && if_indextoname(static_cast<unsigned>(interface), name)) {
        out += '%';
        out += name;
    }
    return out;
}

} // namespace

// Everything but the constructor, the destructor and the reads under `mutex` runs on Avahi's thread.
struct RoomBrowser::Avahi {
    AvahiThreadedPoll* poll = nullptr;
    AvahiClient* client = nullptr;
    AvahiServiceBrowser* browser = nullptr;
    std::function<void()> onChange;
    struct Instance {
        AvahiServiceResolver* resolver = nullptr;
        std::optional<Room> room; // once resolved
    };
    // One service may be seen on several interfaces and protocols: an instance each, one room in the list.
    std::map<std::string, Instance> instances; // by "<name>\n<domain>\n<interface>/<protocol>"

    mutable std::mutex mutex; // guards what the owner reads
    std::vector<Room> rooms;
    bool running = false;

    ~Avahi() {
        if (poll) avahi_threaded_poll_stop(poll);
        if (client) avahi_client_free(client); // with the browser and every resolver
        if (poll) avahi_threaded_poll_free(poll);
    }

    static std::string keyOf(const char* name, const char* domain, AvahiIfIndex interface,
                             AvahiProtocol protocol) {
        return std::string(name) + "\n" + domain + "\n" + std::to_string(interface) + "/" +
               std::to_string(protocol);
    }

    void changed() {
        // One room per service (the map is ordered by service, then interface and protocol): an instance
        // resolved to an IPv4 address stands for it if there is one (an IPv6 link-local address holds only
        // on its interface, and a typed address is easier read); else the first resolved.
        std::vector<Room> list;
        std::string service, last;
        for (const auto& [key, instance] : instances) {
            if (!instance.room) continue;
            service = key.substr(0, key.rfind('\n'));
            const bool v4 = instance.room->address.find(':') == std::string::npos;
            if (service != last) {
                list.push_back(*instance.room);
                last = service;
            } else if (v4 && list.back().address.find(':') != std::string::npos) {
                list.back() = *instance.room;
            }
        }
        std::sort(list.begin(), list.end(), [](const Room& a, const Room& b) { return a.name < b.name; });
        {
            std::lock_guard lock(mutex);
            if (list == rooms) return;
            rooms = std::move(list);
        }
        if (onChange) onChange();
    }

    void setRunning(bool now) {
        {
            std::lock_guard lock(mutex);
            if (running == now) return;
            running = now;
        }
        if (onChange) onChange();
    }

    void connect() {
        int error = 0;
        client = avahi_client_new(avahi_threaded_poll_get(poll), AVAHI_CLIENT_NO_FAIL, &Avahi::clientChanged,
                                  this, &error);
    }

    static void clientChanged(AvahiClient* c, AvahiClientState state, void* data) {
        auto* self = static_cast<Avahi*>(data);
        if (state == AVAHI_CLIENT_S_RUNNING) {
            if (!self->browser)
                self->browser =
                    avahi_service_browser_new(c, AVAHI_IF_UNSPEC, AVAHI_PROTO_UNSPEC, kServiceType, nullptr,
                                              AvahiLookupFlags(0), &Avahi::browsed, self);
            self->setRunning(true);
        } else if (state == AVAHI_CLIENT_FAILURE) {
            // The daemon went away: what it found goes with it, and a new client waits for the next daemon (a
            // second from now, not from inside the old client's callback).
            self->instances.clear(); // their resolvers go with the client
            self->browser = nullptr;
            self->changed();
            self->setRunning(false);
            timeval when;
            const AvahiPoll* api = avahi_threaded_poll_get(self->poll);
            api->timeout_new(api, avahi_elapse_time(&when, 1000, 0), &Avahi::reconnect, self);
        } else if (state == AVAHI_CLIENT_CONNECTING) {
            self->setRunning(false);
        }
    }

    static void reconnect(AvahiTimeout* timeout, void* data) {
        auto* self = static_cast<Avahi*>(data);
        avahi_threaded_poll_get(self->poll)->timeout_free(timeout);
        avahi_client_free(self->client);
        self->client = nullptr;
        self->connect();
    }

    static void browsed(AvahiServiceBrowser*, AvahiIfIndex interface, AvahiProtocol protocol,
                        AvahiBrowserEvent event, const char* name, const char* type, const char* domain,
                        AvahiLookupResultFlags, void* data) {
        auto* self = static_cast<Avahi*>(data);
        if (event == AVAHI_BROWSER_NEW) {
            const std::string key = keyOf(name, domain, interface, protocol);
            if (self->instances.count(key)) return;
            // Kept until the service goes: it reports the record's changes too (the head-count).
            AvahiServiceResolver* r =
                avahi_service_resolver_new(self->client, interface, protocol, name, type, domain,
                                           AVAHI_PROTO_UNSPEC, AvahiLookupFlags(0), &Avahi::resolved, self);
            if (r) self->instances[key].resolver = r;
        } else if (event == AVAHI_BROWSER_REMOVE) {
            const auto it = self->instances.find(keyOf(name, domain, interface, protocol));
            if (it == self->instances.end()) return;
            avahi_service_resolver_free(it->second.resolver);
            self->instances.erase(it);
            self->changed();
        }
    }

    static void resolved(AvahiServiceResolver*, AvahiIfIndex interface, AvahiProtocol protocol,
                         AvahiResolverEvent event, const char* name, const char*, const char* domain,
                         const char* host, const AvahiAddress* address, uint16_t port, AvahiStringList* txt,
                         AvahiLookupResultFlags, void* data) {
        auto* self = static_cast<Avahi*>(data);
        const auto it = self->instances.find(keyOf(name, domain, interface, protocol));
        if (it == self->instances.end() || event != AVAHI_RESOLVER_FOUND) return;
        Room room;
        room.name = txtValue(txt, "room").value_or(name);
        room.host = host ? host : "";
        room.address = addressText(address, interface);
        room.port = port;
        room.version = numberOf<std::uint16_t>(txtValue(txt, "v")).value_or(0);
        room.tls = txtValue(txt, "tls") == "1";
        room.plaintextToo = txtValue(txt, "plain") == "1";
        if (const auto fp = txtValue(txt, "fp")) room.fingerprint = parseFingerprint(*fp).value_or("");
        room.online = numberOf<std::uint32_t>(txtValue(txt, "online"));
        it->second.room = std::move(room);
        self->changed();
    }
};

RoomBrowser::RoomBrowser() = default;
RoomBrowser::~RoomBrowser() = default;

std::string RoomBrowser::start(std::function<void()> onChange) {
    auto avahi = std::make_unique<Avahi>();
    avahi->onChange = std::move(onChange);
    avahi->poll = avahi_threaded_poll_new();
    if (!avahi->poll) return "cannot start Avahi's thread";
    avahi->connect(); // before the thread starts: its first callbacks run here
    if (!avahi->client) return "cannot reach the system bus, where Avahi's daemon answers";
    if (avahi_threaded_poll_start(avahi->poll) < 0) return "cannot start Avahi's thread";
    m_avahi = std::move(avahi);
    return {};
}

std::vector<RoomBrowser::Room> RoomBrowser::rooms() const {
    if (!m_avahi) return {};
    std::lock_guard lock(m_avahi->mutex);
    return m_avahi->rooms;
}

bool RoomBrowser::daemonRunning() const {
    if (!m_avahi) return false;
    std::lock_guard lock(m_avahi->mutex);
    return m_avahi->running;
}

} // namespace net
