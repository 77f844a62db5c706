#include <doctest/doctest.h>

#include <string>

#include "app/text/reply_quote.hpp"

TEST_CASE("reply: the quote line is written, read back and shown, anything else is no reply") {
    const std::string prefix = app::replyPrefix("陈磊", 1234, "晚上一起吃饭吗？\n第二行不引用");
    CHECK(prefix == "> @陈磊 #1234: 晚上一起吃饭吗？\n");
    const auto q = app::parseReply(prefix + "好啊");
    REQUIRE(q.has_value());
    CHECK(q->name == "陈磊");
    CHECK(q->seq == 1234);
    CHECK(q->excerpt == "晚上一起吃饭吗？");
    CHECK(app::shownReply(prefix + "好啊") == "\u21AA 陈磊 #1234: 晚上一起吃饭吗？\n好啊");
    CHECK(app::quotedSeq(app::shownReply(prefix + "好啊")) == 1234u);

    // A long first line is cut on a character boundary, with an ellipsis.
    const std::string longLine(30, 'a');
    const std::string cjk = longLine + "聊天室聊天室聊天室聊天室聊天室";
    const std::string cut = app::replyPrefix("bob", 7, cjk);
    CHECK(cut.size() <= std::string("> @bob #7: ").size() + 60 + 3 + 1);
    CHECK(cut.ends_with("\u2026\n"));
    CHECK(app::parseReply(cut + "x").has_value()); // still valid UTF-8 and well-formed

    // Not replies: no answer, no seq, no name, a seq of 0, or just a quoted line.
    for (const char* text : {"> @alice #5: only the quote", "> @alice #x: y\nz", "> @ #5: y\nz",
                             "> @alice #0: y\nz", "> alice said\nhi", "plain text", "> @alice #5 y\nz"}) {
        CAPTURE(text);
        CHECK_FALSE(app::parseReply(text).has_value());
        CHECK(app::shownReply(text) == text);
    }
    CHECK_FALSE(app::quotedSeq("plain").has_value());
}
