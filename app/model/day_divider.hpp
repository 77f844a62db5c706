#pragma once
// "— 2026-11-25 —" dividers where the local date changes between two entries. An entry starts a new day
// when the entry before it is dated another local day (the first entry, and entries with no time, never
// do). Converting a time to a local day costs a localtime call only when it leaves the cached day, so
// laying out a million messages stays cheap.
#include <cstdint>
#include <string>

#include "app/model/conversation.hpp"

namespace app {

class LocalDays {
public:
    /// A number naming the local calendar day of UTC milliseconds (equal for the same day).
    std::int64_t day(std::uint64_t utcMs);

private:
    std::int64_t m_start = 1; // [m_start, m_end) in UTC seconds is local day m_day; empty at first
    std::int64_t m_end = 0;
    std::int64_t m_day = 0;
};

/// Whether entry i of c is the first of a new local day.
bool startsDay(const Conversation& c, std::size_t i, LocalDays& days);

/// "— YYYY-mm-dd —" for the local date of UTC milliseconds.
std::string dayDividerText(std::uint64_t utcMs);

} // namespace app
