// SPDX-License-Identifier: GPL-3.0-or-later
#include "matrix/matrixfilterbar.h"

#include "common/flowlayout.h"
#include "common/planestyle.h"
#include "common/stringconv.h"
#include "generate/viewstore.h"
#include "matrix/columnchecklist.h"

#include <QActionGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialog>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStringListModel>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWidgetAction>

#include <algorithm>

namespace clr::ui {

namespace {

QString kindLabel(RowKind kind)
{
    switch (kind) {
    case RowKind::User:
        return MatrixFilterBar::tr("Users");
    case RowKind::Guest:
        return MatrixFilterBar::tr("Guests");
    case RowKind::ServicePrincipal:
        return MatrixFilterBar::tr("Service principals");
    case RowKind::ManagedIdentity:
        return MatrixFilterBar::tr("Managed identities");
    case RowKind::ServiceAccount:
        return MatrixFilterBar::tr("Service accounts");
    case RowKind::KubernetesUser:
        return MatrixFilterBar::tr("Kubernetes users");
    case RowKind::KubernetesGroup:
        return MatrixFilterBar::tr("Groups (Kubernetes)");
    case RowKind::Unresolved:
        return MatrixFilterBar::tr("Unresolved object IDs");
    }
    return {};
}

const char *kSortLabels[] = {QT_TRANSLATE_NOOP("MatrixFilterBar", "Sort by kind"), QT_TRANSLATE_NOOP("MatrixFilterBar", "Sort by name"),
                             QT_TRANSLATE_NOOP("MatrixFilterBar", "Sort by allowed cells")};

} // namespace

MatrixFilterBar::MatrixFilterBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("matrixFilterBar"));
    auto *flow = new FlowLayout(this, 8, 4);
    flow->setContentsMargins(0, 0, 0, 0);
    m_onlyAllowed = new QCheckBox(tr("Only identities with &access"), this);
    m_onlyAllowed->setObjectName(QStringLiteral("onlyAllowedCheck"));
    m_onlyAllowed->setToolTip(tr("Keep the identities allowed at least one shown column (who-can per column, on a worker thread)"));
    connect(m_onlyAllowed, &QCheckBox::clicked, this, [this](bool on) {
        m_onlyAllowedChosen = true;
        m_view.onlyAllowed = on;
        changed();
    });
    flow->addWidget(m_onlyAllowed);
    buildColumns();
    flow->addWidget(m_columnsButton);
    for (auto *b : m_presets)
        flow->addWidget(b);
    buildRowsMenu();
    flow->addWidget(m_rows);

    m_sort = new QComboBox(this);
    m_sort->setObjectName(QStringLiteral("sortCombo"));
    for (const char *label : kSortLabels)
        m_sort->addItem(tr(label));
    m_sort->setToolTip(tr("Click a column's header to sort by it: allowed first, grouped by plane"));
    connect(m_sort, &QComboBox::activated, this, [this](int index) {
        if (index < 3) {
            m_view.sort = gen::RowSort(index);
            m_view.sortColumn.clear();
            changed();
        }
    });
    flow->addWidget(m_sort);
    buildViews();
    flow->addWidget(m_views);
    flow->addWidget(m_saveView);
    flow->addWidget(m_deleteView);

    m_compare = new QPushButton(tr("Co&mpare"), this);
    m_compare->setObjectName(QStringLiteral("compareButton"));
    m_compare->setToolTip(tr("Select two to five identities (click their row headers with Ctrl) to pin them on top; differing cells are marked"));
    connect(m_compare, &QPushButton::clicked, this, [this] { Q_EMIT(m_comparing ? stopComparingRequested() : compareRequested()); });
    flow->addWidget(m_compare);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("viewProgress"));
    m_progress->setMaximumWidth(120);
    m_progress->setTextVisible(false);
    m_cancel = new QToolButton(this);
    m_cancel->setObjectName(QStringLiteral("cancelView"));
    m_cancel->setText(tr("Cancel"));
    connect(m_cancel, &QToolButton::clicked, this, &MatrixFilterBar::cancelRequested);
    flow->addWidget(m_progress);
    flow->addWidget(m_cancel);
    setBusy(false);
    setCompareState(false, false);
    syncControls();
}

MatrixFilterBar::~MatrixFilterBar() = default;

