// SPDX-License-Identifier: GPL-3.0-or-later
// The Entra directory: principals, nested groups, cycles, transitive queries and lookups.
#include "entra/directory.h"

#include <QTest>

#include <algorithm>
#include <random>

using namespace clr;
using namespace clr::entra;

namespace {

/**
 * A directory from a compact text: "alice:user bob:user g1:group g2:group" declares principals
 * (the name is both the object ID and the display name); "alice>g1 g1>g2" makes alice a member of
 * g1 and g1 a member of g2. IDs not declared become Unresolved through getOrAdd().
 */
Directory build(const QString &principals, const QString &memberships, Diagnostics *diagnostics = nullptr)
{
    Directory dir;
    for (const QString &entry : principals.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QStringList parts = entry.split(QLatin1Char(':'));
        Principal p;
        p.id = parts[0].toStdString();
        p.displayName = parts[0].toStdString();
        const QString type = parts.value(1);
        p.type = type == QLatin1String("group") ? PrincipalType::Group
            : type == QLatin1String("sp")       ? PrincipalType::ServicePrincipal
                                                : PrincipalType::User;
        if (p.type == PrincipalType::User)
            p.userPrincipalName = p.id + "@contoso.com";
        dir.upsert(std::move(p));
    }
    for (const QString &edge : memberships.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QStringList parts = edge.split(QLatin1Char('>'));
        dir.addMembership(dir.getOrAdd(parts[1].toStdString()), dir.getOrAdd(parts[0].toStdString()));
    }
    dir.finalize(diagnostics);
    return dir;
}

/** Object IDs of principals, sorted, space separated: order-independent comparisons. */
QString ids(const Directory &dir, std::vector<PrincipalId> list, bool sorted = true)
{
    QStringList out;
    for (PrincipalId id : list)
        out.append(QString::fromStdString(dir.at(id).id));
    if (sorted)
        out.sort();
    return out.join(QLatin1Char(' '));
}

} // namespace

class TestDirectory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void upsertMerges();
    void unresolvedMembers();
    void transitive_data();
    void transitive();
    void groupChain_data();
    void groupChain();
    void cycles_data();
    void cycles();
    void lookup_data();
    void lookup();
    void edgesDeduplicatedAndRefinalize();
};

void TestDirectory::upsertMerges()
{
    Directory dir;
    const PrincipalId ref = dir.getOrAdd("AB12CD34-0000-4000-8000-000000000001");
    QCOMPARE(dir.at(ref).type, PrincipalType::Unresolved);
    QCOMPARE(dir.at(ref).id, std::string("ab12cd34-0000-4000-8000-000000000001")); // object IDs are lower-cased

    Principal first;
    first.id = "ab12cd34-0000-4000-8000-000000000001";
    first.type = PrincipalType::User;
    first.displayName = "Alice";
    first.source = {1, 4, 5};
    QCOMPARE(dir.upsert(first), ref);
    Principal second;
    second.id = "AB12CD34-0000-4000-8000-000000000001";
    second.type = PrincipalType::User;
    second.displayName = "Alice Later";          // first non-empty wins
    second.userPrincipalName = "alice@contoso.com"; // fills what was empty
    second.accountEnabled = false;                  // a "disabled" seen anywhere sticks
    second.source = {2, 9, 9};
    QCOMPARE(dir.upsert(second), ref);

    const Principal &p = dir.at(ref);
    QCOMPARE(p.type, PrincipalType::User);
    QCOMPARE(p.displayName, std::string("Alice"));
    QCOMPARE(p.userPrincipalName, std::string("alice@contoso.com"));
    QVERIFY(!p.accountEnabled);
    QCOMPARE(p.source.file, 1u);
    QCOMPARE(p.source.line, 4);
    QCOMPARE(dir.size(), std::size_t(1));
    QCOMPARE(dir.find("Ab12cD34-0000-4000-8000-000000000001"), ref);
    QCOMPARE(dir.find("missing"), NoPrincipal);
    QCOMPARE(dir.upsert(Principal()), NoPrincipal); // no ID: nothing to key it by
}

