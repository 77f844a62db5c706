// Links in messages, mentions of our name, and the colour each name gets.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/panels/name_colour.hpp"
#include "app/text/link_finder.hpp"
#include "app/text/mention.hpp"

namespace {

std::vector<std::string> links(std::string_view text) {
    std::vector<app::ByteRange> found;
    app::findLinks(text, found);
    std::vector<std::string> out;
    for (const app::ByteRange& r : found) out.emplace_back(text.substr(r.begin, r.end - r.begin));
    return out;
}

} // namespace

TEST_CASE("links: http and https links are found, and end where the URL ends") {
    CHECK(links("see https://example.com/a?b=1&c=2#x now") ==
          std::vector<std::string>{"https://example.com/a?b=1&c=2#x"});
    CHECK(links("HTTP://Example.ORG") == std::vector<std::string>{"HTTP://Example.ORG"});
    CHECK(links("two: http://a.cn, https://b.cn.") ==
          std::vector<std::string>{"http://a.cn", "https://b.cn"});
    // Chinese right after a host, or Chinese punctuation after a path, is not part of it; Chinese in a path
    // is.
    CHECK(links("看看https://imchat.example/聊天室，好吗") ==
          std::vector<std::string>{"https://imchat.example/聊天室"});
    CHECK(links("https://zh.wikipedia.org/wiki/聊天室") ==
          std::vector<std::string>{"https://zh.wikipedia.org/wiki/聊天室"});
    CHECK(links("看https://a.cn好的") == std::vector<std::string>{"https://a.cn"});
    CHECK(links("链接：https://a.b/c。") == std::vector<std::string>{"https://a.b/c"});
    CHECK(links("「https://a.b/文档」") == std::vector<std::string>{"https://a.b/文档"});
    // Bare www. addresses.
    CHECK(links("去 www.example.org 看看") == std::vector<std::string>{"www.example.org"});
    CHECK(links("WWW.Example.org/a，b") == std::vector<std::string>{"WWW.Example.org/a"});
    CHECK(links("awww.example.org www. www.x www.x.").empty());
    CHECK(links("http://www.example.org") == std::vector<std::string>{"http://www.example.org"});
    // Brackets: balanced ones stay, the one closing the sentence goes.
    CHECK(links("(see https://en.wikipedia.org/wiki/Foo_(bar))") ==
          std::vector<std::string>{"https://en.wikipedia.org/wiki/Foo_(bar)"});
    CHECK(links("(https://a.b/c)") == std::vector<std::string>{"https://a.b/c"});
    CHECK(links("<https://a.b/c>") == std::vector<std::string>{"https://a.b/c"});
    // Not links.
    CHECK(links("ftp://a.b mailto:x@y http:// https:/// xhttp://a.b").empty());
    CHECK(links("no links here, 没有链接").empty());
}

TEST_CASE("links: what the browser gets, percent-encoded, with http:// before a bare www. address") {
    CHECK(app::linkTarget("https://zh.wikipedia.org/wiki/聊天室") ==
          "https://zh.wikipedia.org/wiki/%E8%81%8A%E5%A4%A9%E5%AE%A4");
    CHECK(app::linkTarget("www.example.org/a?b=1") == "http://www.example.org/a?b=1");
    CHECK(app::linkTarget("http://a.b/c%20d") == "http://a.b/c%20d");
}

TEST_CASE("mentions: our name as a word, in any letter case, next to Chinese too") {
    CHECK(app::mentions("hi @Bob!", "bob"));
    CHECK(app::mentions("BOB，你好", "bob"));
    CHECK(app::mentions("你好bob", "bob"));
    CHECK_FALSE(app::mentions("bobby is here", "bob"));
    CHECK_FALSE(app::mentions("kebob", "bob"));
    CHECK(app::mentions("陈磊你在吗", "陈磊"));
    CHECK_FALSE(app::mentions("anything", ""));
    std::vector<app::ByteRange> found;
    app::findMentions("Bob and bob_2 and bob", "bob", found);
    CHECK(found == std::vector<app::ByteRange>{{0, 3}, {18, 21}});
}

TEST_CASE("name colours: stable, the same for any letter case, different for different names, readable") {
    const app::Rgb dark{15, 15, 15};
    const app::Rgb light{240, 240, 240};
    CHECK(app::nameColour("alice", dark) == app::nameColour("alice", dark));
    CHECK(app::nameColour("Alice", dark) == app::nameColour("aLICE", dark));
    const app::Rgb alice = app::nameColour("alice", dark);
    INFO("alice: " << int(alice.r) << " " << int(alice.g) << " " << int(alice.b));
    CHECK(alice == app::Rgb{95, 139, 221}); // the same in every run and build
    std::vector<app::Rgb> seen;
    int distinct = 0;
    for (const char* name :
         {"alice", "bob", "carol", "dave", "erin", "frank", "陈磊", "王芳", "gina", "hank"}) {
        const app::Rgb d = app::nameColour(name, dark);
        const app::Rgb l = app::nameColour(name, light);
        CHECK(app::contrastRatio(d, dark) >= 4.5);
        CHECK(app::contrastRatio(l, light) >= 4.5);
        bool fresh = true;
        for (const app::Rgb& s : seen) fresh &= !(s == d);
        distinct += fresh ? 1 : 0;
        seen.push_back(d);
    }
    CHECK(distinct >= 9);
    CHECK(app::contrastRatio({0, 0, 0}, {255, 255, 255}) == doctest::Approx(21.0));
}
