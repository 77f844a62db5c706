#include "app/frame_fingerprint.hpp"

#include <cstring>

#include <imgui.h>

namespace app {
namespace {

/// Word-at-a-time mixing (a multiply-xorshift step per 8 bytes): a large frame's ~1 MB of vertices in well
/// under a millisecond, against several milliseconds to render them.
class Mixer {
public:
    void bytes(const void* data, std::size_t size) {
        const auto* p = static_cast<const unsigned char*>(data);
        for (; size >= 8; p += 8, size -= 8) {
            std::uint64_t word = 0;
            std::memcpy(&word, p, 8);
            mix(word);
        }
        std::uint64_t tail = 0;
        std::memcpy(&tail, p, size);
        mix(tail ^ (static_cast<std::uint64_t>(size) << 56));
    }
    void value(std::uint64_t v) { mix(v); }
    std::uint64_t result() const { return m_state ^ (m_state >> 29); }

private:
    void mix(std::uint64_t word) {
        m_state = (m_state ^ word) * 0x9E3779B97F4A7C15ull;
        m_state ^= m_state >> 32;
    }
    std::uint64_t m_state = 0xCBF29CE484222325ull;
};

} // namespace

std::uint64_t frameFingerprint(const ImDrawData& drawData, int framebufferWidth, int framebufferHeight) {
    Mixer m;
    m.value(static_cast<std::uint64_t>(framebufferWidth) << 32 | static_cast<std::uint32_t>(framebufferHeight));
    m.value(static_cast<std::uint64_t>(drawData.CmdListsCount));
    for (int i = 0; i < drawData.CmdListsCount; ++i) {
        const ImDrawList& list = *drawData.CmdLists[i];
        m.bytes(list.VtxBuffer.Data, static_cast<std::size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert));
        m.bytes(list.IdxBuffer.Data, static_cast<std::size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            m.bytes(&cmd.ClipRect, sizeof cmd.ClipRect);
            m.value(static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(cmd.TextureId)));
            m.value(static_cast<std::uint64_t>(cmd.VtxOffset) << 32 | cmd.IdxOffset);
            m.value(cmd.ElemCount);
        }
    }
    return m.result();
}

} // namespace app