void TestDirectory::unresolvedMembers()
{
    const Directory dir = build(QStringLiteral("g1:group"), QStringLiteral("ghost>g1"));
    const PrincipalId ghost = dir.find("ghost");
    QVERIFY(ghost != NoPrincipal);
    QCOMPARE(dir.at(ghost).type, PrincipalType::Unresolved);
    QCOMPARE(ids(dir, dir.transitiveGroups(ghost)), QStringLiteral("g1"));
    QCOMPARE(ids(dir, dir.transitiveMembers(dir.find("g1"))), QStringLiteral("ghost"));
    // Principals added after finalize() answer with empty lists, not out-of-range reads.
    Directory late = dir;
    const PrincipalId added = late.getOrAdd("late");
    QVERIFY(late.directGroups(added).empty());
    QVERIFY(late.transitiveGroups(added).empty());
}

void TestDirectory::transitive_data()
{
    QTest::addColumn<QString>("principals");
    QTest::addColumn<QString>("memberships");
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("groups");  // transitiveGroups(who)
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("members"); // transitiveMembers(group)

    const QString people = QStringLiteral("alice:user bob:user carol:user app:sp g1:group g2:group g3:group g4:group");
    QTest::newRow("direct only") << people << QStringLiteral("alice>g1 bob>g1") << QStringLiteral("alice") << QStringLiteral("g1")
                                 << QStringLiteral("g1") << QStringLiteral("alice bob");
    QTest::newRow("nested chain") << people << QStringLiteral("alice>g1 g1>g2 g2>g3") << QStringLiteral("alice")
                                  << QStringLiteral("g1 g2 g3") << QStringLiteral("g3") << QStringLiteral("alice g1 g2");
    QTest::newRow("diamond counted once") << people << QStringLiteral("alice>g1 alice>g2 g1>g3 g2>g3 g3>g4")
                                          << QStringLiteral("alice") << QStringLiteral("g1 g2 g3 g4") << QStringLiteral("g4")
                                          << QStringLiteral("alice g1 g2 g3");
    QTest::newRow("service principal member") << people << QStringLiteral("app>g2 g2>g4 carol>g4") << QStringLiteral("app")
                                              << QStringLiteral("g2 g4") << QStringLiteral("g4") << QStringLiteral("app carol g2");
    QTest::newRow("not a member") << people << QStringLiteral("alice>g1") << QStringLiteral("bob") << QString()
                                  << QStringLiteral("g2") << QString();
    QTest::newRow("cycle: start excluded, no hang") << people << QStringLiteral("alice>g1 g1>g2 g2>g3 g3>g1")
                                                    << QStringLiteral("g1") << QStringLiteral("g2 g3") << QStringLiteral("g2")
                                                    << QStringLiteral("alice g1 g3");
}

void TestDirectory::transitive()
{
    QFETCH(QString, principals);
    QFETCH(QString, memberships);
    QFETCH(QString, who);
    QFETCH(QString, groups);
    QFETCH(QString, group);
    QFETCH(QString, members);
    const Directory dir = build(principals, memberships);
    QCOMPARE(ids(dir, dir.transitiveGroups(dir.find(who.toStdString()))), groups);
    QCOMPARE(ids(dir, dir.transitiveMembers(dir.find(group.toStdString()))), members);
}

