#pragma once
// The right-click menu of a scrollback entry: retry a refused message of ours, copy its text, copy it with
// its stamp line, copy the selected messages, copy the whole conversation, save it as a transcript, open or
// copy a link.
#include <cstddef>

#include "app/text/i18n.hpp"

namespace app {

/// What the user picked in the scrollback (menu, click on a link).
enum class EntryAction {
    None,
    CopyText,
    CopyWithStamp,
    CopySelected,
    CopyAll,
    SaveTranscript,
    OpenLink,
    CopyLink,
    Retry,     // send a refused message of ours again
    Reply,     // answer the message
    GoToQuote, // a click on a reply's quote line: show the message it answers
};

/// The popup's ImGui id (opened by the scrollback on a right click).
inline constexpr const char* kEntryMenuId = "##entrymenu";

/// Draws the popup when it is open; returns the choice. onLink: the click was on a link; selected: how
/// many messages are selected; failed: the entry is a message of ours the server refused; canReply: it is
/// a stored message.
EntryAction drawEntryMenu(const Strings& s, bool onLink, std::size_t selected, bool failed, bool canReply);

} // namespace app
