#include "app/entry_view.hpp"

#include <cfloat>

#include "app/clock.hpp"
#include "app/entry_measure.hpp"

namespace app {

float EntryPainter::textAt(ImVec2 pos, ImU32 colour, std::string_view text) const {
    const char* begin = text.data();
    const char* end = begin + text.size();
    drawList.AddText(&font, font.FontSize, pos, colour, begin, end);
    return font.CalcTextSizeA(font.FontSize, FLT_MAX, 0.0f, begin, end).x;
}

void EntryPainter::draw(const Entry& e, ImVec2 pos, float width) const {
    const std::string_view text = model.text(e);
    ImU32 colour = theme.text;
    switch (e.kind) {
    case EntryKind::Notice: colour = theme.notice; break;
    case EntryKind::Separator: colour = theme.separator; break;
    case EntryKind::Prompt: colour = theme.prompt; break;
    case EntryKind::Private: colour = theme.privateText; break;
    case EntryKind::Chat: break;
    }
    if (fixedLines(e) > 0) {
        char stamp[40];
        const std::size_t n = formatStamp(e.timeMs, stamp, sizeof stamp);
        float x = pos.x;
        x += textAt({x, pos.y}, theme.stamp, std::string_view(stamp, n));
        x += textAt({x, pos.y}, theme.stamp, " ");
        x += textAt({x, pos.y}, theme.stamp, model.ip(e));
        x += textAt({x, pos.y}, theme.stamp, " - ");
        const bool mine = (e.flags & kEntryFromMe) != 0;
        x += textAt({x, pos.y}, mine ? theme.myName : theme.name, model.name(e));
        if (e.kind == EntryKind::Private) {
            const Strings& s = strings(model.lang());
            const std::string label =
                "  [" + format(mine ? s.privateTo : s.privateFrom, std::string(mine ? peer : model.name(e)).c_str()) + "]";
            textAt({x, pos.y}, theme.privateLabel, label);
        }
        pos.y += font.FontSize;
    }
    scratch.clear();
    wrapEntryText(text, width, font, scratch);
    for (const LineSpan& line : scratch) {
        textAt(pos, colour, text.substr(line.begin, line.end - line.begin));
        pos.y += font.FontSize;
    }
}

} // namespace app
