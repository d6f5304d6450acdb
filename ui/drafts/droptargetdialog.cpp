// SPDX-License-Identifier: GPL-3.0-or-later
#include "drafts/droptargetdialog.h"

#include "drafts/applydrafts.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include <algorithm>

namespace clr::ui {

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

std::string clusterId(const Session &session)
{
    const auto *c = session.graph->cluster();
    return c ? c->id : std::string();
}

/** The role a drop on a namespace proposes: "view" when the cluster has it, else the smallest role usable there. */
std::pair<std::string, std::string> leastRoleFor(const Session &session, const std::string &ns)
{
    const auto &roles = session.graph->kubernetes().cluster().roles;
    const k8s::Role *best = nullptr;
    for (const auto &r : roles) {
        if (r.cluster && r.name == "view")
            return {"ClusterRole", "view"};
        if (r.name.rfind("system:", 0) == 0 || (!r.cluster && r.ns != ns) || r.rules.empty())
            continue;
        if (!best || r.rules.size() < best->rules.size())
            best = &r;
    }
    if (!best)
        return {"ClusterRole", "view"};
    return {best->cluster ? "ClusterRole" : "Role", best->name};
}

std::string firstNamespace(const Session &session, const std::string &preferred)
{
    const auto all = session.graph->namespaces();
    if (!preferred.empty() && std::find(all.begin(), all.end(), preferred) != all.end())
        return preferred;
    for (const auto &ns : all) {
        if (ns.rfind("kube-", 0) != 0 && ns != "default")
            return ns;
    }
    return all.empty() ? std::string("default") : all.front();
}

} // namespace

DropTargetDialog::DropTargetDialog(SessionPtr session, DropTarget target, std::vector<DraggedIdentity> identities,
                                   const std::string &preferredNamespace, QWidget *parent)
    : QDialog(parent)
    , m_session(std::move(session))
    , m_target(std::move(target))
    , m_identities(std::move(identities))
{
    setObjectName(QStringLiteral("dropTargetDialog"));
    setWindowTitle(tr("New draft"));
    build(preferredNamespace);
}

DropTargetDialog::~DropTargetDialog() = default;

bool DropTargetDialog::isAmbiguous(const DropTarget &target)
{
    return target.kind != DropTarget::Kind::Role;
}

drafts::Draft DropTargetDialog::proposal(const Session &session, const DropTarget &target, const drafts::DraftSubject &subject,
                                         const std::string &preferredNamespace)
{
    drafts::Draft d;
    d.id = drafts::newDraftId();
    d.subject = subject;
    d.createdMs = QDateTime::currentMSecsSinceEpoch();
    switch (target.kind) {
    case DropTarget::Kind::Role:
        d.kind = drafts::DraftKind::RoleBinding;
        d.roleKind = "Role";
        d.roleName = target.name;
        d.ns = target.ns;
        break;
    case DropTarget::Kind::ClusterRole:
        d.kind = drafts::DraftKind::RoleBinding; // one namespace, never cluster-wide by default
        d.roleKind = "ClusterRole";
        d.roleName = target.name;
        d.ns = firstNamespace(session, preferredNamespace);
        break;
    case DropTarget::Kind::Namespace: {
        const auto [kind, name] = leastRoleFor(session, target.ns);
        d.kind = target.ns.empty() ? drafts::DraftKind::ClusterRoleBinding : drafts::DraftKind::RoleBinding;
        d.roleKind = target.ns.empty() ? "ClusterRole" : kind;
        d.roleName = name;
        d.ns = target.ns;
        break;
    }
    case DropTarget::Kind::RoleDefinition:
        d.kind = drafts::DraftKind::AzureAssignment;
        d.roleDefinitionId = target.name;
        d.roleDefinitionName = target.label;
        d.scope = clusterId(session) + "/namespaces/" + firstNamespace(session, preferredNamespace);
        break;
    }
    d.name = d.isKubernetes() ? drafts::defaultBindingName(d) : std::string();
    return d;
}

