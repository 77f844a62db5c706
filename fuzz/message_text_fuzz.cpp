// libFuzzer target for what the window reads out of other people's texts: links, reply quotes, actions'
// neighbours (mentions, natural order of names) and line breaking. Properties checked on every valid UTF-8
// input (the server lets nothing else through):
//  1. no crash, out-of-bounds read or UBSan report;
//  2. every link is a non-empty range inside the text, in order, not overlapping, on character boundaries;
//  3. a text read as a reply shows as one whose quote line gives back the same seq;
//  4. natural order is irreflexive and asymmetric on the text's halves;
//  5. line breaking covers the text exactly once, in order.
// Build and run with fuzz/run.sh.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "app/text/link_finder.hpp"
#include "app/text/mention.hpp"
#include "app/text/natural_order.hpp"
#include "app/text/reply_quote.hpp"
#include "app/text/text_layout.hpp"
#include "net/utf8.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "message_text_fuzz: %s\n", what);
    std::abort();
}

bool boundary(std::string_view s, std::size_t at) {
    return at == s.size() || (static_cast<unsigned char>(s[at]) & 0xC0) != 0x80;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (!net::utf8::isValid(text)) return 0;

    std::vector<app::ByteRange> links;
    app::findLinks(text, links);
    std::uint32_t after = 0;
    for (const app::ByteRange& r : links) {
        if (r.begin >= r.end || r.end > text.size() || r.begin < after)
            fail("link range out of order or bounds");
        if (!boundary(text, r.begin) || !boundary(text, r.end)) fail("link cut inside a character");
        if (app::linkTarget(text.substr(r.begin, r.end - r.begin)).empty()) fail("empty link target");
        after = r.end;
    }

    if (const auto quote = app::parseReply(text)) {
        if (app::quotedSeq(app::shownReply(text)) != quote->seq) fail("shown reply lost its seq");
        const std::string again = app::replyPrefix(quote->name, quote->seq, quote->excerpt) + "x";
        if (!net::utf8::isValid(again) || !app::parseReply(again)) fail("a written quote does not read back");
    }

    const std::string_view a = text.substr(0, text.size() / 2);
    const std::string_view b = text.substr(text.size() / 2);
    if (app::naturalLess(a, a)) fail("natural order is not irreflexive");
    if (app::naturalLess(a, b) && app::naturalLess(b, a)) fail("natural order is not asymmetric");
    (void)app::mentions(text, a);

    std::vector<app::LineSpan> lines;
    app::breakLines(
        text, 40.0f, [](char32_t c) { return c < 0x80 ? 1.0f : 2.0f; }, lines);
    std::uint32_t at = 0;
    for (const app::LineSpan& l : lines) {
        if (l.begin < at || l.end < l.begin || l.end > text.size()) fail("line spans out of order or bounds");
        at = l.end;
    }
    return 0;
}
