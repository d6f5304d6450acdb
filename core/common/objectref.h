// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace clr {

/**
 * A typed reference to one object of a snapshot: what explanation paths link to, what drafts and the
 * graph view name, what the UI models select. One to-string and one parse, so no caller builds
 * "rolebinding:ns/name" by hand.
 *
 * Text form: "<kind>:<name>" for cluster-wide objects and "<kind>:<namespace>/<name>" for namespaced
 * ones (Role, RoleBinding, ServiceAccount). Namespaces never contain '/', so the first '/' splits;
 * names of cluster-wide objects (Azure IDs, user names) are taken whole, slashes included.
 */
struct ObjectRef
{
    enum class Kind : std::uint8_t {
        None,
        Principal,          // an Entra object by object ID: user, group, service principal
        User,               // a Kubernetes user name that is not an Entra principal
        Group,              // a Kubernetes group name that is not an Entra group
        ServiceAccount,     // namespaced
        Role,               // namespaced
        ClusterRole,
        RoleBinding,        // namespaced
        ClusterRoleBinding,
        Assignment,         // an Azure role assignment by resource ID
        RoleDefinition,     // an Azure role definition by resource ID
        Namespace,
    };

    Kind kind = Kind::None;
    std::string ns;
    std::string name;

    ObjectRef() = default;
    ObjectRef(Kind k, std::string n) : kind(k), name(std::move(n)) {}
    ObjectRef(Kind k, std::string namespace_, std::string n) : kind(k), ns(std::move(namespace_)), name(std::move(n)) {}

    bool isNull() const { return kind == Kind::None; }
    static bool isNamespaced(Kind kind);
    /** "clusterrole", "rolebinding", ... : the prefix of the text form. */
    static std::string_view kindName(Kind kind);

    /** The text form; "" for a null reference. */
    std::string toString() const;
    /** Parses the text form; nullopt for an unknown kind or a namespaced kind without "ns/". */
    static std::optional<ObjectRef> parse(std::string_view text);

    bool operator==(const ObjectRef &) const = default;
};

} // namespace clr