void MatrixFilterBar::buildColumns()
{
    m_columnsButton = new QToolButton(this);
    m_columnsButton->setObjectName(QStringLiteral("columnsButton"));
    m_columnsButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_columnsButton);
    m_checklist = new ColumnChecklist(menu);
    auto *action = new QWidgetAction(menu);
    action->setDefaultWidget(m_checklist);
    menu->addAction(action);
    m_columnsButton->setMenu(menu);
    connect(m_checklist, &ColumnChecklist::picksChanged, this, [this](const std::vector<std::string> &picks) {
        m_view.columns = picks;
        changed();
    });
    for (gen::ColumnPreset p : gen::kColumnPresets) {
        auto *b = new QToolButton(this);
        b->setObjectName(QStringLiteral("preset-%1").arg(toQString(gen::presetName(p))));
        b->setText(toQString(gen::presetLabel(p)));
        b->setCheckable(true);
        b->setToolTip(p == gen::ColumnPreset::Write ? tr("Only create, update, patch and delete columns")
                                                    : tr("Only these resources (presets of resources add up)"));
        connect(b, &QToolButton::toggled, this, [this, p](bool on) {
            if (m_syncing)
                return;
            auto &v = m_view.presets;
            v.erase(std::remove(v.begin(), v.end(), p), v.end());
            if (on)
                v.push_back(p);
            changed();
        });
        m_presets[std::size_t(p)] = b;
    }
}

void MatrixFilterBar::buildRowsMenu()
{
    m_rows = new QToolButton(this);
    m_rows->setObjectName(QStringLiteral("rowsButton"));
    m_rows->setPopupMode(QToolButton::InstantPopup);
    m_rowsMenu = new QMenu(m_rows);
    m_rowsMenu->addSection(tr("Kinds (none checked: every kind)"));
    for (int k = 0; k < kRowKindCount; ++k) {
        QAction *a = m_rowsMenu->addAction(kindLabel(RowKind(k)));
        a->setObjectName(QStringLiteral("kind-%1").arg(toQString(rowKindName(RowKind(k)))));
        a->setCheckable(true);
        connect(a, &QAction::toggled, this, [this, k](bool on) {
            if (m_syncing)
                return;
            auto &v = m_view.kinds;
            v.erase(std::remove(v.begin(), v.end(), RowKind(k)), v.end());
            if (on)
                v.push_back(RowKind(k));
            std::sort(v.begin(), v.end());
            changed();
        });
        m_kindActions.push_back(a);
    }
    m_rowsMenu->addSection(tr("Accounts"));
    auto *accounts = new QActionGroup(this);
    for (const QString &label : {tr("Enabled and disabled"), tr("Enabled accounts only"), tr("Disabled accounts only")}) {
        QAction *a = m_rowsMenu->addAction(label);
        a->setCheckable(true);
        accounts->addAction(a);
        const auto filter = gen::AccountFilter(m_accountActions.size());
        connect(a, &QAction::triggered, this, [this, filter] {
            m_view.accounts = filter;
            changed();
        });
        m_accountActions.push_back(a);
    }
    m_rowsMenu->addSection(tr("Allowed through (none checked: any plane)"));
    for (Plane p : kAllPlanes) {
        QAction *a = m_rowsMenu->addAction(planestyle::label(p));
        a->setCheckable(true);
        connect(a, &QAction::toggled, this, [this, p](bool on) {
            if (m_syncing)
                return;
            m_view.planes = on ? Planes(m_view.planes | planeBit(p)) : Planes(m_view.planes & ~planeBit(p));
            changed();
        });
        m_planeActions.push_back(a);
    }
    m_rowsMenu->addSection(tr("Group membership"));
    m_memberAction = m_rowsMenu->addAction(tr("Members of a group…"), this, &MatrixFilterBar::pickGroup);
    m_clearMemberAction = m_rowsMenu->addAction(tr("Members of any group"), this, [this] { setMemberOf({}); });
    m_rows->setMenu(m_rowsMenu);
}

void MatrixFilterBar::buildViews()
{
    m_views = new QComboBox(this);
    m_views->setObjectName(QStringLiteral("viewCombo"));
    m_views->setToolTip(tr("Saved views: clearance export --what matrix --view NAME writes the same rows"));
    m_views->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_views, &QComboBox::activated, this, [this](int index) {
        if (index > 0)
            loadSavedView(m_views->itemText(index));
    });
    m_saveView = new QToolButton(this);
    m_saveView->setObjectName(QStringLiteral("saveView"));
    m_saveView->setText(tr("Save view…"));
    connect(m_saveView, &QToolButton::clicked, this, [this] {
        bool ok = false;
        const QString current = m_views->currentIndex() > 0 ? m_views->currentText() : QString();
        const QString name = QInputDialog::getText(this, tr("Save the matrix view"), tr("Name:"), QLineEdit::Normal, current, &ok).trimmed();
        if (ok && !name.isEmpty())
            saveView(name);
    });
    m_deleteView = new QToolButton(this);
    m_deleteView->setObjectName(QStringLiteral("deleteView"));
    m_deleteView->setText(tr("Delete"));
    m_deleteView->setToolTip(tr("Delete the saved view"));
    connect(m_deleteView, &QToolButton::clicked, this, [this] {
        if (m_views->currentIndex() > 0 && gen::MatrixViewStore().remove(toStd(m_views->currentText())))
            refreshViewNames();
    });
    refreshViewNames();
}

