#include "server/lab_format.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "net/name_rules.hpp"
#include "net/utf8.hpp"
#include "net/validation.hpp"

namespace server::lab {

namespace {

// "[2024-01-31 09:05:00] ": '9' stands for a digit.
constexpr std::string_view kStamp = "[9999-99-99 99:99:99] ";
// A header longer than this is not one: an IPv6 address and the longest name, with room to spare. It bounds
// the search for where a message ends.
constexpr std::size_t kMaxHeaderBytes = 256;
// What a skipped message keeps while it looks for the next header: one header's worth of its tail.
constexpr std::size_t kSkipTail = kMaxHeaderBytes;

bool matchesStamp(char c, char pattern) { return pattern == '9' ? c >= '0' && c <= '9' : c == pattern; }

// Whether s (up to the stamp's length) could be the start of a stamp; whole: it holds the entire stamp.
bool stampAt(std::string_view s, bool whole) {
    if (whole && s.size() < kStamp.size()) return false;
    const std::size_t n = std::min(s.size(), kStamp.size());
    for (std::size_t i = 0; i < n; ++i)
        if (!matchesStamp(s[i], kStamp[i])) return false;
    return true;
}

// The first position at or after from where a stamp begins (or may begin, at the very end), else npos.
std::size_t findStamp(std::string_view s, std::size_t from) {
    for (std::size_t i = s.find('[', from); i != std::string_view::npos; i = s.find('[', i + 1))
        if (stampAt(s.substr(i), s.size() - i >= kStamp.size())) return i;
    return std::string_view::npos;
}

std::string_view trimSpaces(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

std::string counted(const char* format, std::size_t online) {
    char buf[64];
    std::snprintf(buf, sizeof buf, format, online);
    return buf;
}

} // namespace

bool parseHeader(std::string_view line, std::string* name) {
    if (line.size() > kMaxHeaderBytes || !stampAt(line, true)) return false;
    line.remove_prefix(kStamp.size());
    // The client's own idea of its address: one word, then " - ".
    const std::size_t space = line.find(' ');
    if (space == 0 || space == std::string_view::npos || line.substr(space, 3) != " - ") return false;
    const std::string_view who = trimSpaces(line.substr(space + 3));
    if (who.empty() || who.find('\n') != std::string_view::npos) return false;
    if (name) name->assign(who);
    return true;
}

void Parser::feed(std::string_view bytes) { m_buffer.append(bytes); }

Parser::Status Parser::refuse(Refusal why, std::size_t drop) {
    m_buffer.erase(0, std::min(drop, m_buffer.size()));
    m_searchedTo = 0;
    m_refusal = why;
    return Status::Bad;
}

std::size_t Parser::messageEnd(std::size_t textStart) {
    // Every "\n " after the text's start may end a header: the next message begins at a stamp before it
    // whose line parses. Its text holds no newline (the lab's entry field is one line), so the first such
    // header ends this message. Only the first kReadBytes are searched: a longer message is refused anyway.
    const std::string_view b = std::string_view(m_buffer).substr(0, kReadBytes + kMaxHeaderBytes);
    for (std::size_t nl = b.find("\n ", std::max(textStart, m_searchedTo)); nl != std::string_view::npos;
         nl = b.find("\n ", nl + 1)) {
        const std::size_t earliest = std::max(textStart, nl > kMaxHeaderBytes ? nl - kMaxHeaderBytes : 0);
        for (std::size_t at = findStamp(b.substr(0, nl), earliest); at != std::string_view::npos;
             at = findStamp(b.substr(0, nl), at + 1))
            if (parseHeader(b.substr(at, nl - at))) return at;
        m_searchedTo = nl + 1; // no header ends there: not searched again as more bytes arrive
    }
    return std::string::npos;
}

Parser::Status Parser::next(Said& out, bool settled) {
    m_refusal = Refusal::None;
    if (m_skipping) {
        // The rest of a refused message: dropped up to the next whole header.
        const std::size_t nl = m_buffer.find("\n ");
        std::size_t at = std::string::npos;
        if (nl != std::string::npos) {
            for (at = findStamp(m_buffer, 0); at != std::string::npos && at < nl;
                 at = findStamp(m_buffer, at + 1))
                if (parseHeader(std::string_view(m_buffer).substr(at, nl - at))) break;
            if (at >= nl) at = std::string::npos;
        }
        if (at == std::string::npos) {
            if (settled) m_skipping = false;
            m_buffer.erase(0, settled ? m_buffer.size()
                                      : m_buffer.size() - std::min(m_buffer.size(), kSkipTail));
            return Status::NeedMore;
        }
        m_buffer.erase(0, at);
        m_skipping = false;
    }
    if (m_buffer.empty()) return Status::NeedMore;
    if (!stampAt(m_buffer, false)) return refuse(Refusal::Garbage, findStamp(m_buffer, 1));
    const std::size_t nl = m_buffer.find('\n');
    if (nl == std::string::npos || nl + 1 == m_buffer.size()) {
        if (m_buffer.size() > kMaxHeaderBytes) return refuse(Refusal::Garbage, findStamp(m_buffer, 1));
        return settled ? refuse(Refusal::Garbage, m_buffer.size()) : Status::NeedMore;
    }
    std::string name;
    if (!parseHeader(std::string_view(m_buffer).substr(0, nl), &name) || m_buffer[nl + 1] != ' ')
        return refuse(Refusal::Garbage, findStamp(m_buffer, 1));
    const std::size_t textStart = nl + 2;
    std::size_t end = messageEnd(textStart);
    if (end == std::string::npos) {
        if (m_buffer.size() > kReadBytes) {
            m_skipping = true;
            return refuse(Refusal::TooLong, m_buffer.size() - std::min(m_buffer.size(), kSkipTail));
        }
        if (!settled) return Status::NeedMore;
        end = m_buffer.size();
    }
    if (end > kReadBytes) return refuse(Refusal::TooLong, end);
    const std::string_view text = std::string_view(m_buffer).substr(textStart, end - textStart);
    if (!net::utf8::isValid(name) || !net::utf8::isValid(text)) return refuse(Refusal::InvalidUtf8, end);
    out.name = std::move(name);
    out.text.assign(text);
    m_buffer.erase(0, end);
    m_searchedTo = 0;
    return Status::Complete;
}

std::string line(const net::Chat& chat) {
    const auto seconds = static_cast<std::time_t>(chat.timeMs / 1000);
    std::tm tm{};
    localtime_r(&seconds, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "[%Y-%m-%d %H:%M:%S] ", &tm);
    return stamp + chat.ip + " - " + chat.name + "\n " + chat.text;
}

std::string history(const std::vector<std::string>& newestFirst) {
    std::size_t count = 0, bytes = 0;
    for (const std::string& l : newestFirst) {
        const std::size_t more = l.size() + (count > 0 ? 1 : 0);
        if (bytes + more > kReadBytes) break;
        bytes += more;
        ++count;
    }
    if (count == 0) return std::string(kNoMessage);
    std::string joined;
    joined.reserve(bytes);
    for (std::size_t i = count; i-- > 0;) {
        joined += newestFirst[i];
        if (i > 0) joined += '\n';
    }
    return joined;
}

std::vector<std::string> pieces(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        std::size_t n = net::utf8::prefixWithin(text, kReadBytes);
        if (n == 0) n = std::min(text.size(), kReadBytes); // not UTF-8 (never from the room): cut anywhere
        out.emplace_back(text.substr(0, n));
        text.remove_prefix(n);
    }
    return out;
}

bool marked(const std::string& nameKey) {
    // The mark's key, as it ends the key of any name it follows ("x" has a key of its own letter only).
    static const std::string kMarkKey =
        net::nameKey(std::string("x").append(net::kLabNameMark)).substr(net::nameKey("x").size());
    return nameKey.size() > kMarkKey.size() && nameKey.ends_with(kMarkKey);
}

std::string refusalLine(net::ErrorCode code) {
    using net::ErrorCode;
    switch (code) {
    case ErrorCode::InvalidName: return "用户名不可用(太长或含有不允许的字符), 请换一个";
    case ErrorCode::NameTaken: return nameOnlineLine();
    case ErrorCode::TextTooLong: return "消息太长, 未发送";
    case ErrorCode::EmptyText: return "发送内容不能为空!";
    case ErrorCode::InvalidText: return "消息含有不允许的控制字符, 未发送";
    case ErrorCode::InvalidUtf8: return refusalLine(Refusal::InvalidUtf8);
    case ErrorCode::RateLimited: return "发送太快, 未发送, 请稍后再试";
    case ErrorCode::Flooding: return "发送过多, 连接已断开";
    case ErrorCode::StorageFailed: return "消息未能保存, 未发送, 请稍后再试";
    case ErrorCode::ServerFull: return "聊天室已满, 请稍后再试";
    case ErrorCode::TooManyFromIp: return "来自此地址的连接过多, 请稍后再试";
    case ErrorCode::Timeout: return "消息不完整, 连接已断开";
    case ErrorCode::ShuttingDown: return "服务器正在关闭";
    default: return "服务器拒绝了请求 (" + std::string(net::errorName(code)) + ")";
    }
}

std::string refusalLine(Refusal why) {
    switch (why) {
    case Refusal::TooLong: return "消息太长, 未发送";
    case Refusal::InvalidUtf8: return "消息不是有效的UTF-8文本, 未发送";
    case Refusal::Garbage:
    case Refusal::None: break;
    }
    return "无法识别的消息(格式应为 [时间] IP - 用户名 换行 内容), 未发送";
}

std::string nameRegisteredLine() { return "该用户名已被注册, 本客户端不能使用, 请换一个"; }
std::string nameOnlineLine() { return "该用户名正在使用中, 请换一个"; }
std::string registrationRequiredLine() { return "本聊天室只接受注册的用户名, 本客户端不能发言"; }

std::string youJoined(std::size_t online) { return counted("您已加入, 当前%zu人", online); }
std::string someoneJoined(std::size_t online) { return counted("有新用户加入, 当前%zu人", online); }
std::string someoneLeft(std::size_t online) { return counted("有用户退出, 当前%zu人", online); }

} // namespace server::lab