void TestDirectory::groupChain_data()
{
    QTest::addColumn<QString>("memberships");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("chain"); // in order, first group ... target

    QTest::newRow("direct") << QStringLiteral("alice>g1") << QStringLiteral("alice") << QStringLiteral("g1") << QStringLiteral("g1");
    QTest::newRow("nested") << QStringLiteral("alice>g1 g1>g2 g2>g3") << QStringLiteral("alice") << QStringLiteral("g3")
                            << QStringLiteral("g1 g2 g3");
    QTest::newRow("shortest of two paths") << QStringLiteral("alice>g1 g1>g2 g2>g3 g3>g4 alice>g5 g5>g4") << QStringLiteral("alice")
                                           << QStringLiteral("g4") << QStringLiteral("g5 g4");
    QTest::newRow("through a cycle") << QStringLiteral("alice>g1 g1>g2 g2>g1 g2>g3") << QStringLiteral("alice")
                                     << QStringLiteral("g3") << QStringLiteral("g1 g2 g3");
    QTest::newRow("not a member") << QStringLiteral("alice>g1 bob>g2") << QStringLiteral("alice") << QStringLiteral("g2") << QString();
    QTest::newRow("itself") << QStringLiteral("alice>g1 g1>g1") << QStringLiteral("g1") << QStringLiteral("g1") << QString();
}

void TestDirectory::groupChain()
{
    QFETCH(QString, memberships);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, chain);
    const Directory dir = build(QStringLiteral("alice:user bob:user g1:group g2:group g3:group g4:group g5:group"), memberships);
    QCOMPARE(ids(dir, dir.groupChain(dir.find(from.toStdString()), dir.find(to.toStdString())), false), chain);
}

void TestDirectory::cycles_data()
{
    QTest::addColumn<QString>("memberships");
    QTest::addColumn<QStringList>("cycles");   // each as its groups in nesting order
    QTest::addColumn<QStringList>("messages"); // one diagnostic per cycle

    QTest::newRow("none") << QStringLiteral("alice>g1 g1>g2") << QStringList() << QStringList();
    QTest::newRow("two groups") << QStringLiteral("alice>g1 g1>g2 g2>g1") << QStringList{QStringLiteral("g1 g2")}
                                << QStringList{QStringLiteral("group membership cycle: g1 (g1) -> g2 (g2) -> g1 (g1)")};
    QTest::newRow("three groups") << QStringLiteral("g1>g2 g2>g3 g3>g1 alice>g3") << QStringList{QStringLiteral("g1 g2 g3")}
                                  << QStringList{QStringLiteral("g1 (g1) -> g2 (g2) -> g3 (g3) -> g1 (g1)")};
    QTest::newRow("group in itself") << QStringLiteral("g4>g4") << QStringList{QStringLiteral("g4")}
                                     << QStringList{QStringLiteral("g4 (g4) -> g4 (g4)")};
    QTest::newRow("two separate cycles") << QStringLiteral("g1>g2 g2>g1 g3>g4 g4>g3 g2>g3")
                                         << QStringList{QStringLiteral("g3 g4"), QStringLiteral("g1 g2")}
                                         << QStringList{QStringLiteral("g3 (g3) -> g4 (g4)"), QStringLiteral("g1 (g1) -> g2 (g2)")};
    QTest::newRow("not a single ring") << QStringLiteral("g1>g2 g2>g1 g2>g3 g3>g1")
                                       << QStringList{QStringLiteral("g1 g2 g3")}
                                       << QStringList{QStringLiteral("group membership cycle: g1 (g1), g2 (g2), g3 (g3), nested in each other")};
}

void TestDirectory::cycles()
{
    QFETCH(QString, memberships);
    QFETCH(QStringList, cycles);
    QFETCH(QStringList, messages);
    Diagnostics diagnostics;
    const Directory dir = build(QStringLiteral("alice:user g1:group g2:group g3:group g4:group"), memberships, &diagnostics);
    QStringList found;
    for (const auto &cycle : dir.cycles())
        found.append(ids(dir, cycle, false));
    found.sort();
    cycles.sort();
    QCOMPARE(found, cycles);
    QCOMPARE(int(diagnostics.size()), messages.size());
    for (const QString &message : messages) {
        QVERIFY2(std::any_of(diagnostics.begin(), diagnostics.end(),
                             [&](const Diagnostic &d) {
                                 return d.severity == Diagnostic::Severity::Warning && QString::fromStdString(d.message).contains(message);
                             }),
                 qPrintable(message));
    }
    // Every query still terminates.
    for (PrincipalId id = 0; id < dir.size(); ++id) {
        dir.transitiveGroups(id);
        dir.transitiveMembers(id);
    }
}

