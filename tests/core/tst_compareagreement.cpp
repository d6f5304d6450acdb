// SPDX-License-Identifier: GPL-3.0-or-later
// Generated tenant pairs: BASE is a tenant from clearance-gen-tenant, HEAD the same tenant with a seeded
// mix of changes (bindings removed, added, re-pointed and given other subjects; rules added and removed;
// an aggregation label; memberships moved and nested; assignments added and removed; a custom role's
// notDataActions; a renamed and a deleted user; local accounts, an admin group, Azure RBAC). The
// comparison must say exactly what check() says on both graphs:
//  - on a small tenant for EVERY identity of either snapshot, every matrix column and every request its
//    own roles name, in every namespace, across namespaces and in a namespace nobody mentions: this
//    proves the affected-set pruning misses nobody and the namespace rows fold correctly;
//  - on a larger tenant for every line reported, and for a sample of all identities.
#include "compare/compare.h"
#include "graph/matrix.h"
#include "kubernetes/rules.h"
#include "load/loader.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>
#include <random>
#include <set>

using namespace clr;
using namespace clr::compare;

namespace {

using Rng = std::mt19937_64;

std::size_t pick(Rng &rng, std::size_t n)
{
    return std::size_t(rng() % std::max<std::size_t>(n, 1));
}

/** A copy of the directory with some direct memberships removed and others added, finalized again. */
entra::Directory rebuilt(const entra::Directory &dir, const std::set<std::pair<entra::PrincipalId, entra::PrincipalId>> &removed,
                         const std::vector<std::pair<entra::PrincipalId, entra::PrincipalId>> &added, entra::PrincipalId deleted)
{
    entra::Directory out;
    for (entra::PrincipalId p = 0; p < dir.size(); ++p) {
        entra::Principal copy = dir.at(p);
        if (p == deleted) // keeps the index; an unresolved object is what a deleted principal leaves behind
            copy = entra::Principal{copy.id};
        out.upsert(std::move(copy));
    }
    for (entra::PrincipalId g = 0; g < dir.size(); ++g)
        for (auto m : dir.directMembers(g))
            if (!removed.count({g, m}) && m != deleted)
                out.addMembership(g, m);
    for (const auto &[g, m] : added)
        out.addMembership(g, m);
    out.tenantId = dir.tenantId;
    out.finalize();
    return out;
}

std::vector<entra::PrincipalId> ofType(const entra::Directory &dir, entra::PrincipalType type)
{
    std::vector<entra::PrincipalId> out;
    for (entra::PrincipalId p = 0; p < dir.size(); ++p)
        if (dir.at(p).type == type)
            out.push_back(p);
    return out;
}

struct Mix
{
    bool localAccountsOff = false;
    bool adminGroup = false;
    bool azureRbacOff = false;
};

/** Groups with at most `limit` transitive members: changes through them reach few people, so the
 *  comparison's pruning has something to prove (All Employees would reach everyone). */
std::vector<entra::PrincipalId> smallGroups(const entra::Directory &dir, std::size_t limit)
{
    std::vector<entra::PrincipalId> out;
    for (auto g : ofType(dir, entra::PrincipalType::Group))
        if (dir.transitiveMembers(g).size() <= limit)
            out.push_back(g);
    return out;
}

/** HEAD: BASE with a seeded mix of every kind of change. */
Snapshot mutate(const Snapshot &base, std::uint64_t seed, const Mix &mix)
{
    Rng rng(seed);
    Snapshot s = base;
    auto &kube = s.kube;
    const auto users = ofType(base.directory, entra::PrincipalType::User);
    const auto groups = smallGroups(base.directory, 25);
    // The bootstrap objects (system:...) reach every authenticated caller: left alone, so that most
    // identities are not affected and the pruning is put to the test.
    auto system = [](const std::string &name) { return name.rfind("system:", 0) == 0; };
    std::vector<std::size_t> clusterRoles;
    for (std::size_t i = 0; i < kube.roles.size(); ++i)
        if (kube.roles[i].cluster && !kube.roles[i].aggregated && !system(kube.roles[i].name))
            clusterRoles.push_back(i);
    auto someBinding = [&]() -> k8s::Binding * {
        for (int tries = 0; tries < 100 && !kube.bindings.empty(); ++tries) {
            auto &b = kube.bindings[pick(rng, kube.bindings.size())];
            if (!system(b.name))
                return &b;
        }
        return nullptr;
    };
    // Bindings: two removed, one given a group subject, one re-pointed, one added for a user.
    for (int i = 0; i < 2; ++i)
        if (auto *b = someBinding())
            kube.bindings.erase(kube.bindings.begin() + (b - kube.bindings.data()));
    if (auto *b = someBinding(); b && !groups.empty())
        b->subjects = {{k8s::Subject::Kind::Group, base.directory.at(groups[pick(rng, groups.size())]).id, {}}};
    for (auto &b : kube.bindings) {
        if (!b.cluster && b.roleRef.kind == "ClusterRole" && rng() % 7 == 0 && !clusterRoles.empty()) {
            b.roleRef.name = kube.roles[clusterRoles[pick(rng, clusterRoles.size())]].name;
            break;
        }
    }
    if (!users.empty() && !kube.namespaces.empty() && !clusterRoles.empty()) {
        k8s::Binding b;
        b.name = "clearance-test-added";
        b.ns = kube.namespaces[pick(rng, kube.namespaces.size())].name;
        b.roleRef = {"ClusterRole", kube.roles[clusterRoles[pick(rng, clusterRoles.size())]].name};
        b.subjects = {{k8s::Subject::Kind::User, base.directory.at(users[pick(rng, users.size())]).userPrincipalName, {}}};
        kube.bindings.push_back(std::move(b));
    }
    // Roles: a rule added to one ClusterRole, the last rule removed from another, an aggregation label.
    if (!clusterRoles.empty()) {
        kube.roles[clusterRoles[pick(rng, clusterRoles.size())]].rules.push_back({{"delete", "get"}, {""}, {"secrets", "pods/exec"}, {}, {}});
        auto &other = kube.roles[clusterRoles[pick(rng, clusterRoles.size())]];
        if (!other.rules.empty())
            other.rules.pop_back();
        for (const auto &r : kube.roles) {
            if (r.aggregated && !r.clusterRoleSelectors.empty() && !r.clusterRoleSelectors.front().matchLabels.empty()) {
                const auto &[key, value] = *r.clusterRoleSelectors.front().matchLabels.begin();
                kube.roles[clusterRoles[pick(rng, clusterRoles.size())]].labels[key] = value;
                break;
            }
        }
    }
    // Memberships: one member moved to another group, one group nested into another; a user renamed, one deleted.
    std::set<std::pair<entra::PrincipalId, entra::PrincipalId>> removed;
    std::vector<std::pair<entra::PrincipalId, entra::PrincipalId>> added;
    if (groups.size() > 2) {
        for (int tries = 0; tries < 50 && removed.empty(); ++tries) {
            const auto g = groups[pick(rng, groups.size())];
            const auto &members = base.directory.directMembers(g);
            if (members.empty())
                continue;
            const auto m = members[pick(rng, members.size())];
            removed.insert({g, m});
            added.push_back({groups[pick(rng, groups.size())], m});
        }
        added.push_back({groups[pick(rng, groups.size())], groups[pick(rng, groups.size())]});
    }
    entra::PrincipalId deleted = users.empty() ? entra::NoPrincipal : users[pick(rng, users.size())];
    s.directory = rebuilt(base.directory, removed, added, deleted);
    if (users.size() > 1) {
        // A new UPN: bindings that name the old one stop matching. Principals are values inside the directory:
        // rebuild once more with the renamed copy.
        entra::Directory renamed;
        const auto who = users[pick(rng, users.size())];
        for (entra::PrincipalId p = 0; p < s.directory.size(); ++p) {
            entra::Principal copy = s.directory.at(p);
            if (p == who && copy.type == entra::PrincipalType::User)
                copy.userPrincipalName = "renamed-" + copy.userPrincipalName;
            renamed.upsert(std::move(copy));
        }
        for (entra::PrincipalId g = 0; g < s.directory.size(); ++g)
            for (auto m : s.directory.directMembers(g))
                renamed.addMembership(g, m);
        renamed.finalize();
        s.directory = std::move(renamed);
    }
    // Azure: an assignment removed, one added at the resource group, a custom role with notDataActions.
    auto &az = s.azure;
    if (!az.assignments.empty())
        az.assignments.erase(az.assignments.begin() + std::ptrdiff_t(pick(rng, az.assignments.size())));
    if (!az.clusters.empty() && !groups.empty()) {
        const std::string rg = az.clusters.front().id.substr(0, az.clusters.front().id.find("/providers/"));
        azure::RoleDefinition custom;
        custom.id = "/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/dddddddd-0000-4000-8000-00000000000d";
        custom.name = "dddddddd-0000-4000-8000-00000000000d";
        custom.roleName = "Clearance Test Reader";
        custom.permissions.push_back({{}, {}, {"Microsoft.ContainerService/managedClusters/*/read"}, {"Microsoft.ContainerService/managedClusters/secrets/read"}});
        az.roleDefinitions.push_back(custom);
        for (const char *def : {"dddddddd-0000-4000-8000-00000000000d", "7f6c6a51-bcf8-42ba-9220-52d62157d7db"}) {
            azure::RoleAssignment a;
            a.id = rg + "/providers/Microsoft.Authorization/roleAssignments/clearance-test-" + def;
            a.name = def;
            a.principalId = base.directory.at(groups[pick(rng, groups.size())]).id;
            a.principalType = "Group";
            a.roleDefinitionId = std::string("/providers/Microsoft.Authorization/roleDefinitions/") + def;
            a.scope = rg;
            az.assignments.push_back(std::move(a));
        }
        for (auto &a : az.assignments)
            a.roleDefinition = -1;
        azure::resolveRoleDefinitions(az);
        auto &c = az.clusters.front();
        c.disableLocalAccounts = c.disableLocalAccounts || mix.localAccountsOff;
        c.enableAzureRbac = c.enableAzureRbac && !mix.azureRbacOff;
        if (mix.adminGroup)
            c.adminGroupObjectIds.push_back(base.directory.at(groups[pick(rng, groups.size())]).id);
    }
    return s;
}

// ---------------------------------------------------------------- the independent side of the check

/** Entra groups a binding subject, an assignment or the admin group list names (by the graph's own reachOf). */
std::set<std::string> namedGroups(const PermissionGraph &g)
{
    std::set<std::string> out;
    const auto &dir = g.snapshot().directory;
    for (const auto &b : g.snapshot().kube.bindings)
        for (const auto &s : b.subjects)
            if (const auto r = g.reachOf(s); r.kind == SubjectReach::Kind::MembersOf)
                out.insert(dir.at(r.principal).id);
    for (const auto &ca : g.clusterAssignments())
        if (ca.assignee != entra::NoPrincipal && dir.at(ca.assignee).type == entra::PrincipalType::Group)
            out.insert(dir.at(ca.assignee).id);
    if (const auto *c = g.cluster())
        for (const auto &oid : c->adminGroupObjectIds)
            out.insert(oid);
    return out;
}

/** Every party of either snapshot. */
std::vector<Party> everyone(const PermissionGraph &base, const PermissionGraph &head)
{
    std::map<std::string, Party> out;
    for (const PermissionGraph *g : {&base, &head}) {
        const auto &dir = g->snapshot().directory;
        const auto named = namedGroups(*g);
        for (entra::PrincipalId p = 0; p < dir.size(); ++p) {
            const auto &pr = dir.at(p);
            const bool group = pr.type == entra::PrincipalType::Group;
            if (pr.type == entra::PrincipalType::Unresolved || (group && !named.count(pr.id)))
                continue;
            out.emplace("p:" + pr.id, principalParty(*g, p));
        }
        for (const auto &b : g->snapshot().kube.bindings) {
            for (const auto &s : b.subjects) {
                Identity who;
                if (s.kind == k8s::Subject::Kind::ServiceAccount) {
                    const std::string ns = s.ns.empty() ? b.ns : s.ns;
                    if (ns.empty())
                        continue;
                    who = g->identityFor("system:serviceaccount:" + ns + ':' + s.name, {});
                } else if (s.kind == k8s::Subject::Kind::User && g->reachOf(s).kind != SubjectReach::Kind::Principal) {
                    who.user.name = s.name;
                } else if (s.kind == k8s::Subject::Kind::Group && g->reachOf(s).kind != SubjectReach::Kind::MembersOf) {
                    who.user.groups = {s.name};
                } else {
                    continue;
                }
                const Party p = partyOf(*g, who);
                out.emplace("k:" + p.key.toString(), p);
            }
        }
        for (const auto &sa : g->snapshot().kube.serviceAccounts) {
            const Party p = partyOf(*g, g->identityFor("system:serviceaccount:" + sa.ns + ':' + sa.name, {}));
            out.emplace("k:" + p.key.toString(), p);
        }
    }
    std::vector<Party> v;
    for (auto &[key, p] : out) {
        if (p.isEntra()) {
            p.inBase = base.snapshot().directory.find(p.key.name) != entra::NoPrincipal
                && base.snapshot().directory.at(base.snapshot().directory.find(p.key.name)).type != entra::PrincipalType::Unresolved;
            p.inHead = head.snapshot().directory.find(p.key.name) != entra::NoPrincipal
                && head.snapshot().directory.at(head.snapshot().directory.find(p.key.name)).type != entra::PrincipalType::Unresolved;
        }
        v.push_back(p);
    }
    return v;
}

/** The literal requests a profile's roles name: verbs, groups and resources without wildcards. */
void roleRequests(const PermissionGraph &g, const AccessProfile &profile, std::map<std::string, k8s::Request> &out)
{
    const auto &roles = g.kubernetes().cluster().roles;
    for (const auto &m : profile.bindings.matches) {
        if (m.role < 0)
            continue;
        for (const auto &rule : roles[std::size_t(m.role)].rules) {
            for (const auto &verb : rule.verbs) {
                if (verb == "*")
                    continue;
                for (const auto &path : rule.nonResourceURLs)
                    if (path.find('*') == std::string::npos)
                        out.emplace(verb + ' ' + path, k8s::Request{verb, false, {}, {}, {}, {}, {}, path});
                for (const auto &group : rule.apiGroups) {
                    for (const auto &res : rule.resources) {
                        if (group == "*" || res.find('*') != std::string::npos)
                            continue;
                        const auto slash = res.find('/');
                        const std::string name = rule.resourceNames.empty() ? std::string() : rule.resourceNames.front();
                        k8s::Request r{verb, true, group, res.substr(0, slash), slash == std::string::npos ? std::string() : res.substr(slash + 1), name, {}, {}};
                        out.emplace(verb + ' ' + group + '/' + res + '/' + name, r);
                    }
                }
            }
        }
    }
}

bool namespaced(const PermissionGraph &g, const k8s::Request &r)
{
    const auto *info = r.resourceRequest ? g.resources().find(r.apiGroup, r.resource) : nullptr;
    return r.resourceRequest && (!info || info->namespaced);
}

struct Checker
{
    const PermissionGraph &base, &head;
    const Comparison &c;
    std::vector<std::string> namespaces;
    std::map<std::string, k8s::Request> columns;
    std::size_t checks = 0;

