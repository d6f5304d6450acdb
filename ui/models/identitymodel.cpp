// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/identitymodel.h"

#include "drafts/identitymime.h"
#include "common/kindicons.h"
#include "models/itemroles.h"

#include <QBrush>
#include <QFont>
#include <QLocale>
#include <QPalette>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace clr::ui {

namespace {

using Folder = IdentityModel::Folder;

QString folderLabel(Folder f)
{
    switch (f) {
    case Folder::Users:
        return IdentityModel::tr("Users");
    case Folder::Groups:
        return IdentityModel::tr("Groups");
    case Folder::ServicePrincipals:
        return IdentityModel::tr("Service principals");
    case Folder::ManagedIdentities:
        return IdentityModel::tr("Managed identities");
    case Folder::ServiceAccounts:
        return IdentityModel::tr("Service accounts");
    case Folder::KubernetesSubjects:
        return IdentityModel::tr("Not in Entra ID");
    case Folder::Count:
        break;
    }
    return {};
}

SubjectKind folderKind(Folder f)
{
    switch (f) {
    case Folder::Users:
        return SubjectKind::User;
    case Folder::Groups:
        return SubjectKind::Group;
    case Folder::ServicePrincipals:
        return SubjectKind::ServicePrincipal;
    case Folder::ManagedIdentities:
        return SubjectKind::ManagedIdentity;
    case Folder::ServiceAccounts:
        return SubjectKind::ServiceAccount;
    default:
        return SubjectKind::UnresolvedPrincipal;
    }
}

// The "not in Entra ID" folder lists three kinds, in this order.
constexpr SubjectKind kOtherKinds[] = {SubjectKind::KubernetesUser, SubjectKind::KubernetesGroup, SubjectKind::UnresolvedPrincipal};

} // namespace

IdentityModel::IdentityModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
    m_root->fetched = true;
}

IdentityModel::~IdentityModel() = default;

void IdentityModel::setSession(SessionPtr session)
{
    m_emitting = true;
    beginResetModel();
    m_session = std::move(session);
    m_root = std::make_unique<Node>();
    m_root->fetched = true;
    m_fetchQueue.clear();
    if (m_session)
        build();
    endResetModel();
    m_emitting = false;
}

IdentityModel::Node *IdentityModel::addChild(Node *parent, int row, std::vector<Item> items)
{
    auto node = std::make_unique<Node>();
    node->parent = parent;
    node->row = row;
    node->items = std::move(items);
    node->fetched = true;
    Node *raw = node.get();
    parent->children[row] = std::move(node);
    return raw;
}

void IdentityModel::build()
{
    const auto &cat = *m_session->catalog;
    auto subjectItems = [](const std::vector<SubjectRef> &refs, std::vector<Item> &out) {
        for (const auto &r : refs)
            out.push_back({Item::Type::Subject, 0, r});
    };
    for (int f = 0; f < int(Folder::Count); ++f) {
        m_root->items.push_back({Item::Type::Folder, std::uint32_t(f), {}});
        std::vector<Item> items;
        if (Folder(f) == Folder::ServiceAccounts) {
            for (std::uint32_t ns = 0; ns < cat.serviceAccountNamespaces().size(); ++ns)
                items.push_back({Item::Type::Namespace, ns, {}});
        } else if (Folder(f) == Folder::KubernetesSubjects) {
            for (SubjectKind k : kOtherKinds)
                subjectItems(cat.subjects(k), items);
        } else {
            subjectItems(cat.subjects(folderKind(Folder(f))), items);
        }
        Node *folder = addChild(m_root.get(), f, std::move(items));
        if (Folder(f) != Folder::ServiceAccounts)
            continue;
        for (std::uint32_t ns = 0; ns < cat.serviceAccountNamespaces().size(); ++ns) {
            std::vector<Item> accounts;
            subjectItems(cat.serviceAccountsIn(ns), accounts);
            addChild(folder, int(ns), std::move(accounts));
        }
    }
}

IdentityModel::Node *IdentityModel::nodeOf(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_root.get();
    auto *parent = static_cast<Node *>(index.internalPointer());
    auto it = parent->children.find(index.row());
    return it == parent->children.end() ? nullptr : it->second.get();
}

const IdentityModel::Item &IdentityModel::itemAt(const QModelIndex &index) const
{
    return static_cast<Node *>(index.internalPointer())->items[std::size_t(index.row())];
}