void MatrixFilterBar::refreshViewNames()
{
    const QString current = m_views->currentIndex() > 0 ? m_views->currentText() : QString();
    const QSignalBlocker blocker(m_views);
    m_views->clear();
    m_views->addItem(tr("Unsaved view"));
    for (const auto &name : gen::MatrixViewStore().names())
        m_views->addItem(toQString(name));
    m_views->setCurrentIndex(qMax(0, m_views->findText(current)));
    m_deleteView->setEnabled(m_views->currentIndex() > 0);
}

void MatrixFilterBar::setSession(SessionPtr session)
{
    m_session = std::move(session);
    m_columns = m_session ? defaultMatrixColumns(*m_session->graph) : std::vector<MatrixColumn>();
    m_checklist->setColumns(m_columns);
    m_checklist->setPicks(m_view.columns);
    m_onlyAllowedChosen = false;
    if (!m_view.memberOf.empty()) // a group of another snapshot
        m_view.memberOf.clear();
    syncControls();
}

void MatrixFilterBar::setView(const gen::MatrixView &view)
{
    if (view == m_view)
        return;
    m_view = view;
    changed();
}

void MatrixFilterBar::setOnlyAllowedDefault(bool on)
{
    if (m_onlyAllowedChosen || m_view.onlyAllowed == on)
        return;
    m_view.onlyAllowed = on;
    changed();
}

void MatrixFilterBar::setSortColumn(const std::string &columnId)
{
    if (m_view.sort == gen::RowSort::Column && m_view.sortColumn == columnId)
        return;
    m_view.sort = gen::RowSort::Column;
    m_view.sortColumn = columnId;
    changed();
}

void MatrixFilterBar::setMemberOf(const std::string &groupId)
{
    if (m_view.memberOf == groupId)
        return;
    m_view.memberOf = groupId;
    changed();
}

bool MatrixFilterBar::loadSavedView(const QString &name)
{
    std::string error;
    auto view = gen::MatrixViewStore().load(toStd(name), &error);
    if (!view) {
        QMessageBox::warning(this, tr("Saved view"), toQString(error));
        return false;
    }
    setView(*view);
    const QSignalBlocker blocker(m_views);
    m_views->setCurrentIndex(qMax(0, m_views->findText(name)));
    m_deleteView->setEnabled(m_views->currentIndex() > 0);
    return true;
}

bool MatrixFilterBar::saveView(const QString &name)
{
    std::string error;
    if (!gen::MatrixViewStore().save(toStd(name), m_view, &error)) {
        QMessageBox::warning(this, tr("Save the matrix view"), toQString(error));
        return false;
    }
    refreshViewNames();
    const QSignalBlocker blocker(m_views);
    m_views->setCurrentIndex(m_views->findText(name));
    m_deleteView->setEnabled(true);
    return true;
}

std::pair<int, int> MatrixFilterBar::columnCounts() const
{
    return {int(m_view.visibleColumns(m_columns).size()), int(m_columns.size())};
}

void MatrixFilterBar::changed()
{
    if (m_syncing)
        return;
    syncControls();
    // A saved view stays selected only while it is what the bar shows.
    if (m_views->currentIndex() > 0) {
        const auto saved = gen::MatrixViewStore().load(toStd(m_views->currentText()));
        if (!saved || !(*saved == m_view)) {
            const QSignalBlocker blocker(m_views);
            m_views->setCurrentIndex(0);
            m_deleteView->setEnabled(false);
        }
    }
    Q_EMIT viewChanged();
}

