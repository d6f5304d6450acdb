// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/rbacobjectsmodel.h"

#include "drafts/identitydrophandler.h"
#include "drafts/identitymime.h"
#include "common/stringconv.h"
#include "models/itemroles.h"

#include <QBrush>
#include <QFont>
#include <QLocale>

#include <algorithm>

namespace clr::ui {

namespace {

using Folder = RbacObjectsModel::Folder;

constexpr quintptr kFolderId = 0; // internalId of folder rows; objects carry folder + 1

QString folderLabel(Folder f)
{
    switch (f) {
    case Folder::Roles:
        return RbacObjectsModel::tr("Roles");
    case Folder::ClusterRoles:
        return RbacObjectsModel::tr("ClusterRoles");
    case Folder::RoleBindings:
        return RbacObjectsModel::tr("RoleBindings");
    case Folder::ClusterRoleBindings:
        return RbacObjectsModel::tr("ClusterRoleBindings");
    case Folder::RoleDefinitions:
        return RbacObjectsModel::tr("Azure role definitions");
    case Folder::Assignments:
        return RbacObjectsModel::tr("Azure role assignments");
    case Folder::Count:
        break;
    }
    return {};
}

ObjectKind folderKind(Folder f)
{
    constexpr ObjectKind kinds[] = {ObjectKind::Role, ObjectKind::ClusterRole, ObjectKind::RoleBinding, ObjectKind::ClusterRoleBinding,
                                    ObjectKind::RoleDefinition, ObjectKind::Assignment};
    return kinds[std::size_t(f)];
}

QString lastSegments(const std::string &scope)
{
    const QStringList parts = toQString(scope).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.size() < 2)
        return toQString(scope);
    return parts[parts.size() - 2] + QLatin1Char('/') + parts.last();
}

} // namespace

RbacObjectsModel::RbacObjectsModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void RbacObjectsModel::setSession(SessionPtr session)
{
    beginResetModel();
    m_session = std::move(session);
    for (auto &f : m_folders)
        f.clear();
    m_byRef.clear();
    if (m_session)
        build();
    endResetModel();
}

