#include "outreach/mail_transport.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "outreach/mime.h"

namespace st::outreach {
namespace {

namespace fs = std::filesystem;

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlHandle {
  CURL* h = curl_easy_init();
  ~CurlHandle() {
    if (h) curl_easy_cleanup(h);
  }
};

struct SlistHandle {
  curl_slist* list = nullptr;
  ~SlistHandle() { curl_slist_free_all(list); }
};

// What the SMTP session did, from libcurl's debug stream: the last command we sent and the server's last
// words, so a 5xx can be told apart at RCPT (a bad address) from one after MAIL FROM or the data.
struct SmtpTrace {
  std::string last_command;
  std::string last_reply;
  std::string error_command;  // the command the first 4xx/5xx answered (libcurl sends QUIT after it)
  std::string error_reply;
  std::string_view body;
  size_t offset = 0;
  bool data_started = false;
  bool data_complete = false;
};

int SmtpDebug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  auto* t = static_cast<SmtpTrace*>(user);
  std::string_view text(data, size);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  if (type == CURLINFO_HEADER_OUT) {
    // Never keep AUTH lines: they carry the credentials.
    if (text.rfind("AUTH", 0) == 0) t->last_command = "AUTH";
    else t->last_command = std::string(text.substr(0, text.find(' ')));
  } else if (type == CURLINFO_HEADER_IN) {
    size_t last_line = text.rfind('\n');
    t->last_reply = std::string(last_line == std::string_view::npos ? text : text.substr(last_line + 1));
    if (t->last_reply.size() > 300) t->last_reply.resize(300);
    if (t->error_reply.empty() && !t->last_reply.empty() && (t->last_reply[0] == '4' || t->last_reply[0] == '5')) {
      t->error_reply = t->last_reply;
      t->error_command = t->last_command;
    }
  }
  return 0;
}

size_t SmtpRead(char* buffer, size_t size, size_t nitems, void* user) {
  auto* t = static_cast<SmtpTrace*>(user);
  t->data_started = true;
  const size_t n = std::min(size * nitems, t->body.size() - t->offset);
  std::memcpy(buffer, t->body.data() + t->offset, n);
  t->offset += n;
  if (n == 0) t->data_complete = true;
  return n;
}

size_t Collect(char* data, size_t size, size_t nmemb, void* user) {
  auto* out = static_cast<std::string*>(user);
  const size_t n = size * nmemb;
  if (out->size() + n > 50u * 1024 * 1024) return 0;  // a message over 50 MB: abort the transfer
  out->append(data, n);
  return n;
}

std::string CurlMessage(CURLcode code, const char* errbuf) {
  std::string msg = errbuf && *errbuf ? errbuf : curl_easy_strerror(code);
  return msg;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

class SmtpImapTransport final : public MailTransport {
 public:
  SmtpImapTransport(Mailbox mailbox, std::string password, TransportOptions options)
      : mailbox_(std::move(mailbox)), password_(std::move(password)), options_(options) {}

  SendOutcome Send(std::string_view from, std::string_view to, std::string_view mime) override {
    SendOutcome out;
    // One easy handle for every message of this transport: libcurl keeps the SMTP connection open after a
    // transfer that ended well and reuses it (one TLS handshake and AUTH per pass, not per message); a
    // transfer that failed closes it, so the next message starts a fresh session. Each message is still its
    // own MAIL FROM / RCPT / DATA with its own outcome.
    if (!smtp_.h) return {SendOutcome::kTemporary, 0, "cannot create a libcurl handle"};
    CurlHandle& curl = smtp_;
    // The URL's path is the EHLO name: our own domain.
    std::string domain(EmailDomain(mailbox_.address));
    std::string url = mailbox_.smtp_url;
    while (!url.empty() && url.back() == '/') url.pop_back();
    url += "/" + domain;
    SmtpTrace trace;
    trace.body = mime;
    char errbuf[CURL_ERROR_SIZE] = {0};
    SlistHandle rcpt;
    rcpt.list = curl_slist_append(nullptr, ("<" + std::string(to) + ">").c_str());
    const std::string mail_from = "<" + std::string(from) + ">";
    curl_easy_setopt(curl.h, CURLOPT_URL, url.c_str());
    if (StartsWith(mailbox_.smtp_url, "smtp://")) curl_easy_setopt(curl.h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    curl_easy_setopt(curl.h, CURLOPT_USERNAME, mailbox_.username.c_str());
    curl_easy_setopt(curl.h, CURLOPT_PASSWORD, password_.c_str());
    if (!mailbox_.ca_file.empty()) curl_easy_setopt(curl.h, CURLOPT_CAINFO, mailbox_.ca_file.c_str());
    curl_easy_setopt(curl.h, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(curl.h, CURLOPT_MAIL_RCPT, rcpt.list);
    curl_easy_setopt(curl.h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl.h, CURLOPT_READFUNCTION, SmtpRead);
    curl_easy_setopt(curl.h, CURLOPT_READDATA, &trace);
    curl_easy_setopt(curl.h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mime.size()));
    curl_easy_setopt(curl.h, CURLOPT_DEBUGFUNCTION, SmtpDebug);
    curl_easy_setopt(curl.h, CURLOPT_DEBUGDATA, &trace);
    curl_easy_setopt(curl.h, CURLOPT_VERBOSE, 1L);  // feeds SmtpDebug only; nothing is printed
    curl_easy_setopt(curl.h, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl.h, CURLOPT_CONNECTTIMEOUT, options_.connect_timeout_seconds);
    curl_easy_setopt(curl.h, CURLOPT_TIMEOUT, options_.timeout_seconds);
    curl_easy_setopt(curl.h, CURLOPT_NOSIGNAL, 1L);
    const CURLcode rc = curl_easy_perform(curl.h);
    long connects = 0;
    curl_easy_getinfo(curl.h, CURLINFO_NUM_CONNECTS, &connects);
    out.reused_connection = connects == 0;
    long code = 0;
    curl_easy_getinfo(curl.h, CURLINFO_RESPONSE_CODE, &code);
    // The handle outlives this call (and sends QUIT when it is cleaned up): it must not keep pointers to
    // this call's locals.
    curl_easy_setopt(curl.h, CURLOPT_VERBOSE, 0L);
    curl_easy_setopt(curl.h, CURLOPT_DEBUGFUNCTION, nullptr);
    curl_easy_setopt(curl.h, CURLOPT_DEBUGDATA, nullptr);
    curl_easy_setopt(curl.h, CURLOPT_READDATA, nullptr);
    curl_easy_setopt(curl.h, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(curl.h, CURLOPT_MAIL_RCPT, nullptr);
    curl_easy_setopt(curl.h, CURLOPT_MAIL_FROM, nullptr);
    if (!trace.error_reply.empty()) code = std::strtol(trace.error_reply.c_str(), nullptr, 10);
    out.smtp_code = static_cast<int>(code);
    std::string words = !trace.error_reply.empty() ? trace.error_reply
                        : trace.last_reply.empty() ? CurlMessage(rc, errbuf)
                                                   : trace.last_reply;
    // "550 5.1.1 …" → "5.1.1 …": the outcome carries the code on its own.
    if (const std::string prefix = std::to_string(code); words.rfind(prefix, 0) == 0 && words.size() > prefix.size())
      words = words.substr(prefix.size() + 1);
    if (rc == CURLE_OK) {
      out.kind = SendOutcome::kAccepted;
      out.detail = words;
      return out;
    }
    out.detail = words;
    if (rc == CURLE_LOGIN_DENIED || trace.error_command == "AUTH") {
      out.kind = SendOutcome::kAuthFailed;
      out.detail = "login refused (" + CurlMessage(rc, errbuf) + ")";
      return out;
    }
    if (trace.data_complete && code < 400) {
      // All of the message went out and no final reply was read: it may have been delivered.
      out.kind = SendOutcome::kLostAfterData;
      out.detail = CurlMessage(rc, errbuf);
      return out;
    }
    if (code >= 500 && code < 600) {
      out.kind = trace.error_command == "RCPT" ? SendOutcome::kRecipientRejected : SendOutcome::kPermanent;
      return out;
    }
    out.kind = SendOutcome::kTemporary;  // 4xx, or the connection failed before the data went out
    if (code < 400) out.detail = CurlMessage(rc, errbuf);
    return out;
  }

  Status CheckLogin() override {
    {
      CurlHandle curl;
      if (!curl.h) return Status::Internal("cannot create a libcurl handle");
      std::string url = mailbox_.smtp_url;
      while (!url.empty() && url.back() == '/') url.pop_back();
      url += "/" + std::string(EmailDomain(mailbox_.address));
      char errbuf[CURL_ERROR_SIZE] = {0};
      curl_easy_setopt(curl.h, CURLOPT_URL, url.c_str());
      if (StartsWith(mailbox_.smtp_url, "smtp://")) curl_easy_setopt(curl.h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
      curl_easy_setopt(curl.h, CURLOPT_USERNAME, mailbox_.username.c_str());
      curl_easy_setopt(curl.h, CURLOPT_PASSWORD, password_.c_str());
      if (!mailbox_.ca_file.empty()) curl_easy_setopt(curl.h, CURLOPT_CAINFO, mailbox_.ca_file.c_str());
      curl_easy_setopt(curl.h, CURLOPT_ERRORBUFFER, errbuf);
      curl_easy_setopt(curl.h, CURLOPT_CONNECTTIMEOUT, options_.connect_timeout_seconds);
      curl_easy_setopt(curl.h, CURLOPT_TIMEOUT, options_.timeout_seconds);
      curl_easy_setopt(curl.h, CURLOPT_NOSIGNAL, 1L);
      // Connect, EHLO, STARTTLS and AUTH, then stop: nothing is sent.
      curl_easy_setopt(curl.h, CURLOPT_CONNECT_ONLY, 1L);
      const CURLcode rc = curl_easy_perform(curl.h);
      if (rc != CURLE_OK) return Explain("SMTP", mailbox_.smtp_url, rc, errbuf);
    }
    if (mailbox_.imap_url.empty()) return Status::Ok();
    CurlHandle curl;
    if (!curl.h) return Status::Internal("cannot create a libcurl handle");
    std::string base = mailbox_.imap_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    char errbuf[CURL_ERROR_SIZE] = {0};
    Prepare(curl.h, base + "/INBOX", errbuf);
    std::string ignored;
    curl_easy_setopt(curl.h, CURLOPT_CUSTOMREQUEST, "NOOP");
    curl_easy_setopt(curl.h, CURLOPT_WRITEFUNCTION, Collect);
    curl_easy_setopt(curl.h, CURLOPT_WRITEDATA, &ignored);
    const CURLcode rc = curl_easy_perform(curl.h);
    if (rc != CURLE_OK) return Explain("IMAP", mailbox_.imap_url, rc, errbuf);
    return Status::Ok();
  }

  Result<FetchBatch> FetchNew(std::int64_t uid_validity, std::int64_t last_uid, int max) override {
    FetchBatch batch;
    batch.uid_validity = uid_validity;
    batch.last_uid = last_uid;
    if (mailbox_.imap_url.empty()) return batch;
    CurlHandle curl;  // one handle: libcurl keeps the connection between the commands below
    if (!curl.h) return Status::Internal("cannot create a libcurl handle");
    std::string base = mailbox_.imap_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    const std::string inbox = base + "/INBOX";

    ST_ASSIGN_OR_RETURN(std::string status, Command(curl.h, inbox, "STATUS INBOX (UIDVALIDITY UIDNEXT)"));
    const std::int64_t validity = Number(status, "UIDVALIDITY");
    const std::int64_t uidnext = Number(status, "UIDNEXT");
    if (validity != uid_validity) {  // a new mailbox (or a rebuilt one): start from the beginning
      batch.uid_validity = validity;
      last_uid = 0;
      batch.last_uid = 0;
    }
    if (uidnext > 0 && uidnext - 1 <= last_uid) return batch;
    ST_ASSIGN_OR_RETURN(std::string search,
                        Command(curl.h, inbox, "UID SEARCH UID " + std::to_string(last_uid + 1) + ":*"));
    std::vector<std::int64_t> uids;
    const size_t at = search.find("SEARCH");
    std::istringstream words(at == std::string::npos ? std::string() : search.substr(at + 6));
    for (std::string w; words >> w;) {
      char* end = nullptr;
      long long v = std::strtoll(w.c_str(), &end, 10);
      if (end && *end == '\0' && v > last_uid) uids.push_back(v);
    }
    std::sort(uids.begin(), uids.end());
    if (static_cast<int>(uids.size()) > max) uids.resize(max);
    for (std::int64_t uid : uids) {
      // Reading the body sets \Seen; the CEO's unread mail is put back to unread afterwards.
      ST_ASSIGN_OR_RETURN(std::string flags, Command(curl.h, inbox, "UID FETCH " + std::to_string(uid) + " (FLAGS)"));
      const bool was_seen = flags.find("\\Seen") != std::string::npos;
      std::string raw;
      char errbuf[CURL_ERROR_SIZE] = {0};
      const std::string url = inbox + ";UID=" + std::to_string(uid);
      Prepare(curl.h, url, errbuf);
      curl_easy_setopt(curl.h, CURLOPT_CUSTOMREQUEST, nullptr);
      curl_easy_setopt(curl.h, CURLOPT_WRITEFUNCTION, Collect);
      curl_easy_setopt(curl.h, CURLOPT_WRITEDATA, &raw);
      CURLcode rc = curl_easy_perform(curl.h);
      if (rc != CURLE_OK) return Status::IoError("IMAP fetch of UID " + std::to_string(uid) + ": " + CurlMessage(rc, errbuf));
      if (!was_seen) (void)Command(curl.h, inbox, "UID STORE " + std::to_string(uid) + " -FLAGS.SILENT (\\Seen)");
      batch.mails.push_back({uid, std::move(raw)});
      batch.last_uid = uid;
    }
    return batch;
  }

 private:
  // A failed login check in words the CEO can act on; never the password.
  Status Explain(std::string_view protocol, const std::string& url, CURLcode rc, const char* errbuf) const {
    const std::string what = std::string(protocol) + " server " + url;
    switch (rc) {
      case CURLE_LOGIN_DENIED:
        return Status::Unauthenticated(what + " refused the login for '" + mailbox_.username +
                                       "': check the user name and password");
      case CURLE_PEER_FAILED_VERIFICATION:
        return Status::IoError(what + ": its TLS certificate is not trusted (" + CurlMessage(rc, errbuf) +
                                   "); give the CA file if it is self-signed");
      case CURLE_COULDNT_RESOLVE_HOST:
        return Status::IoError(what + ": the host name does not resolve");
      case CURLE_COULDNT_CONNECT:
        return Status::IoError(what + ": nothing answers on that host and port (" + CurlMessage(rc, errbuf) + ")");
      case CURLE_OPERATION_TIMEDOUT:
        return Status::IoError(what + ": no answer in time (" + CurlMessage(rc, errbuf) + ")");
      case CURLE_USE_SSL_FAILED:
        return Status::IoError(what + ": the server does not offer STARTTLS; use the implicit TLS port");
      default:
        return Status::IoError(what + ": " + CurlMessage(rc, errbuf));
    }
  }

  void Prepare(CURL* h, const std::string& url, char* errbuf) {
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    if (StartsWith(mailbox_.imap_url, "imap://")) curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    curl_easy_setopt(h, CURLOPT_USERNAME, mailbox_.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, password_.c_str());
    if (!mailbox_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, mailbox_.ca_file.c_str());
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, options_.connect_timeout_seconds);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, options_.timeout_seconds);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  }

  // A custom IMAP command; its untagged replies arrive through the write callback.
  Result<std::string> Command(CURL* h, const std::string& url, const std::string& command) {
    std::string out;
    char errbuf[CURL_ERROR_SIZE] = {0};
    Prepare(h, url, errbuf);
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, command.c_str());
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, Collect);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &out);
    CURLcode rc = curl_easy_perform(h);
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, nullptr);
    if (rc == CURLE_LOGIN_DENIED) return Status::Unauthenticated("IMAP login refused for " + mailbox_.username);
    if (rc != CURLE_OK) return Status::IoError("IMAP " + command.substr(0, command.find(' ', 4)) + ": " + CurlMessage(rc, errbuf));
    return out;
  }

  static std::int64_t Number(const std::string& text, std::string_view key) {
    size_t pos = text.find(key);
    if (pos == std::string::npos) return 0;
    return std::strtoll(text.c_str() + pos + key.size(), nullptr, 10);
  }

  Mailbox mailbox_;
  std::string password_;
  TransportOptions options_;
  CurlHandle smtp_;  // reused across Send calls (connection reuse)
};

