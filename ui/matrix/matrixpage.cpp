// SPDX-License-Identifier: GPL-3.0-or-later
#include "matrix/matrixpage.h"

#include "matrix/groupedheaderview.h"
#include "matrix/legendwidget.h"
#include "matrix/matrixdelegate.h"
#include "matrix/matrixfilterbar.h"
#include "matrix/matrixfindbar.h"
#include "matrix/matrixviewjob.h"
#include "models/itemroles.h"
#include "models/matrixfilterproxy.h"
#include "models/matrixsortproxy.h"
#include "models/namespacematrixmodel.h"
#include "models/principalmatrixmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

namespace clr::ui {

MatrixPage::MatrixPage(QWidget *parent)
    : QWidget(parent)
    , m_namespaceModel(new NamespaceMatrixModel(this))
    , m_principalModel(new PrincipalMatrixModel(this))
    , m_filterProxy(new MatrixFilterProxy(this))
    , m_sortProxy(new MatrixSortProxy(this))
    , m_principalProxy(new MatrixFilterProxy(this))
    , m_job(new MatrixViewJob(this))
{
    m_filterProxy->setObjectName(QStringLiteral("matrixFilterProxy"));
    m_sortProxy->setObjectName(QStringLiteral("matrixSortProxy"));
    m_filterProxy->setSourceModel(m_namespaceModel);
    m_sortProxy->setSourceModel(m_filterProxy);
    m_principalProxy->setSourceModel(m_principalModel);
    buildControls();
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("matrixView"));
    m_view->setHorizontalHeader(new GroupedHeaderView(m_view));
    m_view->setItemDelegate(new MatrixDelegate(m_view));
    // Several rows may be selected (Ctrl+click on their headers) to compare them.
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setMouseTracking(true);
    const QFontMetrics fm(font());
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setDefaultSectionSize(fm.horizontalAdvance(QStringLiteral("delete")) + 14);
    m_view->horizontalHeader()->setToolTip(tr("Click a verb to sort the identities by that column"));
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fm.height() + 10);
    m_view->verticalHeader()->setMaximumWidth(fm.horizontalAdvance(QLatin1Char('x')) * 40);
    m_view->verticalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    setViewModel(m_sortProxy);

    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    auto *showLabel = new QLabel(tr("&Show:"), this);
    showLabel->setBuddy(m_modeCombo);
    bar->addWidget(showLabel);
    bar->addWidget(m_modeCombo);
    auto *nsLabel = new QLabel(tr("&Namespace:"), this);
    nsLabel->setBuddy(m_namespaceCombo);
    bar->addWidget(nsLabel);
    bar->addWidget(m_namespaceCombo);
    bar->addWidget(m_hint, 1);
    layout->addLayout(bar);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_findBar);
    layout->addWidget(m_legend);
    layout->addWidget(m_view, 1);
    connectView();
    applyMode();
}

MatrixPage::~MatrixPage() = default;

void MatrixPage::buildControls()
{
    m_modeCombo = new QComboBox(this);
    m_modeCombo->setObjectName(QStringLiteral("matrixModeCombo"));
    m_modeCombo->addItem(tr("All identities"));
    m_modeCombo->addItem(tr("Identities selected in the Identities panel"));
    m_modeCombo->addItem(tr("One identity across namespaces"));
    m_modeCombo->setToolTip(tr("Rows: every identity, the selection (a group stands for its transitive members), "
                               "or the current identity's access in every namespace"));
    m_namespaceCombo = new QComboBox(this);
    m_namespaceCombo->setObjectName(QStringLiteral("namespaceCombo"));
    m_namespaceCombo->setMinimumContentsLength(18);
    m_namespaceCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("matrixHint"));
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_legend = new LegendWidget(this);
    m_filterBar = new MatrixFilterBar(this);
    m_findBar = new MatrixFindBar(this);
    m_modeCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_modeCombo->setMinimumContentsLength(20);
    m_hint->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    connect(m_modeCombo, &QComboBox::currentIndexChanged, this, &MatrixPage::applyMode);
    connect(m_namespaceCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_namespaceModel->setNamespace(m_namespaceCombo->currentData().toString().toStdString());
        onCurrentChanged(m_view->currentIndex());
        scheduleView(); // who-can depends on the namespace
        updateHint();
    });
}

