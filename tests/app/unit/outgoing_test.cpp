#include <doctest/doctest.h>

#include <string>

#include "app/model/outgoing.hpp"

using app::Outgoing;

namespace {
const app::Strings& zh = app::strings(app::Lang::Zh);
const app::Strings& en = app::strings(app::Lang::En);
} // namespace

TEST_CASE("outgoing: the lab's prompts, and nothing sent") {
    Outgoing o = app::interpretInput("", "hello", "", 4096, zh);
    CHECK(o.kind == Outgoing::Kind::Prompt);
    CHECK(o.text == "请输入用户名!");
    CHECK(o.keepInput);
    o = app::interpretInput("  ", "hello", "", 4096, en);
    CHECK(o.text == "Please enter a user name!");
    o = app::interpretInput("bob", "", "", 4096, zh);
    CHECK(o.kind == Outgoing::Kind::Prompt);
    CHECK(o.text == "发送内容不能为空!");
    o = app::interpretInput("bob", "   ", "", 4096, en);
    CHECK(o.text == "Message is empty!");
}

TEST_CASE("outgoing: a message in the room is said, in a private tab whispered to the peer") {
    Outgoing o = app::interpretInput("bob", "hi 你好聊", "", 4096, en);
    CHECK(o.kind == Outgoing::Kind::Say);
    CHECK(o.text == "hi 你好聊");
    o = app::interpretInput("bob", "psst", "alice", 4096, en);
    CHECK(o.kind == Outgoing::Kind::Whisper);
    CHECK(o.to == "alice");
    CHECK(o.text == "psst");
}

TEST_CASE("outgoing: /msg name text sends a private message") {
    Outgoing o = app::interpretInput("bob", "/msg 陈磊 晚上好 everyone", "", 4096, en);
    CHECK(o.kind == Outgoing::Kind::Whisper);
    CHECK(o.to == "陈磊");
    CHECK(o.text == "晚上好 everyone");
    o = app::interpretInput("bob", "/msg alice", "", 4096, en);
    CHECK(o.kind == Outgoing::Kind::Prompt);
    CHECK(o.text == "usage: /msg name text");
    o = app::interpretInput("bob", "/msg   ", "", 4096, en);
    CHECK(o.kind == Outgoing::Kind::Prompt);
    // "/msgs" is not /msg: an unknown command, kept in the box to fix.
    o = app::interpretInput("bob", "/msgs", "", 4096, en);
    CHECK(o.kind == Outgoing::Kind::Prompt);
    CHECK(o.keepInput);
}

TEST_CASE("outgoing: over the server's limit is refused before sending, and the text is kept") {
    const std::string longText(5000, 'x');
    Outgoing o = app::interpretInput("bob", longText, "", 4096, en);
    CHECK(o.kind == Outgoing::Kind::Prompt);
    CHECK(o.text == "the message is too long: remove 904 characters (limit 4096 bytes)");
    CHECK(o.keepInput);
    CHECK(app::interpretInput("bob", std::string(4096, 'x'), "", 4096, en).kind == Outgoing::Kind::Say);
}

TEST_CASE("outgoing: the remaining-characters hint counts whole characters, never half of one") {
    // 聊 is 3 bytes: 10 of them are 30 bytes; with a limit of 20, 6 fit (18 bytes) and 4 must go.
    std::string text;
    for (int i = 0; i < 10; ++i) text += "聊";
    app::TextBudget b = app::textBudget(text, 20);
    CHECK(b.bytes == 30);
    CHECK(b.bytesLeft == 0);
    CHECK(b.charsOver == 4);
    const app::Outgoing o = app::interpretInput("bob", text, "", 20, zh);
    CHECK(o.kind == Outgoing::Kind::Prompt);
    CHECK(o.text == "内容太长：请删掉 4 个字（上限 20 字节）");
    CHECK(o.keepInput);
    b = app::textBudget("hi 你好", 20);
    CHECK(b.bytesLeft == 11);
    CHECK(b.charsOver == 0);
    CHECK(app::textBudget(std::string(21, 'x'), 20).charsOver == 1);
}

TEST_CASE("outgoing: /me, /nick and /help, an unknown command, and // for text that starts with a slash") {
    Outgoing o = app::interpretInput("bob", "/me 挥挥手", "", 4096, zh);
    CHECK(o.kind == Outgoing::Kind::Say);
    CHECK(o.text == "/me 挥挥手"); // sent as typed: every window shows it as "* bob 挥挥手"
    o = app::interpretInput("bob", "/me waves", "alice", 4096, en);
    CHECK(o.kind == Outgoing::Kind::Whisper);
    CHECK(o.to == "alice");
    o = app::interpretInput("bob", "/me   ", "", 4096, en);
    CHECK(o.kind == Outgoing::Kind::Prompt);
    CHECK(o.text == "usage: /me action, e.g. /me waves");

    o = app::interpretInput("bob", "/nick  陈磊 ", "", 4096, zh);
    CHECK(o.kind == Outgoing::Kind::Nick);
    CHECK(o.to == "陈磊");
    o = app::interpretInput("bob", "/nick", "", 4096, zh);
    CHECK(o.text == "用法：/nick 新名字");
    o = app::interpretInput("bob", "/nick a\u202Eb", "", 4096, en);
    CHECK(o.kind == Outgoing::Kind::Prompt); // a direction override is no name
    CHECK(o.keepInput);

    o = app::interpretInput("bob", "/help", "", 4096, zh);
    CHECK(o.kind == Outgoing::Kind::Note);
    CHECK(o.text.find("/msg 名字 内容") != std::string::npos);

    o = app::interpretInput("bob", "/join #lab", "", 4096, zh);
    CHECK(o.kind == Outgoing::Kind::Prompt);
    CHECK(o.text == "/join 不是命令：输入 /help 查看命令；要发送以 / 开头的文字，请用 // 开头");
    CHECK(o.keepInput);

    o = app::interpretInput("bob", "//usr/bin 在这里", "", 4096, en);
    CHECK(o.kind == Outgoing::Kind::Say);
    CHECK(o.text == "/usr/bin 在这里");
    // Not commands: a slash before anything but an ASCII letter is text.
    for (const char* text : {"/ 斜杠", "/5 分钟", "/你好", "/"}) {
        o = app::interpretInput("bob", text, "", 4096, en);
        CHECK(o.kind == Outgoing::Kind::Say);
        CHECK(o.text == text);
    }
}
