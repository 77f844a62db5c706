#include "app/scrollback.hpp"

#include <algorithm>
#include <cmath>

#include <imgui.h>
#include <imgui_internal.h>

#include "app/entry_measure.hpp"

namespace app {
namespace {

/// Scroll positions go through ImGui's float: beyond 2^24 px it cannot hold every pixel.
double tolerance(double y) { return std::max(1.0, std::abs(y) * 1e-6); }

bool isMessage(const Entry& e) { return e.kind == EntryKind::Chat || e.kind == EntryKind::Private; }

bool inside(ImVec2 p, ImVec2 min, ImVec2 max) { return p.x >= min.x && p.x < max.x && p.y >= min.y && p.y < max.y; }

} // namespace

Scrollback::View& Scrollback::view(std::size_t conv) {
    if (conv >= m_views.size()) m_views.resize(conv + 1);
    return m_views[conv];
}

void Scrollback::reveal(std::size_t conv, std::size_t i) { view(conv).reveal = i; }

Scrollback::Result Scrollback::draw(const ChatModel& model, std::size_t conv, float height, const Frame& frame) {
    Result result;
    const Conversation& c = model.conversation(conv);
    const Strings& s = strings(model.lang());
    View& v = view(conv);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8.0f, 6.0f));
    ImGui::BeginChild("##scrollback", ImVec2(0.0f, height), false,
                      ImGuiWindowFlags_AlwaysVerticalScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const ImFont& font = *ImGui::GetFont();
    const ImVec2 pad = window->WindowPadding;
    const float width = std::max(ImGui::GetContentRegionAvail().x, font.FontSize);
    const double viewH = std::max(1.0, static_cast<double>(window->InnerRect.GetHeight()) - 2.0 * pad.y);

    // Did the user scroll since last frame? Up leaves the bottom; reaching the bottom sticks again.
    // (ImGui clamping the position after a resize is not the user leaving the bottom.)
    double scroll = ImGui::GetScrollY();
    const bool atEnd = scroll >= ImGui::GetScrollMaxY() - tolerance(scroll);
    if (v.stick && !atEnd && scroll < v.lastScroll - tolerance(v.lastScroll)) v.stick = false;
    else if (!v.stick && atEnd) v.stick = true;

    const std::size_t anchor = v.layout.firstVisible(scroll);
    const double anchorOffset = scroll - v.layout.top(anchor);
    const std::size_t oldSize = v.layout.size();
    const std::uint64_t revision = v.layout.revision();
    v.layout.setMetrics(font.FontSize, ImGui::GetStyle().ItemSpacing.y);
    const FontMeasure measure(model, c, font, m_days);
    const ScrollLayout::SyncResult sync = v.layout.sync(c, width, font.FontSize, measure);
    v.layout.work(measure, ScrollLayout::Budget{}); // after a resize: re-wraps what is out of view, ~1 ms a frame
    const std::size_t size = v.layout.size();

    std::optional<std::size_t> revealed;
    if (v.reveal && *v.reveal + sync.frontAdded < size) revealed = *v.reveal + sync.frontAdded;
    if (revealed) v.reveal.reset();
    bool moved = sync.frontAdded > 0 || sync.relaidOut || v.layout.revision() != revision;
    const auto place = [&] {
        const double maxScroll = std::max(0.0, v.layout.totalHeight() - viewH);
        if (revealed) { // a search hit: put it in the middle
            return std::clamp(v.layout.top(*revealed) - (viewH - v.layout.height(*revealed)) * 0.5, 0.0, maxScroll);
        }
        if (v.stick) return maxScroll;
        if (moved) { // keep the entry the user was reading where it was
            return std::clamp(v.layout.top(anchor + sync.frontAdded) + anchorOffset, 0.0, maxScroll);
        }
        return scroll;
    };
    // What is drawn is always exact: re-wrap the stale entries in view, which may move the view (its
    // anchor, or the bottom), so place it again until nothing in view changes.
    for (int pass = 0; pass < 8; ++pass) {
        scroll = place();
        const std::size_t first = v.layout.firstVisible(scroll - pad.y);
        const std::size_t end = v.layout.firstVisible(scroll + viewH + pad.y) + 1;
        if (!v.layout.settle(first, end, measure)) break;
        moved = true;
    }
    m_settling = v.layout.pending();
    const double total = v.layout.totalHeight();
    const double maxScroll = std::max(0.0, total - viewH);
    if (revealed) {
        v.stick = scroll >= maxScroll - tolerance(maxScroll);
    } else if (v.stick) {
        v.newCount = 0;
    } else {
        for (std::size_t i = std::max(oldSize + sync.frontAdded, sync.frontAdded); i < size; ++i) {
            if (isMessage(c[i])) ++v.newCount;
        }
    }
    if (std::abs(scroll - ImGui::GetScrollY()) > 0.0) ImGui::SetScrollY(static_cast<float>(scroll));
    v.lastScroll = scroll;

    // Only the entries in view are drawn; positions are computed in double and made screen-relative
    // before they become floats.
    const ImVec2 origin(window->Pos.x + pad.x, window->Pos.y + pad.y);
    EntryPainter painter(*ImGui::GetWindowDrawList(), font, model, frame.style, c.title, m_scratch);
    m_scratch.linkBoxes.clear();
    const auto selected = m_selection.range(conv, c);
    const bool hasHit = frame.search && frame.search->currentRank() > 0;
    m_drawn = Drawn{conv, v.layout.firstVisible(scroll - pad.y), 0};
    std::size_t i = m_drawn.first;
    for (; i < size; ++i) {
        const double top = v.layout.top(i) - scroll;
        if (top > viewH + pad.y) break;
        EntryMarks marks;
        marks.selected = selected && i >= selected->first && i <= selected->second;
        marks.currentHit = hasHit && frame.search->currentEntry() == i;
        marks.startsDay = app::startsDay(c, i, m_days);
        painter.draw(c[i], i, ImVec2(origin.x, origin.y + static_cast<float>(top)), width, marks);
    }
    m_drawn.end = i;
    if (frame.marker && *frame.marker >= m_drawn.first && *frame.marker < m_drawn.end)
        drawMarker(v, *frame.marker, scroll, origin, width, frame, s);
    ImGui::Dummy(ImVec2(width, static_cast<float>(total))); // gives the scrollbar its range

    if (!v.stick && v.newCount > 0) drawNewButton(v, s);
    if (conv == ChatModel::kRoom && model.olderInFlight()) {
        window->DrawList->AddText(ImVec2(origin.x, window->Pos.y + 2.0f), frame.style.theme->notice, s.loadingOlder);
    }
    handleMouse(model, conv, v, scroll, origin, result);
    const auto chosen = drawEntryMenu(s, !m_menuUrl.empty(), selected ? selected->second - selected->first + 1 : 0);
    if (chosen != EntryAction::None) {
        result.action = chosen;
        result.entry = m_menuEntry;
        result.url = m_menuUrl;
    }
    ImGui::EndChild();
    result.wantsOlder = conv == ChatModel::kRoom && scroll < viewH * 0.5 && model.canRequestOlder();
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
    const ImVec2 min(origin.x + width - text.x - 10.0f, y - text.y * 0.5f - 1.0f);
    const ImVec2 max(origin.x + width, y + text.y * 0.5f + 1.0f);
    dl.AddRectFilled(min, max, colour, 3.0f);
    dl.AddText(&font, size, ImVec2(min.x + 5.0f, min.y + 1.0f), IM_COL32(255, 255, 255, 255), s.unreadMarker);
}

void Scrollback::handleMouse(const ChatModel& model, std::size_t conv, const View& v, double scroll, ImVec2 origin,
                             Result& r) {
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
        if (link) {
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
