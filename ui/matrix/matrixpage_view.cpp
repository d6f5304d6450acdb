// SPDX-License-Identifier: GPL-3.0-or-later
// MatrixPage's view (the rest is in matrixpage.cpp): the filter bar's gen::MatrixView applied on a
// worker thread and shown by the proxies, rows pinned for comparison, Find, and the view's export.
#include "matrix/matrixpage.h"

#include "common/async.h"
#include "common/stringconv.h"
#include "generate/export.h"
#include "matrix/matrixfilterbar.h"
#include "matrix/matrixfindbar.h"
#include "matrix/matrixviewjob.h"
#include "models/itemroles.h"
#include "models/matrixfilterproxy.h"
#include "models/matrixsortproxy.h"
#include "models/namespacematrixmodel.h"
#include "models/principalmatrixmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSaveFile>
#include <QTableView>
#include <QTimer>

#include <algorithm>

namespace clr::ui {

void MatrixPage::connectView()
{
    connect(m_filterBar, &MatrixFilterBar::viewChanged, this, [this] {
        applyColumns();
        scheduleView();
    });
    connect(m_filterBar, &MatrixFilterBar::cancelRequested, m_job, &MatrixViewJob::cancel);
    connect(m_filterBar, &MatrixFilterBar::compareRequested, this, [this] {
        std::vector<SubjectRef> subjects;
        for (int row : selectedBaseRows())
            subjects.push_back(m_namespaceModel->rows()[std::size_t(row)]);
        compare(subjects);
    });
    connect(m_filterBar, &MatrixFilterBar::stopComparingRequested, this, &MatrixPage::stopComparing);
    connect(m_job, &MatrixViewJob::started, this, [this] {
        m_filterBar->setBusy(true);
        updateHint();
    });
    connect(m_job, &MatrixViewJob::progress, m_filterBar, &MatrixFilterBar::setProgress);
    connect(m_job, &MatrixViewJob::finished, this, &MatrixPage::onViewFinished);
    connect(m_job, &MatrixViewJob::failed, this, [this](const QString &message) {
        m_filterBar->setBusy(false);
        updateHint();
        m_hint->setText(m_hint->text() + QStringLiteral(" — ") + message.toHtmlEscaped());
    });
    connect(m_job, &MatrixViewJob::cancelled, this, [this] {
        m_filterBar->setBusy(false);
        updateHint();
    });
    connect(m_findBar, &MatrixFindBar::findRequested, this, [this](const QString &text, bool backwards) { findNext(text, backwards); });
    m_view->horizontalHeader()->setSectionsClickable(true);
    connect(m_view->horizontalHeader(), &QHeaderView::sectionClicked, this, &MatrixPage::onHeaderClicked);
}

void MatrixPage::scheduleView()
{
    // Several changes in one event-loop turn (rows, then the default filter) make one run.
    if (m_viewScheduled)
        return;
    m_viewScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_viewScheduled = false;
        startView();
    });
}

void MatrixPage::startView()
{
    if (!m_session || !m_rows || mode() == Mode::OneIdentity)
        return;
    gen::MatrixView view = m_filterBar->view();
    std::string error;
    if (!gen::checkView(view, m_namespaceModel->columns(), &error)) {
        // The column sorted by is hidden now: sort by kind instead (this schedules the run again).
        view.sort = gen::RowSort::Kind;
        view.sortColumn.clear();
        m_filterBar->setView(view);
        return;
    }
    m_job->start(m_session, m_rows, m_rowsVersion, namespaceName().toStdString(), view);
}

void MatrixPage::onViewFinished(const std::shared_ptr<const MatrixViewOutcome> &outcome)
{
    m_filterBar->setBusy(false);
    if (outcome->session != m_session || outcome->rowSet->size() != m_namespaceModel->rows().size()) {
        updateHint();
        return; // rows changed meanwhile; their own run follows
    }
    // Keep the current cell across the resets when the view still shows it.
    const QModelIndex current = sourceIndex(m_view->currentIndex());
    const int currentRow = current.isValid() ? current.row() : -1, currentColumn = current.isValid() ? current.column() : -1;
    m_filterProxy->setAcceptedRows(outcome->accepted);
    m_sortProxy->setRanks(outcome->ranks);
    if (currentRow >= 0) {
        const QModelIndex again = viewIndex(m_namespaceModel->index(currentRow, currentColumn));
        if (again.isValid()) {
            m_view->setCurrentIndex(again);
            m_view->scrollTo(again);
        }
    }
    updateHint();
    updateCompareButton();
    Q_EMIT viewApplied();
}

bool MatrixPage::isFiltering() const
{
    return m_job->isRunning();
}

void MatrixPage::applyColumns()
{
    const auto &columns = m_namespaceModel->columns();
    const gen::MatrixView &view = m_filterBar->view();
    std::vector<bool> visible(columns.size(), false);
    for (auto c : view.visibleColumns(columns))
        visible[c] = true;
    if (std::all_of(visible.begin(), visible.end(), [](bool v) { return v; }))
        visible.clear();
    m_filterProxy->setVisibleColumns(visible);
    m_principalProxy->setVisibleColumns(visible);
    // One identity across namespaces: "only with access" keeps the namespaces where a shown column is
    // allowed. Its matrix is one profile, evaluated forward here (2,000 namespaces take milliseconds).
    std::shared_ptr<std::vector<bool>> rows;
    if (mode() == Mode::OneIdentity && view.onlyAllowed && m_principalModel->rowCount() > 0) {
        rows = std::make_shared<std::vector<bool>>(std::size_t(m_principalModel->rowCount()), false);
        for (int r = 0; r < m_principalModel->rowCount(); ++r) {
            for (int c = 0; c < m_principalModel->columnCount() && !(*rows)[std::size_t(r)]; ++c) {
                const bool shown = visible.empty() || visible[std::size_t(c)];
                (*rows)[std::size_t(r)] = shown && m_principalModel->index(r, c).data(CellStateRole).toInt() == int(MatrixCell::State::Allowed);
            }
        }
    }
    m_principalProxy->setAcceptedRows(std::move(rows));
    updateHint();
}

