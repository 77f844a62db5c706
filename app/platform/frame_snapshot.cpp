#include "app/platform/frame_snapshot.hpp"

#include <cstdint>
#include <cstring>

#include <imgui.h>

namespace app {
namespace {

// resize + memcpy, not insert(end, first, last): GCC 12 at -O3 inlines insert's reallocating path into
// snapshotFrame and reports a false -Wstringop-overflow/-Warray-bounds there (its copy of the old
// elements, zero bytes after clear(), taken for an overflow of the new 12-byte block).
template <typename T>
void append(std::vector<unsigned char>& out, const T* data, std::size_t count) {
    const std::size_t at = out.size();
    const std::size_t bytes = count * sizeof(T);
    out.resize(at + bytes);
    if (bytes != 0) std::memcpy(out.data() + at, data, bytes);
}

} // namespace

void snapshotFrame(const ImDrawData& drawData, int framebufferWidth, int framebufferHeight,
                   std::vector<unsigned char>& out) {
    out.clear(); // keeps the capacity: after the first frames no allocation
    const int header[] = {framebufferWidth, framebufferHeight, drawData.CmdListsCount};
    append(out, header, 3);
    for (int i = 0; i < drawData.CmdListsCount; ++i) {
        const ImDrawList& list = *drawData.CmdLists[i];
        const std::uint64_t sizes[] = {static_cast<std::uint64_t>(list.VtxBuffer.Size),
                                       static_cast<std::uint64_t>(list.IdxBuffer.Size),
                                       static_cast<std::uint64_t>(list.CmdBuffer.Size)};
        append(out, sizes, 3);
        append(out, list.VtxBuffer.Data, static_cast<std::size_t>(list.VtxBuffer.Size));
        append(out, list.IdxBuffer.Data, static_cast<std::size_t>(list.IdxBuffer.Size));
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            const std::uint64_t fields[] = {reinterpret_cast<std::uintptr_t>(cmd.TextureId), cmd.VtxOffset,
                                            cmd.IdxOffset, cmd.ElemCount};
            append(out, &cmd.ClipRect, 1);
            append(out, fields, 4);
        }
    }
}

} // namespace app
