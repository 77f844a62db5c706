#include "fuzz/room_witness.hpp"

#include <cstdio>
#include <cstdlib>

#include "fuzz/fake_participant.hpp"
#include "net/validation.hpp"

namespace fuzz {

void fail(const std::string& what) {
    std::fprintf(stderr, "room_fuzz: %s\n", what.c_str());
    std::abort();
}

std::uint64_t RoomWitness::recordSent(Sent s) {
    const std::uint64_t id = m_nextClientId++;
    m_sent.emplace(id, std::move(s));
    return id;
}

void RoomWitness::track(const std::shared_ptr<FakeParticipant>& p) {
    // Closed connections are gone for good: forget them now and then, so every check scans only the live.
    if (m_all.size() % 16 == 15) std::erase_if(m_all, [](const auto& w) { return w.expired(); });
    m_all.push_back(p);
}

std::size_t RoomWitness::joinedCount() const {
    std::size_t n = 0;
    for (const auto& w : m_all)
        if (auto p = w.lock(); p && p->membership.joined) ++n;
    return n;
}

const FakeParticipant* RoomWitness::joinedByKey(const std::string& key) const {
    for (const auto& w : m_all)
        if (auto p = w.lock(); p && p->membership.joined && p->membership.key == key) return p.get();
    return nullptr;
}

void RoomWitness::checkOnline() const {
    if (m_room.online() != joinedCount()) fail("the Room's online count differs from the joined connections");
}

const Sent& RoomWitness::sentFor(std::uint64_t clientId, bool isPrivate) const {
    const auto it = m_sent.find(clientId);
    if (it == m_sent.end() || it->second.isPrivate != isPrivate) fail("a message nobody sent was stamped");
    return it->second;
}

void RoomWitness::rememberChat(const net::Chat& c) {
    const auto [it, fresh] = m_chats.emplace(c.seq, c);
    if (!fresh && !(it->second == c)) fail("two different public messages carry the same seq");
    m_maxSeqSeen = std::max(m_maxSeqSeen, c.seq);
}

void RoomWitness::checkChat(FakeParticipant& to, const net::Chat& c) {
    const Sent& s = sentFor(c.clientId, false);
    // Name, address and text come from the server's view of the sender, never from the client.
    if (c.name != s.name || c.ip != s.ip || c.text != s.text) fail("a Chat is not stamped as its sender");
    if (c.seq <= to.lastChatSeq) fail("Chat seq not strictly increasing on one connection");
    to.lastChatSeq = c.seq;
    if (to.stage == Stage::Chats) {
        if (c.seq > to.welcome.latestSeq) fail("a replayed Chat is newer than Welcome.latestSeq");
        ++to.replayed;
    } else if (to.stage != Stage::Live) {
        fail("a Chat arrived in the middle of the join sequence");
    } else if (c.seq <= to.welcome.latestSeq) {
        fail("a live Chat is not newer than what Welcome announced");
    }
    rememberChat(c);
}

void RoomWitness::checkPrivate(FakeParticipant& to, const net::Private& p) {
    const Sent& s = sentFor(p.clientId, true);
    if (p.from != s.name || p.fromIp != s.ip || p.text != s.text || net::nameKey(p.to) != s.toKey)
        fail("a Private is not stamped as its sender");
    // The privacy property: only the sender's and the recipient's names ever get it.
    const std::string& key = to.membership.key;
    if (key != net::nameKey(p.from) && key != s.toKey) fail("a Private reached a third party");
    if (p.seq <= to.lastPrivateSeq) fail("Private seq not strictly increasing on one connection");
    to.lastPrivateSeq = p.seq;
    const bool replay = (p.flags & net::kPrivateReplay) != 0;
    if (to.stage == Stage::Chats) to.stage = Stage::Privates;
    if (to.stage == Stage::Users) fail("a Private arrived between Live and Users");
    if (replay != (to.stage == Stage::Privates)) fail("Private replay flag does not match the join stage");
}

void RoomWitness::checkPage(const net::HistoryPage& page) {
    std::uint64_t previous = UINT64_MAX;
    for (const auto& c : page.messages) {
        if (c.seq >= previous) fail("a HistoryPage is not newest first");
        if (page.beforeSeq != 0 && c.seq >= page.beforeSeq) fail("a HistoryPage holds seq >= beforeSeq");
        previous = c.seq;
        const Sent& s = sentFor(c.clientId, false);
        if (c.name != s.name || c.ip != s.ip || c.text != s.text) fail("history differs from what was sent");
        rememberChat(c);
    }
    if (page.messages.size() > net::kMaxHistoryPage) fail("a HistoryPage exceeds the page limit");
}

void RoomWitness::checkUsers(const net::Users& u) const {
    if (u.names.size() != m_room.online()) fail("Users does not list everyone online");
    for (const auto& n : u.names) {
        const FakeParticipant* p = joinedByKey(net::nameKey(n));
        if (!p || p->membership.name != n) fail("Users lists someone who is not online");
    }
}

void RoomWitness::onMessage(FakeParticipant& to, const net::Message& m) {
    if (const auto* w = std::get_if<net::Welcome>(&m)) {
        if (to.stage != Stage::Fresh) fail("a second Welcome on one connection");
        // The name as asked, in NFC (PROTOCOL.md §5.1).
        if (w->name != net::normalizeName(to.helloName) || w->ip != to.ip())
            fail("Welcome does not name the joiner as it asked");
        if (w->latestSeq != m_room.latestSeq()) fail("Welcome.latestSeq is not the room's");
        if (w->resumeToken != to.membership.token) fail("Welcome carries another token than the Room keeps");
        to.welcome = *w;
        to.stage = Stage::Chats;
        return;
    }
    if (const auto* c = std::get_if<net::Chat>(&m)) return checkChat(to, *c);
    if (const auto* p = std::get_if<net::Private>(&m)) return checkPrivate(to, *p);
    if (const auto* l = std::get_if<net::Live>(&m)) {
        if (to.stage != Stage::Chats && to.stage != Stage::Privates) fail("Live outside the join sequence");
        if (l->replayed != to.replayed || l->latestSeq != to.welcome.latestSeq)
            fail("Live miscounts the replay");
        to.stage = Stage::Users;
        return;
    }
    if (const auto* u = std::get_if<net::Users>(&m)) {
        if (to.stage != Stage::Users && to.stage != Stage::Live) fail("Users before Live");
        to.stage = Stage::Live;
        return checkUsers(*u);
    }
    if (to.stage != Stage::Live) fail("a message arrived before the join sequence ended");
    if (const auto* j = std::get_if<net::Joined>(&m)) {
        const FakeParticipant* who = joinedByKey(net::nameKey(j->name));
        if (!who || who == &to || who->ip() != j->ip) fail("Joined names someone else than the joiner");
        if (j->online != m_room.online()) fail("Joined carries a wrong online count");
        return;
    }
    if (const auto* l = std::get_if<net::Left>(&m)) {
        if (joinedByKey(net::nameKey(l->name))) fail("Left names someone still online");
        if (l->online != m_room.online()) fail("Left carries a wrong online count");
        return;
    }
    if (const auto* page = std::get_if<net::HistoryPage>(&m)) return checkPage(*page);
    if (const auto* e = std::get_if<net::Error>(&m)) {
        if (e->fatal) fail("the Room sent a fatal Error itself (evict is the way)");
        const auto it = m_sent.find(e->clientId);
        if (it == m_sent.end() || it->second.name != to.membership.name)
            fail("an Error names no message of this client");
        return;
    }
    fail("the Room sent a message type a client must never get from it");
}

void RoomWitness::onEvict(const FakeParticipant& replaced) const {
    if (!m_helloSignedIn && (m_helloToken == net::Token{} || m_helloToken != replaced.membership.token))
        fail("a session was taken over without its resume token or its owner's password");
}

void RoomWitness::finish() const {
    checkOnline();
    if (m_room.latestSeq() < m_maxSeqSeen) fail("a delivered message is newer than the committed seq");
}

} // namespace fuzz
