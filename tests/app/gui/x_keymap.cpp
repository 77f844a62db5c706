#include "x_keymap.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>

#include "net/utf8.hpp"
#include "support/child_process.hpp"

using namespace std::chrono_literals;

namespace apptest {
namespace {

struct Keycode {
    int code = 0;
    std::vector<std::string> syms;
};

/// `xmodmap -pke`: one line "keycode N = SYM SYM ..." per keycode, nothing after '=' when unbound.
std::vector<Keycode> readKeymap() {
    const auto keymap = support::runToEnd({"xmodmap", {"-pke"}}, 10s);
    std::vector<Keycode> map;
    if (keymap.exitCode != 0) return map;
    std::istringstream lines(keymap.out);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        std::string keyword, equals;
        Keycode k;
        if (!(words >> keyword >> k.code >> equals) || keyword != "keycode") continue;
        for (std::string sym; words >> sym;) k.syms.push_back(sym);
        map.push_back(std::move(k));
    }
    return map;
}

std::string unicodeKeysym(char32_t c) {
    char name[16];
    std::snprintf(name, sizeof name, "U%04X", static_cast<unsigned>(c));
    return name;
}

bool boundByUs(const Keycode& k) {
    return !k.syms.empty() && std::all_of(k.syms.begin(), k.syms.end(),
                                          [](const std::string& s) { return s.size() >= 5 && s[0] == 'U'; });
}

} // namespace

std::vector<std::string> bindKeysyms(const std::string& text) {
    std::vector<std::string> wanted;
    for (std::size_t at = 0; at < text.size();) wanted.push_back(unicodeKeysym(net::utf8::decode(text, at)));
    const std::vector<Keycode> map = readKeymap();
    if (map.empty()) return {};
    std::set<std::string> bound;
    for (const Keycode& k : map) bound.insert(k.syms.begin(), k.syms.end());
    const std::set<std::string> needed(wanted.begin(), wanted.end());

    // Spare keycodes first, then ours whose characters this text does not use.
    std::vector<int> spare;
    for (const Keycode& k : map)
        if (k.syms.empty()) spare.push_back(k.code);
    for (const Keycode& k : map) {
        if (boundByUs(k) &&
            std::none_of(k.syms.begin(), k.syms.end(), [&](const auto& s) { return needed.count(s); }))
            spare.push_back(k.code);
    }
    std::vector<std::string> args;
    std::size_t next = 0;
    for (const std::string& sym : needed) {
        if (bound.count(sym)) continue;
        if (next == spare.size()) return {};
        args.push_back("-e");
        args.push_back("keycode " + std::to_string(spare[next++]) + " = " + sym + " " + sym);
    }
    if (!args.empty() && support::runToEnd({"xmodmap", args}, 10s).exitCode != 0) return {};
    return wanted;
}

} // namespace apptest
