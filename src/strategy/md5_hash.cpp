// twin of common/.../consistenthash/ConsistentHashRouter.java's inner class MD5Hash (5.x; 4.9.x on a UTF-8 JVM).
#include "strategy/md5_hash.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace rmqsim {

Md5Hash::Md5Hash() : md_(EVP_MD_fetch(nullptr, "MD5", nullptr)), ctx_(EVP_MD_CTX_new()) {
  if (md_ == nullptr || ctx_ == nullptr) {
    EVP_MD_free(md_);
    EVP_MD_CTX_free(ctx_);
    throw std::runtime_error("OpenSSL: MD5 is not available");
  }
}

Md5Hash::~Md5Hash() {
  EVP_MD_CTX_free(ctx_);
  EVP_MD_free(md_);
}

std::uint32_t Md5Hash::hash(std::string_view key) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestInit_ex2(ctx_, md_, nullptr) != 1 || EVP_DigestUpdate(ctx_, key.data(), key.size()) != 1 ||
      EVP_DigestFinal_ex(ctx_, digest, &len) != 1 || len < 4)
    throw std::runtime_error("OpenSSL: MD5 digest failed");
  // Java: h <<= 8; h |= digest[i] & 0xFF for i < 4, in a long, so never negative.
  return (std::uint32_t{digest[0]} << 24) | (std::uint32_t{digest[1]} << 16) | (std::uint32_t{digest[2]} << 8) |
         std::uint32_t{digest[3]};
}

}  // namespace rmqsim
