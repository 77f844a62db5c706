#include "app/text/i18n.hpp"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <iterator>

namespace app {
namespace {

const Strings s_zh = {
    .historySeparator = "----以上是历史记录----",
    .joined = "%s 加入了聊天室，当前 %u 人",
    .left = "%s 离开了聊天室，当前 %u 人",
    .enterName = "请输入用户名!",
    .emptyMessage = "发送内容不能为空!",
    .storedOffline = "对方不在线，上线后会收到",
    .privateTo = "私聊 → %s",
    .privateFrom = "私聊 ← %s",
    .roomTab = "聊天室",
    .send = "发送",
    .server = "服务器",
    .name = "用户名",
    .connect = "连接",
    .stateConnecting = "正在连接 %s …",
    .stateJoining = "已连接 %s，正在加入…",
    .stateOnline = "在线：%s @ %s",
    .stateReconnecting = "%d 秒后重连（%s）",
    .stateOffline = "离线：%s",
    .stateNoName = "离线：请输入用户名后连接",
    .usersTitle = "在线用户（%u）",
    .you = "（我）",
    .newMessages = "%u 条新消息 ↓",
    .notSent = "消息未发送：%s",
    .outboxFull = "发送队列已满，请稍后再试",
    .reconnected = "已重新连接",
    .missedWhileAway = "离线期间错过的 %llu 条消息在此之前，向上滚动即可加载",
    .loadingOlder = "正在加载更早的消息…",
    .historyStart = "没有更早的消息了",
    .msgUsage = "用法：/msg 用户名 内容",
    .closeTab = "关闭",
    .nameTaken = "用户名 %s 已被占用，请换一个",
    .invalidName = "用户名 %s 不可用",
    .textTooLong = "内容太长",
    .rateLimited = "发送太快了，请稍等",
    .invalidText = "内容含有不允许的控制字符",
    .storageFailed = "服务器保存失败，请重试",
    .invalidRecipient = "收件人用户名无效",
    .badServer = "服务器地址无效：%s（格式：主机:端口）",
    .textTooLongBy = "内容太长：请删掉 %zu 个字（上限 %u 字节）",
    .bytesLeft = "还可输入 %zu 字节",
    .charsOver = "超出 %zu 个字",
    .unreadMarker = "以下是新消息",
    .find = "查找",
    .searchCount = "第 %zu 个，共 %zu 个",
    .searchNone = "没有找到",
    .searching = "搜索中…",
    .copyText = "复制文字",
    .copyWithStamp = "复制（含时间和名字）",
    .copySelected = "复制选中的 %zu 条",
    .copyAll = "复制全部",
    .saveTranscript = "保存聊天记录…",
    .openLink = "打开链接",
    .copyLink = "复制链接",
    .save = "保存",
    .cancel = "取消",
    .transcriptSaved = "聊天记录已保存到 %s",
    .transcriptFailed = "无法保存 %s：%s",
    .openFailed = "无法打开链接：%s",
    .settings = "设置",
    .darkTheme = "深色主题",
    .showTimestamps = "显示时间",
    .language = "语言",
    .fontSize = "字号 %.0f",
};

const Strings s_en = {
    .historySeparator = "---- above is history ----",
    .joined = "%s joined \u2014 %u online",
    .left = "%s left \u2014 %u online",
    .enterName = "Please enter a user name!",
    .emptyMessage = "Message is empty!",
    .storedOffline = "offline \u2014 will be delivered when they connect",
    .privateTo = "private \u2192 %s",
    .privateFrom = "private \u2190 %s",
    .roomTab = "Room",
    .send = "SEND",
    .server = "Server",
    .name = "Name",
    .connect = "Connect",
    .stateConnecting = "connecting to %s\u2026",
    .stateJoining = "connected to %s, joining\u2026",
    .stateOnline = "online: %s @ %s",
    .stateReconnecting = "reconnecting in %ds (%s)",
    .stateOffline = "offline: %s",
    .stateNoName = "offline: enter a user name to connect",
    .usersTitle = "Online (%u)",
    .you = " (you)",
    .newMessages = "%u new \u2193",
    .notSent = "not sent: %s",
    .outboxFull = "too many unsent messages, try again later",
    .reconnected = "reconnected",
    .missedWhileAway =
        "the %llu messages you missed while away come before this point: scroll up to load them",
    .loadingOlder = "loading older messages\u2026",
    .historyStart = "beginning of history",
    .msgUsage = "usage: /msg name text",
    .closeTab = "Close",
    .nameTaken = "the name %s is taken, pick another",
    .invalidName = "the name %s is not allowed",
    .textTooLong = "the message is too long",
    .rateLimited = "sending too fast, wait a moment",
    .invalidText = "the message contains control characters",
    .storageFailed = "the server could not store it, try again",
    .invalidRecipient = "the recipient's name is not valid",
    .badServer = "not a server address: %s (use host:port)",
    .textTooLongBy = "the message is too long: remove %zu characters (limit %u bytes)",
    .bytesLeft = "%zu bytes left",
    .charsOver = "%zu characters over",
    .unreadMarker = "new messages",
    .find = "Find",
    .searchCount = "%zu of %zu",
    .searchNone = "no results",
    .searching = "searching\u2026",
    .copyText = "Copy text",
    .copyWithStamp = "Copy with stamp",
    .copySelected = "Copy %zu selected",
    .copyAll = "Copy all",
    .saveTranscript = "Save transcript\u2026",
    .openLink = "Open link",
    .copyLink = "Copy link",
    .save = "Save",
    .cancel = "Cancel",
    .transcriptSaved = "transcript saved to %s",
    .transcriptFailed = "cannot save %s: %s",
    .openFailed = "cannot open the link: %s",
    .settings = "Settings",
    .darkTheme = "Dark theme",
    .showTimestamps = "Show timestamps",
    .language = "Language",
    .fontSize = "Font size %.0f",
};

/// Every field of Strings, for allStrings(); the assertion below fails when one is added and not listed.
constexpr const char* Strings::*kAllFields[] = {&Strings::historySeparator,
                                                &Strings::joined,
                                                &Strings::left,
                                                &Strings::enterName,
                                                &Strings::emptyMessage,
                                                &Strings::storedOffline,
                                                &Strings::privateTo,
                                                &Strings::privateFrom,
                                                &Strings::roomTab,
                                                &Strings::send,
                                                &Strings::server,
                                                &Strings::name,
                                                &Strings::connect,
                                                &Strings::stateConnecting,
                                                &Strings::stateJoining,
                                                &Strings::stateOnline,
                                                &Strings::stateReconnecting,
                                                &Strings::stateOffline,
                                                &Strings::stateNoName,
                                                &Strings::usersTitle,
                                                &Strings::you,
                                                &Strings::newMessages,
                                                &Strings::notSent,
                                                &Strings::outboxFull,
                                                &Strings::reconnected,
                                                &Strings::missedWhileAway,
                                                &Strings::loadingOlder,
                                                &Strings::historyStart,
                                                &Strings::msgUsage,
                                                &Strings::closeTab,
                                                &Strings::nameTaken,
                                                &Strings::invalidName,
                                                &Strings::textTooLong,
                                                &Strings::rateLimited,
                                                &Strings::invalidText,
                                                &Strings::storageFailed,
                                                &Strings::invalidRecipient,
                                                &Strings::badServer,
                                                &Strings::textTooLongBy,
                                                &Strings::bytesLeft,
                                                &Strings::charsOver,
                                                &Strings::unreadMarker,
                                                &Strings::find,
                                                &Strings::searchCount,
                                                &Strings::searchNone,
                                                &Strings::searching,
                                                &Strings::copyText,
                                                &Strings::copyWithStamp,
                                                &Strings::copySelected,
                                                &Strings::copyAll,
                                                &Strings::saveTranscript,
                                                &Strings::openLink,
                                                &Strings::copyLink,
                                                &Strings::save,
                                                &Strings::cancel,
                                                &Strings::transcriptSaved,
                                                &Strings::transcriptFailed,
                                                &Strings::openFailed,
                                                &Strings::settings,
                                                &Strings::darkTheme,
                                                &Strings::showTimestamps,
                                                &Strings::language,
                                                &Strings::fontSize};
static_assert(std::size(kAllFields) * sizeof(const char*) == sizeof(Strings), "a field is not listed");

} // namespace

const Strings& strings(Lang lang) { return lang == Lang::Zh ? s_zh : s_en; }

std::string allStrings(Lang lang) {
    const Strings& table = strings(lang);
    std::string all;
    for (const auto field : kAllFields) all += table.*field;
    return all;
}

std::optional<Lang> parseLang(std::string_view value) {
    if (value.starts_with("zh")) return Lang::Zh;
    if (value.starts_with("en") || value == "C" || value.starts_with("C.") || value == "POSIX")
        return Lang::En;
    return std::nullopt;
}

Lang detectLang(const char* language, const char* lcAll, const char* lcMessages, const char* lang) {
    // LANGUAGE is a colon-separated preference list; the others hold one locale name.
    if (language && *language) {
        std::string_view list(language);
        while (!list.empty()) {
            const std::size_t colon = list.find(':');
            if (auto l = parseLang(list.substr(0, colon))) return *l;
            list = colon == std::string_view::npos ? std::string_view() : list.substr(colon + 1);
        }
    }
    for (const char* v : {lcAll, lcMessages, lang}) {
        if (v && *v) return parseLang(v).value_or(Lang::En); // the first one set decides (POSIX order)
    }
    return Lang::En;
}

Lang detectLangFromEnvironment() {
    return detectLang(std::getenv("LANGUAGE"), std::getenv("LC_ALL"), std::getenv("LC_MESSAGES"),
                      std::getenv("LANG"));
}

std::string format(const char* fmt, ...) {
    va_list args;
    va_start(args, fmt);
    va_list copy;
    va_copy(copy, args);
    const int n = std::vsnprintf(nullptr, 0, fmt, copy);
    va_end(copy);
    std::string out(n > 0 ? static_cast<std::size_t>(n) : 0, '\0');
    if (n > 0) std::vsnprintf(out.data(), out.size() + 1, fmt, args);
    va_end(args);
    return out;
}

} // namespace app
