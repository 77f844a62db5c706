#include "bench/client/scroll_bench.hpp"

#include <imgui.h>

#include "app/fonts/font_atlas.hpp"
#include "app/fonts/glyph_set.hpp"
#include "app/io/preferences.hpp"
#include "app/model/chat_model.hpp"
#include "app/panels/scrollback/scrollback.hpp"
#include "app/text/i18n.hpp"
#include "bench/client/message_gen.hpp"
#include "bench/client/self_usage.hpp"
#include "bench/client/stats.hpp"

namespace cbench {
namespace {

/// An ImGui context with no window: frames are built but not presented.
class Context {
public:
    Context(float width, float height) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0f / 60.0f;
        io.MousePos = ImVec2(width * 0.5f, height * 0.5f); // over the scrollback, so the wheel scrolls it
    }
    ~Context() { ImGui::DestroyContext(); }
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;
};

class Bench {
public:
    Bench(const ScrollOptions& o, ScrollResult& r) : m_options(o), m_result(r), m_model(app::Lang::Zh) {
        m_model.setTextObserver([this](std::string_view text) { m_glyphs.addText(text); });
        m_glyphs.addText(app::allStrings(app::Lang::Zh));
        m_frame.style.me = "bench";
    }

    void run() {
        std::string error, warning;
        if (!m_fonts.load(app::Preferences::kDefaultFontSize, error, warning)) return fail(error);
        if (!warning.empty()) return fail(warning); // no CJK font: the numbers would not be the real ones
        load();
        double t = threadCpuMs();
        m_fonts.update(m_glyphs);
        m_result.atlasMs = threadCpuMs() - t;
        m_result.glyphs = m_glyphs.size();
        m_result.atlasWidth = ImGui::GetIO().Fonts->TexWidth;
        m_result.atlasHeight = ImGui::GetIO().Fonts->TexHeight;

        const std::size_t heapBefore = heapInUse();
        m_result.layoutMs = frame();
        for (int i = 0; i < 3; ++i) frame(); // ImGui settles its window sizes over a few frames
        const double n = static_cast<double>(m_options.messages);
        m_result.layoutBytes = static_cast<double>(heapInUse() - heapBefore) / n;
        m_result.rssBytes = static_cast<double>(residentBytes() - m_rssBefore) / n;
        if (m_scrollback.lastDrawn().end != m_model.room().size())
            return fail("the first frame did not show the end");

        sweep();
        if (!m_result.error.empty()) return;
        resizes();
        live();
        const float w = m_options.width - 40.0f; // about the scrollback's wrap width in the full window
        m_result.probe = probeLayout(m_model, *ImGui::GetIO().Fonts->Fonts[0], {w, w - 8.0f, w - 400.0f, w});
    }

private:
    void fail(std::string why) {
        if (m_result.error.empty()) m_result.error = std::move(why);
    }

    void load() {
        MessageGen gen(42);
        const std::size_t heapBefore = heapInUse();
        m_rssBefore = residentBytes();
        double cpu = 0.0;
        std::size_t textBytes = 0;
        for (std::size_t i = 0; i < m_options.messages; ++i) {
            const net::Event e = gen.next();
            textBytes += std::get<net::Chat>(e).text.size();
            const double t = threadCpuMs();
            m_model.apply(e, {});
            cpu += threadCpuMs() - t;
        }
        const double n = static_cast<double>(m_options.messages);
        m_result.loadMs = cpu;
        m_result.textBytes = static_cast<double>(textBytes) / n;
        m_result.modelBytes = static_cast<double>(heapInUse() - heapBefore) / n;
    }

    /// One frame with the scrollback filling the window; returns its CPU time in ms.
    double frame() {
        const double t = threadCpuMs();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("##imchat", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
        m_scrollback.draw(m_model, app::ChatModel::kRoom, 0.0f, m_frame);
        ImGui::End();
        ImGui::Render();
        ImGui::GetIO().MouseWheel = 0.0f;
        return threadCpuMs() - t;
    }

    void sweep() {
        const std::size_t size = m_model.room().size();
        const int jumps = std::max(m_options.jumps, 2);
        for (int k = 0; k < jumps; ++k) {
            const std::size_t target =
                static_cast<std::size_t>(k) * (size - 1) / static_cast<std::size_t>(jumps - 1);
            m_scrollback.reveal(app::ChatModel::kRoom, target);
            m_result.jumpMs.push_back(frame());
            const app::Scrollback::Drawn& d = m_scrollback.lastDrawn();
            if (target < d.first || target >= d.end)
                return fail("a jump did not bring its message into view");
            for (int w = 0; w < m_options.wheelSteps; ++w) {
                ImGui::GetIO().MouseWheel = w % 2 == 0 ? -1.0f : 1.0f;
                m_result.wheelMs.push_back(frame());
                if (m_scrollback.lastDrawn().end <= m_scrollback.lastDrawn().first)
                    return fail("a frame drew nothing");
            }
        }
    }

    void resizes() {
        m_scrollback.reveal(app::ChatModel::kRoom, m_model.room().size() / 2);
        frame();
        m_result.smallResizeMs = resizeTo(m_options.width - 8.0f);
        m_result.largeResizeMs = resizeTo(m_options.width - 400.0f);
        m_result.restoreMs = resizeTo(m_options.width);
    }

    /// CPU of the frames after a window width change (ImGui may take more than one to settle the size).
    double resizeTo(float width) {
        ImGui::GetIO().DisplaySize.x = width;
        double ms = 0.0;
        for (int i = 0; i < 3; ++i) ms += frame();
        return ms;
    }

    void live() {
        ImGui::GetIO().MouseWheel = -1e6f; // back to the bottom: the view follows new messages again
        frame();
        frame();
        MessageGen gen(7);
        std::vector<double> times;
        for (int i = 0; i < 30; ++i) {
            net::Chat c = gen.next();
            c.seq = m_model.room().back().seq + 1;
            c.timeMs = m_model.room().back().timeMs + 1000;
            m_model.apply(c, {});
            times.push_back(frame());
            if (m_scrollback.lastDrawn().end != m_model.room().size())
                return fail("a new message was not shown");
        }
        m_result.liveMs = median(times);
    }

    const ScrollOptions& m_options;
    ScrollResult& m_result;
    Context m_context{m_options.width, m_options.height};
    app::FontAtlas m_fonts;
    app::GlyphSet m_glyphs;
    app::ChatModel m_model;
    app::Scrollback m_scrollback;
    app::Scrollback::Frame m_frame;
    std::size_t m_rssBefore = 0;
};

} // namespace

ScrollResult runScrollBench(const ScrollOptions& options) {
    ScrollResult result;
    Bench(options, result).run();
    return result;
}

} // namespace cbench
