// SPDX-License-Identifier: GPL-3.0-or-later
#include "drafts/draftscontroller.h"

#include "common/async.h"
#include "drafts/applydrafts.h"
#include "drafts/draftsmodel.h"
#include "drafts/droptargetdialog.h"
#include "generate/export.h"

#include <QMimeData>
#include <QSaveFile>

namespace clr::ui {

namespace {

QString writeFile(const QString &path, const std::string &text)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), qint64(text.size())) < 0 || !file.commit())
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    return {};
}

/** Generated policies are proposed objects too: add them like drafts (same marker file). */
void addGeneratedObjects(Snapshot &snapshot, const std::vector<gen::GeneratedPolicy> &generated)
{
    const auto file = std::uint32_t(snapshot.files.size() - 1); // applyDrafts() added the drafts file last
    for (const auto &policy : generated) {
        for (auto role : policy.roles) {
            role.source.file = file;
            snapshot.kube.roles.push_back(std::move(role));
        }
        for (auto binding : policy.bindings) {
            binding.source.file = file;
            snapshot.kube.bindings.push_back(std::move(binding));
        }
    }
}

/** Undoes and redoes adding a generated policy (the drafts' undo stack covers it). */
class AddGeneratedCommand final : public QUndoCommand
{
public:
    AddGeneratedCommand(DraftsController *controller, gen::GeneratedPolicy policy)
        : m_controller(controller)
        , m_policy(std::move(policy))
    {
        setText(DraftsController::tr("Generate Least Privilege for %1").arg(QString::fromStdString(m_policy.subject.name)));
    }
    void redo() override { m_controller->addGenerated(m_policy); }
    void undo() override { m_controller->removeLastGenerated(); }

private:
    DraftsController *m_controller;
    gen::GeneratedPolicy m_policy;
};

} // namespace

