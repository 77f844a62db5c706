// The lab's raw text without a socket: messages found in a byte stream however it is cut, refusals bounded,
// and what a lab client reads.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "net/name_rules.hpp"
#include "net/utf8.hpp"
#include "server/lab_format.hpp"

using server::lab::Parser;
using server::lab::Refusal;
using server::lab::Said;

namespace {

const std::string kOne = "[2024-05-06 07:08:09] 192.168.1.5 - 小明\n 你好, 世界";
const std::string kTwo = "[2024-05-06 07:08:10] 192.168.1.6 -  小红 \n 收到 [2024-01-01 00:00:00] x";

std::vector<Said> drain(Parser& p, bool settled, std::vector<Refusal>* refused = nullptr) {
    std::vector<Said> got;
    Said s;
    for (;;) {
        const auto status = p.next(s, settled);
        if (status == Parser::Status::NeedMore) return got;
        if (status == Parser::Status::Complete) got.push_back(s);
        else if (refused) refused->push_back(p.refusal());
    }
}

} // namespace

TEST_CASE("a message is whole only once the bytes stop, however they were cut") {
    for (std::size_t cut = 1; cut < kOne.size(); ++cut) {
        Parser p;
        p.feed(kOne.substr(0, cut));
        CHECK(drain(p, false).empty());
        p.feed(kOne.substr(cut));
        CHECK(drain(p, false).empty()); // the text may go on
        const auto got = drain(p, true);
        REQUIRE(got.size() == 1);
        CHECK(got[0].name == "小明");
        CHECK(got[0].text == "你好, 世界");
        CHECK_FALSE(p.holding());
    }
}

TEST_CASE("several messages in one read end at each other's headers") {
    Parser p;
    p.feed(kOne + kTwo + kOne);
    auto got = drain(p, false);
    REQUIRE(got.size() == 2); // the third may go on
    CHECK(got[0].text == "你好, 世界");
    CHECK(got[1].name == "小红"); // spaces around the name are not part of it
    // A stamp inside a text is not a header: no "\n " follows its line.
    CHECK(got[1].text == "收到 [2024-01-01 00:00:00] x");
    got = drain(p, true);
    REQUIRE(got.size() == 1);
    CHECK(got[0].name == "小明");
}

TEST_CASE("garbage, invalid UTF-8 and over-long messages are refused, and nothing else is lost") {
    Parser p;
    std::vector<Refusal> refused;
    const std::string invalid = "[2024-05-06 07:08:09] ip - bob\n \xff\xfe";
    const std::string tooLong = "[2024-05-06 07:08:09] ip - bob\n " + std::string(3000, 'x');
    p.feed("hello there\n" + kOne + invalid + kTwo + tooLong + kOne);
    const auto got = drain(p, true, &refused);
    REQUIRE(got.size() == 3);
    CHECK(got[0].name == "小明");
    CHECK(got[1].name == "小红");
    CHECK(got[2].name == "小明");
    CHECK(refused == std::vector<Refusal>{Refusal::Garbage, Refusal::InvalidUtf8, Refusal::TooLong});
}

TEST_CASE("a message too long to hold is dropped as it comes, up to the next header") {
    Parser p;
    std::vector<Refusal> refused;
    p.feed("[2024-05-06 07:08:09] ip - bob\n ");
    for (int i = 0; i < 100; ++i) {
        p.feed(std::string(1000, 'y'));
        drain(p, false, &refused);
    }
    CHECK(refused == std::vector<Refusal>{Refusal::TooLong});
    p.feed(kOne);
    const auto got = drain(p, true, &refused);
    REQUIRE(got.size() == 1);
    CHECK(got[0].text == "你好, 世界");
}

TEST_CASE("a header with no address, name or text is garbage") {
    for (const std::string bad : {"[2024-05-06 07:08:09]  - bob\n x", "[2024-05-06 07:08:09] ip - \n x",
                                  "[2024-05-06 07:08:09] ip bob\n x", "[2024-5-06 07:08:09] ip - bob\n x",
                                  "[2024-05-06 07:08:09] ip - bob\nx"}) {
        Parser p;
        std::vector<Refusal> refused;
        p.feed(bad);
        CHECK(drain(p, true, &refused).empty());
        CHECK(refused.size() == 1);
    }
}

TEST_CASE("the history is the newest whole lines that fit one read of the lab's client") {
    CHECK(server::lab::history({}) == "NO_MESSAGE");
    std::vector<std::string> newestFirst;
    for (int i = 0; i < 100; ++i)
        newestFirst.push_back("line " + std::to_string(99 - i) + std::string(40, '.'));
    const std::string h = server::lab::history(newestFirst);
    CHECK(h.size() <= server::lab::kReadBytes);
    CHECK(h.ends_with("line 99" + std::string(40, '.')));
    CHECK(h.starts_with("line "));
    CHECK(h.find("line 0.") == std::string::npos);
}

TEST_CASE("what is written is cut into reads of at most 2048 bytes, between characters") {
    std::string text;
    for (int i = 0; i < 1500; ++i) text += "字";
    const auto pieces = server::lab::pieces(text);
    REQUIRE(pieces.size() == 3);
    std::string joined;
    for (const auto& p : pieces) {
        CHECK(p.size() <= server::lab::kReadBytes);
        CHECK(net::utf8::isValid(p));
        joined += p;
    }
    CHECK(joined == text);
}

TEST_CASE("a chat reads as the lab's sentence, with the server's address") {
    const net::Chat chat{7, 1700000000000, "小明 (lab)", "127.0.0.1", 0, "你好"};
    const std::string line = server::lab::line(chat);
    CHECK(line.ends_with("] 127.0.0.1 - 小明 (lab)\n 你好"));
    std::string name;
    CHECK(server::lab::parseHeader(line.substr(0, line.find('\n')), &name));
    CHECK(name == "小明 (lab)");
}

TEST_CASE("the lab mark is found in any look-alike spelling") {
    CHECK(server::lab::marked(net::nameKey("bob (lab)")));
    CHECK(server::lab::marked(net::nameKey("Bob (LAB)")));
    CHECK(server::lab::marked(net::nameKey("小明 (Ｌab)")));
    CHECK_FALSE(server::lab::marked(net::nameKey("bob")));
    CHECK_FALSE(server::lab::marked(net::nameKey("lab")));
    CHECK_FALSE(server::lab::marked(net::nameKey("(lab) bob")));
}

TEST_CASE("the head-count notices are the lab's own words") {
    CHECK(server::lab::youJoined(3) == "您已加入, 当前3人");
    CHECK(server::lab::someoneJoined(4) == "有新用户加入, 当前4人");
    CHECK(server::lab::someoneLeft(2) == "有用户退出, 当前2人");
}
