// SPDX-License-Identifier: GPL-3.0-or-later
#include "drafts/draftcommands.h"

#include "drafts/draftsmodel.h"

#include <QCoreApplication>

namespace clr::ui {

namespace {
QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("DraftCommands", text, nullptr, n);
}
} // namespace

AddDraft::AddDraft(DraftsModel *model, std::vector<drafts::Draft> drafts, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_model(model)
    , m_drafts(std::move(drafts))
{
    setText(m_drafts.size() == 1 ? tr("Add Draft %1").arg(QString::fromStdString(m_drafts.front().describe()))
                                 : tr("Add %n Drafts", int(m_drafts.size())));
}

void AddDraft::redo()
{
    for (const auto &d : m_drafts)
        m_model->insertDraft(m_model->rowCount(), d);
}

void AddDraft::undo()
{
    for (auto it = m_drafts.rbegin(); it != m_drafts.rend(); ++it)
        m_model->removeDraftAt(m_model->rowOf(it->id));
}

RemoveDraft::RemoveDraft(DraftsModel *model, const std::string &draftId, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_model(model)
    , m_row(model->rowOf(draftId))
{
    if (m_row >= 0)
        m_draft = model->draftAt(m_row);
    setText(tr("Remove Draft %1").arg(QString::fromStdString(m_draft.describe())));
}

void RemoveDraft::redo()
{
    m_model->removeDraftAt(m_model->rowOf(m_draft.id));
}

void RemoveDraft::undo()
{
    m_model->insertDraft(m_row, m_draft);
}

EditDraft::EditDraft(DraftsModel *model, drafts::Draft before, drafts::Draft after, int field, QUndoCommand *parent)
    : QUndoCommand(parent)
    , m_model(model)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_field(field)
{
    setText(tr("Edit Draft %1").arg(QString::fromStdString(m_after.describe())));
}

void EditDraft::redo()
{
    m_model->replaceDraft(m_after);
}

void EditDraft::undo()
{
    m_model->replaceDraft(m_before);
}

bool EditDraft::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const EditDraft *>(other);
    if (m_field < 0 || o->m_field != m_field || o->m_after.id != m_after.id)
        return false;
    m_after = o->m_after;
    setText(o->text());
    return true;
}

} // namespace clr::ui
