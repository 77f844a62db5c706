// libFuzzer target for the server's message handling: up to 8 connections without sockets (FakeParticipant)
// drive a real server::Room over a real Storage (SQLite in memory). The input is a script of operations
// (fuzz/room_script.hpp): decoded frames, or structured Hello/Say/Whisper/... that reach deep states quickly,
// disconnects, abandoned sessions (ghosts a takeover must replace), slow readers and commits.
// Invariants, checked on every delivered frame (RoomWitness, FakeParticipant) and after every operation:
//  - a Private reaches only connections named as its sender or recipient;
//  - Chat/Private seq strictly increase on each connection; one seq never names two different messages;
//  - name, address and text are stamped from the server's view of the sender;
//  - the join sequence is Welcome, Chats, Privates, Live, Users; Live counts the replay;
//  - online counts (Room, Joined, Left, Users) equal the joined connections; nothing goes to a non-member;
//  - no crash, leak or undefined behaviour (ASan/UBSan).
// Build and run with fuzz/run.sh.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <sqlite3.h>

#include "fuzz/fake_participant.hpp"
#include "fuzz/room_script.hpp"
#include "fuzz/room_witness.hpp"
#include "net/codec.hpp"
#include "net/validation.hpp"
#include "server/account_store.hpp"
#include "server/room.hpp"
#include "server/status.hpp"
#include "server/storage.hpp"

namespace {

using fuzz::FakeParticipant;
using fuzz::kNames;
using fuzz::kSlots;
using fuzz::Op;
using fuzz::Script;

server::Options optionsFrom(std::uint8_t b) {
    server::Options o;
    o.history = b & 7; // small, so the replay cache rolls over and the storage path is taken
    o.maxQueueBytes = (b & 8) ? 2048 : o.maxQueueBytes; // a tiny cap truncates replays
    // Short limits: each text byte costs a traced comparison in the UTF-8 checks, and the paths are the same.
    o.maxMessageBytes = (b & 16) ? 16 : 300;
    return o;
}

/// One in-memory database for the whole run, emptied before each input: opening SQLite and creating the
/// schema costs 0.7 ms, ten times a typical input.
class ReusedStorage {
public:
    ReusedStorage() : m_storage(":memory:") { server::AccountStore tables(m_storage.handle()); }
    /// The storage with every table empty (its cached latest seqs are the 0 they were when it opened).
    server::Storage& fresh() {
        if (sqlite3_exec(m_storage.handle(),
                         "DELETE FROM messages; DELETE FROM privates; DELETE FROM accounts; "
                         "DELETE FROM device_tokens; DELETE FROM private_floors;",
                         nullptr, nullptr, nullptr) != SQLITE_OK)
            fuzz::fail("cannot empty the database");
        return m_storage;
    }

private:
    server::Storage m_storage;
};

/// The first two names are registered (their owners' Hellos prove it when the script says so): both the
/// mailbox of a registered name and the refusal of mail to an offline guest are exercised.
constexpr std::size_t kRegisteredNames = 2;

std::FILE* devNull() {
    static std::FILE* f = std::fopen("/dev/null", "w");
    return f;
}

class Harness {
public:
    Harness(std::uint8_t config, server::Storage& storage)
        : m_options(optionsFrom(config)), m_storage(storage), m_accounts(storage.handle()),
          m_status(devNull(), false), m_room(m_io, m_storage, m_accounts, m_options, m_status),
          m_witness(m_room) {
        for (std::size_t i = 0; i < kRegisteredNames; ++i)
            m_accounts.create(net::nameKey(kNames[i]), kNames[i], "(a hash)", 0, 0);
        for (std::size_t i = 0; i < kSlots; ++i) m_slots.push_back(connect(i));
    }

    void run(Script& s) {
        while (!s.done()) {
            const std::uint8_t c = s.byte();
            step(c % kSlots, static_cast<Op>((c / kSlots) % static_cast<int>(Op::Count)), s);
            m_witness.checkOnline();
            // A replaced session is closed by its Session; it never speaks again.
            for (std::size_t i = 0; i < kSlots; ++i)
                if (m_slots[i]->evicted) m_slots[i] = connect(i);
        }
        commit();
        m_witness.finish();
    }

private:
    std::shared_ptr<FakeParticipant> connect(std::size_t slot) {
        auto p = std::make_shared<FakeParticipant>("10.0.0." + std::to_string(slot % 3 + 1), m_witness);
        m_witness.track(p);
        return p;
    }

    void close(std::size_t slot, net::LeaveReason reason) {
        m_room.leave(*m_slots[slot], reason);
        m_slots[slot] = connect(slot);
    }

    void commit() {
        m_io.restart();
        m_io.poll();
    }

    std::string text(std::uint8_t b) {
        switch (b % 8) {
        case 0: return "hi";
        case 1: return "你好 " + std::to_string(b);
        case 2: return "";
        case 3: return "bell \x07";
        case 4: return std::string(m_options.maxMessageBytes + 1, 'x');
        case 5: return (b & 8) ? "\u200B\u3164 \u2800" : " \t\n"; // blank, visibly or invisibly
        case 6: return std::string(m_options.maxMessageBytes, 'y');
        default: return "m" + std::to_string(m_counter++);
        }
    }

