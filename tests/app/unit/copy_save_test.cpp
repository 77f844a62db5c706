// Copying and saving: the selection's bookkeeping, the transcript's text, the UTF-8 file written off the
// UI thread, and the link opener started without waiting.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "app/io/file_writer.hpp"
#include "app/io/link_opener.hpp"
#include "app/model/chat_model.hpp"
#include "app/model/selection.hpp"
#include "app/model/transcript.hpp"
#include "app/panels/save_dialog.hpp"
#include "support/read_file.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

app::ChatModel room() {
    app::ChatModel m(app::Lang::Zh);
    net::WelcomeEvent w;
    w.you = "bob";
    w.latestSeq = 3;
    w.history.push_back(net::Chat{1, 1'700'000'000'000, "alice", "10.0.0.1", 0, "你好 hello"});
    w.history.push_back(net::Chat{2, 1'700'000'001'000, "陈磊", "10.0.0.2", 0, "第二行\n换行了"});
    w.history.push_back(net::Chat{3, 1'700'000'002'000, "bob", "10.0.0.3", 0, "mine"});
    m.apply(w, {});
    return m;
}

} // namespace

TEST_CASE("copy: selection by stable position survives older pages arriving at the front") {
    app::ChatModel m = room();
    app::Selection sel;
    sel.click(app::ChatModel::kRoom, m.room(), 1, false);
    sel.click(app::ChatModel::kRoom, m.room(), 2, true);
    auto r = sel.range(app::ChatModel::kRoom, m.room());
    REQUIRE(r.has_value());
    CHECK(*r == std::pair<std::size_t, std::size_t>{1, 2});
    CHECK(sel.contains(app::ChatModel::kRoom, m.room(), 2));
    CHECK_FALSE(sel.range(1, m.room()).has_value()); // another conversation

    // (The room has no older history here; a shift-click from nothing anchors at the click.)
    app::Selection fresh;
    fresh.click(app::ChatModel::kRoom, m.room(), 2, true);
    CHECK(*fresh.range(app::ChatModel::kRoom, m.room()) == std::pair<std::size_t, std::size_t>{2, 2});
}

TEST_CASE("copy: text, text with stamp, a selection and the whole transcript") {
    setenv("TZ", "CST-8", 1);
    tzset();
    const app::ChatModel m = room();
    std::string t;
    app::appendEntryText(m, m.room()[1], false, t);
    CHECK(t == "第二行\n换行了");
    t.clear();
    app::appendEntryText(m, m.room()[1], true, t);
    CHECK(t == "[2023-11-15 06:13:21] 10.0.0.2 - 陈磊\n第二行\n换行了");
    CHECK(app::selectionText(m, app::ChatModel::kRoom, 0, 0) == "你好 hello");
    CHECK(
        app::selectionText(m, app::ChatModel::kRoom, 0, 1) ==
        "[2023-11-15 06:13:20] 10.0.0.1 - alice\n你好 hello\n[2023-11-15 06:13:21] 10.0.0.2 - 陈磊\n第二行\n换行了\n");
    const std::string all = app::transcriptText(m, app::ChatModel::kRoom);
    CHECK(all.ends_with("10.0.0.3 - bob\nmine\n----以上是历史记录----\n"));
}

TEST_CASE("save: the transcript is written as UTF-8 on the writer's thread, and the result comes back") {
    const fs::path dir = fs::temp_directory_path() / ("imchat-save-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    std::atomic<int> wakes{0};
    app::FileWriter writer([&] { ++wakes; });
    const app::ChatModel m = room();
    const std::string text = app::transcriptText(m, app::ChatModel::kRoom);
    REQUIRE(writer.start(dir / "sub" / "transcript.txt", text));
    std::optional<app::FileWriter::Result> r;
    for (int i = 0; i < 500 && !r; ++i) {
        r = writer.poll();
        if (!r) std::this_thread::sleep_for(10ms);
    }
    REQUIRE(r.has_value());
    CHECK(r->ok);
    CHECK(wakes == 1);
    CHECK(support::readFile(dir / "sub" / "transcript.txt") == text);
    CHECK_FALSE(fs::exists(dir / "sub" / "transcript.txt.part"));
    CHECK_FALSE(writer.poll().has_value()); // reported once

    // A path that cannot be written: the error comes back, nothing is left behind.
    std::ofstream(dir / "file") << "x";
    REQUIRE(writer.start(dir / "file" / "inside.txt", text));
    r.reset();
    for (int i = 0; i < 500 && !r; ++i) {
        r = writer.poll();
        if (!r) std::this_thread::sleep_for(10ms);
    }
    REQUIRE(r.has_value());
    CHECK_FALSE(r->ok);
    CHECK_FALSE(r->error.empty());
    fs::remove_all(dir);
}

TEST_CASE("save: the default path is in the home directory, named after the conversation and the time") {
    setenv("TZ", "CST-8", 1);
    tzset();
    CHECK(app::defaultTranscriptPath("/home/u", "", 1'700'000'000'000) ==
          "/home/u/imchat-room-20231115-061320.txt");
    CHECK(app::defaultTranscriptPath("/home/u", "a/b", 1'700'000'000'000) ==
          "/home/u/imchat-a_b-20231115-061320.txt");
}

TEST_CASE("links: the opener runs without the UI waiting, with the URL as one argument") {
    const fs::path dir = fs::temp_directory_path() / ("imchat-opener-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path script = dir / "opener.sh";
    const fs::path gate = dir / "gate";
    const fs::path out = dir / "opened.txt";
    // The opener waits (at most 5 s) until the test opens the gate: if open() waited for it, the test would
    // see the output already there.
    std::ofstream(script) << "#!/bin/sh\nfor i in $(seq 500); do [ -f '" << gate.string()
                          << "' ] && break; sleep 0.01; done\nprintf '%s\\n' \"$1\" >> '" << out.string()
                          << "'\n";
    fs::permissions(script, fs::perms::owner_all);
    app::LinkOpener opener(script.string());
    std::string error;
    REQUIRE(opener.open("https://example.com/a b?c=1&d='x'", error));
    CHECK_FALSE(fs::exists(out));
    std::ofstream(gate) << "open";
    CHECK(opener.running() == 1);
    for (int i = 0; i < 300 && opener.running() > 0; ++i) {
        std::this_thread::sleep_for(10ms);
        opener.reap();
    }
    CHECK(opener.running() == 0);
    CHECK(support::readFile(out) == "https://example.com/a b?c=1&d='x'\n");

    app::LinkOpener missing((dir / "no-such-opener").string());
    CHECK_FALSE(missing.open("https://example.com", error));
    CHECK(error.find("no-such-opener") != std::string::npos);
    fs::remove_all(dir);
}
