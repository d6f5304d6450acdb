// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "session.h"

#include <QWidget>

#include <string>

class QLineEdit;
class QStackedWidget;
class QTableView;
class QTextBrowser;
class QTreeView;

namespace clr::ui {

class BindingSubjectsModel;
class PermissionsModel;
class RbacFilterProxy;
class RbacObjectsModel;
class RoleRulesModel;

/**
 * The roles and bindings tab: Kubernetes Roles, ClusterRoles (aggregated ones with the origin of
 * each rule), bindings, Azure role definitions and assignments; the selected object's summary with
 * links, and its rules, subjects or actions in a table.
 */
class RolesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolesPage)

public:
    explicit RolesPage(QWidget *parent = nullptr);
    ~RolesPage() override;

    void setSession(SessionPtr session);
    /** Selects the object of a PathStep ref; false when it is not an RBAC object of the snapshot. */
    bool selectRef(const ObjectRef &ref);
    QString currentRef() const;

    RbacObjectsModel *model() const { return m_model; }
    RbacFilterProxy *proxy() const { return m_proxy; }
    QTreeView *tree() const { return m_tree; }
    QTableView *table() const { return m_table; }
    QTextBrowser *details() const { return m_details; }
    RoleRulesModel *rulesModel() const { return m_rules; }
    PermissionsModel *permissionsModel() const { return m_permissions; }
    BindingSubjectsModel *subjectsModel() const { return m_subjects; }

Q_SIGNALS:
    void refActivated(const QString &ref);
    void openSourceRequested(const QString &file, int line);
    void currentObjectChanged(const QString &ref);

private:
    void onCurrentChanged(const QModelIndex &current);
    void onLinkClicked(const QUrl &url);
    void onTableActivated(const QModelIndex &index);
    void hideEmptyColumns();

    SessionPtr m_session;
    QLineEdit *m_filter = nullptr;
    QTreeView *m_tree = nullptr;
    QTextBrowser *m_details = nullptr;
    QTableView *m_table = nullptr;
    RbacObjectsModel *m_model = nullptr;
    RbacFilterProxy *m_proxy = nullptr;
    RoleRulesModel *m_rules = nullptr;
    PermissionsModel *m_permissions = nullptr;
    BindingSubjectsModel *m_subjects = nullptr;
};

} // namespace clr::ui
