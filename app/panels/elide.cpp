#include "app/panels/elide.hpp"

#include <imgui.h>

#include "net/utf8.hpp"

namespace app {
namespace {

float widthOf(std::string_view text) {
    return text.empty() ? 0.0f : ImGui::CalcTextSize(text.data(), text.data() + text.size()).x;
}

} // namespace

std::string elide(std::string_view text, float width) {
    if (widthOf(text) <= width) return std::string(text);
    constexpr std::string_view kEllipsis = "\u2026";
    const float room = width - widthOf(kEllipsis);
    if (room < 0.0f) return {};
    const ImFont& font = *ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / font.FontSize;
    float x = 0.0f;
    std::size_t fits = 0;
    for (std::size_t next = 0; next < text.size();) {
        const char32_t c = net::utf8::decode(text, next);
        x += font.GetCharAdvance(static_cast<ImWchar>(c)) * scale;
        if (x > room) break;
        fits = next;
    }
    return std::string(text.substr(0, fits)).append(kEllipsis);
}

} // namespace app
