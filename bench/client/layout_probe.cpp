#include "bench/client/layout_probe.hpp"

#include "app/panels/scrollback/font_measure.hpp"
#include "app/panels/scrollback/scroll_layout.hpp"
#include "bench/client/self_usage.hpp"

namespace cbench {
namespace {

/// The real measure, counted.
class CountingMeasure final : public app::EntryMeasure {
public:
    CountingMeasure(const app::EntryMeasure& inner, const app::ChatModel& model)
        : m_inner(inner), m_model(model), m_room(model.room()) {}
    Shape shape(std::size_t i, float width) const override {
        ++calls;
        bytes += m_model.text(m_room[i]).size();
        return m_inner.shape(i, width);
    }
    mutable std::size_t calls = 0;
    mutable std::size_t bytes = 0;

private:
    const app::EntryMeasure& m_inner;
    const app::ChatModel& m_model;
    const app::Conversation& m_room;
};

} // namespace

std::vector<LayoutStep> probeLayout(const app::ChatModel& model, const ImFont& font,
                                    const std::vector<float>& widths) {
    app::LocalDays days;
    const app::FontMeasure measure(model, model.room(), font, days);
    app::ScrollLayout layout;
    std::vector<LayoutStep> steps;
    for (const float width : widths) {
        CountingMeasure counting(measure, model);
        const double t = threadCpuMs();
        layout.sync(model.room(), width, font.FontSize, counting);
        steps.push_back({width, counting.calls, counting.bytes, threadCpuMs() - t});
    }
    return steps;
}

} // namespace cbench