void TestDirectory::lookup_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("found");

    QTest::newRow("object id, any case") << QStringLiteral("0A000000-0000-4000-8000-000000000001") << QStringLiteral("Alice Admin");
    QTest::newRow("UPN, any case") << QStringLiteral("ALICE@contoso.com") << QStringLiteral("Alice Admin");
    QTest::newRow("guest UPN") << QStringLiteral("dana_fabrikam.com#EXT#@contoso.onmicrosoft.com") << QStringLiteral("Dana");
    QTest::newRow("application ID") << QStringLiteral("ab000000-0000-4000-8000-000000000009") << QStringLiteral("deploy-bot");
    QTest::newRow("unique display name") << QStringLiteral("platform admins") << QStringLiteral("Platform Admins");
    QTest::newRow("display name shared: all matches") << QStringLiteral("Readers") << QStringLiteral("Readers|Readers");
    QTest::newRow("surrounding spaces") << QStringLiteral("  alice@contoso.com ") << QStringLiteral("Alice Admin");
    QTest::newRow("unknown") << QStringLiteral("nobody@contoso.com") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestDirectory::lookup()
{
    QFETCH(QString, text);
    QFETCH(QString, found);
    Directory dir;
    auto add = [&](const char *id, PrincipalType type, const char *name, const char *upn = "", const char *appId = "") {
        Principal p;
        p.id = id;
        p.type = type;
        p.displayName = name;
        p.userPrincipalName = upn;
        p.appId = appId;
        dir.upsert(std::move(p));
    };
    add("0a000000-0000-4000-8000-000000000001", PrincipalType::User, "Alice Admin", "alice@contoso.com");
    add("0a000000-0000-4000-8000-000000000002", PrincipalType::User, "Dana", "dana_fabrikam.com#EXT#@contoso.onmicrosoft.com");
    add("0a000000-0000-4000-8000-000000000003", PrincipalType::Group, "Platform Admins");
    add("0a000000-0000-4000-8000-000000000004", PrincipalType::Group, "Readers");
    add("0a000000-0000-4000-8000-000000000005", PrincipalType::Group, "Readers");
    add("0a000000-0000-4000-8000-000000000006", PrincipalType::ServicePrincipal, "deploy-bot", "", "ab000000-0000-4000-8000-000000000009");
    dir.finalize();
    QStringList names;
    for (PrincipalId id : dir.lookup(text.toStdString()))
        names.append(QString::fromStdString(dir.at(id).displayName));
    QCOMPARE(names.join(QLatin1Char('|')), found);
}

void TestDirectory::edgesDeduplicatedAndRefinalize()
{
    Directory dir = build(QStringLiteral("alice:user g1:group g2:group"), QStringLiteral("alice>g1 alice>g1 g1>g2"));
    QCOMPARE(dir.membershipCount(), std::size_t(2));
    QCOMPARE(dir.directMembers(dir.find("g1")).size(), std::size_t(1));
    // More edges after finalize(): a second finalize() keeps the old ones and adds the new.
    dir.addMembership(dir.find("g2"), dir.getOrAdd("bob"));
    dir.addMembership(dir.find("g1"), dir.find("alice"));
    dir.finalize();
    QCOMPARE(dir.membershipCount(), std::size_t(3));
    QCOMPARE(ids(dir, dir.transitiveMembers(dir.find("g2"))), QStringLiteral("alice bob g1"));
    QCOMPARE(ids(dir, dir.directGroups(dir.find("alice"))), QStringLiteral("g1"));
    dir.addMembership(NoPrincipal, dir.find("alice")); // ignored, not a crash
}

QTEST_GUILESS_MAIN(TestDirectory)
#include "tst_directory.moc"