void RbacObjectsModel::build()
{
    const auto &kube = m_session->graph->kubernetes().cluster();
    const auto &az = m_session->graph->snapshot().azure;
    for (std::uint32_t i = 0; i < kube.roles.size(); ++i)
        m_folders[std::size_t(kube.roles[i].cluster ? Folder::ClusterRoles : Folder::Roles)].push_back(
            {kube.roles[i].cluster ? ObjectKind::ClusterRole : ObjectKind::Role, i});
    for (std::uint32_t i = 0; i < kube.bindings.size(); ++i)
        m_folders[std::size_t(kube.bindings[i].cluster ? Folder::ClusterRoleBindings : Folder::RoleBindings)].push_back(
            {kube.bindings[i].cluster ? ObjectKind::ClusterRoleBinding : ObjectKind::RoleBinding, i});
    for (std::uint32_t i = 0; i < az.roleDefinitions.size(); ++i)
        m_folders[std::size_t(Folder::RoleDefinitions)].push_back({ObjectKind::RoleDefinition, i});
    for (std::uint32_t i = 0; i < az.assignments.size(); ++i)
        m_folders[std::size_t(Folder::Assignments)].push_back({ObjectKind::Assignment, i});
    for (std::size_t f = 0; f < m_folders.size(); ++f) {
        auto &list = m_folders[f];
        std::vector<std::pair<QString, RbacObject>> keyed;
        for (const auto &o : list)
            keyed.emplace_back(name(o).toLower(), o);
        std::stable_sort(keyed.begin(), keyed.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        for (std::size_t r = 0; r < keyed.size(); ++r) {
            list[r] = keyed[r].second;
            m_byRef.emplace(refOf(list[r]).toString(), std::make_pair(int(f), int(r)));
        }
    }
}

clr::ObjectRef RbacObjectsModel::refOf(RbacObject o) const
{
    using K = clr::ObjectRef::Kind;
    const auto &kube = m_session->graph->kubernetes().cluster();
    const auto &az = m_session->graph->snapshot().azure;
    switch (o.kind) {
    case ObjectKind::Role:
        return {K::Role, kube.roles[o.index].ns, kube.roles[o.index].name};
    case ObjectKind::ClusterRole:
        return {K::ClusterRole, kube.roles[o.index].name};
    case ObjectKind::RoleBinding:
        return {K::RoleBinding, kube.bindings[o.index].ns, kube.bindings[o.index].name};
    case ObjectKind::ClusterRoleBinding:
        return {K::ClusterRoleBinding, kube.bindings[o.index].name};
    case ObjectKind::RoleDefinition:
        return {K::RoleDefinition, az.roleDefinitions[o.index].id};
    case ObjectKind::Assignment:
        return {K::Assignment, az.assignments[o.index].id};
    default:
        return {};
    }
}

QModelIndex RbacObjectsModel::indexOfRef(const clr::ObjectRef &ref) const
{
    auto it = m_byRef.find(ref.toString());
    if (it == m_byRef.end())
        return {};
    return index(it->second.second, 0, index(it->second.first, 0));
}

QString RbacObjectsModel::name(RbacObject o) const
{
    const auto &kube = m_session->graph->kubernetes().cluster();
    const auto &az = m_session->graph->snapshot().azure;
    switch (o.kind) {
    case ObjectKind::Role:
        return toQString(kube.roles[o.index].ns + '/' + kube.roles[o.index].name);
    case ObjectKind::ClusterRole:
        return toQString(kube.roles[o.index].name);
    case ObjectKind::RoleBinding:
        return toQString(kube.bindings[o.index].ns + '/' + kube.bindings[o.index].name);
    case ObjectKind::ClusterRoleBinding:
        return toQString(kube.bindings[o.index].name);
    case ObjectKind::RoleDefinition:
        return toQString(az.roleDefinitions[o.index].roleName);
    case ObjectKind::Assignment: {
        const auto &a = az.assignments[o.index];
        const auto *def = az.definitionOf(a);
        const std::string role = def ? def->roleName : (a.roleDefinitionName.empty() ? a.roleDefinitionId : a.roleDefinitionName);
        const auto &dir = m_session->graph->snapshot().directory;
        const auto p = dir.find(a.principalId);
        const std::string who = p != entra::NoPrincipal && !dir.at(p).displayName.empty() ? dir.at(p).displayName : a.principalId;
        return toQString(role + " → " + who);
    }
    default:
        return {};
    }
}

bool RbacObjectsModel::broken(RbacObject o) const
{
    if (o.kind == ObjectKind::RoleBinding || o.kind == ObjectKind::ClusterRoleBinding)
        return m_session->graph->kubernetes().roleOf(o.index) < 0;
    if (o.kind == ObjectKind::Assignment) {
        const auto &a = m_session->graph->snapshot().azure.assignments[o.index];
        const auto &dir = m_session->graph->snapshot().directory;
        const auto p = dir.find(a.principalId);
        return !m_session->graph->snapshot().azure.definitionOf(a)
            || (m_session->graph->snapshot().hasEntra() && (p == entra::NoPrincipal || dir.at(p).type == entra::PrincipalType::Unresolved));
    }
    return false;
}

QString RbacObjectsModel::detail(RbacObject o) const
{
    const auto &kube = m_session->graph->kubernetes().cluster();
    const auto &az = m_session->graph->snapshot().azure;
    switch (o.kind) {
    case ObjectKind::Role:
    case ObjectKind::ClusterRole: {
        const auto &r = kube.roles[o.index];
        const QString rules = tr("%n rule(s)", nullptr, int(r.rules.size()));
        return r.aggregated ? tr("aggregated, %1").arg(rules) : rules;
    }
    case ObjectKind::RoleBinding:
    case ObjectKind::ClusterRoleBinding: {
        const auto &b = kube.bindings[o.index];
        QString text = QStringLiteral("→ %1 %2").arg(toQString(b.roleRef.kind), toQString(b.roleRef.name));
        if (broken(o))
            text += tr(" (missing: grants nothing)");
        return text + tr(" · %n subject(s)", nullptr, int(b.subjects.size()));
    }
    case ObjectKind::RoleDefinition: {
        const auto &d = az.roleDefinitions[o.index];
        int data = 0;
        for (const auto &p : d.permissions)
            data += int(p.dataActions.size());
        return (d.builtin ? tr("built-in") : tr("custom")) + tr(" · %n data action(s)", nullptr, data);
    }
    case ObjectKind::Assignment: {
        const auto &a = az.assignments[o.index];
        QString text = lastSegments(a.scope);
        if (!a.condition.empty())
            text += tr(" · conditional");
        if (broken(o))
            text += tr(" · unresolved");
        return text;
    }
    default:
        return {};
    }
}

QModelIndex RbacObjectsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, parent.isValid() ? quintptr(parent.row() + 1) : kFolderId);
}

