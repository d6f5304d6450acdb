// SPDX-License-Identifier: GPL-3.0-or-later
#include "drafts/draftsmodel.h"

#include "drafts/draftcommands.h"
#include "models/itemroles.h"

#include <QDateTime>
#include <QUndoStack>

namespace clr::ui {

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

QString kindLabel(drafts::DraftKind kind)
{
    switch (kind) {
    case drafts::DraftKind::ClusterRoleBinding:
        return DraftsModel::tr("ClusterRoleBinding");
    case drafts::DraftKind::AzureAssignment:
        return DraftsModel::tr("Azure role assignment");
    case drafts::DraftKind::RoleBinding:
        break;
    }
    return DraftsModel::tr("RoleBinding");
}

QString subjectLabel(const drafts::DraftSubject &s)
{
    const QString display = q(s.displayName);
    if (s.kind == drafts::DraftSubject::Kind::ServiceAccount)
        return QStringLiteral("%1/%2").arg(q(s.ns), q(s.name));
    return display.isEmpty() || display == q(s.name) ? q(s.name) : QStringLiteral("%1 (%2)").arg(display, q(s.name));
}

} // namespace

DraftsModel::DraftsModel(QUndoStack *undoStack, QObject *parent)
    : QAbstractTableModel(parent)
    , m_undoStack(undoStack)
{
}

DraftsModel::~DraftsModel() = default;

void DraftsModel::setStore(std::unique_ptr<drafts::DraftStore> store)
{
    m_store = std::move(store);
}

void DraftsModel::resetDrafts(drafts::DraftSet set)
{
    beginResetModel();
    m_set = std::move(set);
    endResetModel();
    changed();
}

void DraftsModel::addDrafts(std::vector<drafts::Draft> drafts)
{
    if (!drafts.empty())
        m_undoStack->push(new AddDraft(this, std::move(drafts)));
}

void DraftsModel::removeDraft(const std::string &id)
{
    if (rowOf(id) >= 0)
        m_undoStack->push(new RemoveDraft(this, id));
}

void DraftsModel::editDraft(const drafts::Draft &after)
{
    const int row = rowOf(after.id);
    if (row >= 0 && !(draftAt(row) == after))
        m_undoStack->push(new EditDraft(this, draftAt(row), after));
}

void DraftsModel::insertDraft(int row, const drafts::Draft &draft)
{
    row = qBound(0, row, rowCount());
    beginInsertRows({}, row, row);
    m_set.drafts.insert(m_set.drafts.begin() + row, draft);
    endInsertRows();
    changed();
}

void DraftsModel::removeDraftAt(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    beginRemoveRows({}, row, row);
    m_set.drafts.erase(m_set.drafts.begin() + row);
    endRemoveRows();
    changed();
}

void DraftsModel::replaceDraft(const drafts::Draft &draft)
{
    const int row = rowOf(draft.id);
    if (row < 0)
        return;
    m_set.drafts[std::size_t(row)] = draft;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    changed();
}

void DraftsModel::changed()
{
    if (m_store) {
        QString error;
        if (!m_store->save(m_set, &error)) {
            m_saveError = error;
            Q_EMIT saveFailed(error);
        } else {
            m_saveError.clear();
        }
    }
    Q_EMIT draftsChanged();
}

int DraftsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_set.drafts.size());
}

int DraftsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DraftsModel::displayData(const drafts::Draft &d, int column) const
{
    switch (Column(column)) {
    case KindColumn:
        return kindLabel(d.kind);
    case SubjectColumn:
        return subjectLabel(d.subject);
    case RoleColumn:
        return d.isKubernetes() ? QStringLiteral("%1 %2").arg(q(d.roleKind), q(d.roleName)) : q(d.roleDefinitionName);
    case ScopeColumn:
        if (d.kind == drafts::DraftKind::RoleBinding)
            return q(d.ns);
        return d.kind == drafts::DraftKind::ClusterRoleBinding ? tr("(cluster-wide)") : q(d.scope);
    case NameColumn:
        return d.isKubernetes() ? q(d.name) : q(d.id);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant DraftsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const drafts::Draft &d = draftAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(d, index.column());
    case Qt::EditRole:
        if (index.column() == RoleColumn)
            return q(d.roleName);
        return displayData(d, index.column());
    case Qt::ToolTipRole:
        return tr("%1\nSubject as AKS matches it: %2\nDrafted %3")
            .arg(q(d.describe()), q(d.subject.name),
                 QLocale().toString(QDateTime::fromMSecsSinceEpoch(d.createdMs), QLocale::ShortFormat));
    case SortRole:
        return index.column() == KindColumn ? QVariant(int(d.kind)) : displayData(d, index.column());
    case RefRole:
        return q(d.ref().toString());
    default:
        return {};
    }
}

QVariant DraftsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case KindColumn:
        return tr("Draft");
    case SubjectColumn:
        return tr("Subject");
    case RoleColumn:
        return tr("Role");
    case ScopeColumn:
        return tr("Namespace / scope");
    case NameColumn:
        return tr("Name");
    case ColumnCount:
        break;
    }
    return {};
}

Qt::ItemFlags DraftsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (!index.isValid())
        return f;
    const drafts::Draft &d = draftAt(index.row());
    const bool editable = (index.column() == ScopeColumn && d.kind != drafts::DraftKind::ClusterRoleBinding)
        || (d.isKubernetes() && (index.column() == RoleColumn || index.column() == NameColumn));
    return editable ? f | Qt::ItemIsEditable : f;
}

bool DraftsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid) || !(flags(index) & Qt::ItemIsEditable))
        return false;
    const std::string text = value.toString().trimmed().toStdString();
    if (text.empty())
        return false;
    drafts::Draft after = draftAt(index.row());
    switch (Column(index.column())) {
    case ScopeColumn:
        (after.isKubernetes() ? after.ns : after.scope) = text;
        break;
    case RoleColumn:
        after.roleName = text;
        break;
    case NameColumn:
        after.name = text;
        break;
    default:
        return false;
    }
    if (after == draftAt(index.row()))
        return false;
    m_undoStack->push(new EditDraft(this, draftAt(index.row()), after, index.column()));
    return true;
}

} // namespace clr::ui
