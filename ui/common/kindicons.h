// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/subjectref.h"

#include <QIcon>

namespace clr::ui {

/** The kinds of RBAC object the roles tab and the graph show. */
enum class ObjectKind : std::uint8_t { Role, ClusterRole, RoleBinding, ClusterRoleBinding, RoleDefinition, Assignment, Namespace, Folder };

/**
 * Icons drawn with QPainter rather than taken from an icon theme: they must look the same on every
 * platform (and offscreen), and they reuse the plane palette so a glance tells Kubernetes from Azure.
 */
namespace kindicons {

QIcon subject(SubjectKind kind, bool unresolved = false);
QIcon object(ObjectKind kind);
QColor subjectColor(SubjectKind kind);
QColor objectColor(ObjectKind kind);

} // namespace kindicons

} // namespace clr::ui
