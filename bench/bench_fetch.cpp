// SPDX-License-Identifier: GPL-3.0-or-later
//
// clearance-bench-fetch: fetching the enterprise tenant (bench/generate_tenant.cpp defaults: 200,000
// users, 50,000 groups, 20,000 service principals, 10,000 Kubernetes RBAC objects) from local fake
// services, against loading the same data from the generator's files.
//
//   clearance-bench-fetch [--tenant DIR] [--runs N]
//
// The fake Kubernetes API server, Graph, ARM and identity platform run in a child process (this
// executable with --serve), so that the measured process is only `clearance`: `clearance fetch`
// (the real command line, TLS, paging, streaming to disk) and `clearance who-can ... -f` on the
// files and on the fetched snapshot. Wall time and peak resident memory (wait4's ru_maxrss) of each.
#include "fakecloud.h"
#include "testpki.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSocketNotifier>
#include <QTemporaryDir>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

const char *const kClientId = "b0b0b0b0-1111-2222-3333-444444444444";
const char *const kSecret = "bench-secret";

/** --serve: load the tenant into the fakes, print where they are, serve until stdin closes. */
int serve(const QString &tenant)
{
    using namespace clr::fakes;
    if (!TestPki::instance().ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(TestPki::instance().error()));
        return 1;
    }
    FakeCloud cloud;
    QString error;
    if (!cloud.start() || !loadGeneratedTenant(cloud, tenant, &error)) {
        std::fprintf(stderr, "cannot serve %s: %s\n", qPrintable(tenant), qPrintable(error));
        return 1;
    }
    cloud.builtinDefinitions = builtinRoleDefinitionsAsArm(QStringLiteral(CLEARANCE_SOURCE_DIR));
    for (auto &sub : cloud.subscriptions) {
        QJsonArray clusters;
        for (const auto &c : sub.clusters) {
            QJsonObject cluster = c.toObject();
            QJsonObject props = cluster.value(QStringLiteral("properties")).toObject();
            props.insert(QStringLiteral("fqdn"), QStringLiteral("127.0.0.1"));
            cluster.insert(QStringLiteral("properties"), props);
            clusters.append(cluster);
        }
        sub.clusters = clusters;
    }
    cloud.kubeTokens << QStringLiteral("bench-reader");
    cloud.clientSecrets.insert(QLatin1String(kClientId), QLatin1String(kSecret));
    cloud.deltaRefsPerPage = 20000;
    const QJsonObject where{{QStringLiteral("kube"), cloud.kube().url().toString()},
                            {QStringLiteral("graph"), cloud.graph().url().toString()},
                            {QStringLiteral("arm"), cloud.arm().url().toString()},
                            {QStringLiteral("login"), cloud.login().url().toString()},
                            {QStringLiteral("ca"), TestPki::instance().path(QStringLiteral("ca.pem"))},
                            {QStringLiteral("tenant"), cloud.tenantId}};
    std::printf("%s\n", QJsonDocument(where).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    QSocketNotifier stdinClosed(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&stdinClosed, &QSocketNotifier::activated, qApp, [] {
        char buffer[64];
        if (::read(STDIN_FILENO, buffer, sizeof buffer) <= 0)
            QCoreApplication::quit();
    });
    return QCoreApplication::exec();
}

struct Measure
{
    int status = -1;
    double seconds = 0;    // wall
    double cpuSeconds = 0; // user + system
    long maxRssKb = 0;
};

double g_measuredCpu = 0; // every clearance run, to tell the fake services' share apart

