// Password hashing (argon2id via libsodium) and the password policy.
// Thread-safe. Hashing costs ~50 ms and 19 MiB by design (OWASP minimum).
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace st::store {

// ≥ 12 characters, ≤ 1024 bytes, not equal to/containing the username, not
// on the built-in list of common passwords. kInvalidInput naming "password".
Status CheckPasswordPolicy(std::string_view username, std::string_view password);

// crypto_pwhash_str with argon2id, t=2, m=19 MiB (or libsodium's
// INTERACTIVE limits if those are higher). kResourceExhausted if out of memory.
Result<std::string> HashPassword(std::string_view password);

// True if `password` matches the stored string from HashPassword.
bool VerifyPassword(std::string_view stored_hash, std::string_view password);

// True if the hash was made with weaker parameters than HashPassword uses now.
bool PasswordNeedsRehash(std::string_view stored_hash);

}  // namespace st::store

namespace st::store {

// 256 random bits as 64 lower-case hex characters (session and CSRF tokens).
std::string RandomToken();

// SHA-256 of a token as hex: what the sessions table stores instead of the token.
std::string TokenHash(std::string_view token);

}  // namespace st::store
