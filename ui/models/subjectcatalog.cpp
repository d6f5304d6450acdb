// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/subjectcatalog.h"

#include "common/stringconv.h"
#include "graph/matrixrows.h"
#include "kubernetes/request.h"

#include <QStringList>

#include <algorithm>
#include <cctype>

namespace clr::ui {

namespace {

constexpr std::string_view kWorkloadClientId = "azure.workload.identity/client-id";

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// ASCII only, without the locale call of std::tolower: the identities filter runs this over
// every name of a 200k-user tenant on each keystroke.
inline char asciiLower(char c)
{
    return unsigned(c - 'A') < 26u ? char(c + 32) : c;
}

bool containsLower(std::string_view haystack, std::string_view lowerNeedle)
{
    if (lowerNeedle.empty())
        return true;
    if (haystack.size() < lowerNeedle.size())
        return false;
    const char first = lowerNeedle.front();
    const std::size_t last = haystack.size() - lowerNeedle.size();
    for (std::size_t i = 0; i <= last; ++i) {
        if (asciiLower(haystack[i]) != first)
            continue;
        std::size_t k = 1;
        while (k < lowerNeedle.size() && asciiLower(haystack[i + k]) == lowerNeedle[k])
            ++k;
        if (k == lowerNeedle.size())
            return true;
    }
    return false;
}

SubjectKind kindOf(const entra::Principal &p)
{
    switch (p.type) {
    case entra::PrincipalType::User:
        return SubjectKind::User;
    case entra::PrincipalType::Group:
        return SubjectKind::Group;
    case entra::PrincipalType::ServicePrincipal:
        return p.isManagedIdentity() ? SubjectKind::ManagedIdentity : SubjectKind::ServicePrincipal;
    case entra::PrincipalType::Unresolved:
        break;
    }
    return SubjectKind::UnresolvedPrincipal;
}

} // namespace

SubjectCatalog::SubjectCatalog(const PermissionGraph &graph)
    : m_graph(graph)
{
    indexDirectory();
    indexServiceAccounts();
    indexKubernetesSubjects();
}

void SubjectCatalog::indexDirectory()
{
    const auto &dir = m_graph.snapshot().directory;
    m_position.assign(dir.size(), -1);
    m_sharedName.assign(dir.size(), false);
    m_searchOffsets.reserve(dir.size() + 1);
    for (entra::PrincipalId p = 0; p < dir.size(); ++p) {
        const auto &pr = dir.at(p);
        m_searchOffsets.push_back(std::uint32_t(m_searchText.size()));
        for (const std::string *field : {&pr.displayName, &pr.userPrincipalName, &pr.id, &pr.appId}) {
            for (char c : *field)
                m_searchText.push_back(asciiLower(c));
            m_searchText.push_back('\n');
        }
        const SubjectKind kind = kindOf(pr);
        m_lists[std::size_t(kind)].push_back({kind, p});
        if (pr.type == entra::PrincipalType::User || pr.type == entra::PrincipalType::ServicePrincipal)
            m_byKubernetesName.emplace(m_graph.kubernetesUserName(p), p);
        if (!pr.appId.empty())
            m_byAppId.emplace(lower(pr.appId), p);
    }
    m_searchOffsets.push_back(std::uint32_t(m_searchText.size()));
    for (SubjectKind kind : {SubjectKind::User, SubjectKind::Group, SubjectKind::ServicePrincipal, SubjectKind::ManagedIdentity,
                             SubjectKind::UnresolvedPrincipal}) {
        sortList(kind);
        const auto &list = m_lists[std::size_t(kind)];
        for (std::size_t i = 0; i < list.size(); ++i)
            m_position[list[i].id] = int(i);
    }
}

void SubjectCatalog::sortList(SubjectKind kind)
{
    auto &list = m_lists[std::size_t(kind)];
    std::vector<std::pair<std::string, SubjectRef>> keyed;
    keyed.reserve(list.size());
    for (const auto &ref : list)
        keyed.emplace_back(sortKey(ref), ref);
    std::sort(keyed.begin(), keyed.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    for (std::size_t i = 0; i < keyed.size(); ++i) {
        list[i] = keyed[i].second;
        // Sorted: namesakes are neighbours. 200k users from a name pool would otherwise be indistinguishable rows.
        if (i > 0 && keyed[i].first == keyed[i - 1].first)
            m_sharedName[keyed[i].second.id] = m_sharedName[keyed[i - 1].second.id] = true;
    }
}

std::string SubjectCatalog::sortKey(SubjectRef ref) const
{
    const auto &p = m_graph.snapshot().directory.at(ref.id);
    return lower(p.displayName.empty() ? p.id : p.displayName);
}

void SubjectCatalog::indexServiceAccounts()
{
    // The same service accounts every identity matrix lists (graph/matrixrows.h), sorted by namespace and name.
    for (auto &sa : serviceAccountsOf(m_graph))
        m_serviceAccounts.push_back({std::move(sa.ns), std::move(sa.name), sa.source});
    m_saNamespaceIndex.resize(m_serviceAccounts.size());
    m_saPosition.resize(m_serviceAccounts.size());
    for (std::uint32_t i = 0; i < m_serviceAccounts.size(); ++i) {
        const auto &sa = m_serviceAccounts[i];
        m_saByKey[sa.ns + '/' + sa.name] = i;
        if (m_saNamespaces.empty() || m_saNamespaces.back() != sa.ns) {
            m_saNamespaces.push_back(sa.ns);
            m_saByNamespace.emplace_back();
        }
        const SubjectRef ref{SubjectKind::ServiceAccount, i};
        m_saNamespaceIndex[i] = m_saNamespaces.size() - 1;
        m_saPosition[i] = int(m_saByNamespace.back().size());
        m_saByNamespace.back().push_back(ref);
        m_lists[std::size_t(SubjectKind::ServiceAccount)].push_back(ref);
    }
}

void SubjectCatalog::indexKubernetesSubjects()
{
    m_kubeUsers = kubernetesOnlyUsers(m_graph);
    m_kubeGroups = kubernetesOnlyGroups(m_graph);
    for (std::uint32_t i = 0; i < m_kubeUsers.size(); ++i)
        m_lists[std::size_t(SubjectKind::KubernetesUser)].push_back({SubjectKind::KubernetesUser, i});
    for (std::uint32_t i = 0; i < m_kubeGroups.size(); ++i)
        m_lists[std::size_t(SubjectKind::KubernetesGroup)].push_back({SubjectKind::KubernetesGroup, i});
}

int SubjectCatalog::position(SubjectRef ref) const
{
    if (ref.isEntra())
        return ref.id < m_position.size() ? m_position[ref.id] : -1;
    if (ref.kind == SubjectKind::ServiceAccount)
        return m_saPosition[ref.id];
    return int(ref.id);
}

SubjectRef SubjectCatalog::principalRef(entra::PrincipalId principal) const
{
    return {kindOf(m_graph.snapshot().directory.at(principal)), principal};
}

std::optional<SubjectRef> SubjectCatalog::findServiceAccount(const std::string &ns, const std::string &name) const
{
    auto it = m_saByKey.find(ns + '/' + name);
    if (it == m_saByKey.end())
        return std::nullopt;
    return SubjectRef{SubjectKind::ServiceAccount, it->second};
}

std::optional<SubjectRef> SubjectCatalog::findKubernetesUser(const std::string &userName) const
{
    if (auto it = m_byKubernetesName.find(userName); it != m_byKubernetesName.end())
        return principalRef(it->second);
    std::string ns, name;
    if (k8s::parseServiceAccountUser(userName, &ns, &name))
        return findServiceAccount(ns, name);
    auto it = std::lower_bound(m_kubeUsers.begin(), m_kubeUsers.end(), userName);
    if (it == m_kubeUsers.end() || *it != userName)
        return std::nullopt;
    return SubjectRef{SubjectKind::KubernetesUser, std::uint32_t(it - m_kubeUsers.begin())};
}

std::optional<SubjectRef> SubjectCatalog::findKubernetesGroup(const std::string &groupName) const
{
    if (const auto id = m_graph.snapshot().directory.find(groupName); id != entra::NoPrincipal)
        return principalRef(id);
    auto it = std::lower_bound(m_kubeGroups.begin(), m_kubeGroups.end(), groupName);
    if (it == m_kubeGroups.end() || *it != groupName)
        return std::nullopt;
    return SubjectRef{SubjectKind::KubernetesGroup, std::uint32_t(it - m_kubeGroups.begin())};
}

std::optional<SubjectRef> SubjectCatalog::resolveRef(const ObjectRef &ref) const
{
    switch (ref.kind) {
    case ObjectRef::Kind::Principal: {
        const auto id = m_graph.snapshot().directory.find(ref.name);
        return id == entra::NoPrincipal ? std::nullopt : std::optional(principalRef(id));
    }
    case ObjectRef::Kind::User:
        return findKubernetesUser(ref.name);
    case ObjectRef::Kind::Group:
        return findKubernetesGroup(ref.name);
    case ObjectRef::Kind::ServiceAccount:
        return findServiceAccount(ref.ns, ref.name);
    default:
        return std::nullopt;
    }
}

ObjectRef SubjectCatalog::refOf(SubjectRef ref) const
{
    if (ref.isEntra())
        return {ObjectRef::Kind::Principal, m_graph.snapshot().directory.at(ref.id).id};
    if (ref.kind == SubjectKind::KubernetesGroup)
        return {ObjectRef::Kind::Group, m_kubeGroups[ref.id]};
    if (ref.kind == SubjectKind::ServiceAccount)
        return {ObjectRef::Kind::ServiceAccount, m_serviceAccounts[ref.id].ns, m_serviceAccounts[ref.id].name};
    return {ObjectRef::Kind::User, toStd(kubernetesName(ref))};
}

QString SubjectCatalog::name(SubjectRef ref) const
{
    if (ref.kind == SubjectKind::ServiceAccount)
        return toQString(m_serviceAccounts[ref.id].ns + '/' + m_serviceAccounts[ref.id].name);
    return shortName(ref);
}

QString SubjectCatalog::label(SubjectRef ref) const
{
    if (ref.isEntra() && m_sharedName[ref.id])
        return QStringLiteral("%1 (%2)").arg(name(ref), kubernetesName(ref));
    return name(ref);
}

QString SubjectCatalog::shortName(SubjectRef ref) const
{
    switch (ref.kind) {
    case SubjectKind::ServiceAccount:
        return toQString(m_serviceAccounts[ref.id].name);
    case SubjectKind::KubernetesUser:
        return toQString(m_kubeUsers[ref.id]);
    case SubjectKind::KubernetesGroup:
        return toQString(m_kubeGroups[ref.id]);
    default:
        break;
    }
    const auto &p = m_graph.snapshot().directory.at(ref.id);
    return toQString(p.displayName.empty() ? p.id : p.displayName);
}

QString SubjectCatalog::kubernetesName(SubjectRef ref) const
{
    switch (ref.kind) {
    case SubjectKind::ServiceAccount:
        return toQString("system:serviceaccount:" + m_serviceAccounts[ref.id].ns + ':' + m_serviceAccounts[ref.id].name);
    case SubjectKind::KubernetesUser:
    case SubjectKind::KubernetesGroup:
        return shortName(ref);
    case SubjectKind::Group:
    case SubjectKind::UnresolvedPrincipal:
        return toQString(m_graph.snapshot().directory.at(ref.id).id);
    default:
        return toQString(m_graph.kubernetesUserName(ref.id));
    }
}

QString SubjectCatalog::kindLabel(SubjectRef ref) const
{
    switch (ref.kind) {
    case SubjectKind::User:
        return m_graph.snapshot().directory.at(ref.id).guest ? QStringLiteral("Guest user") : QStringLiteral("User");
    case SubjectKind::Group:
        return QStringLiteral("Group");
    case SubjectKind::ServicePrincipal:
        return QStringLiteral("Service principal");
    case SubjectKind::ManagedIdentity:
        return QStringLiteral("Managed identity");
    case SubjectKind::ServiceAccount:
        return QStringLiteral("Service account");
    case SubjectKind::KubernetesUser:
        return QStringLiteral("Kubernetes user");
    case SubjectKind::KubernetesGroup:
        return QStringLiteral("Kubernetes group");
    case SubjectKind::UnresolvedPrincipal:
        return QStringLiteral("Unresolved object ID");
    }
    return {};
}

QString SubjectCatalog::toolTip(SubjectRef ref) const
{
    QStringList lines{QStringLiteral("<b>%1</b> (%2)").arg(name(ref).toHtmlEscaped(), kindLabel(ref))};
    if (ref.isEntra()) {
        const auto &p = m_graph.snapshot().directory.at(ref.id);
        lines << QStringLiteral("Object ID: %1").arg(toQString(p.id));
        if (!p.userPrincipalName.empty())
            lines << QStringLiteral("Sign-in: %1").arg(toQString(p.userPrincipalName).toHtmlEscaped());
        if (!p.appId.empty())
            lines << QStringLiteral("App ID: %1").arg(toQString(p.appId));
        if (!p.accountEnabled)
            lines << QStringLiteral("<i>Account disabled: its access is latent</i>");
    }
    if (ref.kind != SubjectKind::Group)
        lines << QStringLiteral("Kubernetes sees: %1").arg(kubernetesName(ref).toHtmlEscaped());
    if (unresolved(ref))
        lines << QStringLiteral("<i>Unresolved: named in a binding or assignment, not found in the Entra export</i>");
    return lines.join(QStringLiteral("<br>"));
}

bool SubjectCatalog::unresolved(SubjectRef ref) const
{
    if (ref.kind == SubjectKind::UnresolvedPrincipal)
        return true;
    if (ref.kind == SubjectKind::KubernetesUser || ref.kind == SubjectKind::KubernetesGroup)
        return !shortName(ref).startsWith(QLatin1String("system:"));
    if (ref.kind == SubjectKind::ServiceAccount)
        return m_serviceAccounts[ref.id].source < 0;
    return false;
}

bool SubjectCatalog::disabled(SubjectRef ref) const
{
    return ref.isEntra() && !m_graph.snapshot().directory.at(ref.id).accountEnabled;
}

bool SubjectCatalog::matches(SubjectRef ref, std::string_view lowerNeedle) const
{
    if (!ref.isEntra()) {
        if (ref.kind == SubjectKind::ServiceAccount)
            return containsLower(m_serviceAccounts[ref.id].ns + '/' + m_serviceAccounts[ref.id].name, lowerNeedle);
        return containsLower(ref.kind == SubjectKind::KubernetesUser ? m_kubeUsers[ref.id] : m_kubeGroups[ref.id], lowerNeedle);
    }
    const std::string_view text(m_searchText.data() + m_searchOffsets[ref.id], m_searchOffsets[ref.id + 1] - m_searchOffsets[ref.id]);
    return text.find(lowerNeedle) != std::string_view::npos;
}

Identity SubjectCatalog::identity(SubjectRef ref) const
{
    return identityOfRow(m_graph, requesterRow(ref));
}

RequesterRow SubjectCatalog::requesterRow(SubjectRef ref) const
{
    switch (ref.kind) {
    case SubjectKind::ServiceAccount:
        return serviceAccountRow(m_serviceAccounts[ref.id].ns, m_serviceAccounts[ref.id].name);
    case SubjectKind::KubernetesUser:
        return kubernetesUserRow(m_kubeUsers[ref.id]);
    case SubjectKind::KubernetesGroup:
        return kubernetesGroupRow(m_kubeGroups[ref.id]);
    default:
        return requesterRowOf(m_graph, ref.id);
    }
}

std::vector<SubjectRef> SubjectCatalog::directMembers(SubjectRef group) const
{
    std::vector<SubjectRef> out;
    if (group.kind != SubjectKind::Group)
        return out;
    for (auto m : m_graph.snapshot().directory.directMembers(group.id))
        out.push_back(principalRef(m));
    std::sort(out.begin(), out.end(), [this](SubjectRef a, SubjectRef b) {
        const bool ga = a.kind == SubjectKind::Group, gb = b.kind == SubjectKind::Group;
        if (ga != gb)
            return ga;
        return sortKey(a) < sortKey(b);
    });
    return out;
}

std::vector<SubjectRef> SubjectCatalog::transitiveMembers(SubjectRef group) const
{
    std::vector<SubjectRef> out;
    if (group.kind != SubjectKind::Group)
        return out;
    for (auto m : m_graph.snapshot().directory.transitiveMembers(group.id)) {
        const SubjectRef ref = principalRef(m);
        if (ref.kind != SubjectKind::Group)
            out.push_back(ref);
    }
    std::sort(out.begin(), out.end(), [this](SubjectRef a, SubjectRef b) {
        return std::make_pair(int(a.kind), position(a)) < std::make_pair(int(b.kind), position(b));
    });
    return out;
}

std::vector<SubjectRef> SubjectCatalog::allRequesters() const
{
    std::vector<SubjectRef> out;
    for (SubjectKind kind : {SubjectKind::User, SubjectKind::ServicePrincipal, SubjectKind::ManagedIdentity, SubjectKind::ServiceAccount,
                             SubjectKind::KubernetesUser, SubjectKind::KubernetesGroup, SubjectKind::UnresolvedPrincipal}) {
        const auto &list = subjects(kind);
        out.insert(out.end(), list.begin(), list.end());
    }
    return out;
}

std::optional<SubjectRef> SubjectCatalog::workloadIdentityOf(SubjectRef serviceAccount) const
{
    if (serviceAccount.kind != SubjectKind::ServiceAccount || m_serviceAccounts[serviceAccount.id].source < 0)
        return std::nullopt;
    const auto &sa = m_graph.kubernetes().cluster().serviceAccounts[std::size_t(m_serviceAccounts[serviceAccount.id].source)];
    auto ann = sa.annotations.find(std::string(kWorkloadClientId));
    if (ann == sa.annotations.end())
        return std::nullopt;
    auto it = m_byAppId.find(lower(ann->second));
    if (it == m_byAppId.end())
        return std::nullopt;
    return principalRef(it->second);
}

} // namespace clr::ui
