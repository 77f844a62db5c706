#pragma once
// One connection's TLS over the server's own buffers rather than a socket: the session hands in the bytes it
// read and gets plaintext back, and hands in plaintext and gets the records to send. OpenSSL sees a BIO whose
// read side is the bytes just received and whose write side appends to the caller's string, so a connection
// holds no buffers of its own between calls (SSL_MODE_RELEASE_BUFFERS frees OpenSSL's too), and the session
// keeps its one shared read buffer, its readiness waits and its own writes.
#include <string>
#include <string_view>

struct ssl_st;
struct ssl_ctx_st;

namespace server {

class TlsChannel {
public:
    /// A server-side TLS state from ctx (TlsIdentity's context).
    explicit TlsChannel(ssl_ctx_st* ctx);
    ~TlsChannel();
    TlsChannel(const TlsChannel&) = delete;
    TlsChannel& operator=(const TlsChannel&) = delete;

    enum class Status { Ok, Closed, Failed };
    /// Takes bytes that arrived: appends the plaintext they complete to plaintext, and what TLS itself has to
    /// send (the handshake, alerts) to out. Closed: the peer said close_notify; Failed: see error().
    Status receive(std::string_view ciphertext, std::string& plaintext, std::string& out);
    /// Encrypts plaintext into as few records as it takes (at most 16 KiB of plaintext each) appended to out.
    /// Only once established().
    bool send(std::string_view plaintext, std::string& out);
    /// Appends a close_notify alert to out (best effort, before closing).
    void close(std::string& out);
    /// Whether the handshake is complete.
    bool established() const { return m_established; }
    /// Why the last call failed, for the log.
    const std::string& error() const { return m_error; }

private:
    static int readFromInput(void* bio, char* data, int size);
    static int writeToOutput(void* bio, const char* data, int size);
    bool handshake(std::string& out);

    ssl_st* m_ssl = nullptr;
    std::string_view m_in;        // the unread part of what receive() was given
    std::string* m_out = nullptr; // where records go during a call
    bool m_established = false;
    std::string m_error;
};

} // namespace server
