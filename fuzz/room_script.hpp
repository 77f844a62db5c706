#pragma once
// The room fuzzer's input language, shared by the target and its seed generator. An input is one config byte
// (optionsFrom) and then operations: a control byte slot + kSlots * Op, followed by the operation's argument
// bytes (see Harness::step in room_fuzz.cpp). Past the end every read yields 0, so any input is a script.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fuzz {

/// Connections driven at once (each slot holds the slot's current connection).
constexpr std::size_t kSlots = 8;

/// Names the structured Hello and Whisper pick from: case, width, script and NFC variants collide (NameTaken,
/// takeover, one mailbox): "alice", "Alice", full-width "ａlice" and Cyrillic "аlice"; "Zoë" decomposed and
/// composed. Invalid: " lead", "", 65 bytes, a zero width space inside, a Hangul filler alone.
inline const std::vector<std::string> kNames = {
    "alice",      "Alice",      "bob",       "BOB",      "carol",
    "张三",       "z",          " lead",     "",         std::string(65, 'n'),
    "\uFF41lice", "\u0430lice", "Zoe\u0308", "Zo\u00EB", "ali\u200Bce",
    "\u3164"};

/// Arguments in brackets, one byte each unless said otherwise.
enum class Op : std::uint8_t {
    Frame,        // [len low] [len high nibble] payload: decoded with net::decodePayload
    Hello,        // [name index | 0x80: with the last token given for that name] [lastSeq] [lastPrivateSeq]
    Say,          // [text choice]
    Whisper,      // [name index] [text choice]
    History,      // [beforeSeq] [maxCount]
    Users,        //
    Close,        // [leave reason]: the connection ends, the slot gets a fresh one
    Abandon,      // the client vanishes without a FIN: its session stays in the room as a ghost
    Commit,       // runs the event loop: the pending burst is committed and delivered
    Slow,         // the connection fails on its next delivery, as a slow reader does
    GhostTimeout, // the oldest ghost times out
    Count,
};

/// The control byte of one operation.
constexpr std::uint8_t control(std::size_t slot, Op op) {
    return static_cast<std::uint8_t>(slot % kSlots + kSlots * static_cast<std::size_t>(op));
}

/// Reads the fuzzer's bytes; past the end it yields zeros, so every input is a complete script.
class Script {
public:
    Script(const std::uint8_t* data, std::size_t size) : m_data(data), m_size(size) {}
    bool done() const { return m_pos >= m_size; }
    std::uint8_t byte() { return m_pos < m_size ? m_data[m_pos++] : 0; }
    std::string_view bytes(std::size_t n) {
        n = std::min(n, m_size - m_pos);
        const std::string_view out(reinterpret_cast<const char*>(m_data + m_pos), n);
        m_pos += n;
        return out;
    }

private:
    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_pos = 0;
};

} // namespace fuzz
