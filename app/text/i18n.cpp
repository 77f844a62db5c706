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
    .manyJoined = "%u 人加入了聊天室（%s），当前 %u 人",
    .manyLeft = "%u 人离开了聊天室（%s），当前 %u 人",
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
    .notEncrypted = "未加密",
    .signedInBadge = "已登录",
    .stateKeyUnknown = "等待你确认 %s 的身份",
    .stateKeyChanged = "已阻止：%s 的密钥变了",
    .trustTitle = "首次连接：这是你要找的服务器吗？",
    .trustExplain =
        "%s 出示了下面的密钥指纹。请在服务器上运行 imchat-server --fingerprint（或看它启动时打印的 tls key 那一行），逐组核对：完全一致才点“信任”。以后连接这台服务器时会自动核对。",
    .trust = "信任",
    .keyChangedTitle = "警告：服务器的密钥变了",
    .keyChangedExplain =
        "%s 出示的密钥与你上次信任的不同。可能有人冒充服务器想窃听或篡改（中间人攻击），也可能是管理员更换了密钥。连接已被阻止，什么都没有发送。",
    .keyChangedHow =
        "请向管理员核实新的指纹（imchat-server --fingerprint）。确认无误后，勾选下面的框并点按钮；或在 %s 中删掉这台服务器的那一行。",
    .keyWas = "以前：",
    .keyNow = "现在：",
    .keyChecked = "我已和管理员核对过新指纹",
    .trustNewKey = "信任新密钥",
    .loginTitle = "登录",
    .loginExplain = "用户名 %s 已注册，请输入它的密码。",
    .password = "密码",
    .rememberMe = "在这台电脑上记住我",
    .signIn = "登录",
    .registerTitle = "注册用户名",
    .registerExplain = "注册 %s 后，只有知道密码的人能用这个名字，你离线时的私信也会为你保存。",
    .newPassword = "新密码（至少 8 个字）",
    .repeatPassword = "再输一次",
    .registerButton = "注册",
    .registerName = "注册这个名字…",
    .changePassword = "修改密码…",
    .changePasswordTitle = "修改密码",
    .oldPassword = "当前密码",
    .passwordsDiffer = "两次输入的新密码不一样",
    .registered = "用户名 %s 已注册：以后要用密码登录",
    .passwordChanged = "密码已修改：其他设备上的“记住我”都已失效",
    .authRequired = "用户名已注册，需要密码",
    .badCredentials = "密码不对（或记住的登录已失效），请重新输入",
    .loginThrottled = "尝试次数太多，请过一会儿再试",
    .registrationRequired = "这个服务器要求先注册用户名",
    .alreadyRegistered = "这个名字已经被注册了，请换一个或登录",
    .weakPassword = "密码太短（至少 8 个字）",
    .accountsDisabled = "这个服务器不支持注册",
    .recipientOffline = "对方不在线，也没有注册，消息没有保存",
    .signedOut = "服务器管理员重置了这个名字的密码或释放了它：请重新登录",
    .mailboxFull = "对方的离线信箱已满（或你这个地址留下的消息已够多）：消息没有保存，等对方上线再发",
    .notConnected = "还没有连接到服务器",
    .keyDeclined = "没有信任服务器的密钥，未连接",
};

