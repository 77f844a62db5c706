#include "net/fingerprint.hpp"

#include <array>
#include <cctype>
#include <memory>

#include <openssl/evp.h>
#include <openssl/x509.h>

namespace net {

std::string keyFingerprint(const evp_pkey_st* key) {
    unsigned char* der = nullptr;
    const int length = i2d_PUBKEY(key, &der);
    if (length <= 0) return {};
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned digestLength = 0;
    const bool ok = EVP_Digest(der, static_cast<std::size_t>(length), digest.data(), &digestLength,
                               EVP_sha256(), nullptr) == 1;
    OPENSSL_free(der);
    if (!ok) return {};
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned i = 0; i < digestLength; ++i) {
        hex += kHex[digest[i] >> 4];
        hex += kHex[digest[i] & 0x0F];
    }
    return hex;
}

std::string displayFingerprint(std::string_view hex) {
    std::string out = "SHA256";
    for (std::size_t i = 0; i < hex.size(); i += 4) {
        out += ' ';
        out += hex.substr(i, 4);
    }
    return out;
}

std::optional<std::string> parseFingerprint(std::string_view text) {
    std::string hex;
    std::size_t at = 0;
    // An optional "sha256:" / "SHA256 " prefix; the digits 2, 5 and 6 of "256" must not count as hex.
    for (const std::string_view prefix : {"sha256:", "sha256"}) {
        if (text.size() >= prefix.size()) {
            std::string head(text.substr(0, prefix.size()));
            for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (head == prefix) {
                at = prefix.size();
                break;
            }
        }
    }
    for (; at < text.size(); ++at) {
        const auto c = static_cast<unsigned char>(text[at]);
        if (std::isxdigit(c)) hex += static_cast<char>(std::tolower(c));
        else if (c != ' ' && c != ':' && c != '-' && c != '\t') return std::nullopt;
    }
    if (hex.size() != 64) return std::nullopt;
    return hex;
}

} // namespace net
