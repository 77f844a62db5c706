#include <doctest/doctest.h>

#include "net/utf8.hpp"
#include "net/validation.hpp"

using namespace net;

TEST_CASE("utf8 accepts well-formed text, Chinese and emoji included") {
    CHECK(utf8::isValid(""));
    CHECK(utf8::isValid("hello"));
    CHECK(utf8::isValid("你好，聊天室 磊"));
    CHECK(utf8::isValid("\xF0\x9F\x98\x80")); // U+1F600
    CHECK(utf8::countCodePoints("你好a") == 3);
}

TEST_CASE("utf8 rejects overlong, surrogate, truncated and out-of-range sequences") {
    CHECK_FALSE(utf8::isValid("\xC0\xAF"));         // overlong '/'
    CHECK_FALSE(utf8::isValid("\xE0\x80\xAF"));     // overlong 3-byte
    CHECK_FALSE(utf8::isValid("\xF0\x80\x80\xAF")); // overlong 4-byte
    CHECK_FALSE(utf8::isValid("\xED\xA0\x80"));     // U+D800 surrogate
    CHECK_FALSE(utf8::isValid("\xF4\x90\x80\x80")); // above U+10FFFF
    CHECK_FALSE(utf8::isValid("\xE4\xBD"));         // truncated 你
    CHECK_FALSE(utf8::isValid("\x80"));             // lone continuation
    CHECK_FALSE(utf8::isValid("\xFF"));
}

TEST_CASE("utf8 prefixWithin never cuts a character") {
    const std::string s = "a你好"; // 1 + 3 + 3 bytes
    CHECK(utf8::prefixWithin(s, 100) == 7);
    CHECK(utf8::prefixWithin(s, 7) == 7);
    CHECK(utf8::prefixWithin(s, 6) == 4);
    CHECK(utf8::prefixWithin(s, 5) == 4);
    CHECK(utf8::prefixWithin(s, 4) == 4);
    CHECK(utf8::prefixWithin(s, 3) == 1);
    CHECK(utf8::prefixWithin(s, 0) == 0);
}

TEST_CASE("utf8 decode round-trips through append") {
    const std::string s = "A\xC3\xA9你\xF0\x9F\x98\x80";
    std::string out;
    std::size_t pos = 0;
    while (pos < s.size()) utf8::append(out, utf8::decode(s, pos));
    CHECK(out == s);
    std::size_t bad = 0;
    CHECK(utf8::decode("\xFF", bad) == U'\uFFFD');
    CHECK(bad == 1);
}

TEST_CASE("names: length, control characters, spaces, case-insensitive key") {
    CHECK(validateName("alice") == ErrorCode::None);
    CHECK(validateName("陈磊") == ErrorCode::None);
    CHECK(validateName("") == ErrorCode::InvalidName);
    CHECK(validateName(" bob") == ErrorCode::InvalidName);
    CHECK(validateName("bob ") == ErrorCode::InvalidName);
    CHECK(validateName(std::string("a\0b", 3)) == ErrorCode::InvalidName);
    CHECK(validateName("a\nb") == ErrorCode::InvalidName);
    CHECK(validateName("\xC0\xAF") == ErrorCode::InvalidName);
    CHECK(validateName(std::string(32, 'x')) == ErrorCode::None);
    CHECK(validateName(std::string(33, 'x')) == ErrorCode::InvalidName);
    CHECK(nameKey("Alice") == nameKey("aLICE"));
    CHECK(nameKey("陈磊") == "陈磊");
}

TEST_CASE("text: blank, too long, control characters") {
    CHECK(validateText("hi", 10) == ErrorCode::None);
    CHECK(validateText("line1\nline2\tx", 100) == ErrorCode::None);
    CHECK(validateText("   \n ", 10) == ErrorCode::EmptyText);
    CHECK(validateText("", 10) == ErrorCode::EmptyText);
    CHECK(validateText("你好", 5) == ErrorCode::TextTooLong);
    CHECK(validateText("你好", 6) == ErrorCode::None);
    CHECK(validateText(std::string("a\0b", 3), 10) == ErrorCode::InvalidText);
    CHECK(validateText("\xED\xA0\x80", 10) == ErrorCode::InvalidUtf8);
}
