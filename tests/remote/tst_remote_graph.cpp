// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the directory from Microsoft Graph: paging verbatim, groups/delta with members spanning
// pages, throttling, missing permissions, token expiry, and incremental refresh (deltaLink,
// syncStateNotFound).
#include "remotetest.h"

using namespace clr::remotetest;

class TestRemoteGraph : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fullRound();
    void throttled_data();
    void throttled();
    void forbiddenNamesPermission_data();
    void forbiddenNamesPermission();
    void idOnlyEntriesNamePermission();
    void expiredTokenIsRefreshed();
    void shortLivedTokensAreRenewed();
    void refreshIsIncremental();
    void refreshAfterSyncStateNotFound();

private:
    QTemporaryDir m_home;
    FetchOptions graphOnly(Harness &h)
    {
        FetchOptions o = h.options();
        o.kubernetes = o.arm = false;
        useServicePrincipal(h, o);
        return o;
    }
};

void TestRemoteGraph::initTestCase()
{
    QVERIFY2(TestPki::instance().ok(), qPrintable(TestPki::instance().error()));
    isolateSettings(m_home);
}

void TestRemoteGraph::fullRound()
{
    Harness h;
    QVERIFY(h.start());
    addSmallDirectory(h.cloud, 10, 7);
    h.cloud.graphPageSize = 3;     // users: 4 pages
    h.cloud.deltaRefsPerPage = 3;  // Shop Devs' 7 members span 3 delta pages
    FetchOptions o = graphOnly(h);
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    const QStringList files = filesUnder(o.outDir);
    QVERIFY(files.contains(QStringLiteral("graph/users-0004.json")));
    QVERIFY(!files.contains(QStringLiteral("graph/users-0005.json")));
    QVERIFY(files.contains(QStringLiteral("graph/groups-0003.json")));
    QVERIFY(files.contains(QStringLiteral("graph/serviceprincipals-0001.json")));
    // Every request asked for the fields the graph needs, 999 at a time; never $expand=members.
    for (const auto &r : h.cloud.graph().log()) {
        QVERIFY2(!r.url.toString().contains(QLatin1String("expand")), qPrintable(r.url.toString()));
        if (r.path() == QLatin1String("/v1.0/users") && !r.hasQuery(QStringLiteral("$skiptoken")))
            QCOMPARE(r.query(QStringLiteral("$select")), QStringLiteral("id,displayName,userPrincipalName,mail,accountEnabled,userType"));
    }
    Snapshot s;
    QCOMPARE(loadProblems(o.outDir, &s).join(QLatin1Char('\n')), QString());
    QStringList expected;
    for (int i = 0; i < 7; ++i)
        expected << user(i).value(QStringLiteral("id")).toString();
    QCOMPARE(membersOf(s, groupId(0)), expected); // the group spanning pages is whole
    QCOMPARE(membersOf(s, groupId(1)), QStringList{groupId(0)});
    QCOMPARE(int(s.directory.size()), 10 + 3 + 3);
    const auto manifest = SnapshotManifest::read(o.outDir);
    QVERIFY(manifest.ok());
    QVERIFY(manifest->deltaLinks.value(QStringLiteral("groups")).contains(QLatin1String("$deltatoken=")));
    QCOMPARE(manifest->objects(QStringLiteral("graph")), qint64(10 + 3 + 3 + 2)); // Shop Devs counted once per page it is on
    QCOMPARE(manifest->tenantId, h.cloud.tenantId);
    QCOMPARE(manifest->auth, QStringLiteral("environment"));
    QCOMPARE(filesContaining(o.outDir, "sp-secret-value"), QStringList());
    QCOMPARE(filesContaining(o.outDir, "fakesig"), QStringList()); // no access token either
}

void TestRemoteGraph::throttled_data()
{
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("minimumMs");
    QTest::newRow("429 with Retry-After: 1") << QByteArray("1") << 429 << 950;
    QTest::newRow("429 without: exponential backoff") << QByteArray() << 429 << 0;
    QTest::newRow("503 without") << QByteArray() << 503 << 0;
}

