// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "drafts/effect.h"
#include "drafts/identitydrophandler.h"
#include "drafts/identitymime.h"
#include "generate/generator.h"
#include "generate/proof.h"
#include "session.h"

#include <QObject>
#include <QUndoStack>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QWidget;

namespace clr::ui {

class DraftsModel;

/**
 * The drafting side of the window: the undo stack, the drafts model (saved on every change and
 * restored on start), drops of identities onto roles, namespaces and matrix rows, the graph with
 * the drafts applied (rebuilt on the thread pool, so a 270k-principal tenant does not freeze the
 * window) and its effect summary, least-privilege generation from matrix cells, and exports.
 */
class DraftsController final : public QObject, public IdentityDropHandler
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DraftsController)

public:
    /** Decides the drafts of a drop: gets the least-privilege proposals, returns what to create
     *  (nullopt = cancelled). The default shows DropTargetDialog when the drop is ambiguous. */
    using Asker = std::function<std::optional<std::vector<drafts::Draft>>(const DropTarget &, const std::vector<DraggedIdentity> &,
                                                                          const std::vector<drafts::Draft> &proposals)>;

    explicit DraftsController(QWidget *dialogParent, QObject *parent = nullptr);
    ~DraftsController() override;

    /** Loads the saved drafts (path empty: DraftStore::defaultPath()) and saves every change there. */
    bool restore(const QString &storePath = {}, QString *error = nullptr);
    void setSession(SessionPtr session);
    SessionPtr session() const { return m_session; }
    /** The namespace the window shows: what ambiguous drops preselect. */
    void setPreferredNamespace(const std::string &ns) { m_preferredNamespace = ns; }
    void setAsker(Asker asker) { m_asker = std::move(asker); }

    QUndoStack *undoStack() { return &m_undoStack; }
    DraftsModel *model() const { return m_model; }

    bool canDropIdentities(const QMimeData *data, const DropTarget &target) const override;
    bool dropIdentities(const QMimeData *data, const DropTarget &target) override;

    /** The graph with every draft applied (null until built, or when there are no drafts). */
    std::shared_ptr<const PermissionGraph> draftGraph() const { return m_draftGraph; }
    const drafts::EffectSummary &effect() const { return m_effect; }
    bool isUpdating() const { return m_pending > 0; }

    /** Least privilege for matrix cells of one subject and namespace: generates (core/generate),
     *  proves (Proof::summary()) and adds the policy to the drafts export. Undoable. */
    std::optional<gen::Proof> generateFromCells(SubjectRef subject, const std::vector<MatrixColumn> &cells, const std::string &ns,
                                                QString *error = nullptr);
    const std::vector<gen::GeneratedPolicy> &generated() const { return m_generated; }
    void addGenerated(const gen::GeneratedPolicy &policy);
    void removeLastGenerated();

    // Exports. Each returns an error message, empty on success.
    QString exportYaml(const QString &path) const;
    QString exportFolder(const QString &dir) const;
    QString exportAzScript(const QString &path) const;
    QString exportArmTemplate(const QString &path) const;
    std::string yaml() const;

Q_SIGNALS:
    /** The drafted graph was rebuilt (null when there are no drafts) with the drafts it has. */
    void draftGraphChanged(const std::shared_ptr<const clr::PermissionGraph> &graph, const clr::drafts::DraftSet &drafts);
    void effectChanged(const QString &summary);
    void generatedChanged();
    void updatingChanged(bool updating);

private:
    void rebuild();
    std::optional<std::vector<drafts::Draft>> askDialog(const DropTarget &target, const std::vector<DraggedIdentity> &identities,
                                                        const std::vector<drafts::Draft> &proposals);

    QWidget *m_dialogParent;
    QUndoStack m_undoStack;
    DraftsModel *m_model = nullptr;
    SessionPtr m_session;
    std::string m_preferredNamespace;
    Asker m_asker;
    std::shared_ptr<const PermissionGraph> m_draftGraph;
    drafts::EffectSummary m_effect;
    std::vector<gen::GeneratedPolicy> m_generated;
    quint64 m_generation = 0;
    int m_pending = 0;
};

} // namespace clr::ui
