#pragma once
// Compact storage for a million messages: texts packed into 1 MiB blocks (no per-message allocation,
// no reallocation copies as it grows) and names/IPs interned once (a user's name is stored once, not per
// message).
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace app {

/// Where a text lives in a TextArena: block index in the high 32 bits of offset, position in the low.
struct TextRef {
    std::uint64_t offset = 0;
    std::uint32_t size = 0;
};

class TextArena {
public:
    /// Copies text in; texts larger than a block get a block of their own.
    TextRef add(std::string_view text);
    /// The stored text (valid as long as the arena lives).
    std::string_view get(TextRef ref) const;
    /// Bytes reserved by the blocks.
    std::size_t capacityBytes() const;
    /// Drops every text.
    void clear();

private:
    static constexpr std::size_t kBlockSize = std::size_t(1) << 20;
    struct Block {
        std::unique_ptr<char[]> data;
        std::size_t used = 0;
        std::size_t size = 0;
    };
    std::vector<Block> m_blocks;
};

/// Interned strings: id 0 is the empty string.
class StringPool {
public:
    StringPool();
    /// The id of s, adding it when new.
    std::uint32_t intern(std::string_view s);
    /// The string of an id.
    std::string_view get(std::uint32_t id) const { return m_strings[id]; }
    /// Number of distinct strings.
    std::size_t size() const { return m_strings.size(); }

private:
    std::deque<std::string> m_strings; // a deque never moves its elements, so the views below stay valid
    std::unordered_map<std::string_view, std::uint32_t> m_ids;
};

} // namespace app