void MatrixPage::setSession(SessionPtr session)
{
    m_session = std::move(session);
    m_selection.clear();
    m_current.reset();
    stopComparing();
    m_filterBar->setSession(m_session);
    m_namespaceModel->setSession(m_session);
    m_rowsAreAll = false;
    m_principalModel->setSession(m_session);
    fillNamespaces();
    applyRows();
}

void MatrixPage::fillNamespaces()
{
    const QSignalBlocker blocker(m_namespaceCombo);
    const QString previous = namespaceName();
    m_namespaceCombo->clear();
    m_namespaceCombo->addItem(tr("All namespaces (cluster scope)"), QString());
    if (m_session) {
        for (const auto &ns : m_session->graph->namespaces())
            m_namespaceCombo->addItem(QString::fromStdString(ns), QString::fromStdString(ns));
    }
    const int keep = m_namespaceCombo->findData(previous);
    m_namespaceCombo->setCurrentIndex(qMax(0, keep));
    m_namespaceModel->setNamespace(namespaceName().toStdString());
}

bool MatrixPage::setNamespace(const QString &ns)
{
    const int row = m_namespaceCombo->findData(ns);
    if (row < 0)
        return false;
    m_namespaceCombo->setCurrentIndex(row);
    return true;
}

QString MatrixPage::namespaceName() const
{
    return m_namespaceCombo->currentData().toString();
}

void MatrixPage::setMode(Mode mode)
{
    m_modeCombo->setCurrentIndex(int(mode));
}

MatrixPage::Mode MatrixPage::mode() const
{
    return Mode(m_modeCombo->currentIndex());
}

MatrixModel *MatrixPage::currentModel() const
{
    return mode() == Mode::OneIdentity ? static_cast<MatrixModel *>(m_principalModel) : m_namespaceModel;
}

QModelIndex MatrixPage::sourceIndex(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    if (index.model() == m_sortProxy)
        return m_filterProxy->mapToSource(m_sortProxy->mapToSource(index));
    if (index.model() == m_filterProxy)
        return m_filterProxy->mapToSource(index);
    if (index.model() == m_principalProxy)
        return m_principalProxy->mapToSource(index);
    return index;
}

QModelIndex MatrixPage::viewIndex(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    if (index.model() == m_namespaceModel)
        return m_sortProxy->mapFromSource(m_filterProxy->mapFromSource(index));
    if (index.model() == m_principalModel)
        return m_principalProxy->mapFromSource(index);
    return index;
}

void MatrixPage::setViewModel(QAbstractItemModel *model)
{
    m_view->setModel(model); // a new selection model each time: connect to it again
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MatrixPage::updateCompareButton);
    connect(model, &QAbstractItemModel::modelReset, this, &MatrixPage::fitGroupWidths, Qt::UniqueConnection);
    connect(model, &QAbstractItemModel::layoutChanged, this, &MatrixPage::fitGroupWidths, Qt::UniqueConnection);
    fitGroupWidths();
}

void MatrixPage::fitGroupWidths()
{
    // Resources with one or two verbs (pods/log, pods/exec) get wide enough columns for their name.
    auto *header = qobject_cast<GroupedHeaderView *>(m_view->horizontalHeader());
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics fm(bold);
    const int base = header->defaultSectionSize();
    for (int col = 0; col < header->count();) {
        const auto [first, last] = header->groupSpan(col);
        const int span = last - first + 1;
        const QString label = m_view->model()->headerData(col, Qt::Horizontal, ResourceGroupRole).toString();
        const int each = qMax(base, (fm.horizontalAdvance(label) + 16 + span - 1) / span);
        for (int c = first; c <= last; ++c)
            header->resizeSection(c, each);
        col = last + 1;
    }
}

void MatrixPage::applyMode()
{
    QAbstractItemModel *model = mode() == Mode::OneIdentity ? static_cast<QAbstractItemModel *>(m_principalProxy) : m_sortProxy;
    if (m_view->model() != model)
        setViewModel(model);
    m_namespaceCombo->setEnabled(mode() != Mode::OneIdentity);
    applyRows();
}

