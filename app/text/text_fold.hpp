#pragma once
// Case folding for search and mentions that keeps every character's UTF-8 length, so a byte offset in
// the folded copy is the same offset in the original text (highlights need no mapping back). Folds
// ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic and full-width Latin; everything else (Chinese has
// no case) passes through unchanged.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace app {

/// A byte range [begin, end) of a text.
struct ByteRange {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    bool operator==(const ByteRange&) const = default;
};

/// The lower-case form of c when it has one of the same UTF-8 length, else c.
char32_t foldCodePoint(char32_t c);

/// Writes the folded text into out (replacing its contents); out.size() == text.size().
void foldCase(std::string_view text, std::string& out);

/// A case-insensitive needle: finds where it occurs in texts.
class TextMatcher {
public:
    TextMatcher() = default;
    /// Folds the query once.
    explicit TextMatcher(std::string_view query);
    /// True when there is nothing to look for.
    bool empty() const { return m_needle.empty(); }
    /// Whether text contains the needle.
    bool contains(std::string_view text) const;
    /// Appends every non-overlapping occurrence in text to out.
    void findAll(std::string_view text, std::vector<ByteRange>& out) const;
    /// The folded needle.
    const std::string& needle() const { return m_needle; }

private:
    std::string m_needle;
    mutable std::string m_folded; // scratch: no allocation per text once it has grown
};

} // namespace app
