#pragma once
// Big-endian primitives of the wire format. Reader never reads past its end: every get reports failure.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "net/messages.hpp"

namespace net::wire {

class Writer {
public:
    explicit Writer(std::string& out) : m_out(out) {}
    void u8(std::uint8_t v) { m_out.push_back(static_cast<char>(v)); }
    void u16(std::uint16_t v) { put(v, 2); }
    void u32(std::uint32_t v) { put(v, 4); }
    void u64(std::uint64_t v) { put(v, 8); }
    /// u16 byte length, then the bytes; callers keep strings within the frame limit.
    void str(std::string_view s) {
        u16(static_cast<std::uint16_t>(s.size()));
        m_out.append(s.data(), s.size());
    }
    void token(const Token& t) { m_out.append(reinterpret_cast<const char*>(t.data()), t.size()); }

private:
    void put(std::uint64_t v, int bytes) {
        for (int i = bytes - 1; i >= 0; --i) m_out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
    }
    std::string& m_out;
};

class Reader {
public:
    explicit Reader(std::string_view in) : m_in(in) {}
    bool u8(std::uint8_t& v) { return get(v, 1); }
    bool u16(std::uint16_t& v) { return get(v, 2); }
    bool u32(std::uint32_t& v) { return get(v, 4); }
    bool u64(std::uint64_t& v) { return get(v, 8); }
    bool str(std::string& s) {
        std::uint16_t n = 0;
        if (!u16(n) || m_in.size() - m_pos < n) return false;
        s.assign(m_in.data() + m_pos, n);
        m_pos += n;
        return true;
    }
    bool token(Token& t) {
        if (m_in.size() - m_pos < t.size()) return false;
        std::memcpy(t.data(), m_in.data() + m_pos, t.size());
        m_pos += t.size();
        return true;
    }
    bool atEnd() const { return m_pos == m_in.size(); }
    /// Skips whatever is left.
    void skipRest() { m_pos = m_in.size(); }
    std::size_t remaining() const { return m_in.size() - m_pos; }

private:
    template <typename T>
    bool get(T& v, std::size_t bytes) {
        if (m_in.size() - m_pos < bytes) return false;
        std::uint64_t acc = 0;
        for (std::size_t i = 0; i < bytes; ++i)
            acc = (acc << 8) | static_cast<unsigned char>(m_in[m_pos + i]);
        m_pos += bytes;
        v = static_cast<T>(acc);
        return true;
    }
    std::string_view m_in;
    std::size_t m_pos = 0;
};

} // namespace net::wire
