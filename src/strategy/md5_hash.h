// twin of common/.../consistenthash/ConsistentHashRouter.java's inner class MD5Hash (5.x; 4.9.x on a UTF-8 JVM).
#pragma once

#include <cstdint>
#include <string_view>

struct evp_md_st;
struct evp_md_ctx_st;

namespace rmqsim {

/// MD5 of the key's UTF-8 bytes, first 4 digest bytes read big-endian as an unsigned number.
/// One object per computation (it owns an OpenSSL context); not thread-safe, cheap to reuse.
class Md5Hash {
 public:
  Md5Hash();
  ~Md5Hash();
  Md5Hash(const Md5Hash&) = delete;
  Md5Hash& operator=(const Md5Hash&) = delete;

  std::uint32_t hash(std::string_view key);

 private:
  evp_md_st* md_;
  evp_md_ctx_st* ctx_;
};

}  // namespace rmqsim
