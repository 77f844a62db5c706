#pragma once
// A password typed for the operator's reset-password request: read from standard input, never echoed at a
// terminal, and wiped from every buffer that held it.
#include <optional>
#include <string>

namespace server {

/// Whether standard input is a terminal (a person types) rather than a pipe (a script).
bool inputIsTerminal();

/// One line of standard input without its line break; at a terminal `prompt` goes to stderr first and what
/// is typed is not echoed. nullopt at the end of the input.
std::optional<std::string> readSecretLine(const char* prompt);

} // namespace server