QModelIndex RbacObjectsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kFolderId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kFolderId);
}

int RbacObjectsModel::rowCount(const QModelIndex &parent) const
{
    if (!m_session)
        return 0;
    if (!parent.isValid())
        return int(Folder::Count);
    if (parent.column() > 0 || parent.internalId() != kFolderId)
        return 0;
    return int(m_folders[std::size_t(parent.row())].size());
}

int RbacObjectsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

std::optional<RbacObject> RbacObjectsModel::objectAt(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || index.internalId() == kFolderId)
        return std::nullopt;
    return m_folders[std::size_t(index.internalId() - 1)][std::size_t(index.row())];
}

QVariant RbacObjectsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kFolderId)
        return folderData(Folder(index.row()), index.column(), role);
    return objectData(*objectAt(index), index.column(), role);
}

QVariant RbacObjectsModel::folderData(Folder f, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        if (column == NameColumn)
            return QStringLiteral("%1 (%2)").arg(folderLabel(f), QLocale().toString(qulonglong(m_folders[std::size_t(f)].size())));
        return {};
    case FilterTextRole:
    case SortRole:
        return column == NameColumn ? folderLabel(f) : QString();
    case Qt::DecorationRole:
        return column == NameColumn ? QVariant(kindicons::object(folderKind(f))) : QVariant();
    case Qt::FontRole: {
        QFont font;
        font.setBold(true);
        return font;
    }
    default:
        return {};
    }
}

QVariant RbacObjectsModel::objectData(RbacObject o, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        return column == NameColumn ? name(o) : detail(o);
    case FilterTextRole:
        return name(o) + QLatin1Char(' ') + detail(o);
    case Qt::ToolTipRole:
        return name(o) + QLatin1Char('\n') + detail(o);
    case Qt::DecorationRole:
        return column == NameColumn ? QVariant(kindicons::object(o.kind)) : QVariant();
    case Qt::ForegroundRole:
        return broken(o) ? QVariant(QBrush(QColor(0xc6, 0x28, 0x28))) : QVariant();
    case RefRole:
        return toQString(refOf(o).toString());
    default:
        return {};
    }
}

QVariant RbacObjectsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Name") : tr("Details");
}

// ---------------------------------------------------------------- drafting drops

namespace {
std::optional<DropTarget> dropTargetOf(const Session &session, RbacObject o)
{
    const auto &kube = session.graph->kubernetes().cluster();
    switch (o.kind) {
    case ObjectKind::Role:
        return DropTarget{DropTarget::Kind::Role, kube.roles[o.index].name, kube.roles[o.index].ns, {}};
    case ObjectKind::ClusterRole:
        return DropTarget{DropTarget::Kind::ClusterRole, kube.roles[o.index].name, {}, {}};
    case ObjectKind::RoleDefinition: {
        const auto &def = session.graph->snapshot().azure.roleDefinitions[o.index];
        return DropTarget{DropTarget::Kind::RoleDefinition, def.id, {}, def.roleName};
    }
    default:
        return std::nullopt;
    }
}
} // namespace

Qt::ItemFlags RbacObjectsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractItemModel::flags(index);
    const auto o = objectAt(index);
    if (m_dropHandler && o && dropTargetOf(*m_session, *o))
        f |= Qt::ItemIsDropEnabled;
    return f;
}

QStringList RbacObjectsModel::mimeTypes() const
{
    return {kIdentityMimeType};
}

bool RbacObjectsModel::canDropMimeData(const QMimeData *data, Qt::DropAction, int, int, const QModelIndex &parent) const
{
    const auto o = objectAt(parent);
    const auto target = o && m_dropHandler ? dropTargetOf(*m_session, *o) : std::nullopt;
    return target && m_dropHandler->canDropIdentities(data, *target);
}

bool RbacObjectsModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    return m_dropHandler->dropIdentities(data, *dropTargetOf(*m_session, *objectAt(parent)));
}

} // namespace clr::ui