void DropTargetDialog::build(const std::string &preferredNamespace)
{
    auto *layout = new QVBoxLayout(this);
    QStringList who;
    for (const auto &i : m_identities)
        who << q(i.subject.displayName.empty() ? i.subject.name : i.subject.displayName);
    auto *intro = new QLabel(this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    layout->addLayout(form);
    const drafts::Draft proposed = proposal(*m_session, m_target, m_identities.empty() ? drafts::DraftSubject() : m_identities.front().subject,
                                            preferredNamespace);
    m_namespaces = new QComboBox(this);
    m_namespaces->setObjectName(QStringLiteral("namespaceCombo"));
    for (const auto &ns : m_session->graph->namespaces())
        m_namespaces->addItem(q(ns));
    const std::string ns = proposed.isKubernetes() ? proposed.ns : proposed.scope.substr(proposed.scope.rfind('/') + 1);
    m_namespaces->setCurrentText(q(ns));
    auto *group = new QButtonGroup(this);
    m_narrow = new QRadioButton(this);
    m_wide = new QRadioButton(this);
    m_narrow->setObjectName(QStringLiteral("narrowChoice"));
    m_wide->setObjectName(QStringLiteral("wideChoice"));
    group->addButton(m_narrow);
    group->addButton(m_wide);
    m_narrow->setChecked(true); // least privilege first
    switch (m_target.kind) {
    case DropTarget::Kind::ClusterRole:
    case DropTarget::Kind::Role:
        intro->setText(tr("Grant ClusterRole <b>%1</b> to %2:").arg(q(m_target.name).toHtmlEscaped(), who.join(QStringLiteral(", ")).toHtmlEscaped()));
        m_narrow->setText(tr("RoleBinding in one namespace (least privilege)"));
        m_wide->setText(tr("ClusterRoleBinding: every namespace and cluster-scoped resources"));
        form->addRow(m_narrow);
        form->addRow(tr("Namespace:"), m_namespaces);
        form->addRow(m_wide);
        break;
    case DropTarget::Kind::RoleDefinition:
        intro->setText(tr("Assign Azure role <b>%1</b> to %2:").arg(q(m_target.label).toHtmlEscaped(), who.join(QStringLiteral(", ")).toHtmlEscaped()));
        m_narrow->setText(tr("Namespace scope (least privilege)"));
        m_wide->setText(tr("Cluster scope: every namespace"));
        form->addRow(m_narrow);
        form->addRow(tr("Namespace:"), m_namespaces);
        form->addRow(m_wide);
        break;
    case DropTarget::Kind::Namespace: {
        intro->setText(tr("Grant %1 a role in <b>%2</b>:").arg(who.join(QStringLiteral(", ")).toHtmlEscaped(),
                                                               m_target.ns.empty() ? tr("the cluster scope") : q(m_target.ns).toHtmlEscaped()));
        m_roles = new QComboBox(this);
        m_roles->setObjectName(QStringLiteral("roleCombo"));
        for (const auto &r : m_session->graph->kubernetes().cluster().roles) {
            if (r.cluster || (!m_target.ns.empty() && r.ns == m_target.ns))
                m_roles->addItem(QStringLiteral("%1 %2").arg(r.cluster ? QStringLiteral("ClusterRole") : QStringLiteral("Role"), q(r.name)));
        }
        m_roles->model()->sort(0);
        m_roles->setCurrentText(QStringLiteral("%1 %2").arg(q(proposed.roleKind), q(proposed.roleName)));
        form->addRow(tr("Role:"), m_roles);
        m_namespaces->hide();
        m_narrow->hide();
        m_wide->hide();
        break;
    }
    }
    connect(m_wide, &QRadioButton::toggled, m_namespaces, [this](bool wide) { m_namespaces->setEnabled(!wide); });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create draft"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

drafts::Draft DropTargetDialog::draftFor(const drafts::DraftSubject &subject) const
{
    drafts::Draft d = proposal(*m_session, m_target, subject, m_namespaces->currentText().toStdString());
    const bool wide = m_wide->isChecked();
    const std::string ns = m_namespaces->currentText().toStdString();
    switch (m_target.kind) {
    case DropTarget::Kind::ClusterRole:
        d.kind = wide ? drafts::DraftKind::ClusterRoleBinding : drafts::DraftKind::RoleBinding;
        d.ns = wide ? std::string() : ns;
        break;
    case DropTarget::Kind::RoleDefinition:
        d.scope = clusterId(*m_session) + (wide ? std::string() : "/namespaces/" + ns);
        break;
    case DropTarget::Kind::Namespace: {
        const QString choice = m_roles->currentText();
        d.roleKind = choice.section(QLatin1Char(' '), 0, 0).toStdString();
        d.roleName = choice.section(QLatin1Char(' '), 1).toStdString();
        break;
    }
    case DropTarget::Kind::Role:
        break;
    }
    d.name = d.isKubernetes() ? drafts::defaultBindingName(d) : std::string();
    return d;
}

std::vector<drafts::Draft> DropTargetDialog::drafts() const
{
    std::vector<drafts::Draft> out;
    for (const auto &i : m_identities)
        out.push_back(draftFor(i.subject));
    return out;
}

} // namespace clr::ui
