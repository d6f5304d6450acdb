// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the tests/remote tests: a FakeCloud, the real transport trusting the test CA, and a
// FetchJob run to its end.
#pragma once

#include "fakecloud.h"
#include "testpki.h"

#include "load/loader.h"
#include "remote/execconsent.h"
#include "remote/fetchjob.h"
#include "remote/networktransport.h"
#include "remote/secretstore.h"

#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

namespace clr::remotetest {

using namespace clr::remote;
using clr::fakes::FakeCloud;
using clr::fakes::FakeResponse;
using clr::fakes::FakeServer;
using clr::fakes::TestPki;
using clr::Diagnostic;
using clr::Snapshot;

/** Roles (namespaced) and ClusterRoles of a snapshot. */
inline int countRoles(const Snapshot &s, bool clusterRoles)
{
    return int(std::count_if(s.kube.roles.begin(), s.kube.roles.end(), [&](const auto &r) { return r.cluster == clusterRoles; }));
}

/** Keeps QSettings (remembered plugin consent) and HOME inside a temporary folder. */
inline void isolateSettings(const QTemporaryDir &dir)
{
    qputenv("XDG_CONFIG_HOME", dir.filePath(QStringLiteral("config")).toUtf8());
    qputenv("HOME", dir.path().toUtf8());
    QStandardPaths::setTestModeEnabled(true);
}

inline TransportOptions testTransportOptions()
{
    TransportOptions o;
    o.extraCaCertificates = {TestPki::instance().caCertificate()};
    o.backoffBase = std::chrono::milliseconds(20);
    o.backoffMax = std::chrono::milliseconds(200);
    o.inactivityTimeout = std::chrono::milliseconds(20000);
    return o;
}

struct FetchRun
{
    FetchResult result;
    QStringList messages;
    QStringList notices;
    QByteArray pluginStderr;
    QList<ListProgress> progress;
};

/** Everything a FetchJob needs, pointed at the fakes. */
struct Harness
{
    QTemporaryDir dir;
    FakeCloud cloud;
    std::unique_ptr<NetworkTransport> transport = std::make_unique<NetworkTransport>(testTransportOptions());
    MemorySecretStore secrets;
    QStringList allowExec;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    std::function<void(FetchJob &)> onStarted; // e.g. cancel after the first page

    bool start() { return TestPki::instance().ok() && cloud.start(); }

    FetchOptions options(const QString &name = QStringLiteral("snap"))
    {
        FetchOptions o;
        o.outDir = dir.filePath(name);
        o.loginUrl = cloud.login().url().toString();
        o.graphUrl = cloud.graph().url().toString();
        o.armUrl = cloud.arm().url().toString();
        return o;
    }

    FetchRun run(FetchOptions options, int timeoutMs = 60000)
    {
        FetchRun out;
        RememberedExecConsent consent(allowExec);
        FetchServices services;
        services.transport = transport.get();
        services.secrets = &secrets;
        services.exec.consent = &consent;
        services.exec.stderrSink = [&out](const QByteArray &chunk) { out.pluginStderr += chunk; };
        services.notice = [&out](const QString &text, const QString &) { out.notices << text; };
        services.environment = env;
        FetchJob job(std::move(options), services);
        QEventLoop loop;
        bool finished = false;
        QObject::connect(&job, &FetchJob::progressed, &job, [&out](const ListProgress &p) { out.progress << p; });
        QObject::connect(&job, &FetchJob::message, &job, [&out](const QString &m) { out.messages << m; });
        QObject::connect(&job, &FetchJob::finished, &job, [&](const FetchResult &r) {
            out.result = r;
            finished = true;
            loop.quit();
        });
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        job.start();
        if (onStarted)
            onStarted(job);
        loop.exec();
        if (!finished)
            out.result.error = QStringLiteral("test timeout: the fetch did not finish");
        return out;
    }