void MatrixFilterBar::syncControls()
{
    m_syncing = true;
    m_onlyAllowed->setChecked(m_view.onlyAllowed);
    for (gen::ColumnPreset p : gen::kColumnPresets)
        m_presets[std::size_t(p)]->setChecked(std::find(m_view.presets.begin(), m_view.presets.end(), p) != m_view.presets.end());
    if (m_checklist->picks() != m_view.columns)
        m_checklist->setPicks(m_view.columns);
    const auto [shown, total] = columnCounts();
    m_columnsButton->setText(shown == total ? tr("Columns: all") : tr("Columns: %1 of %2").arg(shown).arg(total));
    int rowFilters = 0;
    for (int k = 0; k < kRowKindCount; ++k)
        m_kindActions[std::size_t(k)]->setChecked(std::find(m_view.kinds.begin(), m_view.kinds.end(), RowKind(k)) != m_view.kinds.end());
    rowFilters += m_view.kinds.empty() ? 0 : 1;
    m_accountActions[std::size_t(m_view.accounts)]->setChecked(true);
    rowFilters += m_view.accounts == gen::AccountFilter::Any ? 0 : 1;
    for (std::size_t i = 0; i < std::size(kAllPlanes); ++i)
        m_planeActions[i]->setChecked(m_view.planes & planeBit(kAllPlanes[i]));
    rowFilters += m_view.planes ? 1 : 0;
    rowFilters += m_view.memberOf.empty() ? 0 : 1;
    m_memberAction->setText(m_view.memberOf.empty() ? tr("Members of a group…") : tr("Members of %1 (transitively)…").arg(memberOfLabel()));
    m_clearMemberAction->setEnabled(!m_view.memberOf.empty());
    m_rows->setText(rowFilters ? tr("Rows: %n filter(s)", nullptr, rowFilters) : tr("Rows: all kinds"));
    while (m_sort->count() > 3)
        m_sort->removeItem(3);
    if (m_view.sort == gen::RowSort::Column) {
        m_sort->addItem(tr("Sort by %1").arg(toQString(m_view.sortColumn).replace(QLatin1Char(':'), QLatin1Char(' '))));
        m_sort->setCurrentIndex(3);
    } else {
        m_sort->setCurrentIndex(int(m_view.sort));
    }
    m_syncing = false;
}

QString MatrixFilterBar::memberOfLabel() const
{
    if (!m_session)
        return toQString(m_view.memberOf);
    const auto &dir = m_session->graph->snapshot().directory;
    const auto g = dir.find(m_view.memberOf);
    return g == entra::NoPrincipal ? toQString(m_view.memberOf) : toQString(dir.at(g).displayName.empty() ? dir.at(g).id : dir.at(g).displayName);
}

void MatrixFilterBar::pickGroup()
{
    if (!m_session)
        return;
    // Every Entra group as "name (object ID)", completed as the user types any part of it.
    const auto &dir = m_session->graph->snapshot().directory;
    QStringList labels;
    for (entra::PrincipalId p = 0; p < dir.size(); ++p) {
        if (dir.at(p).type == entra::PrincipalType::Group)
            labels << QStringLiteral("%1 (%2)").arg(toQString(dir.at(p).displayName), toQString(dir.at(p).id));
    }
    labels.sort(Qt::CaseInsensitive);
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Members of a group"));
    auto *edit = new QLineEdit(&dialog);
    edit->setObjectName(QStringLiteral("groupEdit"));
    edit->setPlaceholderText(tr("Group name or object ID"));
    auto *completer = new QCompleter(new QStringListModel(labels, &dialog), &dialog);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    edit->setCompleter(completer);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(tr("Keep the transitive members of:"), &dialog));
    layout->addWidget(edit);
    layout->addWidget(buttons);
    dialog.resize(480, dialog.sizeHint().height());
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString text = edit->text().trimmed();
    if (text.endsWith(QLatin1Char(')')) && text.contains(QLatin1Char('(')))
        text = text.mid(text.lastIndexOf(QLatin1Char('(')) + 1).chopped(1);
    std::vector<entra::PrincipalId> groups;
    for (auto p : dir.lookup(toStd(text)))
        if (dir.at(p).type == entra::PrincipalType::Group)
            groups.push_back(p);
    if (groups.size() != 1) {
        QMessageBox::information(this, tr("Members of a group"),
                                 groups.empty() ? tr("No Entra group is named %1.").arg(text) : tr("%1 names several groups: pick one with its object ID.").arg(text));
        return;
    }
    setMemberOf(dir.at(groups.front()).id);
}

void MatrixFilterBar::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    if (busy)
        m_progress->setRange(0, 0);
}

void MatrixFilterBar::setProgress(int done, int total)
{
    m_progress->setRange(0, qMax(1, total));
    m_progress->setValue(done);
}

void MatrixFilterBar::setCompareState(bool canCompare, bool comparing)
{
    m_comparing = comparing;
    m_compare->setText(comparing ? tr("Stop co&mparing") : tr("Co&mpare"));
    m_compare->setEnabled(comparing || canCompare);
}

} // namespace clr::ui
