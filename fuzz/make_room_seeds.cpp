// Writes the seed corpus of the room fuzz target: short scripts (fuzz/room_script.hpp) that reach each path
// of the Room once: joins and replays, public and private messages, mailboxes, takeover, slow readers, raw
// frames. Regenerate (rarely needed) with:
//   g++ -std=c++20 -I. fuzz/make_room_seeds.cpp net/codec.cpp net/utf8.cpp -o /tmp/room-seeds
//   /tmp/room-seeds fuzz/corpus/room
#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "fuzz/room_script.hpp"
#include "net/codec.hpp"

using fuzz::Op;

namespace {

/// Builds one script: a config byte, then operations.
class Writer {
public:
    explicit Writer(std::uint8_t config) { m_bytes.push_back(static_cast<char>(config)); }
    Writer& op(std::size_t slot, Op op, std::initializer_list<std::uint8_t> args = {}) {
        m_bytes.push_back(static_cast<char>(fuzz::control(slot, op)));
        for (auto a : args) m_bytes.push_back(static_cast<char>(a));
        return *this;
    }
    /// Joins as kNames[name] with no resume state.
    Writer& hello(std::size_t slot, std::uint8_t name) { return op(slot, Op::Hello, {name, 0, 0}); }
    /// A raw frame: m's payload (the frame without its length prefix).
    Writer& frame(std::size_t slot, const net::Message& m) {
        const std::string payload = net::encode(m).substr(4);
        op(slot, Op::Frame,
           {static_cast<std::uint8_t>(payload.size()), static_cast<std::uint8_t>(payload.size() >> 8)});
        m_bytes += payload;
        return *this;
    }
    Writer& commit() { return op(0, Op::Commit); }
    const std::string& bytes() const { return m_bytes; }

private:
    std::string m_bytes;
};

constexpr std::uint8_t kAlice = 0, kAliceCase = 1, kBob = 2, kCarol = 4, kZhang = 5, kBadName = 7;
constexpr std::uint8_t kWideAlice = 10, kCyrillicAlice = 11, kZoeDecomposed = 12, kZoe = 13, kInvisible = 14;
constexpr std::uint8_t kWithToken = 0x80;
constexpr std::uint8_t kCounted = 7; // text choice: a fresh numbered message

std::vector<std::pair<std::string, std::string>> seeds() {
    std::vector<std::pair<std::string, std::string>> out;
    Writer chat(0x03);
    chat.hello(0, kAlice).hello(1, kBob).commit();
    for (int i = 0; i < 6; ++i) chat.op(i % 2, Op::Say, {kCounted});
    chat.commit().op(0, Op::Say, {2}).op(0, Op::Say, {3}).op(0, Op::Say, {4}).commit();
    chat.hello(2, kCarol).op(2, Op::History, {0, 10}).op(2, Op::History, {4, 2}).op(2, Op::Users).commit();
    out.emplace_back("join_chat_history", chat.bytes());

    Writer priv(0x02);
    priv.hello(0, kAlice).hello(1, kBob).hello(2, kCarol).commit();
    priv.op(0, Op::Whisper, {3, kCounted})
        .op(1, Op::Whisper, {1, kCounted})
        .op(0, Op::Whisper, {kZhang, kCounted});
    priv.op(0, Op::Whisper, {0, kCounted}).op(0, Op::Whisper, {kBadName, kCounted}).commit();
    priv.hello(3, kZhang).commit().op(3, Op::Close, {1}).op(3, Op::Hello, {kZhang, 0, 2}).commit();
    out.emplace_back("private_mailbox", priv.bytes());

    Writer takeover(0x05);
    takeover.hello(0, kAlice).hello(1, kBob).commit().op(0, Op::Say, {kCounted}).op(0, Op::Abandon);
    takeover.hello(2, kAliceCase).op(0, Op::Hello, {kAlice | kWithToken, 1, 0}).commit();
    takeover.op(0, Op::Say, {kCounted})
        .op(1, Op::Abandon)
        .op(0, Op::GhostTimeout)
        .op(0, Op::GhostTimeout)
        .commit();
    out.emplace_back("takeover_ghost", takeover.bytes());

    Writer slow(0x0A);
    slow.hello(0, kAlice).hello(1, kBob).hello(2, kCarol).commit().op(1, Op::Slow);
    for (int i = 0; i < 4; ++i) slow.op(0, Op::Say, {6});
    slow.op(2, Op::Whisper, {2, kCounted}).commit().commit().hello(1, kBob).commit();
    out.emplace_back("slow_reader", slow.bytes());

    Writer raw(0x01);
    raw.frame(0, net::Hello{net::kProtocolVersion, "alice", 0, 0, {}}).frame(1, net::Say{1, "too early"});
    raw.frame(1, net::Hello{2, "bob", 0, 0, {}}).frame(2, net::Hello{net::kProtocolVersion, "bob", 0, 0, {}});
    raw.frame(0, net::Say{9, "raw hello"}).frame(0, net::Whisper{3, "BOB", "raw psst"});
    raw.frame(0, net::HistoryRequest{0, 500}).frame(0, net::Chat{1, 2, "mallory", "6.6.6.6", 3, "forged"});
    raw.frame(0, net::Hello{net::kProtocolVersion, "again", 0, 0, {}}).frame(2, net::Bye{"bye"}).commit();
    out.emplace_back("raw_frames", raw.bytes());

    Writer resume(0x13);
    resume.hello(0, kAlice).commit();
    for (int i = 0; i < 12; ++i) resume.op(0, Op::Say, {static_cast<std::uint8_t>(i % 2 ? kCounted : 6)});
    resume.commit()
        .op(0, Op::Close, {0})
        .op(0, Op::Hello, {kAlice, 3, 0})
        .op(1, Op::Hello, {kBob, 0, 0})
        .commit();
    out.emplace_back("resume_small_limits", resume.bytes());

    Writer alike(0x02);
    alike.hello(0, kAlice)
        .hello(1, kWideAlice)
        .hello(1, kCyrillicAlice)
        .hello(1, kInvisible)
        .hello(1, kZoeDecomposed);
    alike.hello(2, kZoe).hello(2, kBob).commit();
    alike.op(1, Op::Whisper, {kWideAlice, kCounted}).op(2, Op::Whisper, {kCyrillicAlice, kCounted});
    alike.op(0, Op::Whisper, {kZoe, kCounted}).op(0, Op::Whisper, {kInvisible, kCounted});
    alike.op(0, Op::Say, {5 | 8}).op(0, Op::Whisper, {kBob, 5 | 8}).commit();
    alike.op(0, Op::Close, {0}).op(2, Op::Whisper, {kWideAlice, kCounted}).commit();
    alike.op(0, Op::Hello, {kCyrillicAlice, 0, 0}).op(3, Op::Hello, {kZoe | kWithToken, 0, 0}).commit();
    out.emplace_back("look_alike_names", alike.bytes());
    return out;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <output directory>\n", argv[0]);
        return 2;
    }
    for (const auto& [name, bytes] : seeds()) {
        std::ofstream f(std::string(argv[1]) + "/" + name, std::ios::binary);
        f << bytes;
        if (!f) {
            std::fprintf(stderr, "cannot write %s\n", name.c_str());
            return 1;
        }
    }
    return 0;
}