void MatrixPage::onHeaderClicked(int viewColumn)
{
    if (mode() == Mode::OneIdentity)
        return;
    const QString id = m_view->model()->headerData(viewColumn, Qt::Horizontal, ColumnIdRole).toString();
    if (!id.isEmpty())
        m_filterBar->setSortColumn(toStd(id));
}

// ---------------------------------------------------------------- compare

std::vector<int> MatrixPage::selectedBaseRows() const
{
    std::vector<int> rows;
    if (mode() == Mode::OneIdentity)
        return rows;
    QModelIndexList selected = m_view->selectionModel()->selectedIndexes();
    std::sort(selected.begin(), selected.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &i : selected) {
        const QModelIndex source = sourceIndex(i);
        if (source.isValid() && std::find(rows.begin(), rows.end(), source.row()) == rows.end())
            rows.push_back(source.row());
    }
    return rows;
}

void MatrixPage::updateCompareButton()
{
    const auto n = selectedBaseRows().size();
    m_filterBar->setCompareState(n >= 2 && n <= 5, !m_sortProxy->pinnedRows().empty());
}

bool MatrixPage::compare(const std::vector<SubjectRef> &subjects)
{
    if (subjects.size() < 2 || subjects.size() > 5 || mode() == Mode::OneIdentity)
        return false;
    std::vector<int> rows;
    for (const SubjectRef &s : subjects) {
        const int row = m_namespaceModel->rowOf(s);
        if (row < 0 || std::find(rows.begin(), rows.end(), row) != rows.end())
            return false;
        if (!m_filterProxy->showsRow(row))
            return false; // not among the rows the view shows
        rows.push_back(row);
    }
    m_filterProxy->setPinnedRows(rows);
    m_sortProxy->setPinnedRows(rows);
    m_view->scrollToTop();
    updateCompareButton();
    updateHint();
    return true;
}

void MatrixPage::stopComparing()
{
    m_filterProxy->setPinnedRows({});
    m_sortProxy->setPinnedRows({});
    updateCompareButton();
}

std::vector<SubjectRef> MatrixPage::comparedSubjects() const
{
    std::vector<SubjectRef> out;
    for (int row : m_sortProxy->pinnedRows())
        out.push_back(m_namespaceModel->rows()[std::size_t(row)]);
    return out;
}

// ---------------------------------------------------------------- find

void MatrixPage::activateFind()
{
    m_findBar->activate();
}

bool MatrixPage::findNext(const QString &text, bool backwards)
{
    if (!m_session || text.isEmpty()) {
        m_findBar->setStatus({}, true);
        return false;
    }
    QAbstractItemModel *model = m_view->model();
    const int rows = model->rowCount();
    std::string needle = toStd(text);
    for (char &c : needle)
        c = unsigned(c - 'A') < 26u ? char(c + 32) : c;
    const auto &catalog = *m_session->catalog;
    auto matches = [&](int row) {
        if (mode() == Mode::OneIdentity)
            return model->headerData(row, Qt::Vertical).toString().contains(text, Qt::CaseInsensitive);
        const QVariant subject = model->headerData(row, Qt::Vertical, SubjectRole);
        return subject.isValid() && catalog.matches(subject.value<SubjectRef>(), needle);
    };
    const int step = backwards ? -1 : 1;
    const int from = m_view->currentIndex().isValid() ? m_view->currentIndex().row() : (backwards ? 0 : -1);
    int found = -1;
    for (int i = 1; i <= rows && found < 0; ++i) {
        const int row = ((from + step * i) % rows + rows) % rows;
        if (matches(row))
            found = row;
    }
    if (found < 0) {
        m_findBar->setStatus(tr("Not found among the %n shown row(s)", nullptr, rows), false);
        return false;
    }
    int count = 0, ordinal = 0;
    for (int row = 0; row < rows; ++row) {
        if (matches(row)) {
            ++count;
            ordinal = row == found ? count : ordinal;
        }
    }
    const int column = qMax(0, m_view->currentIndex().column());
    const QModelIndex target = model->index(found, qMin(column, qMax(0, model->columnCount() - 1)));
    if (target.isValid()) {
        m_view->setCurrentIndex(target);
        m_view->scrollTo(target, QAbstractItemView::PositionAtCenter);
    }
    m_findBar->setStatus(tr("%1 of %2").arg(ordinal).arg(count), true);
    m_findBar->edit()->setFocus();
    return true;
}

// ---------------------------------------------------------------- export

void MatrixPage::exportView(const QString &path, bool html)
{
    const auto outcome = m_job->outcome();
    if (!outcome || outcome->session != m_session || isFiltering() || outcome->rowSet->size() != m_namespaceModel->rows().size()) {
        Q_EMIT exported(path, tr("The view is still being applied; export again in a moment."));
        return;
    }
    runAsync(
        this,
        [outcome, path, html] {
            const auto columns = defaultMatrixColumns(*outcome->session->graph);
            const auto table = gen::tableOfView(*outcome->rowSet, columns, outcome->ns, outcome->view, outcome->result);
            const std::string text = html ? gen::toHtml(table) : gen::toCsv(table);
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), qint64(text.size())) != qint64(text.size()) || !file.commit())
                return tr("Cannot write %1: %2").arg(path, file.errorString());
            return QString();
        },
        [this, path](const QString &error) { Q_EMIT exported(path, error); });
}

} // namespace clr::ui
