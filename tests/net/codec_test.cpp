#include <doctest/doctest.h>

#include <vector>

#include "net/codec.hpp"

using namespace net;

namespace {

std::vector<Message> sampleMessages() {
    Token token{};
    for (std::size_t i = 0; i < token.size(); ++i) token[i] = static_cast<std::uint8_t>(i * 17);
    Chat chat{42, 1764096000123ull, "陈磊", "127.0.0.1", 7, "大家好 hello"};
    return {
        Hello{kProtocolVersion, "alice", 41, 3, token},
        Say{9, "你好，世界"},
        Whisper{10, "bob", "悄悄话"},
        HistoryRequest{100, 50},
        UsersRequest{},
        Ping{0xDEADBEEFCAFEull},
        Pong{0xDEADBEEFCAFEull},
        Bye{"going home"},
        Welcome{kProtocolVersion, "alice", "::1", token, 41, 4096, 5000},
        chat,
        Private{5, 1764096000999ull, "bob", "127.0.0.1", "alice", 11, kPrivateStored, "私信"},
        Joined{1, "carol", "127.0.0.1", 3},
        Left{2, "carol", LeaveReason::Timeout, 2},
        Users{{"alice", "bob", "陈磊"}},
        HistoryPage{43, true, {chat, chat}},
        PrivateHistoryRequest{7, 100},
        UsersPart{{"alice", "陈磊"}},
        Presence{1764096000999ull, 7, 3, {"alice", "陈磊"}, 1, {"bob"}},
        PrivateHistoryPage{
            8, true, {Private{5, 1764096000999ull, "bob", "127.0.0.1", "alice", 11, 0, "私信"}}},
        Live{42, 1},
        RoomState{true, "存储不可用"},
        Error{ErrorCode::NameTaken, false, 0, "name is taken"},
    };
}

std::vector<Message> decodeAll(FrameDecoder& d) {
    std::vector<Message> out;
    Message m;
    while (d.next(m) == DecodeStatus::Complete) out.push_back(m);
    return out;
}

} // namespace

TEST_CASE("every message type round-trips through encode and decode") {
    for (const auto& m : sampleMessages()) {
        FrameDecoder d;
        d.feed(encode(m));
        Message got;
        REQUIRE(d.next(got) == DecodeStatus::Complete);
        CHECK(got == m);
        CHECK(d.buffered() == 0);
        CHECK(d.next(got) == DecodeStatus::NeedMore);
    }
}

TEST_CASE("a Say frame has exactly the documented bytes") {
    // 00 00 00 0D | 02 | 00..00 05 | 00 02 'h' 'i'
    const std::string frame = encode(Say{5, "hi"});
    const std::string expected("\x00\x00\x00\x0D\x02\x00\x00\x00\x00\x00\x00\x00\x05\x00\x02hi", 17);
    CHECK(frame == expected);
}

TEST_CASE("frames split at every byte offset decode identically") {
    std::string stream;
    for (const auto& m : sampleMessages()) encode(m, stream);
    const auto expected = sampleMessages();
    for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
        FrameDecoder d;
        d.feed(std::string_view(stream).substr(0, cut));
        auto got = decodeAll(d);
        d.feed(std::string_view(stream).substr(cut));
        auto rest = decodeAll(d);
        got.insert(got.end(), rest.begin(), rest.end());
        REQUIRE(got.size() == expected.size());
        CHECK(got == expected);
    }
}

TEST_CASE("one byte at a time and a dozen coalesced frames decode identically") {
    std::string stream;
    for (int i = 0; i < 12; ++i)
        for (const auto& m : sampleMessages()) encode(m, stream);
    FrameDecoder byByte;
    std::vector<Message> got;
    for (char c : stream) {
        byByte.feed(std::string_view(&c, 1));
        auto some = decodeAll(byByte);
        got.insert(got.end(), some.begin(), some.end());
    }
    FrameDecoder whole;
    whole.feed(stream);
    CHECK(decodeAll(whole) == got);
    CHECK(got.size() == 12 * sampleMessages().size());
}

TEST_CASE("oversize and zero length prefixes are refused before the body arrives") {
    FrameDecoder d;
    Message m;
    d.feed(std::string("\x00\x01\x00\x01", 4)); // 65537: one past the limit
    CHECK(d.next(m) == DecodeStatus::Bad);
    CHECK(d.error() == ErrorCode::FrameTooLarge);
    d.feed("more bytes are ignored");
    CHECK(d.next(m) == DecodeStatus::Bad);

    FrameDecoder zero;
    zero.feed(std::string("\x00\x00\x00\x00", 4));
    CHECK(zero.next(m) == DecodeStatus::Bad);
    CHECK(zero.error() == ErrorCode::FrameTooLarge);

    FrameDecoder atLimit;
    atLimit.feed(std::string("\x00\x01\x00\x00", 4)); // exactly 65536 is allowed: waits for the body
    CHECK(atLimit.next(m) == DecodeStatus::NeedMore);

    FrameDecoder huge;
    huge.feed(std::string("\xFF\xFF\xFF\xFF", 4));
    CHECK(huge.next(m) == DecodeStatus::Bad);
    CHECK(huge.buffered() == 4);
}

TEST_CASE("malformed payloads: truncated fields, trailing bytes, bad flags") {
    Message m;
    CHECK(decodePayload(std::string("\x02\x00\x00", 3), m) == ErrorCode::Malformed); // Say cut in clientId
    std::string say = encode(Say{1, "x"}).substr(4);
    CHECK(decodePayload(say, m) == ErrorCode::None);
    CHECK(decodePayload(say + "!", m) == ErrorCode::Malformed); // trailing byte
    CHECK(decodePayload(say.substr(0, say.size() - 1), m) ==
          ErrorCode::Malformed); // string longer than frame
    std::string err = encode(Error{ErrorCode::Timeout, true, 0, ""}).substr(4);
    err[3] = 2; // fatal flag must be 0 or 1
    CHECK(decodePayload(err, m) == ErrorCode::Malformed);
    CHECK(decodePayload(std::string("\x86\xFF\xFF", 3), m) == ErrorCode::Malformed); // 65535 names, no bytes
    CHECK(decodePayload("", m) == ErrorCode::Malformed);
}

TEST_CASE("unknown types and invalid UTF-8 skip one frame and decoding goes on") {
    std::string stream;
    stream += std::string("\x00\x00\x00\x02\x7E\x00", 6); // unknown type 0x7E
    encode(Say{77, "\xC0\xAF"}, stream);                  // overlong UTF-8
    encode(Say{78, "ok"}, stream);
    FrameDecoder d;
    d.feed(stream);
    Message m;
    CHECK(d.next(m) == DecodeStatus::Bad);
    CHECK(d.error() == ErrorCode::UnknownType);
    CHECK(d.next(m) == DecodeStatus::Bad);
    CHECK(d.error() == ErrorCode::InvalidUtf8);
    CHECK(std::get<Say>(m).clientId == 77); // the refused message can be named in the reply
    REQUIRE(d.next(m) == DecodeStatus::Complete);
    CHECK(std::get<Say>(m).text == "ok");
}

TEST_CASE("a malformed frame is fatal: nothing after it is decoded") {
    std::string stream = std::string("\x00\x00\x00\x02\x02\x00", 6); // Say with 1 byte of clientId
    encode(Say{1, "later"}, stream);
    FrameDecoder d;
    d.feed(stream);
    Message m;
    CHECK(d.next(m) == DecodeStatus::Bad);
    CHECK(d.error() == ErrorCode::Malformed);
    CHECK(isFatal(d.error()));
    CHECK(d.next(m) == DecodeStatus::Bad);
}
