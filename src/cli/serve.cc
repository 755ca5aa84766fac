// superteam serve: the web app and JSON API over a campaign store and the
// talent graph. Picks the store back end from --db (the only place besides
// seed/user that does), maps the graph, and serves until SIGINT/SIGTERM.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/outreach_options.h"
#include "outreach/service.h"
#include "graph/view.h"
#include "offers/letter_pdf.h"
#include "scoring/ranker.h"
#include "store/open_store.h"
#include "web/app.h"

namespace st::cli {
namespace {

std::string ExecutableDir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(".") : exe.parent_path().string();
}

}  // namespace

int RunServe(int argc, char** argv) {
  CLI::App app{"Serve the web app and the JSON API (docs/API.md)", "superteam serve"};
  std::string graph_dir, db_url, listen = "127.0.0.1:8080", static_dir;
  bool tls_proxy = false;
  web::ServerOptions defaults;
  int threads = defaults.threads, handler_threads = defaults.handler_threads;
  app.add_option("--graph", graph_dir, "talent graph directory (from ingest); without it search is off");
  app.add_option("--db", db_url, "campaign store: sqlite:PATH, PATH or postgresql://… (default: GRAPH/campaign.db)");
  app.add_option("--listen", listen, "HOST:PORT to listen on")->capture_default_str();
  app.add_option("--static", static_dir, "directory of the web pages (default: the web/ dir beside the binary)");
  std::string campaign_dir;
  app.add_option("--campaign-dir", campaign_dir,
                 "editable campaign files, e.g. the offer letter template (default: the SQLite database's directory, "
                 "else the current directory)");
  app.add_flag("--tls-proxy", tls_proxy,
               "running behind a TLS-terminating proxy: __Host- cookie with Secure (see docs/API.md)");
  app.add_option("--threads", threads,
                 "HTTP I/O threads, which run the handlers (0: 2 per core on SQLite, 8 per core on PostgreSQL)")
      ->capture_default_str()->check(CLI::Range(0, 256));
  app.add_option("--handler-threads", handler_threads,
                 "run handlers on a pool of this size instead (0: on the I/O threads)")
      ->capture_default_str()->check(CLI::Range(0, 1024));
  std::string mail_key, templates, outreach_settings;
  int outreach_interval = 60;
  app.add_option("--mail-key", mail_key, "key file for mailbox passwords (default: <sqlite db>.mailkey)");
  app.add_option("--templates", templates, "outreach template directory (default: beside the db)");
  app.add_option("--outreach-settings", outreach_settings, "outreach settings JSON (window, cap, follow-ups)");
  app.add_option("--outreach-interval", outreach_interval,
                 "seconds between background send/poll passes (0: no background outreach)")
      ->capture_default_str()->check(CLI::Range(0, 3600));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  size_t colon = listen.rfind(':');
  web::ServerOptions options;
  try {
    if (colon == std::string::npos) throw std::invalid_argument("no port");
    options.host = listen.substr(0, colon);
    options.port = std::stoi(listen.substr(colon + 1));
  } catch (const std::exception&) {
    std::fprintf(stderr, "superteam serve: --listen must be HOST:PORT, got '%s'\n", listen.c_str());
    return 2;
  }
  if (db_url.empty()) {
    if (graph_dir.empty()) {
      std::fprintf(stderr, "superteam serve: give --db (or --graph, to keep the store beside it)\n");
      return 2;
    }
    db_url = (std::filesystem::path(graph_dir) / "campaign.db").string();
  }
  options.static_dir = static_dir.empty() ? (std::filesystem::path(ExecutableDir()) / "web").string() : static_dir;
  if (!std::filesystem::is_directory(options.static_dir)) {
    std::fprintf(stderr, "superteam serve: warning: no web pages at %s (API only)\n", options.static_dir.c_str());
    options.static_dir.clear();
  }
  options.tls_proxy = tls_proxy;
  // Offers: the letter template lives beside the campaign (copied from the shipped one on first use), and
  // the PDF needs a real font — without one cairo writes letters with no text in them.
  if (campaign_dir.empty()) {
    std::string path = db_url.rfind("sqlite:", 0) == 0 ? db_url.substr(7) : db_url;
    const bool postgres = db_url.rfind("postgres", 0) == 0;
    campaign_dir = postgres ? std::string(".") : std::filesystem::path(path).parent_path().string();
    if (campaign_dir.empty()) campaign_dir = ".";
  }
  options.campaign_dir = campaign_dir;
  options.letter_template_default =
      (std::filesystem::path(ExecutableDir()) / "templates" / "offer_letter.mustache").string();
  if (Status fonts = offers::CheckPdfFonts(); !fonts.ok())
    std::fprintf(stderr, "superteam serve: warning: %s; offer letter PDFs will fail\n", fonts.message().c_str());
  options.threads = threads;
  options.handler_threads = handler_threads;

  std::shared_ptr<const graph::GraphView> graph;
  std::shared_ptr<const scoring::Ranker> ranker;
  if (!graph_dir.empty()) {
    auto view = graph::GraphView::OpenCurrent(graph_dir);
    if (!view.ok()) {
      std::fprintf(stderr, "superteam serve: graph %s: %s\n", graph_dir.c_str(), view.status().ToString().c_str());
      return 1;
    }
    graph = *view;
    auto r = scoring::Ranker::Open(graph);
    if (!r.ok()) {
      std::fprintf(stderr, "superteam serve: scoring data in %s: %s\n", graph_dir.c_str(),
                   r.status().ToString().c_str());
      return 1;
    }
    ranker = std::shared_ptr<const scoring::Ranker>(std::move(*r));
  }
  auto store = store::OpenStore(db_url);
  if (!store.ok()) {
    std::fprintf(stderr, "superteam serve: store %s: %s\n", db_url.c_str(), store.status().ToString().c_str());
    return 1;
  }

  // Signals are taken by one thread with sigwait, so no handler runs inside
  // a worker thread; every thread started after this inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  // Outreach: drafts and approvals through the API, sending and polling in a background loop.
  std::shared_ptr<outreach::OutreachService> outreach_service;
  if (mail_key.empty()) mail_key = DefaultMailKeyPath(db_url);
  if (!mail_key.empty()) {
    auto box = outreach::SecretBox::FromKeyFile(mail_key);
    auto settings = LoadOutreachSettings(outreach_settings);
    if (!box.ok() || !settings.ok()) {
      std::fprintf(stderr, "superteam serve: outreach: %s\n",
                   (box.ok() ? settings.status() : box.status()).ToString().c_str());
      return 1;
    }
    outreach::ServiceOptions o;
    o.templates_dir = templates.empty() ? DefaultTemplatesDir(db_url) : templates;
    o.settings = *settings;
    outreach_service = std::make_shared<outreach::OutreachService>(**store, graph, *box, o);
  } else {
    std::fprintf(stderr, "superteam serve: outreach off (give --mail-key with a PostgreSQL store)\n");
  }

  web::WebApp web_app(store->get(), graph, ranker, options, {}, outreach_service);
  auto port = web_app.Bind();
  if (!port.ok()) {
    std::fprintf(stderr, "superteam serve: %s\n", port.status().ToString().c_str());
    return 1;
  }
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    std::fprintf(stderr, "superteam serve: signal %d, stopping\n", sig);
    web_app.Stop();
  });
  std::printf("superteam serving http://%s:%d/  (store: %s%s%s)\n", options.host.c_str(), *port,
              std::string((*store)->Backend()).c_str(), graph ? ", graph: " : ", no graph",
              graph ? graph_dir.c_str() : "");
  std::fflush(stdout);
  std::atomic<bool> stopping{false};
  std::thread outreach_loop;
  if (outreach_service && outreach_interval > 0) {
    outreach_loop = std::thread([&] {
      while (!stopping) {
        outreach::RunReport r = outreach_service->RunOnce();
        for (const std::string& e : r.errors) std::fprintf(stderr, "superteam serve: outreach: %s\n", e.c_str());
        if (r.sent + r.failed + r.unknown + r.fetched + r.follow_ups_queued + r.recovered_unknown + r.stopped > 0)
          web_app.context().hub->Notify();  // the live dashboard and open candidate pages refresh
        for (int i = 0; i < outreach_interval * 10 && !stopping; ++i)
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    });
  }
  // Housekeeping: sent offers past their expiry give their GPUs back even if
  // nobody opens the link again (the link would expire them lazily).
  std::thread housekeeping([&] {
    while (!stopping) {
      auto expired = (*store)->ExpireOffers();
      if (!expired.ok())
        std::fprintf(stderr, "superteam serve: offer expiry: %s\n", expired.status().ToString().c_str());
      else if (*expired > 0)
        web_app.context().hub->Notify();
      for (int i = 0; i < 600 && !stopping; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  web_app.Run();
  // Run() returns after Stop() (signal) or if the listener fails.
  stopping = true;
  housekeeping.join();
  if (outreach_loop.joinable()) outreach_loop.join();
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  return 0;
}

}  // namespace st::cli
