#include "app/model/transcript.hpp"

#include "app/model/clock.hpp"

namespace app {

void appendEntryText(const ChatModel& model, const Entry& e, bool withStamp, std::string& out) {
    const bool message = isMessage(e);
    if (withStamp && message) {
        char stamp[40];
        out.append(stamp, formatStamp(e.timeMs, stamp, sizeof stamp));
        out += ' ';
        out += model.ip(e);
        out += " - ";
        out += model.name(e);
        out += '\n';
    }
    out += model.text(e);
}

std::string transcriptText(const ChatModel& model, std::size_t conv, std::size_t first, std::size_t last) {
    std::string out;
    const Conversation& c = model.conversation(conv);
    for (std::size_t i = first; i <= last && i < c.size(); ++i) {
        appendEntryText(model, c[i], true, out);
        out += '\n';
    }
    return out;
}

std::string selectionText(const ChatModel& model, std::size_t conv, std::size_t first, std::size_t last) {
    if (first != last) return transcriptText(model, conv, first, last);
    std::string text;
    const Conversation& c = model.conversation(conv);
    if (first < c.size()) appendEntryText(model, c[first], false, text);
    return text;
}

std::string transcriptText(const ChatModel& model, std::size_t conv) {
    const Conversation& c = model.conversation(conv);
    return c.empty() ? std::string() : transcriptText(model, conv, 0, c.size() - 1);
}

} // namespace app
