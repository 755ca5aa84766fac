#include "web/http_connection.h"

#include <memory>
#include <optional>
#include <string>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "web/http_dispatch.h"
#include "web/http_error.h"
#include "web/stream_threads.h"

namespace st::web {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Request = http::request<http::string_body>;

std::string_view View(beast::string_view s) { return {s.data(), s.size()}; }

class BeastHeaders final : public RequestHeaders {
 public:
  explicit BeastHeaders(const Request& req) : req_(req) {}
  std::string Get(std::string_view name) const override {
    auto it = req_.find(beast::string_view(name.data(), name.size()));
    return it == req_.end() ? std::string() : std::string(View(it->value()));
  }

 private:
  const Request& req_;
};

constexpr size_t kMaxDrainBytes = 1 << 20;
constexpr auto kDrainTimeout = std::chrono::seconds(2);

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket&& socket, ConnectionShared& shared) : stream_(std::move(socket)), shared_(shared) {
    ++shared_.open;
    beast::error_code ec;
    auto peer = stream_.socket().remote_endpoint(ec);
    if (!ec) client_ip_ = peer.address().to_string();
  }
  ~Connection() { --shared_.open; }

  void Start() { net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); }); }

 private:
  void Read() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(shared_.max_header_bytes));
    parser_->body_limit(shared_.max_body_bytes);
    stream_.expires_after(shared_.read_timeout);
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Connection::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t) {
    if (ec) {
      // Before the request is complete; the parser holds what was read.
      bool api = IsApiPath(View(parser_->get().target()));
      if (ec == http::error::body_limit) return Fail(kPayloadTooLarge, "request body too large", api);
      if (ec == http::error::header_limit) return Fail(kHeadersTooLarge, "request headers too large", api);
      // Other parse errors get a 400; end of stream, timeouts and resets just close.
      static const auto& http_errors = beast::error_code(http::error::end_of_stream).category();
      if (ec.category() == http_errors && ec != http::error::end_of_stream && ec != http::error::partial_message) {
        return Fail(HttpErrorFor(StatusCode::kInvalidInput), "malformed HTTP request", api);
      }
      return;
    }
    request_ = parser_->release();
    keep_alive_ = request_.keep_alive();
    head_only_ = request_.method() == http::verb::head;
    if (shared_.handler_pool == nullptr) {
      reply_ = Dispatch();
      return Respond();
    }
    net::post(*shared_.handler_pool, [self = shared_from_this()] {
      self->reply_ = self->Dispatch();
      net::post(self->stream_.get_executor(), [self] { self->Respond(); });
    });
  }

  HttpReply Dispatch() const {
    BeastHeaders headers(request_);
    HttpRequest req{View(request_.method_string()), View(request_.target()), &headers, &request_.body(),
                    client_ip_};
    return shared_.dispatcher->Handle(req);
  }

  void Fail(HttpError error, std::string_view message, bool api) {
    head_only_ = false;
    reply_ = Dispatcher::Error(error.http_status, error.code, message, api);
    keep_alive_ = false;
    Respond();
  }

  void Respond() {
    if (reply_.stream && !head_only_) return HandOffStream();
    response_ = {};
    response_.version(11);
    response_.result(static_cast<unsigned>(reply_.status));
    for (const auto& [name, value] : reply_.headers) response_.insert(name, value);
    if (reply_.status != 204) response_.set(http::field::content_type, reply_.content_type);
    response_.body() = std::move(reply_.body);
    response_.keep_alive(keep_alive_);
    response_.prepare_payload();
    stream_.expires_after(shared_.write_timeout);
    if (head_only_) {
      serializer_.emplace(response_);
      return http::async_write_header(stream_, *serializer_,
                                      beast::bind_front_handler(&Connection::OnWrite, shared_from_this()));
    }
    http::async_write(stream_, response_, beast::bind_front_handler(&Connection::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, size_t) {
    if (ec) return;
    if (keep_alive_) return Read();
    // Close our side, then drain what the client still sends (the rest of a
    // refused body) so the kernel does not reset the connection before the
    // client has read our reply.
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return;
    stream_.expires_after(kDrainTimeout);
    drain_.resize(16 * 1024);
    Drain();
  }

  void Drain() {
    stream_.async_read_some(net::buffer(drain_), [self = shared_from_this()](beast::error_code ec, size_t n) {
      self->drained_ += n;
      if (!ec && self->drained_ < kMaxDrainBytes) self->Drain();
    });
  }

  // A long-lived stream: the socket moves to a stream thread, which writes
  // the head below and then the chunks.
  void HandOffStream() {
    if (shared_.streams->Full()) {
      return Fail(kTooManyStreams, "too many live streams; retry later", /*api=*/true);
    }
    std::string head = "HTTP/1.1 " + std::to_string(reply_.status) + " OK\r\n";
    for (const auto& [name, value] : reply_.headers) head += name + ": " + value + "\r\n";
    head += "Content-Type: " + reply_.content_type + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    stream_.expires_never();
    beast::error_code ec;
    tcp::socket socket = stream_.release_socket();
    int fd = socket.release(ec);
    if (ec) return;
    shared_.streams->Start(fd, std::move(head), std::move(reply_.stream));
  }

  beast::tcp_stream stream_;
  ConnectionShared& shared_;
  std::string client_ip_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Request request_;
  bool keep_alive_ = false;
  bool head_only_ = false;
  HttpReply reply_;
  http::response<http::string_body> response_;
  std::optional<http::response_serializer<http::string_body>> serializer_;  // HEAD: header only
  std::string drain_;
  size_t drained_ = 0;
};

}  // namespace

void StartConnection(tcp::socket socket, ConnectionShared& shared) {
  std::make_shared<Connection>(std::move(socket), shared)->Start();
}

}  // namespace st::web
