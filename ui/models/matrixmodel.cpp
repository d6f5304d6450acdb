// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/matrixmodel.h"

#include "common/planestyle.h"
#include "common/stringconv.h"
#include "drafts/applydrafts.h"
#include "generate/matrixview.h"
#include "models/itemroles.h"

namespace clr::ui {

namespace {

QString scopeText(const MatrixColumn &column, const std::string &ns)
{
    if (!column.namespaced)
        return MatrixModel::tr("(cluster-scoped)");
    return ns.empty() ? MatrixModel::tr("in all namespaces") : MatrixModel::tr("in %1").arg(toQString(ns));
}

QString stateText(MatrixCell::State state)
{
    switch (state) {
    case MatrixCell::State::Allowed:
        return MatrixModel::tr("allowed");
    case MatrixCell::State::SomeNames:
        return MatrixModel::tr("some names");
    case MatrixCell::State::Conditional:
        return MatrixModel::tr("conditional");
    case MatrixCell::State::Denied:
        break;
    }
    return MatrixModel::tr("denied");
}

} // namespace

MatrixModel::MatrixModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    // Rows or namespace changed: the cached draft verdicts no longer match their cells.
    connect(this, &QAbstractItemModel::modelReset, this, [this] {
        m_draftCells.clear();
        m_partyKeys.clear();
    });
    connect(this, &QAbstractItemModel::dataChanged, this, [this] { m_draftCells.clear(); });
}

void MatrixModel::resetColumns(const SessionPtr &session)
{
    m_session = session;
    m_columns = session ? defaultMatrixColumns(*session->graph) : std::vector<MatrixColumn>();
}

int MatrixModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

int MatrixModel::columnOf(const QString &resourceLabel, const QString &verb) const
{
    const std::string label = toStd(resourceLabel), v = toStd(verb);
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        if (m_columns[c].verb == v && m_columns[c].resourceLabel() == label)
            return int(c);
    }
    return -1;
}

QVariant MatrixModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    return cellData(index, role);
}

QVariant MatrixModel::cellData(const QModelIndex &index, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return stateText(cellAt(index.row(), index.column()).state);
    case CellStateRole:
    case SortRole:
        return int(cellAt(index.row(), index.column()).state);
    case PlanesRole:
        return int(cellAt(index.row(), index.column()).planes);
    case Qt::ToolTipRole:
        return toolTip(index);
    case DraftGrantRole:
        return draftGrants(index);
    case ComparisonRole:
        return int(comparisonAt(index));
    default:
        return {};
    }
}

void MatrixModel::setDraftGraph(std::shared_ptr<const PermissionGraph> draftGraph, drafts::DraftSet drafts)
{
    m_draftGraph = std::move(draftGraph);
    m_drafts = std::move(drafts);
    m_draftCells.clear();
    if (rowCount() > 0 && columnCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), {DraftGrantRole, Qt::ToolTipRole});
}

void MatrixModel::setComparison(std::shared_ptr<const compare::Comparison> comparison)
{
    m_comparison = std::move(comparison);
    m_partyKeys.clear();
    if (rowCount() > 0 && columnCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), {ComparisonRole, Qt::ToolTipRole});
}

compare::Party MatrixModel::partyAt(int row) const
{
    return compare::partyOf(*m_session->graph, identityAt(row));
}

compare::CellChange MatrixModel::comparisonAt(const QModelIndex &index) const
{
    if (!m_comparison || !m_session)
        return compare::CellChange::Unchanged;
    auto it = m_partyKeys.find(index.row());
    if (it == m_partyKeys.end())
        it = m_partyKeys.emplace(index.row(), partyAt(index.row()).key).first;
    return m_comparison->cellChange(it->second, column(index.column()).request(namespaceAt(index.row())));
}

QString MatrixModel::comparisonToolTip(const QModelIndex &index) const
{
    const compare::CellChange change = comparisonAt(index);
    const compare::IdentityDelta *d = m_comparison->find(m_partyKeys.at(index.row()));
    const k8s::Request request = column(index.column()).request(namespaceAt(index.row()));
    QStringList causes;
    for (const auto &line : change == compare::CellChange::Gained ? d->gained : d->lost) {
        if (!line.scope.appliesIn(request.ns))
            continue;
        for (auto c : line.causes)
            causes << toQString(m_comparison->changes[c].summary).toHtmlEscaped();
    }
    causes.removeDuplicates();
    return QStringLiteral("<br><b>%1</b> %2")
        .arg(change == compare::CellChange::Gained ? tr("Gained from BASE to HEAD:") : tr("Lost from BASE to HEAD:"),
             causes.isEmpty() ? tr("no single change identified") : causes.join(QStringLiteral("; ")));
}