// The demo: every message becomes an .eml file in `maildir`/new (written to tmp/, fsynced, renamed, as
// Maildir readers expect); replies are read from `maildir`/replies/new and moved to replies/cur once read.
class MaildirTransport final : public MailTransport {
 public:
  explicit MaildirTransport(std::string dir) : dir_(std::move(dir)) {}

  SendOutcome Send(std::string_view from, std::string_view to, std::string_view mime) override {
    std::error_code ec;
    for (const char* sub : {"tmp", "new", "cur", "replies/new", "replies/cur"}) fs::create_directories(fs::path(dir_) / sub, ec);
    static std::atomic<std::uint64_t> seq{0};
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const std::string name = std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(now).count()) + "." +
                             std::to_string(::getpid()) + "_" + std::to_string(seq++) + ".superteam.eml";
    const fs::path tmp = fs::path(dir_) / "tmp" / name, dst = fs::path(dir_) / "new" / name;
    std::string content = "Return-Path: <" + std::string(from) + ">\r\nDelivered-To: " + std::string(to) + "\r\n";
    content += mime;
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return {SendOutcome::kTemporary, 0, "cannot create " + tmp.string()};
    bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) return {SendOutcome::kTemporary, 0, "cannot write " + tmp.string()};
    fs::rename(tmp, dst, ec);
    if (ec) return {SendOutcome::kLostAfterData, 0, "written but not moved into new/: " + ec.message()};
    return {SendOutcome::kAccepted, 250, "written to " + dst.string()};
  }

  Result<FetchBatch> FetchNew(std::int64_t uid_validity, std::int64_t last_uid, int max) override {
    FetchBatch batch{uid_validity, last_uid, {}};
    const fs::path incoming = fs::path(dir_) / "replies" / "new";
    std::error_code ec;
    if (!fs::exists(incoming, ec)) return batch;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(incoming, ec))
      if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      if (static_cast<int>(batch.mails.size()) >= max) break;
      std::ifstream in(f, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      batch.mails.push_back({++batch.last_uid, ss.str()});
      fs::rename(f, fs::path(dir_) / "replies" / "cur" / f.filename(), ec);
    }
    return batch;
  }

 private:
  std::string dir_;
};

}  // namespace

Result<std::unique_ptr<MailTransport>> MakeTransport(const Mailbox& mailbox, const std::string& password,
                                                     const TransportOptions& options) {
  if (mailbox.transport == "maildir") return std::unique_ptr<MailTransport>(new MaildirTransport(mailbox.maildir));
  if (mailbox.transport != "smtp") return Status::InvalidInput("field 'transport': unknown '" + mailbox.transport + "'");
  GlobalInit();
  return std::unique_ptr<MailTransport>(new SmtpImapTransport(mailbox, password, options));
}

}  // namespace st::outreach
