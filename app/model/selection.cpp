#include "app/model/selection.hpp"

#include <algorithm>

namespace app {
namespace {

std::int64_t stableId(const Conversation& c, std::size_t i) {
    return static_cast<std::int64_t>(i) - static_cast<std::int64_t>(c.frontPushes());
}

} // namespace

void Selection::click(std::size_t conv, const Conversation& c, std::size_t i, bool shift) {
    if (i >= c.size()) return;
    const std::int64_t id = stableId(c, i);
    if (!shift || m_conv != conv || m_epoch != c.epoch()) m_anchor = id;
    m_conv = conv;
    m_epoch = c.epoch();
    m_focus = id;
}

std::optional<std::pair<std::size_t, std::size_t>> Selection::range(std::size_t conv,
                                                                    const Conversation& c) const {
    if (m_conv != conv || m_epoch != c.epoch()) return std::nullopt;
    const auto front = static_cast<std::int64_t>(c.frontPushes());
    const std::int64_t first = std::min(m_anchor, m_focus) + front;
    const std::int64_t last = std::max(m_anchor, m_focus) + front;
    if (first < 0 || last >= static_cast<std::int64_t>(c.size())) return std::nullopt;
    return std::make_pair(static_cast<std::size_t>(first), static_cast<std::size_t>(last));
}

bool Selection::contains(std::size_t conv, const Conversation& c, std::size_t i) const {
    const auto r = range(conv, c);
    return r && i >= r->first && i <= r->second;
}

} // namespace app
