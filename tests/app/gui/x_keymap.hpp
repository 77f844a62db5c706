#pragma once
// Characters the X keymap lacks (Chinese, say), bound to spare keycodes for as long as the X server runs,
// so that xdotool types them as ordinary keys. xdotool's own way binds a scratch keycode, sends the key
// and unbinds it half a delay later: a window that reads the key after that (busy on a loaded machine)
// gets nothing, or the next character bound to the same keycode.
#include <string>
#include <vector>

namespace apptest {

/// The X keysym names ("U804A") of text's characters, each bound to a keycode first if the keymap lacks it
/// (with xmodmap; spare keycodes, then ones bound this way before for characters not in text).
/// Empty when a binding failed.
std::vector<std::string> bindKeysyms(const std::string& text);

} // namespace apptest
