#include "app/model/day_divider.hpp"

#include <ctime>

namespace app {

std::int64_t LocalDays::day(std::uint64_t utcMs) {
    const auto t = static_cast<std::int64_t>(utcMs / 1000);
    if (t >= m_start && t < m_end) return m_day;
    const auto seconds = static_cast<std::time_t>(t);
    std::tm local{};
    localtime_r(&seconds, &local);
    m_day = (local.tm_year + 1900) * 10000LL + (local.tm_mon + 1) * 100LL + local.tm_mday;
    // The day's bounds through mktime, which knows about daylight saving (a day may have 23 or 25 hours).
    std::tm midnight = local;
    midnight.tm_hour = midnight.tm_min = midnight.tm_sec = 0;
    midnight.tm_isdst = -1;
    std::tm next = midnight;
    next.tm_mday += 1;
    m_start = static_cast<std::int64_t>(std::mktime(&midnight));
    m_end = static_cast<std::int64_t>(std::mktime(&next));
    if (!(t >= m_start && t < m_end)) m_start = m_end = t; // an odd zone: cache nothing rather than lie
    return m_day;
}

bool startsDay(const Conversation& c, std::size_t i, LocalDays& days) {
    if (i == 0 || i >= c.size()) return false;
    const Entry& e = c[i];
    const Entry& prev = c[i - 1];
    if (e.timeMs == 0 || prev.timeMs == 0) return false;
    return days.day(e.timeMs) != days.day(prev.timeMs);
}

std::string dayDividerText(std::uint64_t utcMs) {
    const auto seconds = static_cast<std::time_t>(utcMs / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    char date[16];
    const std::size_t n = std::strftime(date, sizeof date, "%Y-%m-%d", &local);
    return "\u2014 " + std::string(date, n) + " \u2014";
}

} // namespace app
