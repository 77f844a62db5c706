#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>

#include "app/model/clock.hpp"
#include "app/text/i18n.hpp"

using app::Lang;

TEST_CASE("i18n: language from the locale variables, in POSIX order") {
    CHECK(app::detectLang(nullptr, nullptr, nullptr, "zh_CN.UTF-8") == Lang::Zh);
    CHECK(app::detectLang(nullptr, nullptr, nullptr, "en_US.UTF-8") == Lang::En);
    CHECK(app::detectLang(nullptr, nullptr, nullptr, nullptr) == Lang::En);
    CHECK(app::detectLang(nullptr, "C", nullptr, "zh_CN.UTF-8") == Lang::En);      // LC_ALL wins
    CHECK(app::detectLang(nullptr, "", "zh_TW.UTF-8", "en_US.UTF-8") == Lang::Zh); // empty = unset
    CHECK(app::detectLang("fr:zh_CN:en", nullptr, nullptr, "en_US.UTF-8") == Lang::Zh);
    CHECK(app::detectLang(nullptr, nullptr, nullptr, "de_DE.UTF-8") == Lang::En);
}

TEST_CASE("i18n: the lab's strings and the head-count notices") {
    CHECK(std::strcmp(app::strings(Lang::Zh).historySeparator, "----以上是历史记录----") == 0);
    CHECK(std::strcmp(app::strings(Lang::Zh).enterName, "请输入用户名!") == 0);
    CHECK(std::strcmp(app::strings(Lang::Zh).emptyMessage, "发送内容不能为空!") == 0);
    CHECK(app::format(app::strings(Lang::Zh).joined, "alice", 3u) == "alice 加入了聊天室，当前 3 人");
    CHECK(app::format(app::strings(Lang::En).left, "bob", 2u) == "bob left \u2014 2 online");
    CHECK(app::parseLang("xx") == std::nullopt);
}

TEST_CASE("i18n: the lab's time stamp, in local time") {
    setenv("TZ", "CST-8", 1); // POSIX form (UTC+8): needs no tzdata
    tzset();
    char buf[32];
    const std::size_t n = app::formatStamp(1'700'000'000'123, buf, sizeof buf);
    CHECK(std::string(buf, n) == "[2023-11-15 06:13:20]");
}

TEST_CASE("i18n: allStrings holds every UI string") {
    const std::string zh = app::allStrings(Lang::Zh);
    CHECK(zh.find("----以上是历史记录----") != std::string::npos);
    CHECK(zh.find("离线：%s") != std::string::npos);
    CHECK(app::allStrings(Lang::En).find("use host:port") != std::string::npos);
}