    Checker(const PermissionGraph &b, const PermissionGraph &h, const Comparison &cmp)
        : base(b)
        , head(h)
        , c(cmp)
    {
        std::set<std::string> ns{"", "clearance-nowhere"};
        for (const PermissionGraph *g : {&base, &head}) {
            for (const auto &n : g->namespaces())
                ns.insert(n);
            for (const auto &col : defaultMatrixColumns(*g))
                columns.emplace(col.verb + ' ' + col.group + '/' + col.resourceLabel(), col.request({}));
        }
        namespaces.assign(ns.begin(), ns.end());
    }

    /** "" when the comparison says what check() says for every request of the party; else the first difference. */
    std::string party(const Party &p)
    {
        const std::optional<Identity> b = p.inBase ? identityIn(base, p) : std::nullopt;
        const std::optional<Identity> h = p.inHead ? identityIn(head, p) : std::nullopt;
        std::map<std::string, k8s::Request> requests = columns;
        if (b)
            roleRequests(base, base.profile(*b), requests);
        if (h)
            roleRequests(head, head.profile(*h), requests);
        for (const auto &[key, r] : requests) {
            for (const auto &ns : namespaces) {
                k8s::Request rb = r, rh = r;
                rb.ns = namespaced(base, r) ? ns : std::string();
                rh.ns = namespaced(head, r) ? ns : std::string();
                const bool before = b && base.check(*b, rb).allowed, after = h && head.check(*h, rh).allowed;
                const CellChange expected = before == after ? CellChange::Unchanged : (after ? CellChange::Gained : CellChange::Lost);
                k8s::Request asked = r;
                asked.ns = ns;
                ++checks;
                if (c.cellChange(p.key, asked) != expected)
                    return p.label() + ": " + asked.describe() + (expected == CellChange::Unchanged ? " did not change" : after ? " was gained" : " was lost");
                if (!namespaced(base, r) && !namespaced(head, r))
                    break; // cluster-scoped: one namespace says it all
            }
        }
        return {};
    }

