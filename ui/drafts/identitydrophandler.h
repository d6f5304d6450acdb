// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

class QMimeData;

namespace clr::ui {

/** Where an identity was dropped: a role, an Azure role definition, or a namespace. */
struct DropTarget
{
    enum class Kind : std::uint8_t { Role, ClusterRole, RoleDefinition, Namespace };
    Kind kind = Kind::Namespace;
    std::string name; // role name, role definition ID, or namespace
    std::string ns;   // a Role's namespace; for Namespace the namespace ("" = cluster scope)
    std::string label; // role definition display name
};

/**
 * What models call from dropMimeData() when an identity (kIdentityMimeType) lands on a role,
 * namespace or matrix row: the drafting side decides (and may ask) what to create. Models only
 * hold a pointer; the handler outlives them or is reset to null.
 */
class IdentityDropHandler
{
public:
    virtual ~IdentityDropHandler() = default;
    /** True when the data holds identities this handler can turn into drafts at `target`. */
    virtual bool canDropIdentities(const QMimeData *data, const DropTarget &target) const = 0;
    /** Creates the drafts (one undo step); false when nothing was created (cancelled). */
    virtual bool dropIdentities(const QMimeData *data, const DropTarget &target) = 0;
};

} // namespace clr::ui
