#pragma once

#include <memory>
#include <string>

#include "common/result.h"

typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_st SSL;

namespace flashlake::server::mysql {

// The server's TLS certificate and key (PEM files), loaded once at start (OpenSSL, TLS 1.2+).
class TlsContext {
public:
    // Fails with kInvalidArgument naming the file that is missing or unusable.
    static Result<std::shared_ptr<TlsContext>> Load(const std::string& cert_file, const std::string& key_file);
    ~TlsContext();
    TlsContext(const TlsContext&) = delete;
    TlsContext& operator=(const TlsContext&) = delete;
    SSL_CTX* get() const { return context_; }

private:
    explicit TlsContext(SSL_CTX* context) : context_(context) {}
    SSL_CTX* context_;
};

// The server side of one TLS connection over a connected socket it does not own.
class TlsStream {
public:
    // Runs the TLS handshake (the socket's receive timeout applies).
    static Result<std::unique_ptr<TlsStream>> Accept(const TlsContext& context, int fd);
    ~TlsStream();
    TlsStream(const TlsStream&) = delete;
    TlsStream& operator=(const TlsStream&) = delete;

    // Bytes read into `out` (at most `size`); 0 when the peer closed the connection.
    Result<size_t> Read(char* out, size_t size);
    Status Write(const char* data, size_t size);
    std::string cipher() const;   // e.g. "TLS_AES_256_GCM_SHA384"
    std::string version() const;  // e.g. "TLSv1.3"

private:
    explicit TlsStream(SSL* ssl) : ssl_(ssl) {}
    SSL* ssl_;
};

}  // namespace flashlake::server::mysql