QModelIndex IdentityModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, nodeOf(parent.siblingAtColumn(0)));
}

QModelIndex IdentityModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    auto *node = static_cast<Node *>(child.internalPointer());
    if (node == m_root.get())
        return {};
    return createIndex(node->row, 0, node->parent);
}

int IdentityModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    const Node *node = nodeOf(parent);
    return node && node->fetched ? int(node->items.size()) : 0;
}

int IdentityModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool IdentityModel::hasChildren(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return !m_root->items.empty();
    if (parent.column() > 0)
        return false;
    const Item &item = itemAt(parent);
    if (item.type != Item::Type::Subject)
        return rowCount(parent) > 0;
    return item.subject.kind == SubjectKind::Group && !m_session->graph->snapshot().directory.directMembers(item.subject.id).empty();
}

bool IdentityModel::canFetchMore(const QModelIndex &parent) const
{
    if (!parent.isValid() || parent.column() > 0 || itemAt(parent).type != Item::Type::Subject)
        return false;
    const Node *node = nodeOf(parent);
    return (!node || !node->fetched) && hasChildren(parent);
}

void IdentityModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    if (m_emitting) {
        if (m_fetchQueue.isEmpty())
            QTimer::singleShot(0, this, &IdentityModel::fetchQueued);
        m_fetchQueue.append(QPersistentModelIndex(parent));
        return;
    }
    std::vector<Item> items;
    for (const auto &m : m_session->catalog->directMembers(itemAt(parent).subject))
        items.push_back({Item::Type::Subject, 0, m});
    m_emitting = true; // listeners of rowsAboutToBeInserted/rowsInserted may call fetchMore() again
    beginInsertRows(parent, 0, int(items.size()) - 1);
    addChild(static_cast<Node *>(parent.internalPointer()), parent.row(), std::move(items));
    endInsertRows();
    m_emitting = false;
}

void IdentityModel::fetchQueued()
{
    const auto queue = std::exchange(m_fetchQueue, {});
    for (const QPersistentModelIndex &index : queue) {
        if (index.isValid())
            fetchMore(index);
    }
}

std::size_t IdentityModel::folderSize(const Item &item) const
{
    const auto &cat = *m_session->catalog;
    if (item.type == Item::Type::Namespace)
        return cat.serviceAccountsIn(item.index).size();
    const Folder f = Folder(item.index);
    if (f == Folder::KubernetesSubjects) {
        std::size_t n = 0;
        for (SubjectKind k : kOtherKinds)
            n += cat.subjects(k).size();
        return n;
    }
    return cat.subjects(folderKind(f)).size();
}

QVariant IdentityModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Item &item = itemAt(index);
    if (item.type == Item::Type::Subject)
        return subjectData(item, index.column(), role);
    return folderData(item, index.column(), role);
}

QVariant IdentityModel::folderData(const Item &item, int column, int role) const
{
    const bool ns = item.type == Item::Type::Namespace;
    const QString name = ns ? QString::fromStdString(m_session->catalog->serviceAccountNamespaces()[item.index])
                            : folderLabel(Folder(item.index));
    switch (role) {
    case Qt::DisplayRole:
        if (column != NameColumn)
            return {};
        return QStringLiteral("%1 (%2)").arg(name, QLocale().toString(qulonglong(folderSize(item))));
    case SortRole:
    case FilterTextRole:
        return column == NameColumn ? name : QString();
    case Qt::DecorationRole:
        if (column != NameColumn)
            return {};
        if (ns)
            return kindicons::object(ObjectKind::Namespace);
        return Folder(item.index) == Folder::KubernetesSubjects ? kindicons::subject(SubjectKind::UnresolvedPrincipal)
                                                                : kindicons::subject(folderKind(Folder(item.index)));
    case Qt::FontRole:
        if (!ns) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole:
        if (!ns && Folder(item.index) == Folder::KubernetesSubjects)
            return tr("Users and groups named in bindings that Entra ID does not know (marked unresolved), "
                      "Kubernetes built-in subjects, and object IDs missing from the Entra export");
        return {};
    default:
        return {};
    }
}

