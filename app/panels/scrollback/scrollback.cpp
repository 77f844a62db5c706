#include "app/panels/scrollback/scrollback.hpp"

#include <algorithm>
#include <cmath>

#include <imgui.h>
#include <imgui_internal.h>

#include "app/panels/scrollback/font_measure.hpp"

namespace app {
namespace {

/// Scroll positions go through ImGui's float: beyond 2^24 px it cannot hold every pixel.
double tolerance(double y) { return std::max(1.0, std::abs(y) * 1e-6); }

bool inside(ImVec2 p, ImVec2 min, ImVec2 max) {
    return p.x >= min.x && p.x < max.x && p.y >= min.y && p.y < max.y;
}

} // namespace

Scrollback::View& Scrollback::view(std::size_t conv) {
    if (conv >= m_views.size()) m_views.resize(conv + 1);
    return m_views[conv];
}

void Scrollback::reveal(std::size_t conv, std::size_t i) { view(conv).reveal = i; }

/// One draw's geometry and what its steps found out, handed from step to step.
struct Scrollback::Pass {
    const ChatModel& model;
    std::size_t conv;
    const Conversation& c;
    const Frame& frame;
    const Strings& s;
    View& v;
    const ImFont& font;
    ImGuiWindow* window;
    ImVec2 pad;
    float width;     // of the text
    double viewH;    // of the visible part
    double scroll;   // where the view is (ImGui's position, until placed)
    ImVec2 origin{}; // screen position of the layout's top, at scroll 0
    // Before the layout changed: the entry at the top of the view and how far into it the view was.
    std::size_t anchor = 0;
    double anchorOffset = 0.0;
    std::size_t oldSize = 0;
    ScrollLayout::SyncResult sync{};
    std::optional<std::size_t> revealed{}; // a search hit to bring into view this frame
    bool moved = false;                    // line counts above the view changed: keep the anchor in place
};

Scrollback::Result Scrollback::draw(const ChatModel& model, std::size_t conv, float height,
                                    const Frame& frame) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8.0f, 6.0f));
    ImGui::BeginChild("##scrollback", ImVec2(0.0f, height), false,
                      ImGuiWindowFlags_AlwaysVerticalScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const ImFont& font = *ImGui::GetFont();
    const ImVec2 pad = window->WindowPadding;
    Pass p{model,
           conv,
           model.conversation(conv),
           frame,
           strings(model.lang()),
           view(conv),
           font,
           window,
           pad,
           std::max(ImGui::GetContentRegionAvail().x, font.FontSize),
           std::max(1.0, static_cast<double>(window->InnerRect.GetHeight()) - 2.0 * pad.y),
           ImGui::GetScrollY()};
    keyScroll(p);
    trackUserScroll(p);
    syncLayout(p);
    placeAndSettle(p);
    countNew(p);
    if (std::abs(p.scroll - ImGui::GetScrollY()) > 0.0) ImGui::SetScrollY(static_cast<float>(p.scroll));
    p.v.lastScroll = p.scroll;
    paint(p);
    Result result = overlays(p);
    ImGui::EndChild();
    result.wantsOlder = p.scroll < p.viewH * 0.5 && model.canRequestOlder(conv);
    return result;
}

void Scrollback::keyScroll(Pass& p) {
    const auto pressed = [](ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key)); };
    const double line = static_cast<double>(p.font.FontSize), max = ImGui::GetScrollMaxY();
    const double page = std::max(p.viewH - 2.0 * line, line); // a page, keeping a line or two for context
    if (pressed(ImGuiKey_PageUp)) p.scroll = std::max(0.0, p.scroll - page);
    if (pressed(ImGuiKey_PageDown)) p.scroll = std::min(max, p.scroll + page);
    // Home and End belong to the input box while it is being typed in; after a click on the messages they
    // are the scrollback's (Ctrl or not): the first message held (older pages then load), and the newest.
    if (ImGui::GetIO().WantTextInput) return;
    if (pressed(ImGuiKey_Home)) p.scroll = 0.0;
    if (pressed(ImGuiKey_End)) p.scroll = max;
}

void Scrollback::trackUserScroll(Pass& p) {
    // Did the user scroll since last frame? Up leaves the bottom; reaching the bottom sticks again.
    // (ImGui clamping the position after a resize is not the user leaving the bottom.)
    View& v = p.v;
    const bool atEnd = p.scroll >= ImGui::GetScrollMaxY() - tolerance(p.scroll);
    if (v.stick && !atEnd && p.scroll < v.lastScroll - tolerance(v.lastScroll)) v.stick = false;
    else if (!v.stick && atEnd) v.stick = true;
}

