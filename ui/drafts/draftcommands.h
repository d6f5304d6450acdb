// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Every undoable draft action, in one header (as Tiled's undocommands.h): the commands call
// DraftsModel's mutators, which emit the model signals and save the drafts.

#include "drafts/draft.h"

#include <QUndoCommand>

#include <vector>

namespace clr::ui {

class DraftsModel;

/** Ids for QUndoCommand::mergeWith(): successive edits of the same draft's same field merge. */
enum UndoCommandId { AddDraftId = 1, RemoveDraftId, EditDraftId };

/** Adds drafts (one step, even when several identities were dropped at once). */
class AddDraft final : public QUndoCommand
{
public:
    AddDraft(DraftsModel *model, std::vector<drafts::Draft> drafts, QUndoCommand *parent = nullptr);
    void undo() override;
    void redo() override;
    int id() const override { return AddDraftId; }

private:
    DraftsModel *m_model;
    std::vector<drafts::Draft> m_drafts;
};

/** Removes a draft; undo puts it back at its row. */
class RemoveDraft final : public QUndoCommand
{
public:
    RemoveDraft(DraftsModel *model, const std::string &draftId, QUndoCommand *parent = nullptr);
    void undo() override;
    void redo() override;
    int id() const override { return RemoveDraftId; }

private:
    DraftsModel *m_model;
    drafts::Draft m_draft;
    int m_row = -1;
};

/** Replaces a draft's fields (namespace, role, kind, scope, name); the id stays. */
class EditDraft final : public QUndoCommand
{
public:
    EditDraft(DraftsModel *model, drafts::Draft before, drafts::Draft after, int field = -1, QUndoCommand *parent = nullptr);
    void undo() override;
    void redo() override;
    int id() const override { return EditDraftId; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    DraftsModel *m_model;
    drafts::Draft m_before;
    drafts::Draft m_after;
    int m_field; // column edited; -1 = several (never merges)
};

} // namespace clr::ui