    /** Writes a kubeconfig for the fake API server with `user` (YAML under "user:"), returns its path. */
    QString kubeconfig(const QString &userYaml, const QString &clusterExtra = {}, const QString &server = {})
    {
        const QString path = dir.filePath(QStringLiteral("kubeconfig"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        const QByteArray ca = TestPki::instance().read(QStringLiteral("ca.pem")).toBase64();
        QString text = QStringLiteral("apiVersion: v1\nkind: Config\nclusters:\n- name: fake\n  cluster:\n    server: %1\n%2contexts:\n"
                                      "- name: fake\n  context:\n    cluster: fake\n    user: me\ncurrent-context: fake\nusers:\n- name: me\n  user:\n%3")
                           .arg(server.isEmpty() ? cloud.kube().url().toString() : server,
                                clusterExtra.isEmpty() ? QStringLiteral("    certificate-authority-data: %1\n").arg(QString::fromLatin1(ca)) : clusterExtra,
                                userYaml);
        f.write(text.toUtf8());
        return path;
    }
};

/** Every file under `dir`, relative. */
inline QStringList filesUnder(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << QDir(dir).relativeFilePath(it.next());
    out.sort();
    return out;
}

/** Whether `needle` occurs in any file under `dir`. */
inline QStringList filesContaining(const QString &dir, const QByteArray &needle)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            out << path;
    }
    return out;
}

inline QJsonObject role(const QString &kind, const QString &name, const QString &ns = {})
{
    QJsonObject meta{{QStringLiteral("name"), name}};
    if (!ns.isEmpty())
        meta.insert(QStringLiteral("namespace"), ns);
    return QJsonObject{{QStringLiteral("kind"), kind},
                       {QStringLiteral("apiVersion"), QStringLiteral("rbac.authorization.k8s.io/v1")},
                       {QStringLiteral("metadata"), meta},
                       {QStringLiteral("rules"), QJsonArray{QJsonObject{{QStringLiteral("apiGroups"), QJsonArray{QString()}},
                                                                        {QStringLiteral("resources"), QJsonArray{QStringLiteral("pods")}},
                                                                        {QStringLiteral("verbs"), QJsonArray{QStringLiteral("get")}}}}}};
}

/** A small cluster: `n` Roles in namespace "shop", a ClusterRole, a binding, namespaces, a service account. */
inline void addSmallCluster(FakeCloud &cloud, int n = 5)
{
    for (int i = 0; i < n; ++i)
        cloud.addKube(QStringLiteral("roles"), role(QStringLiteral("Role"), QStringLiteral("reader-%1").arg(i), QStringLiteral("shop")));
    cloud.addKube(QStringLiteral("clusterroles"), role(QStringLiteral("ClusterRole"), QStringLiteral("viewer")));
    cloud.addKube(QStringLiteral("rolebindings"),
                  QJsonObject{{QStringLiteral("kind"), QStringLiteral("RoleBinding")},
                              {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("alice-reads")}, {QStringLiteral("namespace"), QStringLiteral("shop")}}},
                              {QStringLiteral("roleRef"), QJsonObject{{QStringLiteral("apiGroup"), QStringLiteral("rbac.authorization.k8s.io")},
                                                                      {QStringLiteral("kind"), QStringLiteral("Role")},
                                                                      {QStringLiteral("name"), QStringLiteral("reader-0")}}},
                              {QStringLiteral("subjects"), QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("User")},
                                                                                 {QStringLiteral("apiGroup"), QStringLiteral("rbac.authorization.k8s.io")},
                                                                                 {QStringLiteral("name"), QStringLiteral("alice")}}}}});
    for (const char *ns : {"default", "shop", "kube-system"})
        cloud.addKube(QStringLiteral("namespaces"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("Namespace")},
                                                                {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QLatin1String(ns)}}}});
    cloud.addKube(QStringLiteral("serviceaccounts"),
                  QJsonObject{{QStringLiteral("kind"), QStringLiteral("ServiceAccount")},
                              {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("builder")}, {QStringLiteral("namespace"), QStringLiteral("shop")}}}});
}

/** Non-info diagnostics of loading `dir`, as text. */
inline QStringList loadProblems(const QString &dir, Snapshot *out = nullptr)
{
    Snapshot s = loadSnapshot({dir.toStdString()});
    QStringList problems;
    for (const auto &d : s.diagnostics) {
        if (d.severity != Diagnostic::Severity::Info)
            problems << QString::fromStdString(d.toString());
    }
    if (out)
        *out = std::move(s);
    return problems;
}

} // namespace clr::remotetest
