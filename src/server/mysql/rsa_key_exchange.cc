#include "server/mysql/rsa_key_exchange.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

namespace flashlake::server::mysql {

namespace {

constexpr unsigned kKeyBits = 2048;

std::string OpenSslError() {
    unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) return "unknown OpenSSL error";
    char text[256];
    ERR_error_string_n(code, text, sizeof(text));
    return text;
}

}  // namespace

RsaKeyExchange::~RsaKeyExchange() { EVP_PKEY_free(key_); }

Status RsaKeyExchange::EnsureKey() {
    if (key_ != nullptr) return Status::OK();
    EVP_PKEY* key = EVP_RSA_gen(kKeyBits);
    if (key == nullptr) return Status::Internal("cannot make the RSA key for caching_sha2_password: " + OpenSslError());
    BIO* memory = BIO_new(BIO_s_mem());
    if (memory == nullptr || PEM_write_bio_PUBKEY(memory, key) != 1) {
        BIO_free(memory);
        EVP_PKEY_free(key);
        return Status::Internal("cannot write the RSA public key: " + OpenSslError());
    }
    char* data = nullptr;
    const long size = BIO_get_mem_data(memory, &data);
    public_pem_.assign(data, static_cast<size_t>(size));
    BIO_free(memory);
    key_ = key;
    return Status::OK();
}

Result<std::string> RsaKeyExchange::PublicKeyPem() {
    std::lock_guard lock(mu_);
    FL_RETURN_NOT_OK(EnsureKey());
    return public_pem_;
}

Result<std::string> RsaKeyExchange::DecryptPassword(std::string_view ciphertext, std::string_view scramble) {
    std::lock_guard lock(mu_);
    FL_RETURN_NOT_OK(EnsureKey());
    if (scramble.empty()) return Status::InvalidArgument("empty scramble");
    EVP_PKEY_CTX* context = EVP_PKEY_CTX_new(key_, nullptr);
    if (context == nullptr) return Status::Internal("cannot decrypt: " + OpenSslError());
    std::string plain(static_cast<size_t>(EVP_PKEY_get_size(key_)), '\0');
    size_t plain_size = plain.size();
    const bool decrypted =
        EVP_PKEY_decrypt_init(context) == 1 && EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_OAEP_PADDING) == 1 &&
        EVP_PKEY_decrypt(context, reinterpret_cast<unsigned char*>(plain.data()), &plain_size,
                         reinterpret_cast<const unsigned char*>(ciphertext.data()), ciphertext.size()) == 1;
    EVP_PKEY_CTX_free(context);
    if (!decrypted) {
        ERR_clear_error();
        return Status::InvalidArgument("the encrypted password does not decrypt with the server's RSA key");
    }
    plain.resize(plain_size);
    for (size_t i = 0; i < plain.size(); ++i) plain[i] = static_cast<char>(plain[i] ^ scramble[i % scramble.size()]);
    if (!plain.empty() && plain.back() == '\0') plain.pop_back();
    return plain;
}

}  // namespace flashlake::server::mysql
