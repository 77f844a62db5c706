#include "net/name_rules.hpp"

#include <stdexcept>

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uspoof.h>
#include <unicode/uversion.h>

#include "net/messages.hpp"
#include "net/utf8.hpp"

namespace net {

namespace {

constexpr char32_t kBrailleBlank = 0x2800;

// ICU's objects, looked up once and kept for the life of the process (validateName and nameKey run for every
// Hello and Whisper on the server's one thread). The normalizers are ICU's own immutable singletons; a
// USpoofChecker may be used from several threads at once for getSkeleton (uspoof.h, "Thread Safety"), which
// the client does (its UI and network threads both compare names). Never closed: something may still compute
// a key while static objects are destroyed at exit.
struct Icu {
    const icu::Normalizer2* nfc = nullptr;
    const icu::Normalizer2* nfkcCasefold = nullptr;
    USpoofChecker* spoof = nullptr;

    Icu() {
        UErrorCode status = U_ZERO_ERROR;
        nfc = icu::Normalizer2::getNFCInstance(status);
        nfkcCasefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
        spoof = uspoof_open(&status);
        // Only when ICU's data file is missing or broken: nothing about names can be decided then.
        if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU: ") + u_errorName(status));
    }
};

const Icu& icu() {
    static const Icu s_icu;
    return s_icu;
}

bool isAscii(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

// Characters a name may not hold anywhere: controls (Cc), unassigned code points (Cn: they have no glyph, and
// their NFC and skeleton may change when ICU learns them, which would change stored keys), and every
// invisible one but the plain space.
bool isRefusedInName(char32_t cp) {
    if (cp == U' ') return false;
    const auto type = u_charType(static_cast<UChar32>(cp));
    return type == U_CONTROL_CHAR || type == U_UNASSIGNED || isInvisible(cp);
}

// Simple (one code point to one) case folding; keeps the key's length and leaves ß alone.
std::string simpleFold(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t pos = 0;
    while (pos < s.size())
        utf8::append(out, static_cast<char32_t>(
                              u_foldCase(static_cast<UChar32>(utf8::decode(s, pos)), U_FOLD_CASE_DEFAULT)));
    return out;
}

std::string asciiFold(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

} // namespace

std::string nameKeyVersion() {
    // Bump kRecipe whenever nameKey computes keys differently with the same ICU.
    constexpr const char* kRecipe = "skeleton-1";
    UVersionInfo unicode, library;
    u_getUnicodeVersion(unicode);
    u_getVersion(library); // the ICU loaded at run time, not the headers built against
    char unicodeText[U_MAX_VERSION_STRING_LENGTH], libraryText[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(unicode, unicodeText);
    u_versionToString(library, libraryText);
    return std::string(kRecipe) + " unicode-" + unicodeText + " icu-" + libraryText;
}

bool isInvisible(char32_t cp) {
    if (cp < 0x80) return cp == U' ' || (cp >= U'\t' && cp <= U'\r'); // ASCII's White_Space; no Cf or DI
    const auto c = static_cast<UChar32>(cp);
    return u_isUWhiteSpace(c) || u_charType(c) == U_FORMAT_CHAR ||
           u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) || cp == kBrailleBlank;
}

std::optional<std::string> normalizeName(std::string_view name) {
    // Bounded before ICU sees it: what was sent is at most 64 bytes of valid UTF-8.
    if (name.empty() || name.size() > kMaxNameBytes || !utf8::isValid(name)) return std::nullopt;
    std::string nfc;
    if (isAscii(name)) {
        nfc = name; // ASCII is its own NFC
    } else {
        UErrorCode status = U_ZERO_ERROR;
        icu::StringByteSink<std::string> sink(&nfc);
        icu().nfc->normalizeUTF8(0, icu::StringPiece(name.data(), static_cast<std::int32_t>(name.size())),
                                 sink, nullptr, status);
        if (U_FAILURE(status)) return std::nullopt;
    }
    // The limits hold for the form that is stored and shown (NFC may lengthen a few characters).
    if (nfc.size() > kMaxNameBytes || utf8::countCodePoints(nfc) > kMaxNameCodePoints) return std::nullopt;
    if (nfc.front() == ' ' || nfc.back() == ' ') return std::nullopt;
    std::size_t pos = 0;
    while (pos < nfc.size())
        if (isRefusedInName(utf8::decode(nfc, pos))) return std::nullopt;
    return nfc;
}

std::string nameKey(std::string_view name) {
    // The server keys only names that passed normalizeName; a client may key whatever a server sent.
    if (!utf8::isValid(name)) return asciiFold(name);
    const Icu& u = icu();
    UErrorCode status = U_ZERO_ERROR;
    std::string folded;
    icu::StringByteSink<std::string> sink(&folded);
    u.nfkcCasefold->normalizeUTF8(0, icu::StringPiece(name.data(), static_cast<std::int32_t>(name.size())),
                                  sink, nullptr, status);
    if (U_FAILURE(status)) return asciiFold(name);
    // A skeleton is rarely longer than its input ('m' → "rn", '%' → "º/₀"); one retry covers the rest.
    std::string skeleton(2 * folded.size() + 16, '\0');
    auto skeletonize = [&] {
        status = U_ZERO_ERROR;
        return uspoof_getSkeletonUTF8(u.spoof, 0, folded.data(), static_cast<std::int32_t>(folded.size()),
                                      skeleton.data(), static_cast<std::int32_t>(skeleton.size()), &status);
    };
    std::int32_t length = skeletonize();
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        skeleton.resize(static_cast<std::size_t>(length));
        length = skeletonize();
    }
    if (U_FAILURE(status)) return asciiFold(name);
    skeleton.resize(static_cast<std::size_t>(length));
    // Skeletons map some characters to capitals ('0' → 'O'): fold again so that "B0B" is "BOB", which is
    // "bob".
    return simpleFold(skeleton);
}

} // namespace net