const Strings s_en = {
    .historySeparator = "---- above is history ----",
    .joined = "%s joined \u2014 %u online",
    .left = "%s left \u2014 %u online",
    .manyJoined = "%u joined (%s) \u2014 %u online",
    .manyLeft = "%u left (%s) \u2014 %u online",
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
    .notEncrypted = "not encrypted",
    .signedInBadge = "signed in",
    .stateKeyUnknown = "waiting for you to trust %s",
    .stateKeyChanged = "blocked: the key of %s has changed",
    .trustTitle = "First connection: is this the right server?",
    .trustExplain =
        "%s shows the key fingerprint below. On the server, run imchat-server --fingerprint (or read the \"tls key\" line it prints at start) and compare every group: trust it only if all match. Later connections to this server are checked against it.",
    .trust = "Trust",
    .keyChangedTitle = "Warning: the server's key has changed",
    .keyChangedExplain =
        "%s shows a different key from the one you trusted. Someone may be impersonating the server to listen in (a man-in-the-middle), or its operator may have replaced the key. The connection is blocked: nothing was sent.",
    .keyChangedHow =
        "Ask the operator to confirm the new fingerprint (imchat-server --fingerprint). Once it matches, tick the box and press the button below, or delete this server's line in %s.",
    .keyWas = "was:",
    .keyNow = "now:",
    .keyChecked = "I compared the new fingerprint with the operator",
    .trustNewKey = "Trust the new key",
    .loginTitle = "Sign in",
    .loginExplain = "The name %s is registered: enter its password.",
    .password = "Password",
    .rememberMe = "Remember me on this computer",
    .signIn = "Sign in",
    .registerTitle = "Register a name",
    .registerExplain =
        "Once %s is registered, only whoever knows the password can use the name, and private messages wait for you while you are offline.",
    .newPassword = "New password (at least 8 characters)",
    .repeatPassword = "Repeat it",
    .registerButton = "Register",
    .registerName = "Register this name…",
    .changePassword = "Change password…",
    .changePasswordTitle = "Change the password",
    .oldPassword = "Current password",
    .passwordsDiffer = "the two new passwords differ",
    .registered = "the name %s is registered: it needs its password from now on",
    .passwordChanged = "password changed: every other device that remembered you must sign in again",
    .authRequired = "the name is registered: it needs its password",
    .badCredentials = "wrong password (or the remembered sign-in expired): enter it again",
    .loginThrottled = "too many attempts: wait a while, then try again",
    .registrationRequired = "this server wants every name registered: register yours",
    .alreadyRegistered = "this name is registered already: sign in, or pick another",
    .weakPassword = "the password is too short (at least 8 characters)",
    .accountsDisabled = "this server has no accounts",
    .recipientOffline = "the recipient is offline and has no account: the message was not kept",
    .signedOut = "the server's operator reset this name's password or released it: sign in again",
    .mailboxFull =
        "the recipient's mailbox is full (or holds all your address may leave): the message was not "
        "kept; send it when they are back",
    .notConnected = "not connected to the server",
    .keyDeclined = "the server's key was not trusted: not connected",
};

/// Every field of Strings, for allStrings(); the assertion below fails when one is added and not listed.
constexpr const char* Strings::*kAllFields[] = {
    &Strings::historySeparator,
    &Strings::joined,
    &Strings::left,
    &Strings::manyJoined,
    &Strings::manyLeft,
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
    &Strings::fontSize,
    &Strings::notEncrypted,
    &Strings::signedInBadge,
    &Strings::stateKeyUnknown,
    &Strings::stateKeyChanged,
    &Strings::trustTitle,
    &Strings::trustExplain,
    &Strings::trust,
    &Strings::keyChangedTitle,
    &Strings::keyChangedExplain,
    &Strings::keyChangedHow,
    &Strings::keyWas,
    &Strings::keyNow,
    &Strings::keyChecked,
    &Strings::trustNewKey,
    &Strings::loginTitle,
    &Strings::loginExplain,
    &Strings::password,
    &Strings::rememberMe,
    &Strings::signIn,
    &Strings::registerTitle,
    &Strings::registerExplain,
    &Strings::newPassword,
    &Strings::repeatPassword,
    &Strings::registerButton,
    &Strings::registerName,
    &Strings::changePassword,
    &Strings::changePasswordTitle,
    &Strings::oldPassword,
    &Strings::passwordsDiffer,
    &Strings::registered,
    &Strings::passwordChanged,
    &Strings::authRequired,
    &Strings::badCredentials,
    &Strings::loginThrottled,
    &Strings::registrationRequired,
    &Strings::alreadyRegistered,
    &Strings::weakPassword,
    &Strings::accountsDisabled,
    &Strings::recipientOffline,
    &Strings::signedOut,
    &Strings::mailboxFull,
    &Strings::notConnected,
    &Strings::keyDeclined,
};
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
