// SPDX-License-Identifier: GPL-3.0-or-later
#include "compare/party.h"

#include "kubernetes/request.h"

namespace clr::compare {

const char *partyKindName(Party::Kind kind)
{
    switch (kind) {
    case Party::Kind::User:
        return "user";
    case Party::Kind::ServicePrincipal:
        return "servicePrincipal";
    case Party::Kind::Group:
        return "group";
    case Party::Kind::KubernetesUser:
        return "kubernetesUser";
    case Party::Kind::KubernetesGroup:
        return "kubernetesGroup";
    case Party::Kind::ServiceAccount:
        return "serviceAccount";
    }
    return "";
}

std::string Party::label() const
{
    switch (kind) {
    case Kind::User:
    case Kind::ServicePrincipal:
        return displayName.empty() || displayName == name ? name : displayName + " (" + name + ')';
    case Kind::Group:
        return "group " + (displayName.empty() ? name : displayName + " (" + name + ')');
    case Kind::KubernetesUser:
        return "user " + name;
    case Kind::KubernetesGroup:
        return "group " + name;
    case Kind::ServiceAccount:
        return "service account " + key.ns + '/' + key.name;
    }
    return name;
}

std::optional<Identity> identityIn(const PermissionGraph &graph, const Party &party)
{
    const auto &dir = graph.snapshot().directory;
    switch (party.kind) {
    case Party::Kind::User:
    case Party::Kind::ServicePrincipal:
    case Party::Kind::Group: {
        const entra::PrincipalId p = dir.find(party.key.name);
        if (p == entra::NoPrincipal)
            return std::nullopt;
        const auto type = dir.at(p).type;
        if (type == entra::PrincipalType::Group)
            return graph.memberOf(p);
        if (type == entra::PrincipalType::User || type == entra::PrincipalType::ServicePrincipal)
            return graph.identityOf(p);
        return std::nullopt; // only referenced, never exported
    }
    case Party::Kind::KubernetesUser: {
        Identity who;
        who.user = k8s::impersonate(party.name, {});
        return who;
    }
    case Party::Kind::KubernetesGroup: {
        // One of the group's members, as far as the group goes: authenticated, carrying the group.
        Identity who;
        who.user.groups.push_back(party.name);
        if (party.name != "system:authenticated")
            who.user.groups.push_back("system:authenticated");
        return who;
    }
    case Party::Kind::ServiceAccount:
        return graph.identityFor(party.name, {});
    }
    return std::nullopt;
}

Party principalParty(const PermissionGraph &graph, entra::PrincipalId principal)
{
    const auto &p = graph.snapshot().directory.at(principal);
    Party out;
    out.key = {ObjectRef::Kind::Principal, p.id};
    out.displayName = p.displayName;
    out.disabled = !p.accountEnabled;
    if (p.type == entra::PrincipalType::Group) {
        out.kind = Party::Kind::Group;
        out.name = p.id;
    } else {
        out.kind = p.type == entra::PrincipalType::ServicePrincipal ? Party::Kind::ServicePrincipal : Party::Kind::User;
        out.name = graph.kubernetesUserName(principal);
    }
    return out;
}

Party partyOf(const PermissionGraph &graph, const Identity &who)
{
    if (who.isEntra())
        return principalParty(graph, who.principal);
    Party out;
    std::string ns, name;
    if (who.serviceAccount && k8s::parseServiceAccountUser(who.user.name, &ns, &name)) {
        out.kind = Party::Kind::ServiceAccount;
        out.key = {ObjectRef::Kind::ServiceAccount, ns, name};
        out.name = who.user.name;
    } else if (who.user.name.empty() && !who.user.groups.empty()) {
        out.kind = Party::Kind::KubernetesGroup;
        out.key = {ObjectRef::Kind::Group, who.user.groups.front()};
        out.name = who.user.groups.front();
    } else {
        out.kind = Party::Kind::KubernetesUser;
        out.key = {ObjectRef::Kind::User, who.user.name};
        out.name = who.user.name;
    }
    return out;
}

} // namespace clr::compare