    void step(std::size_t slot, Op op, Script& s) {
        switch (op) {
        case Op::Frame: {
            const std::size_t len = s.byte() | (static_cast<std::size_t>(s.byte() & 0x0F) << 8);
            net::Message m;
            const auto code = net::decodePayload(s.bytes(len), m);
            if (code == net::ErrorCode::None) return dispatch(slot, m);
            if (net::isFatal(code)) close(slot, net::LeaveReason::Kicked); // the Session closes on Malformed
            return;
        }
        case Op::Hello: {
            const std::uint8_t k = s.byte();
            net::Hello h = {net::kProtocolVersion,
                            kNames[(k & 0x7F) % kNames.size()],
                            s.byte() % 16u,
                            s.byte() % 16u,
                            {}};
            if (k & 0x80) h.resumeToken = m_tokens[net::nameKey(h.name)]; // the last one the server gave
            m_signIn = (k & 0x40) != 0; // the password was right (Accounts checked it before the Room)
            net::Message m = h;
            return dispatch(slot, m);
        }
        case Op::Say: {
            net::Message m = net::Say{0, text(s.byte())};
            return dispatch(slot, m);
        }
        case Op::Whisper: {
            const std::uint8_t to = s.byte();
            net::Message m = net::Whisper{0, kNames[to % kNames.size()], text(s.byte())};
            return dispatch(slot, m);
        }
        case Op::History: {
            net::Message m = net::HistoryRequest{s.byte(), s.byte()};
            return dispatch(slot, m);
        }
        case Op::Users: {
            net::Message m = net::UsersRequest{};
            return dispatch(slot, m);
        }
        case Op::Close: return close(slot, static_cast<net::LeaveReason>(s.byte() % 4));
        case Op::Abandon: // the client vanished without a FIN: the server still holds its session
            m_ghosts.push_back(m_slots[slot]);
            m_slots[slot] = connect(slot);
            return;
        case Op::Commit: return commit();
        case Op::Slow: return makeSlow(slot);
        case Op::GhostTimeout:
            if (m_ghosts.empty()) return;
            m_room.leave(*m_ghosts.front(), net::LeaveReason::Timeout);
            m_ghosts.erase(m_ghosts.begin());
            return;
        case Op::Count: return;
        }
    }

    // As a Session whose queue overflows: on its next delivery it schedules its own leave (never re-entering
    // the Room from inside a broadcast).
    void makeSlow(std::size_t slot) {
        std::weak_ptr<FakeParticipant> weak = m_slots[slot];
        m_slots[slot]->failOnNextDeliver([this, weak, slot] {
            asio::post(m_io, [this, weak, slot] {
                auto p = weak.lock();
                if (!p) return;
                m_room.leave(*p, net::LeaveReason::Kicked);
                if (m_slots[slot] == p) m_slots[slot] = connect(slot);
            });
        });
    }

    // What Session::handle does with a decoded message, minus the flood control.
    void dispatch(std::size_t slot, net::Message& m) {
        const std::shared_ptr<FakeParticipant> p = m_slots[slot];
        if (!p->membership.joined) {
            if (auto* h = std::get_if<net::Hello>(&m)) {
                p->helloName = h->name;
                // As Accounts would: a registered name joins only signed in, a guest name never is.
                const bool registered = m_accounts.registered(net::nameKey(h->name));
                if (registered && !m_signIn) return;
                m_witness.helloStarting(h->resumeToken, registered);
                const auto code = m_room.hello(p, *h, registered);
                if (code == net::ErrorCode::None) m_tokens[p->membership.key] = p->membership.token;
                else if (net::isFatal(code)) close(slot, net::LeaveReason::Kicked);
                return;
            }
            if (std::holds_alternative<net::Ping>(m) || std::holds_alternative<net::Pong>(m)) return;
            return close(slot, net::LeaveReason::Kicked); // Bye, or HelloRequired
        }
        if (auto* say = std::get_if<net::Say>(&m)) {
            say->clientId = m_witness.recordSent({false, p->membership.name, p->ip(), say->text, {}});
            return m_room.say(p, std::move(*say));
        }
        if (auto* w = std::get_if<net::Whisper>(&m)) {
            w->clientId =
                m_witness.recordSent({true, p->membership.name, p->ip(), w->text, net::nameKey(w->to)});
            return m_room.whisper(p, std::move(*w));
        }
        if (auto* h = std::get_if<net::HistoryRequest>(&m)) {
            m_room.history(*p, *h);
            return;
        }
        if (std::holds_alternative<net::UsersRequest>(m)) return m_room.users(*p);
        if (std::holds_alternative<net::Bye>(m)) return close(slot, net::LeaveReason::Bye);
        // Hello again (AlreadyJoined), Ping, Pong, server-to-client types: the Session answers, the Room is
        // not told.
    }

    asio::io_context m_io;
    server::Options m_options;
    server::Storage& m_storage;
    server::AccountStore m_accounts;
    server::Status m_status;
    server::Room m_room;
    fuzz::RoomWitness m_witness;
    std::vector<std::shared_ptr<FakeParticipant>> m_slots;
    std::vector<std::shared_ptr<FakeParticipant>> m_ghosts;
    bool m_signIn = false;
    std::map<std::string, net::Token> m_tokens; // by name key: the last resume token handed out
    unsigned m_counter = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static ReusedStorage database; // libFuzzer gives the entry point no context to hold it
    Script script(data, size);
    Harness harness(script.byte(), database.fresh());
    harness.run(script);
    return 0;
}
