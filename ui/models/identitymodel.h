// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "session.h"

#include <QAbstractItemModel>

#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace clr::ui {

/**
 * The identities tree: one folder per kind (users, groups, service principals, managed identities,
 * service accounts by namespace, Kubernetes subjects unknown to Entra). Folders list the catalog's
 * sorted vectors directly, so 200k users cost one small item each and no per-row object; a group's
 * members are only fetched when it is expanded (canFetchMore/fetchMore), nested groups likewise,
 * which also keeps membership cycles harmless.
 */
class IdentityModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IdentityModel)

public:
    enum Column { NameColumn, KubernetesNameColumn, ColumnCount };
    enum class Folder : std::uint8_t { Users, Groups, ServicePrincipals, ManagedIdentities, ServiceAccounts, KubernetesSubjects, Count };

    explicit IdentityModel(QObject *parent = nullptr);
    ~IdentityModel() override;

    /** Resets the model onto another session (nullptr = empty). */
    void setSession(SessionPtr session);
    const SubjectCatalog *catalog() const { return m_session ? m_session->catalog.get() : nullptr; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Drag-and-drop (drafting): subject rows drag as kIdentityMimeType (ui/drafts/identitymime.h).
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;

    /** The subject of a row; nullopt for folders. */
    std::optional<SubjectRef> subjectAt(const QModelIndex &index) const;
    /** The subjects that can send requests under a row: itself, a group's transitive members, a folder's content. */
    std::vector<SubjectRef> requestersUnder(const QModelIndex &index) const;
    /** Where `ref` is listed in its kind's folder (invalid when absent). */
    QModelIndex indexOf(SubjectRef ref) const;
    /** Whether a subject row matches a filter (`lowerNeedle` lower-case UTF-8); folders never match themselves. */
    bool matches(const QModelIndex &index, std::string_view lowerNeedle) const;

private:
    struct Item
    {
        enum class Type : std::uint8_t { Folder, Namespace, Subject };
        Type type = Type::Subject;
        std::uint32_t index = 0; // folder number or namespace index
        SubjectRef subject;
    };
    struct Node
    {
        Node *parent = nullptr;
        int row = -1;
        std::vector<Item> items;
        std::unordered_map<int, std::unique_ptr<Node>> children; // by row, only for rows with loaded children
        bool fetched = false;
    };

    void build();
    Node *addChild(Node *parent, int row, std::vector<Item> items);
    Node *nodeOf(const QModelIndex &index) const; // the node holding the children of index
    const Item &itemAt(const QModelIndex &index) const;
    QVariant folderData(const Item &item, int column, int role) const;
    QVariant subjectData(const Item &item, int column, int role) const;
    std::size_t folderSize(const Item &item) const;

    void fetchQueued();

    SessionPtr m_session;
    std::unique_ptr<Node> m_root;
    // fetchMore() called while this model is emitting a change (views and QAbstractItemModelTester
    // walk the tree from inside modelReset/rowsInserted) is queued: inserting rows in the middle of
    // another change would break the model contract.
    bool m_emitting = false;
    QList<QPersistentModelIndex> m_fetchQueue;
};

} // namespace clr::ui