void Scrollback::syncLayout(Pass& p) {
    View& v = p.v;
    p.anchor = v.layout.firstVisible(p.scroll);
    p.anchorOffset = p.scroll - v.layout.top(p.anchor);
    p.oldSize = v.layout.size();
    const std::uint64_t revision = v.layout.revision();
    v.layout.setMetrics(p.font.FontSize, ImGui::GetStyle().ItemSpacing.y);
    const FontMeasure measure(p.model, p.c, p.font, m_days);
    p.sync = v.layout.sync(p.c, p.width, p.font.FontSize, measure);
    v.layout.work(measure,
                  ScrollLayout::Budget{}); // after a resize: re-wraps what is out of view, ~1 ms a frame
    if (v.reveal && *v.reveal + p.sync.frontAdded < v.layout.size())
        p.revealed = *v.reveal + p.sync.frontAdded;
    if (p.revealed) v.reveal.reset();
    p.moved = p.sync.frontAdded > 0 || p.sync.relaidOut || v.layout.revision() != revision;
}

double Scrollback::place(const Pass& p) const {
    const ScrollLayout& layout = p.v.layout;
    const double maxScroll = std::max(0.0, layout.totalHeight() - p.viewH);
    if (p.revealed) { // a search hit: put it in the middle
        return std::clamp(layout.top(*p.revealed) - (p.viewH - layout.height(*p.revealed)) * 0.5, 0.0,
                          maxScroll);
    }
    if (p.v.stick) return maxScroll;
    if (p.moved) { // keep the entry the user was reading where it was
        return std::clamp(layout.top(p.anchor + p.sync.frontAdded) + p.anchorOffset, 0.0, maxScroll);
    }
    return p.scroll;
}

void Scrollback::placeAndSettle(Pass& p) {
    // What is drawn is always exact: re-wrap the stale entries in view, which may move the view (its
    // anchor, or the bottom), so place it again until nothing in view changes.
    const FontMeasure measure(p.model, p.c, p.font, m_days);
    for (int pass = 0; pass < 8; ++pass) {
        p.scroll = place(p);
        const std::size_t first = p.v.layout.firstVisible(p.scroll - p.pad.y);
        const std::size_t end = p.v.layout.firstVisible(p.scroll + p.viewH + p.pad.y) + 1;
        if (!p.v.layout.settle(first, end, measure)) break;
        p.moved = true;
    }
    m_settling = p.v.layout.pending();
}

void Scrollback::countNew(Pass& p) {
    View& v = p.v;
    const double maxScroll = std::max(0.0, v.layout.totalHeight() - p.viewH);
    if (p.revealed) {
        v.stick = p.scroll >= maxScroll - tolerance(maxScroll);
    } else if (v.stick) {
        v.newCount = 0;
    } else {
        for (std::size_t i = std::max(p.oldSize + p.sync.frontAdded, p.sync.frontAdded); i < v.layout.size();
             ++i) {
            if (isMessage(p.c[i])) ++v.newCount;
        }
    }
}

void Scrollback::paint(Pass& p) {
    // Only the entries in view are drawn; positions are computed in double and made screen-relative
    // before they become floats.
    const ScrollLayout& layout = p.v.layout;
    p.origin = ImVec2(p.window->Pos.x + p.pad.x, p.window->Pos.y + p.pad.y);
    EntryPainter painter(*ImGui::GetWindowDrawList(), p.font, p.model, p.frame.style, p.c.title, m_scratch);
    m_scratch.linkBoxes.clear();
    m_scratch.headers.clear();
    const auto selected = m_selection.range(p.conv, p.c);
    const bool hasHit = p.frame.search && p.frame.search->currentRank() > 0;
    m_drawn = Drawn{p.conv, layout.firstVisible(p.scroll - p.pad.y), 0};
    std::size_t i = m_drawn.first;
    for (; i < layout.size(); ++i) {
        const double top = layout.top(i) - p.scroll;
        if (top > p.viewH + p.pad.y) break;
        EntryMarks marks;
        marks.selected = selected && i >= selected->first && i <= selected->second;
        marks.currentHit = hasHit && p.frame.search->currentEntry() == i;
        marks.startsDay = app::startsDay(p.c, i, m_days);
        painter.draw(p.c[i], i, ImVec2(p.origin.x, p.origin.y + static_cast<float>(top)), p.width, marks);
    }
    m_drawn.end = i;
    if (p.frame.marker && *p.frame.marker >= m_drawn.first && *p.frame.marker < m_drawn.end)
        drawMarker(p.v, *p.frame.marker, p.scroll, p.origin, p.width, p.frame, p.s);
    ImGui::Dummy(ImVec2(p.width, static_cast<float>(layout.totalHeight()))); // gives the scrollbar its range
}

Scrollback::Result Scrollback::overlays(Pass& p) {
    Result result;
    const auto selected = m_selection.range(p.conv, p.c); // as painted, before a click changes it
    if (!p.v.stick && p.v.newCount > 0) drawNewButton(p.v, p.s);
    if (p.model.olderInFlight(p.conv)) {
        p.window->DrawList->AddText(ImVec2(p.origin.x, p.window->Pos.y + 2.0f), p.frame.style.theme->notice,
                                    p.s.loadingOlder);
    }
    handleMouse(p.model, p.conv, p.v, p.scroll, p.origin, result);
    const auto chosen =
        drawEntryMenu(p.s, !m_menuUrl.empty(), selected ? selected->second - selected->first + 1 : 0,
                      p.model.isFailed(p.conv, m_menuEntry), canReply(p.c, m_menuEntry));
    if (chosen != EntryAction::None) {
        result.action = chosen;
        result.entry = m_menuEntry;
        result.url = m_menuUrl;
    }
    return result;
}

