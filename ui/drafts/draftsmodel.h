// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "drafts/draft.h"
#include "drafts/draftstore.h"

#include <QAbstractTableModel>

#include <memory>

class QUndoStack;

namespace clr::ui {

/**
 * The drafts as a table: one row per draft (kind, subject, role, namespace or scope, name). The
 * namespace, role and name cells are editable; setData() pushes an EditDraft onto the undo stack
 * rather than changing anything itself. The mutators (insertDraft, removeDraftAt, replaceDraft)
 * are what the undo commands call: they emit precise row signals, then save the whole set through
 * the DraftStore (when one is set) so that no change is ever only in memory.
 */
class DraftsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DraftsModel)

public:
    enum Column { KindColumn, SubjectColumn, RoleColumn, ScopeColumn, NameColumn, ColumnCount };

    /** `undoStack` is not owned and must outlive the model. */
    explicit DraftsModel(QUndoStack *undoStack, QObject *parent = nullptr);
    ~DraftsModel() override;

    /** Saves after every change from now on (nullptr: never). */
    void setStore(std::unique_ptr<drafts::DraftStore> store);
    const drafts::DraftStore *store() const { return m_store.get(); }
    QString lastSaveError() const { return m_saveError; }

    const drafts::DraftSet &drafts() const { return m_set; }
    /** Replaces everything (restoring saved drafts); not undoable, clears nothing on the stack. */
    void resetDrafts(drafts::DraftSet set);
    const drafts::Draft &draftAt(int row) const { return m_set.drafts[std::size_t(row)]; }
    int rowOf(const std::string &id) const { return m_set.indexOf(id); }
    QUndoStack *undoStack() const { return m_undoStack; }

    // Undoable actions: each pushes one command.
    void addDrafts(std::vector<drafts::Draft> drafts);
    void removeDraft(const std::string &id);
    void editDraft(const drafts::Draft &after);

    // Mutators for the undo commands.
    void insertDraft(int row, const drafts::Draft &draft);
    void removeDraftAt(int row);
    void replaceDraft(const drafts::Draft &draft);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

Q_SIGNALS:
    /** After any change of the set (including resetDrafts), once the change is saved. */
    void draftsChanged();
    void saveFailed(const QString &message);

private:
    void changed();
    QVariant displayData(const drafts::Draft &d, int column) const;

    QUndoStack *m_undoStack;
    drafts::DraftSet m_set;
    std::unique_ptr<drafts::DraftStore> m_store;
    QString m_saveError;
};

} // namespace clr::ui
