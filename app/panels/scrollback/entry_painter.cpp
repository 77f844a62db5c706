#include "app/panels/scrollback/entry_painter.hpp"

#include <algorithm>
#include <cfloat>
#include <cstdio>

#include "app/model/clock.hpp"
#include "app/model/day_divider.hpp"
#include "app/panels/scrollback/font_measure.hpp"
#include "app/text/link_finder.hpp"
#include "app/text/mention.hpp"

namespace app {
namespace {

ImU32 withAlpha(ImU32 colour, unsigned alpha) {
    return (colour & ~IM_COL32_A_MASK) | (alpha << IM_COL32_A_SHIFT);
}

} // namespace

EntryPainter::EntryPainter(ImDrawList& drawList, const ImFont& font, const ChatModel& model,
                           const EntryStyle& style, std::string_view peer, PaintScratch& scratch)
    : m_drawList(drawList), m_font(font), m_model(model), m_style(style), m_theme(*style.theme), m_peer(peer),
      m_scratch(scratch) {
    if (m_scratch.coloursDark != m_theme.dark) {
        m_scratch.nameColours.clear();
        m_scratch.coloursDark = m_theme.dark;
    }
}

float EntryPainter::advance(std::string_view text) const {
    if (text.empty()) return 0.0f; // no data pointer: ImGui would take a null end as "up to the NUL"
    return m_font.CalcTextSizeA(m_font.FontSize, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

float EntryPainter::textAt(ImVec2 pos, ImU32 colour, std::string_view text) const {
    // An empty text (an empty message from a server that allows it) has no data pointer, and ImGui reads a
    // null end as "up to the NUL": strlen(nullptr).
    if (text.empty()) return 0.0f;
    m_drawList.AddText(&m_font, m_font.FontSize, pos, colour, text.data(), text.data() + text.size());
    return advance(text);
}

ImU32 EntryPainter::nameColour(const Entry& e) const {
    if (e.flags & kEntryFromMe) return m_theme.myName;
    std::vector<ImU32>& cache = m_scratch.nameColours;
    if (e.nameId >= cache.size()) cache.resize(e.nameId + 1, 0);
    if (cache[e.nameId] == 0) {
        const Rgb c = app::nameColour(m_model.name(e), m_theme.background);
        cache[e.nameId] = IM_COL32(c.r, c.g, c.b, 255);
    }
    return cache[e.nameId];
}

void EntryPainter::drawStamp(const Entry& e, ImVec2 pos, float width) const {
    if (e.flags & (kEntryPending | kEntryFailed)) { // not stored: no seq, time or address from the server yet
        const Strings& s = strings(m_model.lang());
        const bool failed = (e.flags & kEntryFailed) != 0;
        const std::string_view name = m_model.name(e);
        const std::string status = std::string("  ") + (failed ? s.notSentRetry : s.sending);
        const float x = pos.x + textAt(pos, nameColour(e), name);
        textAt({x, pos.y}, failed ? m_theme.prompt : m_theme.stamp, status);
        m_scratch.headers.append(name).append(status).push_back('\n');
        return;
    }
    char stamp[40];
    const std::size_t n = m_style.timestamps ? formatStamp(e.timeMs, stamp, sizeof stamp) : 0;
    const std::string_view full(stamp, n);
    // "[2026-12-06 20:19:39]" -> "[20:19:39]": the day is in the divider above anyway.
    char shortStamp[16] = "";
    if (n >= 21) std::snprintf(shortStamp, sizeof shortStamp, "[%.8s]", stamp + 12);
    const std::string_view timeOnly = n >= 21 ? std::string_view(shortStamp) : full;
    const std::string_view ip = m_model.ip(e);
    const std::string_view name = m_model.name(e);
    std::string tag;
    if (e.kind == EntryKind::Private) {
        const Strings& s = strings(m_model.lang());
        const bool mine = (e.flags & kEntryFromMe) != 0;
        const std::string peer(mine ? m_peer : name);
        tag = "  [" + format(mine ? s.privateTo : s.privateFrom, peer.c_str()) + "]";
    }

    // The lab's "[time] IP - name" when it fits; narrower, it sheds the date, then the address, then the
    // time, so whoever spoke is always on screen.
    const float space = advance(" ");
    const float nameWidth = advance(name) + advance(tag);
    const float ipWidth = advance(ip) + advance(" - ");
    std::string_view time = full;
    bool showIp = true;
    if (advance(full) + space + ipWidth + nameWidth > width) time = timeOnly;
    if (advance(time) + space + ipWidth + nameWidth > width) showIp = false;
    if (advance(time) + space + nameWidth > width) time = {};

    float x = pos.x;
    if (!time.empty()) {
        x += textAt({x, pos.y}, m_theme.stamp, time);
        x += textAt({x, pos.y}, m_theme.stamp, " ");
    }
    if (showIp) {
        x += textAt({x, pos.y}, m_theme.stamp, ip);
        x += textAt({x, pos.y}, m_theme.stamp, " - ");
    }
    x += textAt({x, pos.y}, nameColour(e), name);
    textAt({x, pos.y}, m_theme.privateLabel, tag);

    std::string& log = m_scratch.headers;
    log.append(time).append(time.empty() ? "" : " ");
    if (showIp) log.append(ip).append(" - ");
    log.append(name).append(tag).push_back('\n');
}

void EntryPainter::highlight(std::string_view text, LineSpan line, ImVec2 pos,
                             const std::vector<ByteRange>& ranges, ImU32 colour) const {
    for (const ByteRange& r : ranges) {
        const std::uint32_t a = std::max(r.begin, line.begin);
        const std::uint32_t b = std::min(r.end, line.end);
        if (a >= b) continue;
        const float x0 = pos.x + advance(text.substr(line.begin, a - line.begin));
        const float x1 = x0 + advance(text.substr(a, b - a));
        m_drawList.AddRectFilled(ImVec2(x0 - 1.0f, pos.y), ImVec2(x1 + 1.0f, pos.y + m_font.FontSize), colour,
                                 2.0f);
    }
}

void EntryPainter::drawLine(std::string_view text, LineSpan line, ImVec2 pos, ImU32 colour, std::size_t entry,
                            bool currentHit) const {
    highlight(text, line, pos, m_scratch.mentions, m_theme.mentionName);
    highlight(text, line, pos, m_scratch.hits, currentHit ? m_theme.currentHit : m_theme.searchHit);
    // Plain text and links alternate along the line; each piece is drawn once in its colour.
    float x = pos.x;
    std::uint32_t at = line.begin;
    for (const ByteRange& link : m_scratch.links) {
        const std::uint32_t a = std::max(link.begin, line.begin);
        const std::uint32_t b = std::min(link.end, line.end);
        if (a >= b) continue;
        x += textAt({x, pos.y}, colour, text.substr(at, a - at));
        const float w = textAt({x, pos.y}, m_theme.link, text.substr(a, b - a));
        const float underline = pos.y + m_font.FontSize - 1.0f;
        m_drawList.AddLine(ImVec2(x, underline), ImVec2(x + w, underline), m_theme.link, 1.0f);
        m_scratch.linkBoxes.push_back(
            {ImVec2(x, pos.y), ImVec2(x + w, pos.y + m_font.FontSize), entry, link});
        x += w;
        at = b;
    }
    textAt({x, pos.y}, colour, text.substr(at, line.end - at));
}

void EntryPainter::draw(const Entry& e, std::size_t i, ImVec2 pos, float width,
                        const EntryMarks& marks) const {
    const std::string_view text = m_model.text(e);
    const float line = m_font.FontSize;
    if (marks.startsDay) {
        const std::string divider = dayDividerText(e.timeMs);
        const float w = advance(divider);
        const float mid = pos.y + line * 0.5f;
        const float x = pos.x + std::max(0.0f, (width - w) * 0.5f);
        m_drawList.AddLine(ImVec2(pos.x, mid), ImVec2(x - 8.0f, mid), withAlpha(m_theme.divider, 0x60), 1.0f);
        m_drawList.AddLine(ImVec2(x + w + 8.0f, mid), ImVec2(pos.x + width, mid),
                           withAlpha(m_theme.divider, 0x60), 1.0f);
        textAt({x, pos.y}, m_theme.divider, divider);
        pos.y += line;
    }

    m_scratch.lines.clear();
    wrapEntryText(text, width, m_font, m_scratch.lines);
    m_scratch.links.clear();
    m_scratch.hits.clear();
    m_scratch.mentions.clear();
    const bool message = isMessage(e);
    if (message) {
        findLinks(text, m_scratch.links);
        if (m_style.search) m_style.search->findAll(text, m_scratch.hits);
        if (!(e.flags & kEntryFromMe)) findMentions(text, m_style.me, m_scratch.mentions);
    }
    const float height = (static_cast<float>(m_scratch.lines.size()) + (message ? 1.0f : 0.0f)) * line;
    const ImVec2 boxMin(pos.x - 4.0f, pos.y);
    const ImVec2 boxMax(pos.x + width + 2.0f, pos.y + height);
    if (!m_scratch.mentions.empty()) m_drawList.AddRectFilled(boxMin, boxMax, m_theme.mention, 3.0f);
    if (marks.selected) m_drawList.AddRectFilled(boxMin, boxMax, m_theme.selection, 3.0f);

    ImU32 colour = m_theme.text;
    switch (e.kind) {
    case EntryKind::Notice: colour = m_theme.notice; break;
    case EntryKind::Separator: colour = m_theme.separator; break;
    case EntryKind::Prompt: colour = m_theme.prompt; break;
    case EntryKind::Private: colour = m_theme.privateText; break;
    case EntryKind::Chat: break;
    }
    if (e.flags & kEntryAction) colour = nameColour(e);                   // "* bob waves" in bob's colour
    if (e.flags & (kEntryPending | kEntryFailed)) colour = m_theme.stamp; // greyed until the server stored it
    if (message) {
        drawStamp(e, pos, width);
        pos.y += line;
    }
    // A reply's quote line: muted, with a bar before it, and a click on it shows the message it answers.
    const std::size_t quoteEnd = (e.flags & kEntryReply) ? std::min(text.find('\n'), text.size()) : 0;
    for (const LineSpan& l : m_scratch.lines) {
        const bool quote = l.begin < quoteEnd;
        if (quote)
            m_drawList.AddRectFilled(ImVec2(pos.x - 3.0f, pos.y + 1.0f),
                                     ImVec2(pos.x - 1.0f, pos.y + line - 1.0f), m_theme.stamp);
        drawLine(text, l, pos, quote ? m_theme.stamp : colour, i, marks.currentHit);
        pos.y += line;
    }
}

} // namespace app
