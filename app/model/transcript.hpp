#pragma once
// Conversation text for the clipboard and for transcript files, in the lab's form: a message is its
// "[YYYY-mm-dd HH:MM:SS] IP - name" stamp line then its text; notices are their text alone.
#include <cstddef>
#include <string>

#include "app/model/chat_model.hpp"

namespace app {

/// Appends entry e: its text, preceded by the stamp line when withStamp and e is a message.
void appendEntryText(const ChatModel& model, const Entry& e, bool withStamp, std::string& out);

/// Entries [first, last] of conversation conv, one after another, each ending with a newline.
std::string transcriptText(const ChatModel& model, std::size_t conv, std::size_t first, std::size_t last);

/// What Ctrl+C copies for the selected entries [first, last]: one message as its text alone, several as a
/// piece of transcript (who said what, when).
std::string selectionText(const ChatModel& model, std::size_t conv, std::size_t first, std::size_t last);

/// The whole conversation conv as a transcript ("" when it is empty).
std::string transcriptText(const ChatModel& model, std::size_t conv);

} // namespace app
