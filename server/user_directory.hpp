#pragma once
// The names online, sorted by byte value, kept in chunks of a few KiB, each with its Users frames encoded
// once: a newcomer's user list is a handful of shared frames, and a join re-encodes only the chunk it
// lands in. Sorting and encoding the whole list for each newcomer made a storm of 10,000 joins cost
// N^2 log N comparisons (bench/README.md, join_10000).
//
// Single-threaded: used only from the io_context thread.
#include <cstddef>
#include <string_view>
#include <vector>

#include "server/participant.hpp"

namespace server {

class UserDirectory {
public:
    /// Adds a name; it must stay valid until remove() (the Participant's own membership.name).
    void add(std::string_view name);
    /// Removes a name added before; harmless if it is not there.
    void remove(std::string_view name);
    /// Names held (a sum over the chunks: a handful).
    std::size_t size() const;

    /// The whole list for a version 2 client: UsersPart frames, then a Users, their names concatenated in
    /// order (PROTOCOL.md, Users). Shared frames, encoded once per change of their chunk.
    void deliverTo(Participant& p);
    /// A version 1 client knows no UsersPart: one Users with the first names that fit a frame.
    Frame firstFrame() const;
    /// Every name, in order (tests and checks).
    std::vector<std::string_view> names() const;

    /// A chunk is split past this many bytes of encoded names, so a change re-encodes at most this much.
    static constexpr std::size_t kSplitBytes = 16 * 1024;

private:
    struct Chunk {
        std::vector<std::string_view> names;
        std::size_t bytes = 0; // encoded: a 2-byte length and the bytes of each name
        Frame part, last;      // as UsersPart, as the closing Users; null until asked for after a change
    };
    /// The chunk that holds, or would hold, name.
    std::vector<Chunk>::iterator chunkFor(std::string_view name);
    static Frame encode(const Chunk& chunk, bool last);

    std::vector<Chunk> m_chunks;
};

} // namespace server
