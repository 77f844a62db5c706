#pragma once
// How an entry lays out at a width: what ScrollLayout asks of the view, which knows the font
// (FontMeasure, in font_measure.hpp; the tests measure in characters).
#include <cstddef>
#include <cstdint>

#include "app/text/text_layout.hpp"

namespace app {

class EntryMeasure {
public:
    /// How entry i lays out at a width.
    struct Shape {
        WrapInfo text;                // its wrapped text, and the widths for which that holds
        std::uint32_t fixedLines = 0; // lines that never wrap, e.g. the "[time] IP - name" stamp line
    };
    virtual ~EntryMeasure() = default;
    /// Lays entry i out at width.
    virtual Shape shape(std::size_t i, float width) const = 0;
};

} // namespace app