DraftsController::DraftsController(QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_dialogParent(dialogParent)
    , m_model(new DraftsModel(&m_undoStack, this))
{
    m_undoStack.setObjectName(QStringLiteral("draftsUndoStack"));
    connect(m_model, &DraftsModel::draftsChanged, this, &DraftsController::rebuild);
    m_asker = [this](const DropTarget &target, const std::vector<DraggedIdentity> &identities, const std::vector<drafts::Draft> &proposals) {
        return askDialog(target, identities, proposals);
    };
}

DraftsController::~DraftsController()
{
    m_undoStack.clear(); // commands refer to the model: drop them first
}

bool DraftsController::restore(const QString &storePath, QString *error)
{
    auto store = std::make_unique<drafts::DraftStore>(storePath);
    auto set = store->load(error);
    if (set)
        m_model->resetDrafts(std::move(*set));
    m_model->setStore(set ? std::move(store) : nullptr); // never overwrite a file we could not read
    return set.has_value();
}

void DraftsController::setSession(SessionPtr session)
{
    m_session = std::move(session);
    m_undoStack.setClean();
    rebuild();
}

bool DraftsController::canDropIdentities(const QMimeData *data, const DropTarget &target) const
{
    if (!m_session || !data || !data->hasFormat(kIdentityMimeType))
        return false;
    if (target.kind == DropTarget::Kind::RoleDefinition) {
        // Azure RBAC applies to Entra principals only, never to service accounts or Kubernetes names.
        for (const auto &i : decodeIdentities(data)) {
            if (!i.subject.isEntra())
                return false;
        }
        return m_session->graph->cluster() != nullptr;
    }
    return true;
}

bool DraftsController::dropIdentities(const QMimeData *data, const DropTarget &target)
{
    if (!canDropIdentities(data, target))
        return false;
    const auto identities = decodeIdentities(data);
    if (identities.empty())
        return false;
    std::vector<drafts::Draft> proposals;
    for (const auto &i : identities)
        proposals.push_back(DropTargetDialog::proposal(*m_session, target, i.subject, m_preferredNamespace));
    const auto chosen = m_asker(target, identities, proposals);
    if (!chosen || chosen->empty())
        return false;
    m_model->addDrafts(*chosen);
    return true;
}

std::optional<std::vector<drafts::Draft>> DraftsController::askDialog(const DropTarget &target, const std::vector<DraggedIdentity> &identities,
                                                                      const std::vector<drafts::Draft> &proposals)
{
    if (!DropTargetDialog::isAmbiguous(target))
        return proposals;
    DropTargetDialog dialog(m_session, target, identities, m_preferredNamespace, m_dialogParent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.drafts();
}

void DraftsController::rebuild()
{
    const quint64 generation = ++m_generation;
    if (!m_session || (m_model->drafts().empty() && m_generated.empty())) {
        m_draftGraph.reset();
        m_effect = {};
        Q_EMIT draftGraphChanged(nullptr, m_model->drafts());
        Q_EMIT effectChanged(m_session && m_model->drafts().empty() ? tr("No drafts yet: drag an identity onto a role, a namespace or a matrix row.") : QString());
        return;
    }
    if (m_pending++ == 0)
        Q_EMIT updatingChanged(true);
    struct Result
    {
        std::shared_ptr<const PermissionGraph> graph;
        drafts::EffectSummary effect;
    };
    auto base = m_session->graph;
    const drafts::DraftSet set = m_model->drafts();
    const auto generated = m_generated;
    runAsync(
        this,
        [base, set, generated] {
            Snapshot snapshot = drafts::applyDrafts(base->snapshot(), set);
            addGeneratedObjects(snapshot, generated);
            auto graph = std::make_shared<const PermissionGraph>(std::move(snapshot), base->cluster() ? base->cluster()->id : std::string());
            return Result{graph, drafts::computeEffect(*base, *graph, set)};
        },
        [this, generation, set](const Result &result) {
            if (--m_pending == 0)
                Q_EMIT updatingChanged(false);
            if (generation != m_generation)
                return; // a newer change is on its way
            m_draftGraph = result.graph;
            m_effect = result.effect;
            Q_EMIT draftGraphChanged(m_draftGraph, set);
            Q_EMIT effectChanged(QString::fromStdString(m_effect.text()));
        });
}

std::optional<gen::Proof> DraftsController::generateFromCells(SubjectRef subject, const std::vector<MatrixColumn> &cells, const std::string &ns,
                                                              QString *error)
{
    if (!m_session || cells.empty()) {
        if (error)
            *error = tr("Select cells of the access matrix first.");
        return std::nullopt;
    }
    const drafts::DraftSubject s = draftSubjectOf(*m_session->catalog, subject);
    gen::GenerateOptions options;
    options.subject = drafts::kubernetesSubject(s);
    options.subjectLabel = s.displayName.empty() ? s.name : s.displayName;
    gen::GeneratedPolicy policy = gen::generate(gen::requestsFromCells(cells, ns), options);
    if (policy.empty()) {
        if (error)
            *error = tr("Nothing to grant: every selected permission is default access.");
        return std::nullopt;
    }
    gen::Proof proof = gen::verify(policy);
    m_undoStack.push(new AddGeneratedCommand(this, std::move(policy)));
    return proof;
}

void DraftsController::addGenerated(const gen::GeneratedPolicy &policy)
{
    m_generated.push_back(policy);
    Q_EMIT generatedChanged();
    rebuild();
}

void DraftsController::removeLastGenerated()
{
    if (!m_generated.empty())
        m_generated.pop_back();
    Q_EMIT generatedChanged();
    rebuild();
}

std::string DraftsController::yaml() const
{
    gen::KubeObjects objects = drafts::kubeObjectsOf(m_model->drafts(), m_generated);
    return gen::toYaml(objects);
}

QString DraftsController::exportYaml(const QString &path) const
{
    return writeFile(path, yaml());
}

QString DraftsController::exportFolder(const QString &dir) const
{
    const auto result = gen::writeFolder(drafts::kubeObjectsOf(m_model->drafts(), m_generated), dir.toStdString());
    return QString::fromStdString(result.error);
}

QString DraftsController::exportAzScript(const QString &path) const
{
    return writeFile(path, gen::toAzScript(drafts::azureDraftsOf(m_model->drafts())));
}

QString DraftsController::exportArmTemplate(const QString &path) const
{
    return writeFile(path, gen::toArmTemplate(drafts::azureDraftsOf(m_model->drafts())));
}

} // namespace clr::ui
