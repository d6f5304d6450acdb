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
    QString azCommand = QStringLiteral("az");
    std::function<bool(const QUrl &)> openBrowser;

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
        services.azCommand = azCommand;
        services.openBrowser = openBrowser;
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

/** Azure sign-in as a service principal with a secret (the environment credential), for Graph/ARM tests. */
inline void useServicePrincipal(Harness &h, FetchOptions &o)
{
    h.cloud.clientSecrets.insert(QStringLiteral("11111111-2222-3333-4444-555555555555"), QStringLiteral("sp-secret-value"));
    h.env.insert(QStringLiteral("AZURE_TENANT_ID"), h.cloud.tenantId);
    h.env.insert(QStringLiteral("AZURE_CLIENT_ID"), QStringLiteral("11111111-2222-3333-4444-555555555555"));
    h.env.insert(QStringLiteral("AZURE_CLIENT_SECRET"), QStringLiteral("sp-secret-value"));
    h.env.remove(QStringLiteral("AZURE_CLIENT_CERTIFICATE_PATH"));
    h.env.remove(QStringLiteral("AZURE_FEDERATED_TOKEN_FILE"));
    o.auth = AzureAuth::Environment;
}

inline QJsonObject user(int i)
{
    return QJsonObject{{QStringLiteral("id"), QStringLiteral("00000000-0000-0000-0000-%1").arg(i, 12, 10, QLatin1Char('0'))},
                       {QStringLiteral("displayName"), QStringLiteral("User %1").arg(i)},
                       {QStringLiteral("userPrincipalName"), QStringLiteral("user%1@contoso.com").arg(i)},
                       {QStringLiteral("accountEnabled"), true},
                       {QStringLiteral("userType"), QStringLiteral("Member")}};
}

inline QString groupId(int i)
{
    return QStringLiteral("99999999-0000-0000-0000-%1").arg(i, 12, 10, QLatin1Char('0'));
}

/** `users` users, 3 service principals, and groups: g0 holds users 0..members-1, g1 nests g0, g2 holds an SP. */
inline void addSmallDirectory(FakeCloud &cloud, int users, int members)
{
    for (int i = 0; i < users; ++i)
        cloud.users.append(user(i));
    for (int i = 0; i < 3; ++i)
        cloud.servicePrincipals.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("55555555-0000-0000-0000-%1").arg(i, 12, 10, QLatin1Char('0'))},
                                                   {QStringLiteral("appId"), QStringLiteral("66666666-0000-0000-0000-%1").arg(i, 12, 10, QLatin1Char('0'))},
                                                   {QStringLiteral("displayName"), QStringLiteral("app %1").arg(i)},
                                                   {QStringLiteral("servicePrincipalType"), QStringLiteral("Application")},
                                                   {QStringLiteral("accountEnabled"), true}});
    auto group = [](int i, const QString &name) {
        return QJsonObject{{QStringLiteral("id"), groupId(i)},
                           {QStringLiteral("displayName"), name},
                           {QStringLiteral("securityEnabled"), true},
                           {QStringLiteral("mailEnabled"), false},
                           {QStringLiteral("groupTypes"), QJsonArray{}}};
    };
    FakeCloud::Group g0{group(0, QStringLiteral("Shop Devs")), {}};
    for (int i = 0; i < members; ++i)
        g0.members << FakeCloud::Member{QStringLiteral("#microsoft.graph.user"), user(i).value(QStringLiteral("id")).toString()};
    cloud.groups << g0;
    cloud.groups << FakeCloud::Group{group(1, QStringLiteral("All Engineering")), {FakeCloud::Member{QStringLiteral("#microsoft.graph.group"), groupId(0)}}};
    cloud.groups << FakeCloud::Group{group(2, QStringLiteral("Automation")),
                                     {FakeCloud::Member{QStringLiteral("#microsoft.graph.servicePrincipal"), QStringLiteral("55555555-0000-0000-0000-000000000000")}}};
}

/** Direct members of a group in a loaded snapshot, as object IDs, sorted. */
inline QStringList membersOf(const Snapshot &s, const QString &group)
{
    QStringList out;
    const auto id = s.directory.find(group.toStdString());
    if (id == entra::NoPrincipal)
        return {QStringLiteral("<no group>")};
    for (auto member : s.directory.directMembers(id))
        out << QString::fromStdString(s.directory.at(member).id);
    out.sort();
    return out;
}

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
