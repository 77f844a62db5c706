#include "bench/client/message_gen.hpp"

#include <iterator>
#include <string_view>

#include "net/utf8.hpp"

namespace cbench {
namespace {

constexpr std::string_view kChineseWords[] = {
    "你好", "大家", "今天", "天气", "不错", "我们",   "晚上", "一起", "吃饭", "聊天", "服务器", "消息",
    "历史", "记录", "刚才", "看到", "这个", "问题",   "已经", "解决", "了",   "吗",   "的",     "是",
    "在",   "有",   "没有", "可以", "谢谢", "明天",   "开会", "项目", "进度", "代码", "提交",   "测试",
    "通过", "失败", "重新", "编译", "一下", "周末",   "打算", "去",   "北京", "上海", "深圳",   "杭州",
    "成都", "火车", "飞机", "票",   "还是", "觉得",   "有点", "慢",   "快",   "窗口", "字体",   "显示",
    "中文", "正常", "磊",   "聊",   "朋友", "同学",   "老师", "公司", "下班", "加班", "真的",   "哈哈",
    "好的", "收到", "马上", "回来", "等等", "为什么", "怎么", "知道", "其实", "应该", "需要",   "时间",
    "电脑", "手机", "网络", "断开", "连接", "恢复",   "喜欢", "音乐", "电影", "新闻",
};

constexpr std::string_view kLatinWords[] = {
    "the",       "build",   "is",       "green",   "again",   "did",       "you",     "see",
    "my",        "message", "about",    "server",  "latency", "release",   "tonight", "ok",
    "thanks",    "lol",     "I",        "think",   "we",      "should",    "merge",   "this",
    "before",    "lunch",   "coffee",   "anyone",  "meeting", "at",        "3pm",     "deploy",
    "rollback",  "works",   "for",      "me",      "can't",   "reproduce", "on",      "Debian",
    "ImGui",     "window",  "font",     "looks",   "great",   "wait",      "what",    "happened",
    "yesterday", "sure",    "tomorrow", "weekend", "plans",   "sounds",    "good",    "bug",
    "fixed",     "in",      "master",   "v0.1.0",  "CPU",     "memory",    "100%",    "¯\\_(ツ)_/¯",
};

constexpr std::string_view kChinesePunct[] = {"，", "。", "！", "？", "、", "……"};
constexpr std::string_view kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵",
                                          "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
                                          "何", "高", "林", "罗", "郑", "梁", "谢", "宋"};
constexpr std::string_view kGiven[] = {"磊", "伟", "芳", "娜", "敏", "静", "强", "军",
                                       "洋", "勇", "艳", "杰", "涛", "明", "超", "霞"};
constexpr std::string_view kLatinNames[] = {"alice", "bob",   "carol",  "dave", "erin",    "frank",
                                            "grace", "heidi", "ivan",   "judy", "mallory", "oscar",
                                            "peggy", "trent", "victor", "wendy"};

/// 2025-01-01T00:00:00Z: a year of traffic from there.
constexpr std::uint64_t kStartMs = 1'735'689'600'000ULL;

} // namespace

MessageGen::MessageGen(std::uint64_t seed) : m_rng(seed), m_timeMs(kStartMs) {
    for (std::size_t i = 0; i < 300; ++i) {
        User u;
        if (i % 2 == 0) {
            u.name = std::string(kSurnames[below(std::size(kSurnames))]) +
                     std::string(kGiven[below(std::size(kGiven))]);
            if (chance(0.5)) u.name += std::string(kGiven[below(std::size(kGiven))]);
        } else {
            u.name =
                std::string(kLatinNames[below(std::size(kLatinNames))]) + "_" + std::to_string(below(1000));
        }
        u.ip = std::to_string(10 + below(200)) + "." + std::to_string(below(256)) + "." +
               std::to_string(below(256)) + "." + std::to_string(1 + below(254));
        m_users.push_back(std::move(u));
    }
}

void MessageGen::appendChinese(std::string& out, std::size_t words) {
    for (std::size_t w = 0; w < words; ++w) {
        out += kChineseWords[below(std::size(kChineseWords))];
        if (chance(0.02))
            net::utf8::append(out, char32_t(0x4E00 + below(3000))); // the long tail of characters
        if (chance(0.12)) out += kChinesePunct[below(std::size(kChinesePunct))];
    }
}

void MessageGen::appendLatin(std::string& out, std::size_t words) {
    for (std::size_t w = 0; w < words; ++w) {
        if (!out.empty() && out.back() != '\n') out += ' ';
        out += kLatinWords[below(std::size(kLatinWords))];
    }
}

void MessageGen::appendSentence(std::string& out, std::size_t words) {
    const std::size_t kind = below(10);
    if (kind < 5) { // Chinese with a Latin word or two in it
        appendChinese(out, words);
        if (chance(0.4)) {
            appendLatin(out, 1 + below(2));
            out += ' ';
            appendChinese(out, 1 + words / 3);
        }
    } else if (kind < 8) {
        appendLatin(out, words);
    } else { // half and half
        appendLatin(out, 1 + words / 2);
        out += ' ';
        appendChinese(out, 1 + words / 2);
    }
}

std::string MessageGen::text() {
    std::string out;
    const std::size_t size = below(100);
    if (size < 45) appendSentence(out, 1 + below(5));         // a few words
    else if (size < 80) appendSentence(out, 5 + below(15));   // a sentence or two
    else if (size < 95) appendSentence(out, 20 + below(40));  // a paragraph
    else if (size < 99) appendSentence(out, 60 + below(150)); // a long post
    else {                                                    // several lines (a pasted log, a list)
        const std::size_t lines = 2 + below(6);
        for (std::size_t l = 0; l < lines; ++l) {
            if (l > 0) out += '\n';
            appendSentence(out, 1 + below(8));
        }
    }
    if (chance(0.03)) out += " https://example.com/issues/" + std::to_string(below(100000));
    if (chance(0.01)) out += " \xF0\x9F\x98\x82"; // an emoji (beyond ImGui's 16-bit glyphs: the fallback box)
    return out;
}

net::Chat MessageGen::next() {
    const User& u = m_users[below(m_users.size())];
    m_timeMs += 1 + below(60'000); // 30 s on average: a million messages span about a year
    net::Chat c;
    c.seq = ++m_seq;
    c.timeMs = m_timeMs;
    c.name = u.name;
    c.ip = u.ip;
    c.text = text();
    return c;
}

} // namespace cbench