QVariant IdentityModel::subjectData(const Item &item, int column, int role) const
{
    const auto &cat = *m_session->catalog;
    const SubjectRef ref = item.subject;
    switch (role) {
    case Qt::DisplayRole: {
        if (column == KubernetesNameColumn)
            return cat.kubernetesName(ref);
        QString text = cat.shortName(ref);
        if (cat.disabled(ref))
            text += tr(" (disabled)");
        else if (cat.unresolved(ref))
            text += tr(" (unresolved)");
        return text;
    }
    case SortRole:
    case FilterTextRole:
        return column == KubernetesNameColumn ? cat.kubernetesName(ref) : cat.shortName(ref);
    case Qt::DecorationRole:
        return column == NameColumn ? QVariant(kindicons::subject(ref.kind, cat.unresolved(ref))) : QVariant();
    case Qt::ToolTipRole:
        return cat.toolTip(ref);
    case Qt::ForegroundRole:
        if (cat.disabled(ref) || cat.unresolved(ref))
            return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        return {};
    case Qt::FontRole:
        if (cat.unresolved(ref)) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case SubjectRole:
        return QVariant::fromValue(ref);
    case RefRole:
        return QString::fromStdString(cat.refOf(ref).toString());
    case UnresolvedRole:
        return cat.unresolved(ref);
    default:
        return {};
    }
}

QVariant IdentityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Name") : tr("Kubernetes name");
}

std::optional<SubjectRef> IdentityModel::subjectAt(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return std::nullopt;
    const Item &item = itemAt(index);
    if (item.type != Item::Type::Subject)
        return std::nullopt;
    return item.subject;
}

std::vector<SubjectRef> IdentityModel::requestersUnder(const QModelIndex &index) const
{
    std::vector<SubjectRef> out;
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return out;
    const auto &cat = *m_session->catalog;
    const Item &item = itemAt(index);
    if (item.type == Item::Type::Subject) {
        if (item.subject.kind == SubjectKind::Group)
            return cat.transitiveMembers(item.subject);
        return {item.subject};
    }
    if (item.type == Item::Type::Namespace)
        return cat.serviceAccountsIn(item.index);
    const Node *folder = nodeOf(index.siblingAtColumn(0));
    for (const auto &child : folder->items) {
        if (child.type == Item::Type::Namespace) {
            const auto &accounts = cat.serviceAccountsIn(child.index);
            out.insert(out.end(), accounts.begin(), accounts.end());
        } else if (cat.canAsk(child.subject)) {
            out.push_back(child.subject);
        }
    }
    return out;
}

QModelIndex IdentityModel::indexOf(SubjectRef ref) const
{
    if (!m_session)
        return {};
    const auto &cat = *m_session->catalog;
    const int pos = cat.position(ref);
    if (pos < 0)
        return {};
    Folder folder = Folder::KubernetesSubjects;
    int row = pos;
    switch (ref.kind) {
    case SubjectKind::User:
        folder = Folder::Users;
        break;
    case SubjectKind::Group:
        folder = Folder::Groups;
        break;
    case SubjectKind::ServicePrincipal:
        folder = Folder::ServicePrincipals;
        break;
    case SubjectKind::ManagedIdentity:
        folder = Folder::ManagedIdentities;
        break;
    case SubjectKind::ServiceAccount: {
        const QModelIndex nsIndex = index(int(cat.serviceAccountNamespaceIndex(ref)), 0, index(int(Folder::ServiceAccounts), 0));
        return index(pos, 0, nsIndex);
    }
    default:
        for (SubjectKind k : kOtherKinds) {
            if (k == ref.kind)
                break;
            row += int(cat.subjects(k).size());
        }
    }
    return index(row, 0, index(int(folder), 0));
}

bool IdentityModel::matches(const QModelIndex &index, std::string_view lowerNeedle) const
{
    const auto subject = subjectAt(index);
    return subject && m_session->catalog->matches(*subject, lowerNeedle);
}

// ---------------------------------------------------------------- drag-and-drop (drafting)

Qt::ItemFlags IdentityModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractItemModel::flags(index);
    return index.isValid() && subjectAt(index) ? f | Qt::ItemIsDragEnabled : f;
}

QStringList IdentityModel::mimeTypes() const
{
    return {kIdentityMimeType};
}

QMimeData *IdentityModel::mimeData(const QModelIndexList &indexes) const
{
    std::vector<SubjectRef> refs;
    for (const QModelIndex &index : indexes) {
        const auto ref = index.column() == 0 ? subjectAt(index) : std::nullopt;
        if (ref && std::find(refs.begin(), refs.end(), *ref) == refs.end())
            refs.push_back(*ref);
    }
    return refs.empty() || !catalog() ? nullptr : encodeIdentities(*catalog(), refs);
}

} // namespace clr::ui