void TestRemoteGraph::throttled()
{
    QFETCH(QByteArray, retryAfter);
    QFETCH(int, status);
    QFETCH(int, minimumMs);
    Harness h;
    QVERIFY(h.start());
    addSmallDirectory(h.cloud, 4, 2);
    FakeResponse busy = FakeResponse::json(R"({"error":{"code":"TooManyRequests","message":"Too many requests"}})", status);
    if (!retryAfter.isEmpty())
        busy.headers.append(qMakePair(QByteArray("Retry-After"), retryAfter));
    h.cloud.addFault(h.cloud.graph(), QStringLiteral("/v1.0/users"), busy, 3);
    FetchOptions o = graphOnly(h);
    QElapsedTimer timer;
    timer.start();
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QVERIFY(timer.elapsed() >= minimumMs * 3);
    int userRequests = 0;
    for (const auto &r : h.cloud.graph().log())
        userRequests += r.path() == QLatin1String("/v1.0/users") ? 1 : 0;
    QCOMPARE(userRequests, 4); // three refused, the fourth served
}

void TestRemoteGraph::forbiddenNamesPermission_data()
{
    QTest::addColumn<QString>("collection");
    QTest::addColumn<QString>("permission");
    QTest::newRow("users") << QStringLiteral("users") << QStringLiteral("User.Read.All");
    QTest::newRow("groups") << QStringLiteral("groups") << QStringLiteral("GroupMember.Read.All");
    QTest::newRow("service principals") << QStringLiteral("servicePrincipals") << QStringLiteral("Application.Read.All");
}

void TestRemoteGraph::forbiddenNamesPermission()
{
    QFETCH(QString, collection);
    QFETCH(QString, permission);
    Harness h;
    QVERIFY(h.start());
    addSmallDirectory(h.cloud, 3, 1);
    h.cloud.graphForbidden << collection;
    FetchOptions o = graphOnly(h);
    const FetchRun run = h.run(o);
    QVERIFY(!run.result.ok);
    QVERIFY2(run.result.error.contains(QLatin1String("403 Authorization_RequestDenied")), qPrintable(run.result.error));
    QVERIFY2(run.result.error.contains(QLatin1String("needs the Microsoft Graph permission ") + permission), qPrintable(run.result.error));
    QVERIFY(!QFileInfo::exists(o.outDir));
}

void TestRemoteGraph::idOnlyEntriesNamePermission()
{
    Harness h;
    QVERIFY(h.start());
    addSmallDirectory(h.cloud, 5, 2);
    h.cloud.graphIdOnly << QStringLiteral("users");
    FetchOptions o = graphOnly(h);
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    const QString warning = run.result.manifest.warnings.join(QLatin1Char('\n'));
    QVERIFY2(warning.contains(QLatin1String("5 users with nothing but an id")), qPrintable(warning));
    QVERIFY(warning.contains(QLatin1String("User.Read.All")));
    QVERIFY(!warning.contains(QLatin1String("GroupMember.Read.All")));
}

void TestRemoteGraph::expiredTokenIsRefreshed()
{
    Harness h;
    QVERIFY(h.start());
    addSmallDirectory(h.cloud, 3, 2);
    // Graph says the token expired (before its stated time): a new one is fetched and the page asked again.
    h.cloud.addFault(h.cloud.graph(), QStringLiteral("/v1.0/servicePrincipals"),
                     FakeResponse::json(R"({"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid."}})", 401));
    FetchOptions o = graphOnly(h);
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QCOMPARE(h.cloud.tokenRequests, 2);
}

void TestRemoteGraph::shortLivedTokensAreRenewed()
{
    Harness h;
    QVERIFY(h.start());
    addSmallDirectory(h.cloud, 6, 2);
    h.cloud.graphPageSize = 2;
    h.cloud.tokenLifetime = 60; // inside the five-minute margin: renewed before each use
    FetchOptions o = graphOnly(h);
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    // Each round of pages needs a fresh token (requests waiting together share one acquisition).
    QVERIFY2(h.cloud.tokenRequests >= 3, qPrintable(QString::number(h.cloud.tokenRequests)));
}

