// libFuzzer target for the parser of the lab's raw text (server/lab_format.hpp), which reads whatever a lab
// client on --legacy-port sends. The first byte chooses where the rest is cut into two feeds, so that
// messages split over reads are explored too. Properties:
//  1. no crash, out-of-bounds read or UBSan report;
//  2. every message found has a valid UTF-8 name (not blank, no newline) and text, at most 2048 bytes in all;
//  3. once settled, it holds nothing (whatever it was sent, nothing lingers).
// Build and run with fuzz/run.sh.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "net/utf8.hpp"
#include "server/lab_format.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "lab_parser_fuzz: %s\n", what);
    std::abort();
}

void drain(server::lab::Parser& p, bool settled) {
    server::lab::Said said;
    for (int i = 0; i < 100000; ++i) {
        const auto status = p.next(said, settled);
        if (status == server::lab::Parser::Status::NeedMore) return;
        if (status != server::lab::Parser::Status::Complete) continue;
        if (said.name.empty() || said.name.find('\n') != std::string::npos) fail("a blank or broken name");
        if (!net::utf8::isValid(said.name) || !net::utf8::isValid(said.text))
            fail("invalid UTF-8 let through");
        if (said.name.size() + said.text.size() > server::lab::kReadBytes) fail("a message over the bound");
    }
    fail("the parser does not stop");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    const std::size_t cut = std::min<std::size_t>(data[0] * 16u, input.size());
    server::lab::Parser p;
    p.feed(input.substr(0, cut));
    drain(p, false);
    p.feed(input.substr(cut));
    drain(p, false);
    drain(p, true);
    if (p.holding()) fail("bytes held after the stream settled");
    return 0;
}
