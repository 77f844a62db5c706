#pragma once
// A server's identity as clients pin it: the SHA-256 of its public key (the DER SubjectPublicKeyInfo),
// not of its certificate, so a renewed certificate over the same key keeps every pin valid. Written as 64
// lowercase hex digits; shown to people in groups of four.
#include <optional>
#include <string>
#include <string_view>

struct evp_pkey_st;

namespace net {

/// The fingerprint of key: 64 lowercase hex digits.
std::string keyFingerprint(const evp_pkey_st* key);

/// "SHA256 " and the fingerprint in groups of four hex digits, for people to compare, e.g.
/// "SHA256 3f2a 91c0 ...".
std::string displayFingerprint(std::string_view hex);

/// A fingerprint as a person typed or pasted it (with or without "SHA256" or "sha256:", spaces, colons, any
/// case), as 64 lowercase hex digits; nullopt when it is not 64 hex digits.
std::optional<std::string> parseFingerprint(std::string_view text);

} // namespace net
