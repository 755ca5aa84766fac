#include "outreach/secret_box.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vector>

namespace st::outreach {

static_assert(crypto_secretbox_KEYBYTES == 32);

SecretBox SecretBox::FromKey(const std::array<unsigned char, 32>& key) {
  SecretBox box;
  box.key_ = key;
  return box;
}

Result<SecretBox> SecretBox::FromKeyFile(const std::string& path) {
  if (sodium_init() < 0) return Status::Internal("libsodium failed to initialise");
  std::array<unsigned char, 32> key{};
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT) return Status::IoError(path + ": cannot open the mail key file");
    randombytes_buf(key.data(), key.size());
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      if (errno == EEXIST) return FromKeyFile(path);  // another process created it just now
      return Status::IoError(path + ": cannot create the mail key file");
    }
    const bool ok = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) return Status::IoError(path + ": cannot write the mail key file");
    return FromKey(key);
  }
  struct stat st{};
  if (::fstat(fd, &st) != 0 || st.st_size != 32) {
    ::close(fd);
    return Status::InvalidInput(path + ": the mail key file must hold exactly 32 bytes");
  }
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    return Status::InvalidInput(path + ": the mail key file is readable by other users (chmod 600 it)");
  }
  const bool ok = ::read(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
  ::close(fd);
  if (!ok) return Status::IoError(path + ": cannot read the mail key file");
  return FromKey(key);
}

std::string SecretBox::Seal(std::string_view plain) const {
  std::vector<unsigned char> buf(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size());
  unsigned char* nonce = buf.data();
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(buf.data() + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plain.data()),
                        plain.size(), nonce, key_.data());
  std::string hex(buf.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), buf.data(), buf.size());
  hex.pop_back();
  return hex;
}

Result<std::string> SecretBox::Open(std::string_view sealed_hex) const {
  std::vector<unsigned char> buf(sealed_hex.size() / 2);
  size_t len = 0;
  if (sodium_hex2bin(buf.data(), buf.size(), sealed_hex.data(), sealed_hex.size(), nullptr, &len, nullptr) != 0 ||
      len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    return Status::InvalidInput("stored mailbox password is damaged");
  std::string plain(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), buf.data() + crypto_secretbox_NONCEBYTES,
                                 len - crypto_secretbox_NONCEBYTES, buf.data(), key_.data()) != 0)
    return Status::InvalidInput("stored mailbox password cannot be opened with this key file");
  return plain;
}

}  // namespace st::outreach

namespace st::outreach {

std::string SecretBox::Mac(std::string_view purpose, std::string_view data) const {
  // Subkey = BLAKE2b(key, purpose): the password box's key is never used directly for anything else.
  unsigned char subkey[32];
  crypto_generichash(subkey, sizeof subkey, reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size(),
                     key_.data(), key_.size());
  unsigned char mac[32];
  crypto_generichash(mac, sizeof mac, reinterpret_cast<const unsigned char*>(data.data()), data.size(), subkey,
                     sizeof subkey);
  sodium_memzero(subkey, sizeof subkey);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

}  // namespace st::outreach