void TestRemoteGraph::refreshIsIncremental()
{
    Harness h;
    QVERIFY(h.start());
    addSmallDirectory(h.cloud, 10, 6);
    h.cloud.deltaRefsPerPage = 4;
    FetchOptions o = graphOnly(h);
    QVERIFY(h.run(o).result.ok);
    const QString oldDelta = SnapshotManifest::read(o.outDir)->deltaLinks.value(QStringLiteral("groups"));
    // Changes: a member joins, one leaves, a group goes, a group comes.
    h.cloud.addMember(groupId(0), FakeCloud::Member{QStringLiteral("#microsoft.graph.user"), user(9).value(QStringLiteral("id")).toString()});
    h.cloud.removeMember(groupId(0), user(1).value(QStringLiteral("id")).toString());
    h.cloud.removeGroup(groupId(2));
    h.cloud.addGroup(FakeCloud::Group{QJsonObject{{QStringLiteral("id"), groupId(7)}, {QStringLiteral("displayName"), QStringLiteral("New Team")},
                                                  {QStringLiteral("securityEnabled"), true}},
                                      {FakeCloud::Member{QStringLiteral("#microsoft.graph.user"), user(8).value(QStringLiteral("id")).toString()}}});
    h.cloud.graph().clearLog();
    auto manifest = SnapshotManifest::read(o.outDir);
    QVERIFY(manifest.ok());
    FetchOptions refresh = FetchOptions::fromManifest(*manifest, o.outDir);
    refresh.loginUrl = o.loginUrl;
    const FetchRun run = h.run(refresh);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    // Groups: one request, from the old deltaLink.
    QStringList groupRequests;
    for (const auto &r : h.cloud.graph().log()) {
        if (r.path() == QLatin1String("/v1.0/groups/delta"))
            groupRequests << r.url.toString(QUrl::FullyEncoded);
    }
    QCOMPARE(groupRequests.size(), 1);
    QVERIFY(oldDelta.endsWith(groupRequests.first()));
    Snapshot s;
    QCOMPARE(loadProblems(o.outDir, &s).join(QLatin1Char('\n')), QString());
    QStringList expected;
    for (int i : {0, 2, 3, 4, 5, 9})
        expected << user(i).value(QStringLiteral("id")).toString();
    expected.sort();
    QCOMPARE(membersOf(s, groupId(0)), expected);
    QCOMPARE(membersOf(s, groupId(7)), QStringList{user(8).value(QStringLiteral("id")).toString()});
    QCOMPARE(s.directory.find(groupId(2).toStdString()), clr::entra::NoPrincipal);
    QCOMPARE(membersOf(s, groupId(1)), QStringList{groupId(0)}); // untouched groups are kept
    QVERIFY(run.result.manifest.deltaLinks.value(QStringLiteral("groups")) != oldDelta);
    QVERIFY(run.result.manifest.warnings.isEmpty());
}

void TestRemoteGraph::refreshAfterSyncStateNotFound()
{
    Harness h;
    QVERIFY(h.start());
    addSmallDirectory(h.cloud, 5, 3);
    FetchOptions o = graphOnly(h);
    QVERIFY(h.run(o).result.ok);
    h.cloud.removeMember(groupId(0), user(0).value(QStringLiteral("id")).toString());
    h.cloud.deltaExpiredBefore = h.cloud.generation() + 1; // every old token is gone
    auto manifest = SnapshotManifest::read(o.outDir);
    FetchOptions refresh = FetchOptions::fromManifest(*manifest, o.outDir);
    const FetchRun run = h.run(refresh);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QVERIFY2(run.result.manifest.warnings.join(QLatin1Char(' ')).contains(QLatin1String("syncStateNotFound")),
             qPrintable(run.result.manifest.warnings.join(QLatin1Char(' '))));
    Snapshot s;
    QCOMPARE(loadProblems(o.outDir, &s).join(QLatin1Char('\n')), QString());
    QCOMPARE(membersOf(s, groupId(0)), (QStringList{user(1).value(QStringLiteral("id")).toString(), user(2).value(QStringLiteral("id")).toString()}));
}

QTEST_GUILESS_MAIN(TestRemoteGraph)
#include "tst_remote_graph.moc"
