#include "app/model/text_store.hpp"

#include <cstring>

namespace app {

TextRef TextArena::add(std::string_view text) {
    if (text.empty()) return {};
    if (m_blocks.empty() || m_blocks.back().size - m_blocks.back().used < text.size()) {
        // A text larger than a block (possible only with a raised server limit) gets a block of its own.
        const std::size_t size = text.size() > kBlockSize ? text.size() : kBlockSize;
        m_blocks.push_back({std::make_unique<char[]>(size), 0, size});
    }
    Block& b = m_blocks.back();
    std::memcpy(b.data.get() + b.used, text.data(), text.size());
    const TextRef ref{(std::uint64_t(m_blocks.size() - 1) << 32) | b.used,
                      static_cast<std::uint32_t>(text.size())};
    b.used += text.size();
    return ref;
}

std::string_view TextArena::get(TextRef ref) const {
    if (ref.size == 0) return {};
    const Block& b = m_blocks[ref.offset >> 32];
    return {b.data.get() + (ref.offset & 0xFFFFFFFFu), ref.size};
}

std::size_t TextArena::capacityBytes() const {
    std::size_t n = 0;
    for (const Block& b : m_blocks) n += b.size;
    return n;
}

void TextArena::clear() { m_blocks.clear(); }

StringPool::StringPool() { m_strings.emplace_back(); }

std::uint32_t StringPool::intern(std::string_view s) {
    if (s.empty()) return 0;
    if (auto it = m_ids.find(s); it != m_ids.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(m_strings.size());
    m_strings.emplace_back(s);
    m_ids.emplace(m_strings.back(), id);
    return id;
}

} // namespace app
