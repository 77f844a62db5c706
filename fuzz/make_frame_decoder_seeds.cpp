// Writes the seed corpus of the frame_decoder fuzz target: one valid frame of every message type, a few
// multi-frame streams, and malformed frames the decoder must refuse. Regenerate (rarely needed) with:
//   g++ -std=c++20 -I. fuzz/make_frame_decoder_seeds.cpp net/codec.cpp net/utf8.cpp -o /tmp/seeds
//   /tmp/seeds fuzz/corpus/frame_decoder
#include <cstdio>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "net/codec.hpp"

using namespace net;

namespace {

std::string be32(std::uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
            static_cast<char>(v)};
}

/// A frame with a correct length prefix around an arbitrary payload.
std::string frame(const std::string& payload) {
    return be32(static_cast<std::uint32_t>(payload.size())) + payload;
}

std::vector<std::pair<std::string, std::string>> seeds() {
    Token token{};
    for (std::size_t i = 0; i < token.size(); ++i) token[i] = static_cast<std::uint8_t>(0xA0 + i);
    const Chat chat{42, 1764096000123ull, "陈磊", "192.168.1.20", 0x1234'5678'0000'0001ull, "大家好 hello"};
    const Private priv{
        7, 1764096000999ull, "bob", "10.0.0.2", "alice", 9, kPrivateStored | kPrivateReplay, "私信"};
    std::vector<std::pair<std::string, std::string>> out = {
        {"hello", encode(Hello{kProtocolVersion, "alice", 41, 3, token})},
        {"hello_fresh", encode(Hello{kProtocolVersion, "张三", 0, 0, Token{}})},
        {"say", encode(Say{5, "hi"})},
        {"say_cjk", encode(Say{6, "你好，世界 🌏"})},
        {"whisper", encode(Whisper{10, "bob", "悄悄话"})},
        {"history_request", encode(HistoryRequest{100, 50})},
        {"users_request", encode(UsersRequest{})},
        {"ping", encode(Ping{0xDEADBEEFCAFEull})},
        {"pong", encode(Pong{1})},
        {"bye", encode(Bye{"going home"})},
        {"welcome", encode(Welcome{kProtocolVersion, "alice", "127.0.0.1", token, 41, 4096, 5000})},
        {"chat", encode(chat)},
        {"private", encode(priv)},
        {"joined", encode(Joined{1, "carol", "::1", 3})},
        {"left", encode(Left{2, "carol", LeaveReason::Timeout, 2})},
        {"left_unknown_reason", encode(Left{2, "carol", static_cast<LeaveReason>(9), 2})},
        {"users", encode(Users{{"alice", "bob", "陈磊"}})},
        {"users_empty", encode(Users{})},
        {"history_page", encode(HistoryPage{43, true, {chat, chat}})},
        {"history_page_empty", encode(HistoryPage{1, false, {}})},
        {"live", encode(Live{42, 200})},
        {"room_state", encode(RoomState{true, "the room's store is unavailable"})},
        {"error", encode(Error{ErrorCode::NameTaken, false, 0, "name is taken"})},
        {"error_fatal", encode(Error{ErrorCode::ShuttingDown, true, 0, ""})},
        {"error_unknown_code", encode(Error{static_cast<ErrorCode>(999), false, 77, "?"})},
        // Version 2: credentials, accounts, and the layouts of version 1 and of a version yet to come.
        {"hello_login",
         encode(Hello{kProtocolVersion, "陈磊", 41, 3, token, Auth::Password, "口令 secret", true})},
        {"hello_token",
         encode(Hello{kProtocolVersion, "alice", 0, 0, Token{}, Auth::DeviceToken, "dGVzdA", false})},
        {"hello_register",
         encode(Hello{kProtocolVersion, "bob", 0, 0, Token{}, Auth::Register, "a passphrase", false})},
        {"hello_v1", encode(Hello{kLegacyProtocolVersion, "old", 7, 0, token})},
        {"hello_v3", frame(std::string("\x01\x00\x03whatever follows", 19))},
        {"register", encode(Register{11, "a long passphrase", true})},
        {"change_password", encode(ChangePassword{12, "old one", "新的口令 new one", false})},
        {"device_token", encode(DeviceToken{"3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})},
        {"account_update", encode(AccountUpdate{12, AccountChange::PasswordChanged})},
        {"welcome_signed_in", encode(Welcome{kProtocolVersion, "alice", "127.0.0.1", token, 41, 4096, 5000,
                                             true, AccountPolicy::Required})},
        {"welcome_v1", encode(Welcome{kLegacyProtocolVersion, "old", "127.0.0.1", token, 41, 4096, 5000})},
        {"error_auth_required", encode(Error{ErrorCode::AuthRequired, false, 0, "auth-required"})},
    };
    // A whole session as the server sends it, then a client's side of it.
    out.push_back(
        {"stream_server", encode(Welcome{kProtocolVersion, "alice", "127.0.0.1", token, 1, 4096, 5000}) +
                              encode(chat) + encode(priv) + encode(Live{42, 1}) + encode(Users{{"alice"}}) +
                              encode(Ping{3})});
    out.push_back({"stream_client", encode(Hello{kProtocolVersion, "alice", 0, 0, Token{}}) +
                                        encode(Say{1, "a"}) + encode(Whisper{2, "bob", "b"}) +
                                        encode(HistoryRequest{0, 500}) + encode(Pong{3}) + encode(Bye{""})});
    // Malformed input.
    out.push_back({"bad_zero_length", be32(0)});
    out.push_back({"bad_length_over_limit", be32(kMaxFrameBytes + 1) + "\x02"});
    out.push_back({"bad_length_at_limit_no_body", be32(kMaxFrameBytes) + "\x08"});
    out.push_back({"bad_huge_length", be32(0xFFFFFFFFu)});
    out.push_back({"bad_truncated", encode(Say{5, "hello"}).substr(0, 12)});
    out.push_back({"bad_unknown_type", frame("\x7F\x01\x02") + encode(Ping{1})});
    out.push_back(
        {"bad_utf8_text", frame(std::string("\x02\0\0\0\0\0\0\0\x01\0\x02\xC3\x28", 13)) + encode(Ping{2})});
    out.push_back({"bad_overlong_utf8", frame(std::string("\x02\0\0\0\0\0\0\0\x01\0\x02\xC0\xAF", 13))});
    out.push_back({"bad_trailing_byte", frame(encode(Ping{1}).substr(4) + "X")});
    out.push_back({"bad_short_field", frame(std::string("\x06\0\0", 3))});
    out.push_back({"bad_users_count", frame(std::string("\x86\xFF\xFF\0\x01", 5) + "a")});
    out.push_back({"bad_history_more_flag", frame(std::string("\x87\0\0\0\0\0\0\0\x01\x02\0\0", 12))});
    out.push_back({"bad_error_fatal_flag", frame(std::string("\x8F\0\x01\x02\0\0\0\0\0\0\0\0\0\0", 14))});
    out.push_back({"bad_string_past_end", frame(std::string("\x08\x00\x10"
                                                            "abc",
                                                            6))});
    return out;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <output dir>\n", argv[0]);
        return 2;
    }
    for (const auto& [name, bytes] : seeds()) {
        std::ofstream f(std::string(argv[1]) + "/" + name, std::ios::binary);
        f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!f) {
            std::fprintf(stderr, "cannot write %s\n", name.c_str());
            return 1;
        }
    }
    return 0;
}
