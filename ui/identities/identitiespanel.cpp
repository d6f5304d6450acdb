// SPDX-License-Identifier: GPL-3.0-or-later
#include "identities/identitiespanel.h"

#include "models/identityfilterproxy.h"
#include "models/identitymodel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <unordered_set>

namespace clr::ui {

IdentitiesPanel::IdentitiesPanel(QWidget *parent)
    : QWidget(parent)
    , m_filter(new QLineEdit(this))
    , m_filterTimer(new QTimer(this))
    , m_view(new QTreeView(this))
    , m_model(new IdentityModel(this))
    , m_proxy(new IdentityFilterProxy(this))
{
    m_filter->setObjectName(QStringLiteral("identityFilter"));
    m_filter->setPlaceholderText(tr("Filter by name, sign-in, object or app ID (Ctrl+Shift+F)"));
    m_filter->setClearButtonEnabled(true);
    // Typing into a 200k-user filter re-filters every row: wait for a pause.
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(200);
    connect(m_filter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterTimer, &QTimer::timeout, this, [this] { setFilterText(m_filter->text()); });

    m_proxy->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("identityTree"));
    m_view->setModel(m_proxy);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->resizeSection(IdentityModel::NameColumn, 230);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &IdentitiesPanel::emitSelection);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &IdentitiesPanel::emitSelection);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
}

IdentitiesPanel::~IdentitiesPanel() = default;

void IdentitiesPanel::setSession(SessionPtr session)
{
    m_model->setSession(std::move(session));
    expandFolders();
}

void IdentitiesPanel::expandFolders()
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex folder = m_proxy->index(row, 0);
        // Small folders open; big ones (200k users, 2000 namespaces) wait for a click or a filter.
        if (m_proxy->rowCount(folder) <= 200)
            m_view->expand(folder);
    }
}

void IdentitiesPanel::setFilterText(const QString &text)
{
    m_filterTimer->stop();
    if (m_filter->text() != text) {
        const QSignalBlocker blocker(m_filter);
        m_filter->setText(text);
    }
    m_proxy->setFilterText(text);
    if (!text.trimmed().isEmpty()) {
        for (int row = 0; row < m_proxy->rowCount(); ++row)
            m_view->expand(m_proxy->index(row, 0));
    }
}

void IdentitiesPanel::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

bool IdentitiesPanel::selectSubject(SubjectRef subject)
{
    const QModelIndex source = m_model->indexOf(subject);
    if (!source.isValid())
        return false;
    QModelIndex index = m_proxy->mapFromSource(source);
    if (!index.isValid()) {
        setFilterText(QString());
        index = m_proxy->mapFromSource(source);
    }
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
        m_view->expand(p);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

std::optional<SubjectRef> IdentitiesPanel::currentSubject() const
{
    return m_model->subjectAt(m_proxy->mapToSource(m_view->currentIndex()));
}

std::vector<SubjectRef> IdentitiesPanel::selectedRequesters() const
{
    std::vector<SubjectRef> out;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows()) {
        const auto part = m_model->requestersUnder(m_proxy->mapToSource(index));
        out.insert(out.end(), part.begin(), part.end());
    }
    // Keep the first occurrence of each subject, in selection order (a folder may hold 200k).
    std::unordered_set<std::uint64_t> seen;
    std::vector<SubjectRef> unique;
    unique.reserve(out.size());
    for (const auto &ref : out) {
        if (seen.insert((std::uint64_t(ref.kind) << 32) | ref.id).second)
            unique.push_back(ref);
    }
    return unique;
}

void IdentitiesPanel::emitSelection()
{
    Q_EMIT selectionChanged(selectedRequesters(), currentSubject());
}

} // namespace clr::ui