double cpu(const rusage &u)
{
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/** Runs a command (no shell), waits with wait4: wall time and the child's peak resident memory. */
Measure run(const std::vector<std::string> &args, const std::vector<std::string> &env, const std::string &stdoutFile)
{
    Measure m;
    QElapsedTimer timer;
    timer.start();
    std::fflush(stdout); // or the child flushes our buffered lines a second time
    const pid_t pid = fork();
    if (pid == 0) {
        for (const auto &kv : env)
            putenv(const_cast<char *>(kv.c_str()));
        if (FILE *out = std::freopen(stdoutFile.c_str(), "w", stdout); !out)
            _exit(127);
        if (FILE *err = std::freopen((stdoutFile + ".err").c_str(), "w", stderr); !err) // warnings, progress
            _exit(127);
        std::vector<char *> argv;
        for (const auto &a : args)
            argv.push_back(const_cast<char *>(a.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    m.seconds = double(timer.nsecsElapsed()) / 1e9;
    m.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    m.maxRssKb = usage.ru_maxrss;
    m.cpuSeconds = cpu(usage);
    g_measuredCpu += m.cpuSeconds;
    return m;
}

std::string ensureTenant(std::string dir)
{
    if (dir.empty()) {
        const char *env = std::getenv("CLEARANCE_BENCH_TENANT");
        dir = env && *env ? env : "/tmp/clearance-bench-tenant";
    }
    if (!QFile::exists(QString::fromStdString(dir + "/.complete"))) {
        std::fprintf(stderr, "generating the tenant into %s ...\n", dir.c_str());
        const std::string cmd = std::string(CLEARANCE_GEN_TENANT) + " '" + dir + "' > /dev/null && touch '" + dir + "/.complete'";
        if (std::system(cmd.c_str()) != 0) {
            std::fprintf(stderr, "could not generate the tenant with: %s\n", cmd.c_str());
            std::exit(1);
        }
    }
    return dir;
}

qint64 folderBytes(const QString &dir)
{
    qint64 total = 0;
    for (const QFileInfo &f : QDir(dir).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        total += f.isDir() ? folderBytes(f.filePath()) : f.size();
    }
    return total;
}

void report(const char *what, const Measure &m)
{
    std::printf("| %-58s | %7.1f s | %7.1f s | %7.0f MB | %s\n", what, m.seconds, m.cpuSeconds, double(m.maxRssKb) / 1024.0,
                m.status == 0 ? "ok" : "FAILED");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() >= 3 && args[1] == QLatin1String("--serve"))
        return serve(args[2]);
    std::string tenantArg;
    int runs = 1;
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--tenant"))
            tenantArg = args[i + 1].toStdString();
        else if (args[i] == QLatin1String("--runs"))
            runs = std::max(1, args[i + 1].toInt());
    }
    const std::string tenant = ensureTenant(tenantArg);

    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--serve"), QString::fromStdString(tenant)});
    if (!server.waitForReadyRead(300000)) {
        std::fprintf(stderr, "the fake services did not start\n");
        return 1;
    }
    const QJsonObject where = QJsonDocument::fromJson(server.readLine()).object();
    QTemporaryDir work;
    const QString kubeconfig = work.filePath(QStringLiteral("kubeconfig"));
    {
        QFile f(kubeconfig);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write(QStringLiteral("apiVersion: v1\nkind: Config\nclusters:\n- name: bench\n  cluster:\n    server: %1\n    certificate-authority: %2\n"
                               "contexts:\n- name: bench\n  context: {cluster: bench, user: reader}\ncurrent-context: bench\n"
                               "users:\n- name: reader\n  user: {token: bench-reader}\n")
                    .arg(where.value(QStringLiteral("kube")).toString(), where.value(QStringLiteral("ca")).toString())
                    .toUtf8());
    }
    const std::vector<std::string> env = {"AZURE_TENANT_ID=" + where.value(QStringLiteral("tenant")).toString().toStdString(),
                                          std::string("AZURE_CLIENT_ID=") + kClientId, std::string("AZURE_CLIENT_SECRET=") + kSecret,
                                          "HOME=" + work.path().toStdString(), "XDG_CONFIG_HOME=" + work.filePath(QStringLiteral("config")).toStdString()};
    const std::string clearance = CLEARANCE_BINARY;
    std::printf("tenant %s (%.1f MB of files); %d run(s) each, the best kept\n\n", tenant.c_str(),
                double(folderBytes(QString::fromStdString(tenant))) / 1e6, runs);
    std::printf("| %-58s | %9s | %9s | %10s |\n|---|---|---|---|\n", "what", "wall", "CPU", "peak RSS");
    Measure fetch, loadFiles, loadSnapshot;
    const std::string snapshot = work.filePath(QStringLiteral("snapshot")).toStdString();
    for (int i = 0; i < runs; ++i) {
        QDir(QString::fromStdString(snapshot)).removeRecursively();
        const Measure m = run({clearance, "fetch", "--kubeconfig", kubeconfig.toStdString(), "--auth", "environment", "--login-url",
                               where.value(QStringLiteral("login")).toString().toStdString(), "--graph-url",
                               where.value(QStringLiteral("graph")).toString().toStdString(), "--arm-url",
                               where.value(QStringLiteral("arm")).toString().toStdString(), "--ca-file",
                               where.value(QStringLiteral("ca")).toString().toStdString(), "-o", snapshot},
                              env, work.filePath(QStringLiteral("fetch.out")).toStdString());
        if (i == 0 || m.seconds < fetch.seconds)
            fetch = m;
    }
    report("clearance fetch (Kubernetes + Graph + ARM -> snapshot)", fetch);
    const std::vector<std::string> question = {"who-can", "delete", "pods", "-n", "kube-system", "-o", "json"};
    for (int i = 0; i < runs; ++i) {
        std::vector<std::string> a = {clearance};
        a.insert(a.end(), question.begin(), question.end());
        a.insert(a.end(), {"-f", tenant});
        const Measure m = run(a, env, work.filePath(QStringLiteral("files.json")).toStdString());
        if (i == 0 || m.seconds < loadFiles.seconds)
            loadFiles = m;
        a.back() = snapshot;
        const Measure s = run(a, env, work.filePath(QStringLiteral("snapshot.json")).toStdString());
        if (i == 0 || s.seconds < loadSnapshot.seconds)
            loadSnapshot = s;
    }
    report("clearance who-can -f <generator's files>", loadFiles);
    report("clearance who-can -f <fetched snapshot>", loadSnapshot);
    QFile a(work.filePath(QStringLiteral("files.json"))), b(work.filePath(QStringLiteral("snapshot.json")));
    const bool same = a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly) && a.readAll() == b.readAll();
    std::printf("\nsnapshot: %.1f MB; who-can answers from files and snapshot %s\n", double(folderBytes(QString::fromStdString(snapshot))) / 1e6,
                same ? "identical" : "DIFFER");
    std::printf("fetch / load from files: %.2fx the time, %.2fx the peak memory\n", fetch.seconds / loadFiles.seconds,
                double(fetch.maxRssKb) / double(loadFiles.maxRssKb));
    server.closeWriteChannel();
    server.waitForFinished(30000);
    rusage children{};
    getrusage(RUSAGE_CHILDREN, &children); // every child waited for: the clearance runs and the server
    std::printf("the fake services used %.1f s of CPU in all (%d run(s) of each)\n", cpu(children) - g_measuredCpu, runs);
    return fetch.status == 0 && loadFiles.status == 0 && loadSnapshot.status == 0 && same ? 0 : 1;
}