void MatrixPage::applyRows()
{
    if (!m_session) {
        updateHint();
        return;
    }
    switch (mode()) {
    case Mode::AllIdentities:
        if (!m_rowsAreAll) {
            stopComparing();
            m_namespaceModel->setRows(m_session->catalog->allRequesters());
            m_rows = std::make_shared<const std::vector<SubjectRef>>(m_namespaceModel->rows());
            ++m_rowsVersion;
            m_filterBar->setOnlyAllowedDefault(int(m_rows->size()) > kOnlyAllowedThreshold);
            scheduleView();
        }
        m_rowsAreAll = true;
        if (m_current && m_current->kind != SubjectKind::Group) {
            const int row = m_namespaceModel->rowOf(*m_current);
            const int column = m_filterProxy->firstVisibleColumn();
            const QModelIndex shown = row >= 0 && column >= 0 ? viewIndex(m_namespaceModel->index(row, column)) : QModelIndex();
            if (shown.isValid())
                m_view->scrollTo(m_view->model()->index(shown.row(), qMax(0, m_view->currentIndex().column())));
        }
        break;
    case Mode::Selection:
        stopComparing();
        m_namespaceModel->setRows(m_selection);
        m_rows = std::make_shared<const std::vector<SubjectRef>>(m_namespaceModel->rows());
        ++m_rowsVersion;
        m_rowsAreAll = false;
        m_filterBar->setOnlyAllowedDefault(int(m_rows->size()) > kOnlyAllowedThreshold);
        scheduleView();
        break;
    case Mode::OneIdentity:
        m_principalModel->setSubject(m_current);
        applyColumns();
        break;
    }
    updateHint();
}

void MatrixPage::setSelection(std::vector<SubjectRef> requesters, std::optional<SubjectRef> current)
{
    m_selection = std::move(requesters);
    m_current = current;
    // In "All identities" the (possibly huge) row list stays; the chosen identity is brought into view.
    applyRows();
}

void MatrixPage::updateHint()
{
    QString text;
    if (!m_session) {
        text = tr("Nothing loaded");
    } else if (mode() == Mode::OneIdentity) {
        if (!m_current)
            text = tr("Select a user, service principal, managed identity or service account in Identities");
        else if (!m_session->catalog->canAsk(*m_current))
            text = tr("%1 is a group: groups never ask, their members do. Select a member.").arg(m_session->catalog->name(*m_current));
        else
            text = tr("Access of <b>%1</b> in every namespace").arg(m_session->catalog->name(*m_current).toHtmlEscaped());
    } else if (mode() == Mode::Selection && m_selection.empty()) {
        text = tr("Select identities or a group in the Identities panel");
    } else {
        const QLocale locale;
        const int all = m_namespaceModel->rowCount();
        text = m_sortProxy->rowCount() == all ? tr("%1 identities").arg(locale.toString(all))
                                               : tr("%1 of %2 identities").arg(locale.toString(m_sortProxy->rowCount()), locale.toString(all));
        if (isFiltering())
            text += tr(" (filtering…)");
    }
    m_hint->setText(text);
}

void MatrixPage::onCurrentChanged(const QModelIndex &current)
{
    const QModelIndex source = sourceIndex(current);
    if (!source.isValid() || source.model() != currentModel())
        return;
    Q_EMIT explainRequested(currentModel()->targetAt(source));
}

void MatrixPage::setComparison(std::shared_ptr<const compare::Comparison> comparison)
{
    m_legend->setComparing(comparison != nullptr);
    m_namespaceModel->setComparison(comparison);
    m_principalModel->setComparison(std::move(comparison));
}

bool MatrixPage::selectCell(SubjectRef subject, const QString &resourceLabel, const QString &verb)
{
    MatrixModel *model = currentModel();
    const int col = model->columnOf(resourceLabel, verb);
    int row = -1;
    if (model == m_namespaceModel)
        row = m_namespaceModel->rowOf(subject);
    else if (m_principalModel->subject() == subject)
        row = m_principalModel->rowOf(namespaceName().toStdString());
    if (row < 0 || col < 0)
        return false;
    const QModelIndex index = viewIndex(model->index(row, col));
    if (!index.isValid())
        return false; // filtered out by the view
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

} // namespace clr::ui
