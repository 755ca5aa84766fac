#include "web/app.h"

#include <sodium.h>

#include <cstdlib>

namespace st::web {

WebApp::WebApp(store::Store* store, std::shared_ptr<const graph::GraphView> graph,
               std::shared_ptr<const scoring::Ranker> ranker, ServerOptions options,
               LoginThrottle::Limits throttle_limits, std::shared_ptr<outreach::OutreachService> outreach)
    : throttle_(throttle_limits),
      // The candidate link: 30 requests a minute per token, 120 per address (offers::OfferSettings).
      link_throttle_(LoginThrottle::Limits{30, 120, std::chrono::seconds(60)}) {
  // libsodium must be initialised before its CSPRNG and hashing are used from
  // many threads; repeated calls are harmless.
  if (sodium_init() < 0) std::abort();
  ctx_.store = store;
  ctx_.graph = std::move(graph);
  ctx_.ranker = ctx_.graph ? std::move(ranker) : nullptr;
  ctx_.hub = &hub_;
  ctx_.throttle = &throttle_;
  ctx_.graph_cache = std::make_shared<GraphCache>();
  ctx_.page_cache = std::make_shared<PageCache>();
  ctx_.cookie.secure = options.tls_proxy;
  ctx_.outreach = std::move(outreach);
  ctx_.campaign_dir = options.campaign_dir;
  ctx_.letter_template_default = options.letter_template_default;
  ctx_.link_throttle = &link_throttle_;
  if (options.threads <= 0) options.threads = DefaultIoThreads(store->Backend());
  routes_ = BuildApi(ctx_);
  server_ = std::make_unique<ApiServer>(std::move(options), routes_, StoreAuthenticator(ctx_));
  server_->SetShutdownHook([this] { hub_.Shutdown(); });
}

WebApp::~WebApp() { server_->Stop(); }

}  // namespace st::web
