#include "web/server.h"

#include "web/http_connection.h"  // first: it includes <utility> before Asio

#include <algorithm>
#include <cstdio>
#include <exception>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "web/http_dispatch.h"
#include "web/stream_threads.h"

namespace st::web {

namespace net = boost::asio;
using tcp = net::ip::tcp;

int DefaultIoThreads(std::string_view store_backend) {
  int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  return store_backend == "sqlite" ? 2 * cores : std::min(32, 8 * cores);  // 32: the store's pool size
}

// Declaration order is destruction order reversed: the io_context (and the
// connections its pending handlers own) goes first, then the handler pool,
// then what connections point to.
struct ApiServer::Impl {
  Impl(const ServerOptions& o, std::shared_ptr<const RouteTable> routes, Authenticator authenticate,
       const CookiePolicy& cookies)
      : options(o), dispatcher(std::move(routes), std::move(authenticate), cookies, o.static_dir),
        streams(o.max_streams) {
    shared.dispatcher = &dispatcher;
    shared.streams = &streams;
    shared.max_header_bytes = o.max_header_bytes;
    shared.max_body_bytes = o.max_body_bytes;
    shared.read_timeout = o.read_timeout;
    shared.write_timeout = o.write_timeout;
  }

  void Accept();

  ServerOptions options;
  Dispatcher dispatcher;
  StreamThreads streams;
  ConnectionShared shared;
  net::io_context ioc{options.threads};
  std::optional<net::thread_pool> handler_pool;
  tcp::acceptor acceptor{ioc};
  net::steady_timer retry{ioc};
};

void ApiServer::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](boost::system::error_code ec, tcp::socket socket) {
    if (!acceptor.is_open()) return;
    if (ec) {
      // Out of file descriptors and the like: back off instead of spinning.
      retry.expires_after(std::chrono::milliseconds(100));
      retry.async_wait([this](boost::system::error_code e) {
        if (!e) Accept();
      });
      return;
    }
    if (shared.open.load() >= options.max_connections) {
      socket.close(ec);  // at the cap: refuse rather than queue without bound
    } else {
      // Without TCP_NODELAY small responses wait on Nagle + delayed ACK.
      socket.set_option(tcp::no_delay(true), ec);
      StartConnection(std::move(socket), shared);
    }
    Accept();
  });
}

ApiServer::ApiServer(ServerOptions options, std::shared_ptr<const RouteTable> routes, Authenticator authenticate)
    : options_(std::move(options)) {
  if (options_.threads <= 0) options_.threads = DefaultIoThreads("");  // WebApp passes its store's choice
  cookie_policy_.secure = options_.tls_proxy;
  impl_ = std::make_unique<Impl>(options_, std::move(routes), std::move(authenticate), cookie_policy_);
  if (options_.handler_threads > 0) {
    impl_->handler_pool.emplace(static_cast<size_t>(options_.handler_threads));
    impl_->shared.handler_pool = &*impl_->handler_pool;
  }
}

ApiServer::~ApiServer() { Stop(); }

Result<int> ApiServer::Bind() {
  auto fail = [&] {
    return Status::IoError("cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                           " (in use or not allowed)");
  };
  boost::system::error_code ec;
  net::ip::address address = net::ip::make_address(options_.host, ec);
  if (ec) return fail();
  tcp::endpoint endpoint(address, static_cast<unsigned short>(options_.port));
  tcp::acceptor& a = impl_->acceptor;
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  // A large backlog: 64 clients connecting at once must not overflow the SYN
  // queue (a backlog of 5 cost 1-3 s SYN retransmits: DEPENDENCIES.md).
  if (!ec) a.listen(4096, ec);
  if (ec) {
    a.close(ec);
    return fail();
  }
  return static_cast<int>(a.local_endpoint().port());
}

void ApiServer::Run() {
  if (!impl_->acceptor.is_open()) return;
  net::post(impl_->ioc, [this] { impl_->Accept(); });
  // Handlers catch their own exceptions (web/http_dispatch); this keeps an
  // unexpected one from ending an I/O thread, and so the process.
  auto loop = [this] {
    for (;;) {
      try {
        impl_->ioc.run();
        return;
      } catch (const std::exception& e) {
        std::fprintf(stderr, "superteam serve: I/O thread: %s\n", e.what());
      }
    }
  };
  std::vector<std::thread> others;
  for (int i = 1; i < options_.threads; ++i) others.emplace_back(loop);
  loop();
  for (std::thread& t : others) t.join();
  boost::system::error_code ec;
  impl_->acceptor.close(ec);
}

Result<int> ApiServer::StartInBackground() {
  ST_ASSIGN_OR_RETURN(int port, Bind());
  thread_ = std::thread([this] { Run(); });
  return port;  // connections wait in the backlog until the loop runs
}

void ApiServer::Stop() {
  std::call_once(stopped_, [this] {
    if (shutdown_hook_) shutdown_hook_();
    impl_->streams.StopAndJoin();
    impl_->ioc.stop();
    if (thread_.joinable()) thread_.join();
    if (impl_->handler_pool) impl_->handler_pool->join();
  });
}

}  // namespace st::web
