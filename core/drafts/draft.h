// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/objectref.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clr::drafts {

/** What a draft creates. */
enum class DraftKind : std::uint8_t { RoleBinding, ClusterRoleBinding, AzureAssignment };

/**
 * Who a draft grants to, spelled the way AKS matches it (docs/semantics.md §3): an Entra group by object
 * ID, a member user by UPN, a guest, service principal or managed identity by object ID, a service
 * account by namespace and name. The display name is only kept for comments and the UI.
 */
struct DraftSubject
{
    enum class Kind : std::uint8_t { User, Group, ServiceAccount };
    Kind kind = Kind::User;
    std::string name;          // Kubernetes subject name (UPN, object ID, group object ID, SA name)
    std::string ns;            // service accounts only
    std::string displayName;   // "Finance Devs" (comment only)
    std::string objectId;      // Entra object ID when the subject is an Entra principal ("" otherwise)
    std::string principalType; // Azure: User, Group, ServicePrincipal ("" for service accounts)

    bool isEntra() const { return !objectId.empty(); }
    bool operator==(const DraftSubject &) const = default;
};

/**
 * One proposed change: a RoleBinding, ClusterRoleBinding or Azure role assignment. Never part of
 * the snapshot's truth: applyDrafts() lays drafts over a copy.
 */
struct Draft
{
    std::string id; // stable, unique (a UUID without braces)
    DraftKind kind = DraftKind::RoleBinding;
    DraftSubject subject;
    std::string name;     // binding name (Kubernetes kinds); default from defaultBindingName()
    std::string roleKind; // "Role" or "ClusterRole" (Kubernetes kinds)
    std::string roleName;
    std::string ns;       // RoleBinding namespace (a Role must live there too)
    std::string roleDefinitionId;   // Azure: full ID or GUID
    std::string roleDefinitionName; // Azure: "Azure Kubernetes Service RBAC Reader"
    std::string scope;              // Azure: the assignment scope
    std::int64_t createdMs = 0;     // milliseconds since the epoch (UTC)

    bool isKubernetes() const { return kind != DraftKind::AzureAssignment; }
    /** "RoleBinding team-a/edit-devs → ClusterRole edit for group Devs" style one-liner. */
    std::string describe() const;
    /** The object the draft becomes in the draft graph (what explanation paths link to). */
    ObjectRef ref() const;
    /** The Azure assignment resource ID applyDrafts() gives an Azure draft. */
    std::string assignmentId() const;
    bool operator==(const Draft &) const = default;
};

/** The drafts of one user, in the order they were made. A value. */
struct DraftSet
{
    std::vector<Draft> drafts;

    int indexOf(const std::string &id) const; // -1 when absent
    const Draft *find(const std::string &id) const;
    bool empty() const { return drafts.empty(); }
    bool operator==(const DraftSet &) const = default;
};

/** A fresh draft id (UUID text, lower case, no braces). */
std::string newDraftId();
/** "<role>-<subject label>" lower case and sanitised: "edit-finance-devs". */
std::string defaultBindingName(const Draft &draft);
const char *kindName(DraftKind kind); // "RoleBinding", "ClusterRoleBinding", "AzureRoleAssignment"
std::optional<DraftKind> kindFromName(const std::string &name);

/** JSON document {"version": 1, "drafts": [...]}. Deterministic. */
QByteArray toJson(const DraftSet &set);
/** Parses toJson() output; nullopt and `error` set when the document is not a draft set. */
std::optional<DraftSet> fromJson(const QByteArray &json, QString *error = nullptr);

} // namespace clr::drafts
