#include "app/scrollback.hpp"

#include <algorithm>
#include <cmath>

#include <imgui.h>
#include <imgui_internal.h>

#include "app/entry_measure.hpp"
#include "app/entry_view.hpp"

namespace app {
namespace {

/// Scroll positions go through ImGui's float: beyond 2^24 px it cannot hold every pixel.
double tolerance(double y) { return std::max(1.0, std::abs(y) * 1e-6); }

bool isMessage(const Entry& e) { return e.kind == EntryKind::Chat || e.kind == EntryKind::Private; }

} // namespace

Scrollback::View& Scrollback::view(std::size_t conv) {
    if (conv >= m_views.size()) m_views.resize(conv + 1);
    return m_views[conv];
}

bool Scrollback::draw(const ChatModel& model, std::size_t conv, float height) {
    const Conversation& c = model.conversation(conv);
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
    v.layout.setMetrics(font.FontSize, ImGui::GetStyle().ItemSpacing.y);
    const ScrollLayout::SyncResult sync = v.layout.sync(c, width, font.FontSize, FontMeasure(model, c, font));
    const std::size_t size = v.layout.size();
    const double total = v.layout.totalHeight();
    const double maxScroll = std::max(0.0, total - viewH);

    if (v.stick) {
        scroll = maxScroll;
        v.newCount = 0;
    } else {
        if (sync.frontAdded > 0 || sync.relaidOut) { // keep the entry the user was reading where it was
            scroll = std::clamp(v.layout.top(anchor + sync.frontAdded) + anchorOffset, 0.0, maxScroll);
        }
        for (std::size_t i = std::max(oldSize + sync.frontAdded, sync.frontAdded); i < size; ++i) {
            if (isMessage(c[i])) ++v.newCount;
        }
    }
    if (std::abs(scroll - ImGui::GetScrollY()) > 0.0) ImGui::SetScrollY(static_cast<float>(scroll));
    v.lastScroll = scroll;

    // Only the entries in view are drawn; positions are computed in double and made screen-relative
    // before they become floats.
    const ImVec2 origin(window->Pos.x + pad.x, window->Pos.y + pad.y);
    EntryPainter painter{*ImGui::GetWindowDrawList(), font, model, darkTheme(), c.title, m_scratch};
    m_drawn = Drawn{conv, v.layout.firstVisible(scroll - pad.y), 0};
    std::size_t i = m_drawn.first;
    for (; i < size; ++i) {
        const double top = v.layout.top(i) - scroll;
        if (top > viewH + pad.y) break;
        painter.draw(c[i], ImVec2(origin.x, origin.y + static_cast<float>(top)), width);
    }
    m_drawn.end = i;
    ImGui::Dummy(ImVec2(width, static_cast<float>(total))); // gives the scrollbar its range

    if (!v.stick && v.newCount > 0) drawNewButton(v, strings(model.lang()));
    if (conv == ChatModel::kRoom && model.olderInFlight()) {
        const char* loading = strings(model.lang()).loadingOlder;
        window->DrawList->AddText(ImVec2(origin.x, window->Pos.y + 2.0f), darkTheme().notice, loading);
    }
    ImGui::EndChild();
    return conv == ChatModel::kRoom && scroll < viewH * 0.5 && model.canRequestOlder();
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