    /** Every line the comparison reports has a cause, and each of its requests differs as it says. */
    std::string lines()
    {
        for (const auto &d : c.identities) {
            const auto b = d.who.inBase ? identityIn(base, d.who) : std::nullopt, h = d.who.inHead ? identityIn(head, d.who) : std::nullopt;
            for (const auto *list : {&d.gained, &d.lost}) {
                for (const auto &line : *list) {
                    if (line.causes.empty())
                        return d.who.label() + ": no cause for " + line.text();
                    for (auto r : line.requests) {
                        if (line.scope.kind == Scope::Kind::Namespace)
                            r.ns = line.scope.ns;
                        const bool before = b && base.check(*b, r).allowed, after = h && head.check(*h, r).allowed;
                        ++checks;
                        if (list == &d.gained ? (before || !after) : (!before || after))
                            return d.who.label() + ": " + r.describe() + " is not " + (list == &d.gained ? "gained" : "lost");
                    }
                }
            }
        }
        return {};
    }
};

} // namespace

class TestCompareAgreement final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    Snapshot generate(int seed, const QStringList &size)
    {
        const QString dir = m_tmp.filePath(QStringLiteral("tenant-%1").arg(seed));
        QProcess gen;
        gen.start(QStringLiteral(CLEARANCE_GEN_TENANT), QStringList{dir} + size + QStringList{QStringLiteral("--seed"), QString::number(seed)});
        if (!gen.waitForFinished(120000) || gen.exitCode() != 0)
            qFatal("clearance-gen-tenant failed: %s", gen.readAllStandardError().constData());
        return loadSnapshot({dir.toStdString()});
    }

    static QStringList small()
    {
        return QStringList{QStringLiteral("--users"), QStringLiteral("150"), QStringLiteral("--groups"), QStringLiteral("40"), QStringLiteral("--sps"),
                           QStringLiteral("20"), QStringLiteral("--namespaces"), QStringLiteral("5"), QStringLiteral("--bindings"),
                           QStringLiteral("70"), QStringLiteral("--assignments"), QStringLiteral("30")};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void everyIdentity_data()
    {
        QTest::addColumn<int>("seed");
        QTest::addColumn<bool>("localAccountsOff");
        QTest::addColumn<bool>("adminGroup");
        QTest::addColumn<bool>("azureRbacOff");
        QTest::newRow("tenant 11: bindings, roles, memberships, assignments") << 11 << false << false << false;
        QTest::newRow("tenant 12: and local accounts off, an admin group") << 12 << true << true << false;
        QTest::newRow("tenant 13: and Azure RBAC off") << 13 << false << false << true;
    }

    /** Every identity of either snapshot: what the comparison says equals check() on both sides. */
    void everyIdentity()
    {
        QFETCH(int, seed);
        QFETCH(bool, localAccountsOff);
        QFETCH(bool, adminGroup);
        QFETCH(bool, azureRbacOff);
        const Snapshot snapshot = generate(seed, small());
        const PermissionGraph base(snapshot);
        const PermissionGraph head(mutate(snapshot, std::uint64_t(seed), {localAccountsOff, adminGroup, azureRbacOff}));
        const Comparison c = compare::compare(base, head);
        QVERIFY2(c.gainedCount() + c.lostCount() > 10, "the mix of changes should alter access"); // (local accounts off may mask the gains)
        const auto parties = everyone(base, head);
        QVERIFY(c.evaluated < parties.size() || azureRbacOff); // pruning happened (Azure RBAC off reaches every Entra caller)
        Checker check(base, head, c);
        QCOMPARE(QString::fromStdString(check.lines()), QString());
        for (const Party &p : parties)
            QCOMPARE(QString::fromStdString(check.party(p)), QString());
        qInfo("%zu identities, %zu evaluated by the comparison, %zu gained, %zu lost, %zu checks", parties.size(), c.evaluated, c.gainedCount(),
              c.lostCount(), check.checks);
    }

    /** A larger tenant: every reported line, and a sample of every identity. */
    void largerTenant()
    {
#if defined(__SANITIZE_ADDRESS__)
        // Under AddressSanitizer (the asan preset) everything runs about ten times slower: a fifth of
        // the tenant keeps the same mix of changes within the test's time limit.
        const QStringList size{QStringLiteral("--users"), QStringLiteral("600"), QStringLiteral("--groups"), QStringLiteral("120"),
                               QStringLiteral("--sps"), QStringLiteral("40"), QStringLiteral("--namespaces"), QStringLiteral("8"),
                               QStringLiteral("--bindings"), QStringLiteral("180"), QStringLiteral("--assignments"), QStringLiteral("60")};
#else
        const QStringList size{QStringLiteral("--users"), QStringLiteral("3000"), QStringLiteral("--groups"), QStringLiteral("600"),
                               QStringLiteral("--sps"), QStringLiteral("200"), QStringLiteral("--namespaces"), QStringLiteral("30"),
                               QStringLiteral("--bindings"), QStringLiteral("900"), QStringLiteral("--assignments"), QStringLiteral("300")};
#endif
        const Snapshot snapshot = generate(21, size);
        const PermissionGraph base(snapshot);
        const PermissionGraph head(mutate(snapshot, 21, {true, true, false}));
        const Comparison c = compare::compare(base, head);
        QVERIFY(c.gainedCount() > 0 && c.lostCount() > 0);
        Checker check(base, head, c);
        QCOMPARE(QString::fromStdString(check.lines()), QString());
        const auto parties = everyone(base, head);
        Rng rng(21);
        for (int i = 0; i < 60; ++i)
            QCOMPARE(QString::fromStdString(check.party(parties[pick(rng, parties.size())])), QString());
        const std::size_t stride = std::max<std::size_t>(1, c.identities.size() / 60);
        for (std::size_t i = 0; i < c.identities.size(); i += stride) // and a spread of those the comparison names
            QCOMPARE(QString::fromStdString(check.party(c.identities[i].who)), QString());
        qInfo("%zu identities, %zu evaluated by the comparison, %zu gained, %zu lost, %zu checks", parties.size(), c.evaluated, c.gainedCount(),
              c.lostCount(), check.checks);
    }
};

QTEST_GUILESS_MAIN(TestCompareAgreement)
#include "tst_compareagreement.moc"
