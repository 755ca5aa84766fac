// Mailbox passwords at rest: libsodium secretbox (XSalsa20-Poly1305) with a 32-byte key kept in a file
// outside the database (created 0600 on first use). The database holds only hex(nonce ‖ ciphertext); a
// stolen database without the key file reveals nothing. Thread-safe after construction.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "base/status.h"

namespace st::outreach {

class SecretBox {
 public:
  // Reads the key file, or creates it with a fresh random key (mode 0600) if it does not exist.
  // kInvalidInput if it exists with the wrong size or is readable by others.
  static Result<SecretBox> FromKeyFile(const std::string& path);
  static SecretBox FromKey(const std::array<unsigned char, 32>& key);

  std::string Seal(std::string_view plain) const;
  // kInvalidInput if the box was not sealed with this key or is damaged.
  Result<std::string> Open(std::string_view sealed_hex) const;
  // A keyed hash (BLAKE2b-256 under a subkey derived for `purpose`), 64 hex characters: values the database
  // must not be able to recompute without the key file (the opt-out link's token from its stored nonce).
  std::string Mac(std::string_view purpose, std::string_view data) const;

 private:
  std::array<unsigned char, 32> key_{};
};

}  // namespace st::outreach