void Scrollback::drawMarker(const View& v, std::size_t i, double scroll, ImVec2 origin, float width,
                            const Frame& frame, const Strings& s) {
    // A line in the gap above the entry (it takes no layout space, so moving it never re-lays out), and
    // a small label at its right end.
    ImDrawList& dl = *ImGui::GetWindowDrawList();
    const ImU32 colour = frame.style.theme->marker;
    const float gap = ImGui::GetStyle().ItemSpacing.y;
    const float y = origin.y + static_cast<float>(v.layout.top(i) - scroll) - gap * 0.5f;
    dl.AddLine(ImVec2(origin.x - 4.0f, y), ImVec2(origin.x + width, y), colour, 2.0f);
    const ImFont& font = *ImGui::GetFont();
    const float size = font.FontSize * 0.8f;
    const ImVec2 text = font.CalcTextSizeA(size, FLT_MAX, 0.0f, s.unreadMarker);
    // Over the top row's marker the label would be cut by the view's edge: it moves down into view.
    const float labelY = std::max(y, ImGui::GetCurrentWindow()->InnerClipRect.Min.y + text.y * 0.5f + 1.0f);
    const ImVec2 min(origin.x + width - text.x - 10.0f, labelY - text.y * 0.5f - 1.0f);
    const ImVec2 max(origin.x + width, labelY + text.y * 0.5f + 1.0f);
    dl.AddRectFilled(min, max, colour, 3.0f);
    dl.AddText(&font, size, ImVec2(min.x + 5.0f, min.y + 1.0f), IM_COL32(255, 255, 255, 255), s.unreadMarker);
}

bool Scrollback::canReply(const Conversation& c, std::size_t i) {
    return i < c.size() && isMessage(c[i]) && c[i].seq != 0;
}

bool Scrollback::onQuoteLine(const Conversation& c, const View& v, std::size_t i, double scroll,
                             ImVec2 origin, float y) {
    if (!(c[i].flags & kEntryReply)) return false;
    // Below the day divider (if any) and the stamp line: the first line of the text.
    const double line = ImGui::GetFontSize();
    const double top = origin.y + (v.layout.top(i) - scroll) + fixedLines(c, i, m_days) * line;
    return y >= top && y < top + line;
}

void Scrollback::select(std::size_t conv, const Conversation& c, std::size_t i) {
    m_selection.click(conv, c, i, false);
}

void Scrollback::handleMouse(const ChatModel& model, std::size_t conv, const View& v, double scroll,
                             ImVec2 origin, Result& r) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const ImVec2 mouse = ImGui::GetMousePos();
    if (!ImGui::IsWindowHovered() || ImGui::IsAnyItemHovered() ||
        !inside(mouse, window->InnerClipRect.Min, window->InnerClipRect.Max))
        return;
    const LinkBox* link = nullptr;
    for (const LinkBox& box : m_scratch.linkBoxes) {
        if (inside(mouse, box.min, box.max)) link = &box;
    }
    if (link) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const Conversation& c = model.conversation(conv);
    const std::size_t i = v.layout.firstVisible(scroll + (mouse.y - origin.y));
    const bool onEntry = i < c.size();
    const auto url = [&] {
        const std::string_view text = model.text(c[link->entry]);
        return std::string(text.substr(link->range.begin, link->range.end - link->range.begin));
    };
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        if (!link && onEntry && onQuoteLine(c, v, i, scroll, origin, mouse.y)) {
            r.action = EntryAction::GoToQuote;
            r.entry = i;
        } else if (link) {
            r.action = EntryAction::OpenLink;
            r.entry = link->entry;
            r.url = url();
        } else if (onEntry) {
            m_selection.click(conv, c, i, ImGui::GetIO().KeyShift);
        } else {
            m_selection.clear();
        }
    }
    // On release, as ImGui's own context menus do: a popup opened on the press would be closed again by
    // that same press at the end of the frame.
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Right) && onEntry) {
        m_menuEntry = link ? link->entry : i;
        m_menuUrl = link ? url() : std::string();
        if (!m_selection.contains(conv, c, m_menuEntry)) m_selection.click(conv, c, m_menuEntry, false);
        ImGui::OpenPopup(kEntryMenuId);
    }
}

void Scrollback::drawNewButton(View& v, const Strings& s) {
    const std::string label = format(s.newMessages, v.newCount);
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 buttonSize(size.x + style.FramePadding.x * 2.0f, size.y + style.FramePadding.y * 2.0f);
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    ImGui::SetCursorScreenPos(ImVec2(window->InnerRect.Max.x - buttonSize.x - 12.0f,
                                     window->InnerRect.Max.y - buttonSize.y - 8.0f));
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.20f, 0.45f, 0.85f, 0.95f));
    if (ImGui::Button(label.c_str())) {
        v.stick = true;
        v.newCount = 0;
    }
    ImGui::PopStyleColor();
}

} // namespace app
