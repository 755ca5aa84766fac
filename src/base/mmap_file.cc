#include "base/mmap_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <utility>

namespace st {

// One guarded mapping, read by the SIGBUS handler: lock-free atomics only.
struct MmapGuardSlot {
  std::atomic<uintptr_t> begin{0};  // 0 = free
  std::atomic<uintptr_t> end{0};
  std::atomic<bool> changed{false};
};

namespace {

// Constant-initialized (no guard variable for the handler to trip on).
constinit std::array<MmapGuardSlot, MmapFile::kMaxGuarded> g_slots;
struct sigaction g_previous_sigbus;
uintptr_t g_page_size = 4096;

// A read of a guarded mapping past its file's end: map zero pages over the
// rest of the mapping (one fault, not one per page), flag it, and let the
// read retry. Anything else goes to the previous handler (or kills as before).
void OnSigbus(int sig, siginfo_t* info, void* context) {
  const uintptr_t addr = reinterpret_cast<uintptr_t>(info->si_addr);
  // si_code > 0: raised by a fault (si_addr is meaningful), not sent by kill.
  for (MmapGuardSlot& slot : g_slots) {
    if (info->si_code <= 0) break;
    const uintptr_t begin = slot.begin.load(std::memory_order_acquire);
    if (begin == 0 || addr < begin) continue;
    const uintptr_t end = slot.end.load(std::memory_order_acquire);
    if (addr >= end) continue;
    const uintptr_t page = addr & ~(g_page_size - 1);
    void* p = ::mmap(reinterpret_cast<void*>(page), end - page, PROT_READ,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (p == MAP_FAILED) break;
    slot.changed.store(true, std::memory_order_relaxed);
    return;
  }
  const struct sigaction& prev = g_previous_sigbus;
  if ((prev.sa_flags & SA_SIGINFO) != 0 && prev.sa_sigaction != nullptr) {
    prev.sa_sigaction(sig, info, context);
  } else if (prev.sa_handler != SIG_DFL && prev.sa_handler != SIG_IGN) {
    prev.sa_handler(sig);
  } else {
    // The default action (kill), for a fault or a sent signal alike: raised
    // again, it is delivered when the handler returns.
    ::signal(SIGBUS, SIG_DFL);
    ::raise(SIGBUS);
  }
}

void InstallSigbusHandler() {
  static std::once_flag once;
  std::call_once(once, [] {
    g_page_size = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
    struct sigaction sa {};
    sa.sa_sigaction = OnSigbus;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGBUS, &sa, &g_previous_sigbus);
  });
}

MmapGuardSlot* Guard(const uint8_t* data, size_t size) {
  InstallSigbusHandler();
  const uintptr_t begin = reinterpret_cast<uintptr_t>(data);
  const uintptr_t end = (begin + size + g_page_size - 1) & ~(g_page_size - 1);
  for (MmapGuardSlot& slot : g_slots) {
    uintptr_t expected = 0;
    // Claim with a placeholder so the handler never sees a half-set range.
    if (!slot.begin.compare_exchange_strong(expected, UINTPTR_MAX)) continue;
    slot.changed.store(false, std::memory_order_relaxed);
    slot.end.store(end, std::memory_order_release);
    slot.begin.store(begin, std::memory_order_release);
    return &slot;
  }
  return nullptr;  // all slots taken: this mapping stays unguarded
}

}  // namespace

Result<MmapFile> MmapFile::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::IoError(path + ": open: " + std::strerror(errno));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return Status::IoError(path + ": stat: " + std::strerror(err));
  }
  MmapFile file;
  file.size_ = static_cast<size_t>(st.st_size);
  if (file.size_ > 0) {
    void* p = ::mmap(nullptr, file.size_, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
      int err = errno;
      ::close(fd);
      return Status::IoError(path + ": mmap: " + std::strerror(err));
    }
    file.data_ = static_cast<const uint8_t*>(p);
  }
  // The mapping keeps the file alive (even if a newer version replaces it).
  ::close(fd);
  return file;
}

Result<MmapFile> MmapFile::OpenGuarded(const std::string& path) {
  auto file = Open(path);
  if (file.ok() && file->data_ != nullptr) file->guard_ = Guard(file->data_, file->size_);
  return file;
}

bool MmapFile::changed() const {
  return guard_ != nullptr && guard_->changed.load(std::memory_order_relaxed);
}

void MmapFile::Unmap() {
  if (guard_ != nullptr) {
    // Released before the range can be reused by another mapping.
    guard_->begin.store(UINTPTR_MAX, std::memory_order_release);
    guard_->end.store(0, std::memory_order_release);
    guard_->begin.store(0, std::memory_order_release);
    guard_ = nullptr;
  }
  if (data_) ::munmap(const_cast<uint8_t*>(data_), size_);
  data_ = nullptr;
  size_ = 0;
}

MmapFile::MmapFile(MmapFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      guard_(std::exchange(other.guard_, nullptr)) {}

MmapFile& MmapFile::operator=(MmapFile&& other) noexcept {
  if (this != &other) {
    Unmap();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    guard_ = std::exchange(other.guard_, nullptr);
  }
  return *this;
}

MmapFile::~MmapFile() { Unmap(); }

void MmapFile::DropResidentPages() const {
  if (data_ != nullptr && size_ > 0) ::madvise(const_cast<uint8_t*>(data_), size_, MADV_DONTNEED);
}

void MmapFile::DropResidentPages(const uint8_t* begin, size_t bytes) const {
  static const uintptr_t page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  if (data_ == nullptr || begin < data_ || begin + bytes > data_ + size_) return;
  const uintptr_t first = (reinterpret_cast<uintptr_t>(begin) + page - 1) & ~(page - 1);
  const uintptr_t last = (reinterpret_cast<uintptr_t>(begin) + bytes) & ~(page - 1);
  if (first < last) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
}

}  // namespace st
