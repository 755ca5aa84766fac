// The one file that includes sodium.h for passwords.
#include "store/password.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace st::store {
namespace {

// OWASP Password Storage Cheat Sheet minimum for argon2id: m=19 MiB, t=2, p=1
// (libsodium always uses p=1). ~50 ms here; raise both if logins stay fast.
constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19u * 1024 * 1024;

// Passwords of ≥ 12 characters from the most common breached lists (the short
// ones are already refused by length). Compared case-insensitively.
constexpr std::array<std::string_view, 40> kCommon = {
    "123456789012", "1234567890123", "12345678910", "password1234", "password12345", "passwordpassword",
    "qwertyuiopasdf", "qwertyuiop12", "qwerty123456", "1q2w3e4r5t6y", "1qaz2wsx3edc", "iloveyou1234",
    "administrator", "changeme1234", "letmein12345", "welcome12345", "trustno1trustno1", "abc123456789",
    "000000000000", "111111111111", "123123123123", "987654321000", "qazwsxedcrfv", "zaq12wsxcde3",
    "superteam1234", "superteam123!", "password123!", "p@ssw0rd1234", "p@ssword1234", "football1234",
    "baseball1234", "sunshine1234", "princess1234", "dragon123456", "monkey123456", "master123456",
    "correcthorsebatterystaple", "aaaaaaaaaaaa", "asdfghjkl123", "1234567890qwerty",
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

}  // namespace

Status CheckPasswordPolicy(std::string_view username, std::string_view password) {
  if (password.size() < 12) return Status::InvalidInput("field 'password': must be at least 12 characters");
  if (password.size() > 1024) return Status::InvalidInput("field 'password': longer than 1024 bytes");
  const std::string lower = Lower(password);
  if (std::all_of(lower.begin(), lower.end(), [&](char c) { return c == lower[0]; }))
    return Status::InvalidInput("field 'password': a single repeated character");
  for (std::string_view common : kCommon)
    if (lower == common) return Status::InvalidInput("field 'password': a commonly used password");
  if (username.size() >= 3 && lower.find(Lower(username)) != std::string::npos)
    return Status::InvalidInput("field 'password': must not contain the username");
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password) {
  if (!EnsureSodium()) return Status::Internal("libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Status::ResourceExhausted("argon2id: out of memory");
  return std::string(out);
}

bool VerifyPassword(std::string_view stored_hash, std::string_view password) {
  if (!EnsureSodium() || stored_hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::string h(stored_hash);  // needs a NUL-terminated copy
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

bool PasswordNeedsRehash(std::string_view stored_hash) {
  if (!EnsureSodium()) return false;
  std::string h(stored_hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), kOpsLimit, kMemLimit) != 0;
}

}  // namespace st::store

namespace st::store {

std::string RandomToken() {
  EnsureSodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return std::string(hex, 64);
}

std::string TokenHash(std::string_view token) {
  EnsureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, 2 * crypto_hash_sha256_BYTES);
}

}  // namespace st::store
