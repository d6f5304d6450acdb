// SPDX-License-Identifier: GPL-3.0-or-later
// What changed in Entra ID: principals added, removed or edited (the attributes AKS reads: type, UPN,
// guest, enabled; and the display name, which changes nothing) and each group's direct members.
#include "changes_p.h"

#include <algorithm>

namespace clr::compare::detail {

namespace {

constexpr std::size_t kMemberDetails = 25; // members named in one membership change's details

bool resolved(const entra::Directory &dir, entra::PrincipalId p)
{
    return p != entra::NoPrincipal && dir.at(p).type != entra::PrincipalType::Unresolved;
}

const char *typeText(const entra::Principal &p)
{
    switch (p.type) {
    case entra::PrincipalType::User:
        return p.guest ? "guest user" : "user";
    case entra::PrincipalType::Group:
        return "group";
    case entra::PrincipalType::ServicePrincipal:
        return p.isManagedIdentity() ? "managed identity" : "service principal";
    case entra::PrincipalType::Unresolved:
        break;
    }
    return "object";
}

std::string nameOf(const entra::Principal &p)
{
    return p.displayName.empty() ? p.id : p.displayName;
}

std::vector<entra::PrincipalId> crossMap(const entra::Directory &from, const entra::Directory &to)
{
    // Two snapshots of one tenant list most objects in the same order: compare in place before hashing.
    std::vector<entra::PrincipalId> out(from.size(), entra::NoPrincipal);
    for (entra::PrincipalId p = 0; p < from.size(); ++p)
        out[p] = p < to.size() && to.at(p).id == from.at(p).id ? p : to.find(from.at(p).id);
    return out;
}

void flag(std::vector<std::string> &details, const char *what, const std::string &before, const std::string &after)
{
    if (before != after)
        details.push_back(std::string(what) + ' ' + (before.empty() ? "(none)" : before) + " → " + (after.empty() ? "(none)" : after));
}

std::vector<std::string> principalEdits(const entra::Principal &b, const entra::Principal &h)
{
    if (b.type == h.type && b.guest == h.guest && b.accountEnabled == h.accountEnabled && b.userPrincipalName == h.userPrincipalName
        && b.displayName == h.displayName && b.servicePrincipalType == h.servicePrincipalType)
        return {}; // the usual case, without building any text
    std::vector<std::string> d;
    flag(d, "type", typeText(b), typeText(h));
    flag(d, "userPrincipalName", b.userPrincipalName, h.userPrincipalName);
    flag(d, "accountEnabled", b.accountEnabled ? "true" : "false", h.accountEnabled ? "true" : "false");
    flag(d, "displayName", b.displayName, h.displayName);
    return d;
}

void diffPrincipals(const PermissionGraph &base, const PermissionGraph &head, std::vector<Change> &out, ChangeIndex &index)
{
    const auto &db = base.snapshot().directory, &dh = head.snapshot().directory;
    auto add = [&](Change::Op op, const entra::Principal &p, std::vector<std::string> details, entra::PrincipalId bi, entra::PrincipalId hi) {
        Change c;
        c.kind = Change::Kind::Principal;
        c.op = op;
        c.ref = {ObjectRef::Kind::Principal, p.id};
        c.summary = std::string(typeText(p)) + ' ' + nameOf(p) + ' ' + changeOpName(op);
        c.details = std::move(details);
        if (bi != entra::NoPrincipal)
            c.baseSource = sourceText(base, db.at(bi).source);
        if (hi != entra::NoPrincipal)
            c.headSource = sourceText(head, dh.at(hi).source);
        const int id = addChange(out, std::move(c));
        if (bi != entra::NoPrincipal)
            index.of(Side::Base).principal[bi] = id;
        if (hi != entra::NoPrincipal)
            index.of(Side::Head).principal[hi] = id;
    };
    for (entra::PrincipalId h = 0; h < dh.size(); ++h) {
        if (!resolved(dh, h))
            continue;
        const entra::PrincipalId b = index.headToBase[h];
        if (!resolved(db, b)) {
            add(Change::Op::Added, dh.at(h), {}, entra::NoPrincipal, h);
            continue;
        }
        auto details = principalEdits(db.at(b), dh.at(h));
        if (!details.empty())
            add(Change::Op::Edited, dh.at(h), std::move(details), b, h);
    }
    for (entra::PrincipalId b = 0; b < db.size(); ++b) {
        if (resolved(db, b) && !resolved(dh, index.baseToHead[b]))
            add(Change::Op::Removed, db.at(b), {}, b, entra::NoPrincipal);
    }
}

/** One group's members that one side has and the other has not (IDs of `side`'s directory). */
struct MemberDiff
{
    entra::PrincipalId group = entra::NoPrincipal; // in `side`'s directory
    std::vector<entra::PrincipalId> members;
};

/** Members of each group of `from` that the same group of `to` lacks. */
std::vector<MemberDiff> missingMembers(const entra::Directory &from, const entra::Directory &to, const std::vector<entra::PrincipalId> &fromTo)
{
    std::vector<MemberDiff> out;
    for (entra::PrincipalId g = 0; g < from.size(); ++g) {
        const auto &members = from.directMembers(g);
        if (members.empty())
            continue;
        const entra::PrincipalId other = fromTo[g];
        static const std::vector<entra::PrincipalId> kNoMembers;
        const auto &theirs = other == entra::NoPrincipal ? kNoMembers : to.directMembers(other);
        if (other == g && members == theirs
            && std::all_of(members.begin(), members.end(), [&fromTo](entra::PrincipalId m) { return fromTo[m] == m; }))
            continue; // the same group, in the same place, with the same members
        MemberDiff diff{g, {}};
        for (auto m : members) {
            const auto mapped = fromTo[m];
            if (mapped == entra::NoPrincipal || !std::binary_search(theirs.begin(), theirs.end(), mapped))
                diff.members.push_back(m);
        }
        if (!diff.members.empty())
            out.push_back(std::move(diff));
    }
    return out;
}

void addMembershipChanges(const PermissionGraph &graph, Side side, const std::vector<MemberDiff> &diffs, std::vector<Change> &out,
                          ChangeIndex &index)
{
    const auto &dir = graph.snapshot().directory;
    const Change::Op op = side == Side::Head ? Change::Op::Added : Change::Op::Removed;
    for (const auto &d : diffs) {
        const auto &group = dir.at(d.group);
        Change c;
        c.kind = Change::Kind::Membership;
        c.op = op;
        c.ref = {ObjectRef::Kind::Principal, group.id};
        const std::string where = op == Change::Op::Added ? " added to group " : " removed from group ";
        if (d.members.size() == 1) {
            const auto &m = dir.at(d.members.front());
            c.member = {ObjectRef::Kind::Principal, m.id};
            c.summary = std::string(typeText(m)) + ' ' + nameOf(m) + where + nameOf(group);
        } else {
            c.summary = std::to_string(d.members.size()) + " members" + where + nameOf(group);
        }
        for (std::size_t i = 0; i < d.members.size() && i < kMemberDetails; ++i) {
            const auto &m = dir.at(d.members[i]);
            c.details.push_back((op == Change::Op::Added ? "+ " : "- ") + std::string(typeText(m)) + ' ' + nameOf(m) + " (" + m.id + ')');
        }
        if (d.members.size() > kMemberDetails)
            c.details.push_back("and " + std::to_string(d.members.size() - kMemberDetails) + " more");
        (side == Side::Head ? c.headSource : c.baseSource) = sourceText(graph, group.source);
        const int id = addChange(out, std::move(c));
        // Both sides name the edge: the cause of a gain is found in HEAD, of a loss in BASE.
        for (auto m : d.members)
            index.of(side).membership[SideIndex::edge(d.group, m)] = id;
    }
}

} // namespace

void diffEntra(const PermissionGraph &base, const PermissionGraph &head, std::vector<Change> &out, ChangeIndex &index)
{
    const auto &db = base.snapshot().directory, &dh = head.snapshot().directory;
    index.baseToHead = crossMap(db, dh);
    index.headToBase = crossMap(dh, db);
    index.of(Side::Base).principal.assign(db.size(), kNone);
    index.of(Side::Head).principal.assign(dh.size(), kNone);
    diffPrincipals(base, head, out, index);
    addMembershipChanges(head, Side::Head, missingMembers(dh, db, index.headToBase), out, index);
    addMembershipChanges(base, Side::Base, missingMembers(db, dh, index.baseToHead), out, index);
}

} // namespace clr::compare::detail
