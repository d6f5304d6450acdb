// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "drafts/identitydrophandler.h"
#include "drafts/identitymime.h"
#include "session.h"

#include <QDialog>

#include <vector>

class QComboBox;
class QRadioButton;

namespace clr::ui {

/**
 * Asks what a drop means when it is ambiguous: RoleBinding in which namespace or a
 * ClusterRoleBinding (a ClusterRole dropped on), which Azure scope (a role definition), which role
 * (a namespace or matrix row). The least-privilege choice is preselected: a RoleBinding in one
 * namespace rather than a ClusterRoleBinding, namespace scope rather than cluster scope, the
 * ClusterRole "view" rather than anything broader.
 */
class DropTargetDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DropTargetDialog)

public:
    DropTargetDialog(SessionPtr session, DropTarget target, std::vector<DraggedIdentity> identities,
                     const std::string &preferredNamespace, QWidget *parent = nullptr);
    ~DropTargetDialog() override;

    /** Whether a drop on `target` needs this dialog (a Role in its namespace does not). */
    static bool isAmbiguous(const DropTarget &target);
    /** The least-privilege draft for one identity: what the dialog preselects. */
    static drafts::Draft proposal(const Session &session, const DropTarget &target, const drafts::DraftSubject &subject,
                                  const std::string &preferredNamespace);
    /** The drafts the current choices make, one per dropped identity. */
    std::vector<drafts::Draft> drafts() const;

    QRadioButton *narrowChoice() const { return m_narrow; }
    QRadioButton *wideChoice() const { return m_wide; }
    QComboBox *namespaceCombo() const { return m_namespaces; }
    QComboBox *roleCombo() const { return m_roles; }

private:
    void build(const std::string &preferredNamespace);
    drafts::Draft draftFor(const drafts::DraftSubject &subject) const;

    SessionPtr m_session;
    DropTarget m_target;
    std::vector<DraggedIdentity> m_identities;
    QRadioButton *m_narrow = nullptr; // RoleBinding / namespace scope
    QRadioButton *m_wide = nullptr;   // ClusterRoleBinding / cluster scope
    QComboBox *m_namespaces = nullptr;
    QComboBox *m_roles = nullptr;     // for drops on a namespace: "ClusterRole view", "Role ns/x"
};

} // namespace clr::ui
