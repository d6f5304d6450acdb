// SPDX-License-Identifier: GPL-3.0-or-later
// clearance fetch: the snapshot from the live services, and --live for the other commands.
#include "fetch_p.h"

#include "remote/execconsent.h"
#include "remote/fetchjob.h"
#include "remote/kubeauth.h"
#include "remote/networktransport.h"
#include "remote/secretstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <map>
#include <ostream>
#include <unistd.h>

namespace clr::cli {

namespace {

using remote::FetchJob;
using remote::FetchOptions;
using remote::FetchResult;
using remote::ListProgress;

std::atomic<bool> g_interrupted{false};

extern "C" void onFetchInterrupt(int)
{
    g_interrupted = true;
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

std::string thousands(qint64 n)
{
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

/** Per-source progress on stderr: a redrawn line with a bar on a terminal, a line per list otherwise. */
class ProgressPrinter
{
public:
    ProgressPrinter(std::ostream &err, bool tty) : m_err(err), m_tty(tty) {}

    void update(const ListProgress &p)
    {
        const std::string key = (p.source + QLatin1Char('/') + p.name).toStdString();
        const bool wasDone = m_lists[key].done;
        m_lists[key] = p;
        if (m_tty) {
            redraw();
        } else if (p.done && !wasDone) {
            m_err << "fetch: " << p.source.toStdString() << ' ' << p.name.toStdString() << ": " << thousands(p.objects)
                  << " objects in " << p.pages << (p.pages == 1 ? " page" : " pages") << '\n';
        }
    }
    void clear()
    {
        if (m_tty && m_drawn)
            m_err << "\r\x1b[K" << std::flush;
        m_drawn = false;
    }

private:
    void redraw()
    {
        std::map<std::string, std::pair<qint64, int>> perSource; // objects, pages
        int done = 0;
        for (const auto &[key, p] : m_lists) {
            auto &s = perSource[p.source.toStdString()];
            s.first += p.objects;
            s.second += p.pages;
            done += p.done ? 1 : 0;
        }
        constexpr int width = 20;
        const int filled = m_lists.empty() ? 0 : int(width * done / int(m_lists.size()));
        std::string line = "\r\x1b[K[" + std::string(filled, '#') + std::string(width - filled, '.') + "] "
            + std::to_string(done) + "/" + std::to_string(m_lists.size()) + " lists";
        for (const auto &[source, counts] : perSource)
            line += "  " + source + " " + thousands(counts.first) + " objects (" + std::to_string(counts.second) + " pages)";
        m_err << line << std::flush;
        m_drawn = true;
    }

    std::ostream &m_err;
    bool m_tty;
    bool m_drawn = false;
    std::map<std::string, ListProgress> m_lists;
};

std::optional<std::string> buildOptions(const Options &opts, const std::string &dir, FetchOptions &out)
{
    out.outDir = qs(dir);
    out.kubernetes = !opts.noKubernetes;
    out.graph = !opts.noGraph;
    out.arm = !opts.noArm;
    out.kubeconfig = qs(opts.kubeconfig);
    out.context = qs(opts.context);
    for (const auto &s : opts.subscriptions)
        out.subscriptions << qs(s);
    out.cluster = qs(opts.cluster);
    if (!opts.auth.empty()) {
        const auto auth = remote::parseAzureAuth(qs(opts.auth));
        if (!auth || *auth == remote::AzureAuth::Browser || *auth == remote::AzureAuth::ClientSecret)
            return "--auth takes azure-cli, environment, managed-identity or device-code, not '" + opts.auth + "'";
        out.auth = *auth;
    }
    out.tenant = qs(opts.tenant);
    out.clientId = qs(opts.clientId);
    if (!opts.cloud.empty())
        out.cloud = qs(opts.cloud);
    out.loginUrl = qs(opts.loginUrl);
    out.graphUrl = qs(opts.graphUrl);
    out.armUrl = qs(opts.armUrl);
    if (!opts.pageSize.empty()) {
        bool ok = false;
        out.kubePageSize = qs(opts.pageSize).toInt(&ok);
        if (!ok || out.kubePageSize < 1)
            return "--page-size takes a positive number";
    }
    return std::nullopt;
}

std::optional<std::string> transportOptions(const Options &opts, remote::TransportOptions &out)
{
    if (opts.caFile.empty())
        return std::nullopt;
    QFile file(qs(opts.caFile));
    if (!file.open(QIODevice::ReadOnly))
        return opts.caFile + ": cannot read the --ca-file: " + file.errorString().toStdString();
    auto certs = remote::readCertificates(file.readAll(), qs(opts.caFile));
    if (!certs)
        return certs.error().message.toStdString();
    out.extraCaCertificates = *certs;
    return std::nullopt;
}

/** Runs one FetchJob to its end on a local event loop; Ctrl+C cancels it. */
int runJob(FetchOptions fetch, const Options &opts, std::ostream &out, std::ostream &err, const RemoteWiring &wiring, bool summary)
{
    if (!wiring.transport) {
        err << "clearance: this build is not wired for network access\n";
        return 2;
    }
    if (!QCoreApplication::instance()) {
        err << "clearance: fetch needs an application object (internal error)\n";
        return 2;
    }
    remote::TransportOptions transportOpts;
    if (auto error = transportOptions(opts, transportOpts)) {
        err << "clearance: " << *error << '\n';
        return 2;
    }
    const auto transport = wiring.transport(transportOpts);
    const auto notice = [&err](const QString &text) { err << text.toStdString() << '\n' << std::flush; };
    const auto secrets = wiring.secrets ? wiring.secrets(notice) : std::make_unique<remote::MemorySecretStore>();
    QStringList allowed;
    for (const auto &a : opts.allowExec)
        allowed << qs(a);
    remote::RememberedExecConsent consent(allowed);

    remote::FetchServices services;
    services.transport = transport.get();
    services.secrets = secrets.get();
    services.exec.stdinIsTerminal = isatty(STDIN_FILENO) != 0;
    services.exec.consent = &consent;
    const bool tty = &err == &std::cerr && isatty(STDERR_FILENO) != 0;
    ProgressPrinter progress(err, tty);
    services.exec.stderrSink = [&err, &progress](const QByteArray &chunk) {
        progress.clear();
        err.write(chunk.constData(), chunk.size());
        err.flush();
    };
    services.notice = [&err, &progress](const QString &text, const QString &) {
        progress.clear();
        err << text.toStdString() << '\n' << std::flush;
    };

    FetchJob job(std::move(fetch), services);
    FetchResult result;
    QEventLoop loop;
    QObject::connect(&job, &FetchJob::progressed, &job, [&progress](const ListProgress &p) { progress.update(p); });
    QObject::connect(&job, &FetchJob::message, &job, [&err, &progress](const QString &text) {
        progress.clear();
        err << "Warning: " << text.toStdString() << '\n' << std::flush;
    });
    QObject::connect(&job, &FetchJob::finished, &job, [&](const FetchResult &r) {
        result = r;
        loop.quit();
    });
    g_interrupted = false;
    const auto previous = std::signal(SIGINT, onFetchInterrupt);
    QTimer interruptPoll;
    QObject::connect(&interruptPoll, &QTimer::timeout, &job, [&job] {
        if (g_interrupted.exchange(false))
            job.cancel();
    });
    interruptPoll.start(100);
    job.start();
    loop.exec();
    interruptPoll.stop();
    std::signal(SIGINT, previous);
    progress.clear();
    if (!result.ok) {
        err << "clearance: fetch " << (result.cancelled ? "interrupted" : "failed") << ": " << result.error.toStdString() << '\n';
        return result.cancelled ? 130 : 1;
    }
    if (summary) {
        std::string counts;
        for (const char *source : {"kubernetes", "graph", "arm"}) {
            const bool present = std::any_of(result.manifest.lists.begin(), result.manifest.lists.end(),
                                             [&](const remote::ManifestList &l) { return l.source == QLatin1String(source); });
            if (present)
                counts += (counts.empty() ? "" : ", ") + std::string(source) + ' ' + thousands(result.manifest.objects(QLatin1String(source))) + " objects";
        }
        out << "Snapshot written to " << QDir::toNativeSeparators(result.path).toStdString() << ": " << counts << '\n';
    }
    return 0;
}

} // namespace

int runFetch(const Options &opts, std::ostream &out, std::ostream &err, const RemoteWiring &wiring)
{
    if (!opts.positional.empty()) {
        err << "clearance: fetch takes no arguments besides flags (got '" << opts.positional.front() << "')\nSee 'clearance --help'.\n";
        return 2;
    }
    if (!opts.refresh.empty()) {
        if (opts.outputGiven) {
            err << "clearance: --refresh DIR updates DIR in place; it takes no -o\n";
            return 2;
        }
        auto manifest = remote::SnapshotManifest::read(qs(opts.refresh));
        if (!manifest) {
            err << "clearance: " << manifest.error().message.toStdString() << '\n';
            return 2;
        }
        FetchOptions fetch = FetchOptions::fromManifest(*manifest, qs(opts.refresh));
        // Flags given now win over the remembered ones (a new --auth, an expired --context...).
        if (!opts.auth.empty() || !opts.clientId.empty() || !opts.tenant.empty()) {
            FetchOptions given;
            if (auto error = buildOptions(opts, opts.refresh, given)) {
                err << "clearance: " << *error << '\n';
                return 2;
            }
            if (!opts.auth.empty())
                fetch.auth = given.auth;
            if (!opts.clientId.empty())
                fetch.clientId = given.clientId;
            if (!opts.tenant.empty())
                fetch.tenant = given.tenant;
        }
        return runJob(std::move(fetch), opts, out, err, wiring, true);
    }
    if (!opts.outputGiven || opts.output.empty()) {
        err << "clearance: fetch needs -o DIR (the snapshot folder to write), or --refresh DIR\nSee 'clearance --help'.\n";
        return 2;
    }
    FetchOptions fetch;
    if (auto error = buildOptions(opts, opts.output, fetch)) {
        err << "clearance: " << *error << '\n';
        return 2;
    }
    return runJob(std::move(fetch), opts, out, err, wiring, true);
}

int fetchInto(const Options &opts, const std::string &dir, std::ostream &err, const RemoteWiring &wiring)
{
    FetchOptions fetch;
    if (auto error = buildOptions(opts, dir, fetch)) {
        err << "clearance: " << *error << '\n';
        return 2;
    }
    std::ostream &out = err; // the answer goes to stdout; the fetch's own summary is not printed
    return runJob(std::move(fetch), opts, out, err, wiring, false);
}

} // namespace clr::cli