bool MatrixModel::draftGrants(const QModelIndex &index) const
{
    if (!m_draftGraph || !m_session)
        return false;
    const quint64 key = (quint64(index.row()) << 32) | quint64(index.column());
    const auto it = m_draftCells.find(key);
    if (it != m_draftCells.end())
        return it->second;
    bool grants = false;
    if (cellAt(index.row(), index.column()).state != MatrixCell::State::Allowed) {
        const Identity who = identityAt(index.row());
        grants = m_draftGraph->check(who, column(index.column()).request(namespaceAt(index.row()))).allowed;
    }
    m_draftCells.emplace(key, grants);
    return grants;
}

QString MatrixModel::draftToolTip(const QModelIndex &index) const
{
    const ExplainTarget target = targetAt(index);
    const Explanation ex = m_draftGraph->explain(target.who, target.request);
    QStringList names;
    for (const auto &path : ex.paths) {
        for (const auto &step : path.steps) {
            if (const auto *d = drafts::draftOfRef(m_drafts, step.ref))
                names << toQString(d->describe()).toHtmlEscaped();
        }
    }
    names.removeDuplicates();
    if (names.isEmpty())
        names << tr("a generated least-privilege role");
    return QStringLiteral("<br><b>%1</b> ").arg(tr("New with drafts:")) + tr("granted by draft %1").arg(names.join(QStringLiteral("; ")));
}

QString MatrixModel::describe(const QModelIndex &index) const
{
    const MatrixCell cell = cellAt(index.row(), index.column());
    const MatrixColumn &col = column(index.column());
    const bool yes = cell.state == MatrixCell::State::Allowed;
    QString text = yes ? tr("%1 can %2 %3 %4") : tr("%1 cannot %2 %3 %4");
    text = text.arg(whoLabel(index.row()), toQString(col.verb), toQString(col.resourceLabel()), scopeText(col, namespaceAt(index.row())));
    if (cell.state == MatrixCell::State::SomeNames)
        text += tr(" (only some names)");
    else if (cell.state == MatrixCell::State::Conditional)
        text += tr(" (only under an ABAC condition)");
    return text;
}

QString MatrixModel::toolTip(const QModelIndex &index) const
{
    const MatrixCell cell = cellAt(index.row(), index.column());
    QString html = QStringLiteral("<b>%1</b>").arg(describe(index).toHtmlEscaped());
    if (cell.planes)
        html += QStringLiteral("<br>") + tr("Granted by: %1").arg(planestyle::labels(cell.planes));
    // The grant itself: only computed for the one cell under the mouse.
    const ExplainTarget target = targetAt(index);
    const Explanation ex = m_session->graph->explain(target.who, target.request);
    int shown = 0;
    for (const auto &path : ex.paths) {
        if (shown++ == 3) {
            html += QStringLiteral("<br>…");
            break;
        }
        html += QStringLiteral("<br>• ") + toQString(path.text).toHtmlEscaped();
    }
    if (ex.paths.empty() && !ex.misses.empty())
        html += QStringLiteral("<br><i>%1</i> ").arg(tr("Nearest miss:")) + toQString(ex.misses.front()).toHtmlEscaped();
    if (draftGrants(index))
        html += draftToolTip(index);
    if (comparisonAt(index) != compare::CellChange::Unchanged)
        html += comparisonToolTip(index);
    return html;
}

QVariant MatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return section >= 0 && section < rowCount() ? rowHeaderData(section, role) : QVariant();
    if (section < 0 || section >= columnCount())
        return {};
    const MatrixColumn &col = column(section);
    switch (role) {
    case Qt::DisplayRole:
        return toQString(col.verb);
    case ResourceGroupRole:
        return toQString(col.resourceLabel());
    case ColumnIdRole:
        return toQString(gen::columnId(col));
    case Qt::ToolTipRole:
        return QStringLiteral("%1 %2%3").arg(toQString(col.verb), toQString(col.resourceLabel()),
                                             col.namespaced ? QString() : tr(" (cluster-scoped)"));
    default:
        return {};
    }
}

ExplainTarget MatrixModel::targetAt(const QModelIndex &index) const
{
    ExplainTarget t;
    t.who = identityAt(index.row());
    t.request = column(index.column()).request(namespaceAt(index.row()));
    t.whoLabel = whoLabel(index.row());
    t.subject = subjectOfRow(index.row());
    return t;
}

} // namespace clr::ui
