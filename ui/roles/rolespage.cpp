// SPDX-License-Identifier: GPL-3.0-or-later
#include "roles/rolespage.h"

#include "explain/explanationhtml.h"
#include "models/bindingsubjectsmodel.h"
#include "models/itemroles.h"
#include "models/permissionsmodel.h"
#include "models/rbacfilterproxy.h"
#include "models/rbacobjectsmodel.h"
#include "models/rolerulesmodel.h"
#include "roles/objectdetails.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

namespace clr::ui {

RolesPage::RolesPage(QWidget *parent)
    : QWidget(parent)
    , m_filter(new QLineEdit(this))
    , m_tree(new QTreeView(this))
    , m_details(new QTextBrowser(this))
    , m_table(new QTableView(this))
    , m_model(new RbacObjectsModel(this))
    , m_proxy(new RbacFilterProxy(this))
    , m_rules(new RoleRulesModel(this))
    , m_permissions(new PermissionsModel(this))
    , m_subjects(new BindingSubjectsModel(this))
{
    m_proxy->setSourceModel(m_model);
    m_filter->setObjectName(QStringLiteral("rolesFilter"));
    m_filter->setPlaceholderText(tr("Filter roles, bindings and assignments"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterText(text);
        if (!text.isEmpty())
            m_tree->expandAll();
    });
    m_tree->setObjectName(QStringLiteral("rolesTree"));
    m_tree->setModel(m_proxy);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->resizeSection(RbacObjectsModel::NameColumn, 250);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &RolesPage::onCurrentChanged);
    m_details->setObjectName(QStringLiteral("rolesDetails"));
    m_details->setOpenLinks(false);
    connect(m_details, &QTextBrowser::anchorClicked, this, &RolesPage::onLinkClicked);
    m_table->setObjectName(QStringLiteral("rolesTable"));
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setToolTip(tr("Double-click a subject or an aggregation origin to go to it"));
    connect(m_table, &QTableView::activated, this, &RolesPage::onTableActivated);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_tree, 1);
    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_details);
    right->addWidget(m_table);
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 2);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
}

RolesPage::~RolesPage() = default;

void RolesPage::setSession(SessionPtr session)
{
    m_session = std::move(session);
    m_model->setSession(m_session);
    m_table->setModel(nullptr);
    m_details->clear();
    m_tree->expandAll();
}

bool RolesPage::selectRef(const ObjectRef &ref)
{
    const QModelIndex source = m_model->indexOfRef(ref);
    if (!source.isValid())
        return false;
    QModelIndex index = m_proxy->mapFromSource(source);
    if (!index.isValid()) {
        m_filter->clear();
        index = m_proxy->mapFromSource(source);
    }
    m_tree->expand(index.parent());
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

QString RolesPage::currentRef() const
{
    return m_tree->currentIndex().data(RefRole).toString();
}

void RolesPage::onCurrentChanged(const QModelIndex &current)
{
    const auto object = m_model->objectAt(m_proxy->mapToSource(current));
    if (!object || !m_session)
        return;
    m_details->setHtml(objectDetailsHtml(*m_session, *m_model, *object));
    switch (object->kind) {
    case ObjectKind::Role:
    case ObjectKind::ClusterRole:
        m_rules->setRole(m_session, int(object->index));
        m_table->setModel(m_rules);
        break;
    case ObjectKind::RoleBinding:
    case ObjectKind::ClusterRoleBinding:
        m_subjects->setBinding(m_session, int(object->index));
        m_table->setModel(m_subjects);
        break;
    case ObjectKind::RoleDefinition:
        m_permissions->setDefinition(m_session, int(object->index));
        m_table->setModel(m_permissions);
        break;
    case ObjectKind::Assignment: {
        const auto &az = m_session->graph->snapshot().azure;
        const auto *def = az.definitionOf(az.assignments[object->index]);
        m_permissions->setDefinition(m_session, def ? int(def - az.roleDefinitions.data()) : -1);
        m_table->setModel(m_permissions);
        break;
    }
    default:
        break;
    }
    m_table->resizeColumnsToContents();
    // Long resource lists must not push the other columns (the aggregation origin) out of sight.
    for (int c = 0; c < m_table->model()->columnCount(); ++c)
        m_table->setColumnWidth(c, qMin(m_table->columnWidth(c), 280));
    hideEmptyColumns();
    Q_EMIT currentObjectChanged(QString::fromStdString(m_model->refOf(*object).toString()));
}

void RolesPage::hideEmptyColumns()
{
    // Most roles have no resource names or URLs: hiding those keeps the aggregation origin in view.
    const QAbstractItemModel *model = m_table->model();
    for (int c = 0; c < model->columnCount(); ++c) {
        bool empty = true;
        for (int r = 0; r < model->rowCount() && empty; ++r)
            empty = model->index(r, c).data().toString().isEmpty();
        m_table->setColumnHidden(c, empty && model->rowCount() > 0);
    }
}

void RolesPage::onLinkClicked(const QUrl &url)
{
    QString file;
    int line = 0;
    if (parseSourceLink(url, &file, &line)) {
        Q_EMIT openSourceRequested(file, line);
        return;
    }
    const QString ref = refFromUrl(url);
    if (ref.isEmpty())
        return;
    const auto parsed = ObjectRef::parse(ref.toStdString());
    if (!parsed || !selectRef(*parsed))
        Q_EMIT refActivated(ref); // a principal: the main window selects it in Identities
}

void RolesPage::onTableActivated(const QModelIndex &index)
{
    const QString ref = index.data(RefRole).toString();
    if (ref.isEmpty())
        return;
    const auto parsed = ObjectRef::parse(ref.toStdString());
    if (!parsed || !selectRef(*parsed))
        Q_EMIT refActivated(ref);
}

} // namespace clr::ui
