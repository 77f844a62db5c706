#pragma once
// What the room fuzzer knows to be true (what each fake client sent, as whom, and every public message seen),
// and the checks every frame the Room delivers must pass against it.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "net/messages.hpp"
#include "server/room.hpp"

namespace fuzz {

class FakeParticipant;

/// Aborts with a message: libFuzzer saves the input that got here.
[[noreturn]] void fail(const std::string& what);

/// A Say or Whisper as the fake client sent it; the Room must stamp it with exactly this sender.
struct Sent {
    bool isPrivate = false;
    std::string name; // the sender's joined name
    std::string ip;   // the sender's address as the server sees it
    std::string text;
    std::string toKey; // private only: net::nameKey of the recipient as typed
};

class RoomWitness {
public:
    /// Watches room; every participant it checks must have been tracked.
    explicit RoomWitness(const server::Room& room) : m_room(room) {}

    /// Remembers what is about to be sent; returns the unique clientId to send it with.
    std::uint64_t recordSent(Sent s);
    /// Counts p among the connections whose membership is checked against the Room's head-count.
    void track(const std::shared_ptr<FakeParticipant>& p);
    /// The Room's online count equals the number of joined fake connections.
    void checkOnline() const;
    /// The Hello about to be handled carries token (a takeover must prove it holds the replaced session's).
    void helloStarting(const net::Token& token, bool signedIn) {
        m_helloToken = token;
        m_helloSignedIn = signedIn;
    }
    /// Checks a takeover: only the holder of the replaced session's token, or the name's signed-in owner,
    /// may evict it.
    void onEvict(const FakeParticipant& replaced) const;
    /// Checks one message delivered to `to` (its join stage, the stamps, who may see it).
    void onMessage(FakeParticipant& to, const net::Message& m);
    /// Final checks once every burst is committed.
    void finish() const;

private:
    std::size_t joinedCount() const;
    const FakeParticipant* joinedByKey(const std::string& key) const;
    const Sent& sentFor(std::uint64_t clientId, bool isPrivate) const;
    void checkChat(FakeParticipant& to, const net::Chat& c);
    void checkPrivate(FakeParticipant& to, const net::Private& p);
    void checkPage(const net::HistoryPage& page);
    void checkUsers(const net::Users& u) const;
    void rememberChat(const net::Chat& c);

    const server::Room& m_room;
    std::vector<std::weak_ptr<FakeParticipant>> m_all;
    std::map<std::uint64_t, Sent> m_sent;       // by clientId
    std::map<std::uint64_t, net::Chat> m_chats; // every public message seen, by seq
    std::uint64_t m_nextClientId = 1;
    std::uint64_t m_maxSeqSeen = 0;
    net::Token m_helloToken{};
    bool m_helloSignedIn = false;
};

} // namespace fuzz
