#include "server/mysql/tls.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <cstring>

namespace flashlake::server::mysql {

namespace {

std::string OpenSslError() {
    unsigned long code = ERR_get_error();
    if (code == 0) return "unknown TLS error";
    char text[256];
    ERR_error_string_n(code, text, sizeof(text));
    ERR_clear_error();
    return text;
}

}  // namespace

Result<std::shared_ptr<TlsContext>> TlsContext::Load(const std::string& cert_file, const std::string& key_file) {
    SSL_CTX* context = SSL_CTX_new(TLS_server_method());
    if (context == nullptr) return Status::Internal("cannot create a TLS context: " + OpenSslError());
    std::shared_ptr<TlsContext> owner(new TlsContext(context));
    SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
    if (SSL_CTX_use_certificate_chain_file(context, cert_file.c_str()) != 1) {
        return Status::InvalidArgument("ssl-cert '" + cert_file + "': " + OpenSslError());
    }
    if (SSL_CTX_use_PrivateKey_file(context, key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
        return Status::InvalidArgument("ssl-key '" + key_file + "': " + OpenSslError());
    }
    if (SSL_CTX_check_private_key(context) != 1) {
        return Status::InvalidArgument("ssl-key '" + key_file + "' does not match ssl-cert '" + cert_file + "'");
    }
    return owner;
}

TlsContext::~TlsContext() { SSL_CTX_free(context_); }

Result<std::unique_ptr<TlsStream>> TlsStream::Accept(const TlsContext& context, int fd) {
    SSL* ssl = SSL_new(context.get());
    if (ssl == nullptr) return Status::Internal("cannot create a TLS session: " + OpenSslError());
    std::unique_ptr<TlsStream> stream(new TlsStream(ssl));
    if (SSL_set_fd(ssl, fd) != 1) return Status::Internal("cannot attach TLS to the socket: " + OpenSslError());
    int result = SSL_accept(ssl);
    if (result != 1) {
        int error = SSL_get_error(ssl, result);
        if (error == SSL_ERROR_SYSCALL) return Status::IOError("TLS handshake failed: connection lost");
        return Status::IOError("TLS handshake failed: " + OpenSslError());
    }
    return stream;
}

TlsStream::~TlsStream() {
    // A close_notify when the connection still works; no waiting for the peer's.
    if (SSL_is_init_finished(ssl_)) SSL_shutdown(ssl_);
    SSL_free(ssl_);
}

Result<size_t> TlsStream::Read(char* out, size_t size) {
    while (true) {
        size_t got = 0;
        if (SSL_read_ex(ssl_, out, size, &got) == 1) return got;
        int error = SSL_get_error(ssl_, 0);
        if (error == SSL_ERROR_ZERO_RETURN) return size_t{0};
        if (error == SSL_ERROR_SYSCALL) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return Status::IOError("timed out waiting for the client");
            if (errno == 0 || errno == ECONNRESET) return size_t{0};  // closed without close_notify
            return Status::IOError(std::string("TLS receive failed: ") + std::strerror(errno));
        }
        return Status::IOError("TLS receive failed: " + OpenSslError());
    }
}

Status TlsStream::Write(const char* data, size_t size) {
    while (size > 0) {
        size_t written = 0;
        if (SSL_write_ex(ssl_, data, size, &written) != 1) {
            int error = SSL_get_error(ssl_, 0);
            if (error == SSL_ERROR_SYSCALL && errno == EINTR) continue;
            return Status::IOError("TLS send failed: " + OpenSslError());
        }
        data += written;
        size -= written;
    }
    return Status::OK();
}

std::string TlsStream::cipher() const { return SSL_get_cipher_name(ssl_); }

std::string TlsStream::version() const { return SSL_get_version(ssl_); }

}  // namespace flashlake::server::mysql
