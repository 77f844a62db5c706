// The snapshot that lets the window skip rendering a frame identical to the one on screen: equal for equal
// frames (whatever the mouse did off any widget), different for any change a user could see.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/platform/frame_snapshot.hpp"
#include "headless_ui.hpp"

namespace {

std::vector<unsigned char> drawn(apptest::HeadlessUi& ui, const std::string& text, int width = 800,
                                 int height = 600) {
    ui.frame([&] {
        ImGui::TextUnformatted(text.c_str());
        ImGui::Button("发送");
    });
    std::vector<unsigned char> snapshot;
    app::snapshotFrame(*ImGui::GetDrawData(), width, height, snapshot);
    return snapshot;
}

} // namespace

TEST_CASE("frame snapshot: the same frame twice matches, any visible change does not") {
    apptest::HeadlessUi ui;
    ui.mouse(ImVec2(700.0f, 500.0f), 0, false); // over nothing
    drawn(ui, "hello");                         // ImGui settles its first frame
    const std::vector<unsigned char> first = drawn(ui, "hello");
    CHECK(drawn(ui, "hello") == first);

    ui.mouse(ImVec2(650.0f, 450.0f), 0, false); // moved, still over nothing
    CHECK(drawn(ui, "hello") == first);

    CHECK(drawn(ui, "hellp") != first);           // one glyph differs
    CHECK(drawn(ui, "hello", 801, 600) != first); // the window was resized
    ui.mouse(ImVec2(20.0f, 32.0f), 0, false);     // over the button: it lights up
    drawn(ui, "hello");
    CHECK(drawn(ui, "hello") != first);
    ui.mouse(ImVec2(700.0f, 500.0f), 0, false);
    drawn(ui, "hello");
    CHECK(drawn(ui, "hello") == first); // and back as it was
}
