// WebApp: the whole web server assembled — route table, adapter, event hub,
// login throttle and graph cache — around a Store and an optional graph.
// cli/serve.cc runs it; tests start it in-process on a free port.
// Thread-safety: Start/Stop from one thread.
#pragma once

#include <memory>

#include "base/status.h"
#include "store/store.h"
#include "web/api_context.h"
#include "web/server.h"

namespace st::web {

class WebApp {
 public:
  // `store` must outlive the app. `graph`/`ranker` may be null (no search).
  // `outreach` may be null (the outreach routes then answer 404).
  WebApp(store::Store* store, std::shared_ptr<const graph::GraphView> graph,
         std::shared_ptr<const scoring::Ranker> ranker, ServerOptions options,
         LoginThrottle::Limits throttle_limits = {},
         std::shared_ptr<outreach::OutreachService> outreach = nullptr);
  ~WebApp();

  // Binds; returns the port. Errors: IoError (port taken).
  Result<int> Bind() { return server_->Bind(); }
  void Run() { server_->Run(); }  // blocks until Stop()
  Result<int> StartInBackground() { return server_->StartInBackground(); }
  void Stop() { server_->Stop(); }

  const RouteTable& routes() const { return *routes_; }
  const ApiContext& context() const { return ctx_; }

 private:
  EventHub hub_;
  LoginThrottle throttle_;
  LoginThrottle link_throttle_;
  ApiContext ctx_;
  std::shared_ptr<RouteTable> routes_;
  std::unique_ptr<ApiServer> server_;
};

}  // namespace st::web
