// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>

#include <cstdint>

namespace clr::ui {

/** Every kind of "who" the window lists: Entra principals, service accounts, and Kubernetes-only subjects. */
enum class SubjectKind : std::uint8_t {
    User,
    Group,
    ServicePrincipal,
    ManagedIdentity,
    ServiceAccount,
    KubernetesUser,      // a User subject of some binding that no Entra principal answers to
    KubernetesGroup,     // a Group subject that is not an Entra object ID (system:masters, a display name...)
    UnresolvedPrincipal, // an Entra object ID referenced by a member list or assignment but not exported
};
inline constexpr int kSubjectKindCount = 8;

/**
 * A light handle on a subject of a SubjectCatalog: `id` is the Entra PrincipalId for Entra kinds,
 * otherwise an index into the catalog's own list of that kind. Only meaningful with its catalog.
 */
struct SubjectRef
{
    SubjectKind kind = SubjectKind::User;
    std::uint32_t id = 0;

    friend bool operator==(const SubjectRef &, const SubjectRef &) = default;
    bool isEntra() const
    {
        return kind == SubjectKind::User || kind == SubjectKind::Group || kind == SubjectKind::ServicePrincipal
            || kind == SubjectKind::ManagedIdentity || kind == SubjectKind::UnresolvedPrincipal;
    }
};

} // namespace clr::ui

Q_DECLARE_METATYPE(clr::ui::SubjectRef)
