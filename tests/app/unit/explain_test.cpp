#include <doctest/doctest.h>

#include <string>

#include "app/text/explain.hpp"

namespace {

bool hasChinese(const std::string& s) {
    for (unsigned char c : s)
        if (c >= 0xE4 && c <= 0xE9) return true; // lead bytes of U+4000..U+9FFF
    return false;
}

} // namespace

TEST_CASE("explain: every server error and every way a connection ends is a sentence in the UI's language") {
    for (unsigned code = 0; code <= static_cast<unsigned>(net::ErrorCode::MailboxFull); ++code) {
        net::Error e;
        e.code = static_cast<net::ErrorCode>(code);
        const std::string zh = app::explainError(app::strings(app::Lang::Zh), e, "陈磊");
        const std::string en = app::explainError(app::strings(app::Lang::En), e, "alice");
        CAPTURE(code);
        CAPTURE(zh);
        CAPTURE(en);
        CHECK(hasChinese(zh));
        CHECK_FALSE(hasChinese(en));
        CHECK(en.size() > 12);
        // The protocol's own names ("server-full") appear only where the window asks for an update.
        const std::string name = net::errorName(e.code);
        if (zh.find("imchat") == std::string::npos) CHECK(zh.find(name) == std::string::npos);
    }
    for (unsigned c = 0; c <= static_cast<unsigned>(net::DisconnectCause::Internal); ++c) {
        net::DisconnectedEvent e;
        e.cause = static_cast<net::DisconnectCause>(c);
        e.code = net::ErrorCode::ServerFull;
        e.reason = "an English reason for the log";
        const std::string zh =
            app::explainDisconnect(app::strings(app::Lang::Zh), e, "chat.lan:12000", "陈磊");
        const std::string en =
            app::explainDisconnect(app::strings(app::Lang::En), e, "chat.lan:12000", "alice");
        CAPTURE(c);
        CAPTURE(zh);
        CHECK(hasChinese(zh));
        CHECK(zh.find("English") == std::string::npos);
        CHECK(en.find("English") == std::string::npos);
    }
    net::DisconnectedEvent resolve;
    resolve.cause = net::DisconnectCause::Resolve;
    CHECK(app::explainDisconnect(app::strings(app::Lang::En), resolve, "chat.lan:12000", "") ==
          "cannot find the server chat.lan: check the address for typos");
}
