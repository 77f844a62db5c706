#include "server/user_directory.hpp"

#include <algorithm>
#include <iterator>
#include <string>

#include "server/frame.hpp"

namespace server {

namespace {
std::size_t encodedSize(std::string_view name) { return 2 + name.size(); }
} // namespace

std::vector<UserDirectory::Chunk>::iterator UserDirectory::chunkFor(std::string_view name) {
    // The first chunk whose last name is not below name; past every chunk, the last one.
    auto it = std::partition_point(m_chunks.begin(), m_chunks.end(),
                                   [&](const Chunk& c) { return c.names.back() < name; });
    return it == m_chunks.end() && !m_chunks.empty() ? std::prev(it) : it;
}

void UserDirectory::add(std::string_view name) {
    if (m_chunks.empty()) return m_chunks.push_back({{name}, encodedSize(name), nullptr, nullptr});
    auto chunk = chunkFor(name);
    auto& names = chunk->names;
    names.insert(std::lower_bound(names.begin(), names.end(), name), name);
    chunk->bytes += encodedSize(name);
    chunk->part.reset();
    chunk->last.reset();
    if (chunk->bytes <= kSplitBytes) return;
    // Split in two halves by bytes: each re-encodes half as much from now on.
    Chunk upper;
    std::size_t keep = 0, at = 0;
    while (at < names.size() && keep + encodedSize(names[at]) <= chunk->bytes / 2)
        keep += encodedSize(names[at++]);
    if (at == 0) keep += encodedSize(names[at++]); // a first name longer than half: it stays, alone
    upper.names.assign(names.begin() + static_cast<std::ptrdiff_t>(at), names.end());
    upper.bytes = chunk->bytes - keep;
    names.resize(at);
    chunk->bytes = keep;
    m_chunks.insert(std::next(chunk), std::move(upper));
}

void UserDirectory::remove(std::string_view name) {
    if (m_chunks.empty()) return;
    const auto chunk = chunkFor(name);
    auto& names = chunk->names;
    const auto it = std::lower_bound(names.begin(), names.end(), name);
    if (it == names.end() || *it != name) return;
    names.erase(it);
    chunk->bytes -= encodedSize(name);
    chunk->part.reset();
    chunk->last.reset();
    if (names.empty()) {
        m_chunks.erase(chunk);
        return;
    }
    // Two neighbours that fit in one are joined, so churn cannot leave a list of many tiny chunks.
    const auto next = std::next(chunk);
    if (next != m_chunks.end() && chunk->bytes + next->bytes <= kSplitBytes / 2) {
        names.insert(names.end(), next->names.begin(), next->names.end());
        chunk->bytes += next->bytes;
        m_chunks.erase(next);
    }
}

Frame UserDirectory::encode(const Chunk& chunk, bool last) {
    std::vector<std::string> names(chunk.names.begin(), chunk.names.end());
    const std::size_t size = 4 + 1 + 2 + chunk.bytes;
    return last ? makeFrame(net::Users{std::move(names)}, size)
                : makeFrame(net::UsersPart{std::move(names)}, size);
}

void UserDirectory::deliverTo(Participant& p) {
    if (m_chunks.empty()) return p.deliver(makeFrame(net::Users{}));
    for (auto it = m_chunks.begin(); it != m_chunks.end(); ++it) {
        const bool last = std::next(it) == m_chunks.end();
        Frame& frame = last ? it->last : it->part;
        if (!frame) frame = encode(*it, last);
        p.deliver(frame);
    }
}

Frame UserDirectory::firstFrame() const {
    net::Users users;
    std::size_t bytes = 1 + 2;
    for (const Chunk& c : m_chunks) {
        for (std::string_view n : c.names) {
            if (bytes + encodedSize(n) > net::kMaxFrameBytes) return makeFrame(users);
            bytes += encodedSize(n);
            users.names.emplace_back(n);
        }
    }
    return makeFrame(users);
}

std::size_t UserDirectory::size() const {
    std::size_t n = 0;
    for (const Chunk& c : m_chunks) n += c.names.size();
    return n;
}

std::vector<std::string_view> UserDirectory::names() const {
    std::vector<std::string_view> all;
    all.reserve(size());
    for (const Chunk& c : m_chunks) all.insert(all.end(), c.names.begin(), c.names.end());
    return all;
}

} // namespace server
