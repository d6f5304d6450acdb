// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/kindicons.h"
#include "common/objectref.h"
#include "session.h"

#include <QAbstractItemModel>

#include <array>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace clr::ui {

class IdentityDropHandler;

/** An RBAC object of a session: `index` into the authorizer's roles/bindings or the Azure vectors. */
struct RbacObject
{
    ObjectKind kind = ObjectKind::Role;
    std::uint32_t index = 0;
    friend bool operator==(const RbacObject &, const RbacObject &) = default;
};

/**
 * The roles tab's tree: folders of Roles, ClusterRoles, RoleBindings, ClusterRoleBindings, Azure
 * role definitions and Azure role assignments, each sorted by name. Roles come from the
 * authorizer's copy, where aggregated ClusterRoles have their rules filled in.
 */
class RbacObjectsModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RbacObjectsModel)

public:
    enum Column { NameColumn, DetailColumn, ColumnCount };
    enum class Folder : std::uint8_t { Roles, ClusterRoles, RoleBindings, ClusterRoleBindings, RoleDefinitions, Assignments, Count };

    explicit RbacObjectsModel(QObject *parent = nullptr);

    void setSession(SessionPtr session);
    std::optional<RbacObject> objectAt(const QModelIndex &index) const;
    /** The row of a Role, ClusterRole, binding, Azure role definition or assignment; invalid when unknown. */
    QModelIndex indexOfRef(const clr::ObjectRef &ref) const;
    clr::ObjectRef refOf(RbacObject object) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Drafting: identities (kIdentityMimeType) dropped on a Role, ClusterRole or Azure role
    // definition go to the handler, which creates the drafts (not owned; null = no drops).
    void setDropHandler(IdentityDropHandler *handler) { m_dropHandler = handler; }
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent) override;

private:
    void build();
    QString name(RbacObject o) const;
    QString detail(RbacObject o) const;
    bool broken(RbacObject o) const;
    QVariant objectData(RbacObject o, int column, int role) const;
    QVariant folderData(Folder f, int column, int role) const;

    SessionPtr m_session;
    std::array<std::vector<RbacObject>, std::size_t(Folder::Count)> m_folders;
    std::unordered_map<std::string, std::pair<int, int>> m_byRef; // ObjectRef text -> (folder, row)
    IdentityDropHandler *m_dropHandler = nullptr;
};

} // namespace clr::ui
