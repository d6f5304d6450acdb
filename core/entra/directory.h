// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/diagnostics.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace clr::entra {

enum class PrincipalType : std::uint8_t {
    User,
    Group,
    ServicePrincipal, // applications and managed identities (see servicePrincipalType)
    Unresolved,       // an object ID referenced (as a member, binding subject or assignee) but not exported
};

using PrincipalId = std::uint32_t; // index into Directory::principals()
inline constexpr PrincipalId NoPrincipal = 0xffffffffu;

/** A Microsoft Entra ID object. Strings are as exported; `id` is lower-cased. */
struct Principal
{
    std::string id; // object ID (GUID, lower case)
    std::string displayName;
    std::string userPrincipalName; // users
    std::string mail;
    std::string appId;                // service principals
    std::string servicePrincipalType; // "Application", "ManagedIdentity", ...
    std::string userType;             // "Member" / "Guest"
    PrincipalType type = PrincipalType::Unresolved;
    bool accountEnabled = true;
    bool guest = false; // userType Guest or UPN contains #EXT#
    SourceRef source;

    bool isManagedIdentity() const { return servicePrincipalType == "ManagedIdentity"; }
};

/**
 * The Entra directory of a snapshot: principals and the direct "member of" edges between them.
 * Membership queries are transitive and tolerate cycles. Sized for 10^5..10^6 principals:
 * principals are referred to by index, edges are flat index vectors.
 */
class Directory final
{
public:
    /** Returns the principal with this object ID, creating an Unresolved one when unknown. */
    PrincipalId getOrAdd(std::string_view objectId);
    /** Adds or completes a principal; a second definition of the same ID merges (first non-empty wins). */
    PrincipalId upsert(Principal p);
    /** Records that `member` is a direct member of `group` (duplicates are ignored at finalize()). */
    void addMembership(PrincipalId group, PrincipalId member);

    /** Sorts and deduplicates edges, builds the reverse index, detects cycles. Call once after loading. */
    void finalize(Diagnostics *diagnostics = nullptr);

    PrincipalId find(std::string_view objectId) const; // case-insensitive, NoPrincipal when absent
    /** Finds by object ID, userPrincipalName (case-insensitive) or unique display name; also by a
     *  service principal's application ID (the client ID a workload identity annotation names).
     *  A display name shared by several principals returns all of them. */
    std::vector<PrincipalId> lookup(std::string_view text) const;

    const std::vector<Principal> &principals() const { return m_principals; }
    const Principal &at(PrincipalId id) const { return m_principals[id]; }
    std::size_t size() const { return m_principals.size(); }

    const std::vector<PrincipalId> &directGroups(PrincipalId p) const;  // groups p is a direct member of
    const std::vector<PrincipalId> &directMembers(PrincipalId g) const; // direct members of group g
    /** All groups p belongs to, transitively (nested), each once, cycle-safe. */
    std::vector<PrincipalId> transitiveGroups(PrincipalId p) const;
    /** All principals that are (transitively) members of group g, each once, g itself excluded. */
    std::vector<PrincipalId> transitiveMembers(PrincipalId g) const;
    /** A shortest chain of groups from p up to g: [first group, ..., g]; empty if p is not a member. */
    std::vector<PrincipalId> groupChain(PrincipalId p, PrincipalId g) const;

    /** Each membership cycle found by finalize(), as the list of groups on it. */
    const std::vector<std::vector<PrincipalId>> &cycles() const { return m_cycles; }
    std::size_t membershipCount() const { return m_edgeCount; }
    std::string tenantId; // from the exports, when known

private:
    /** A GUID object ID as 128 bits: the index key for nearly every principal. */
    struct Guid
    {
        std::uint64_t hi = 0;
        std::uint64_t lo = 0;
    };
    struct GuidSlot
    {
        Guid key;
        PrincipalId id = NoPrincipal; // NoPrincipal = empty slot
    };

    std::vector<Principal> m_principals;
    std::unordered_map<std::string, PrincipalId> m_byId; // object IDs that are not GUIDs
    /** GUID object IDs in an open-addressing table (linear probing, at most half full): no
     *  allocation per principal and one cache miss per lookup, where a node-based map costs three. */
    std::vector<GuidSlot> m_guidTable;
    std::size_t m_guidCount = 0;
    std::vector<std::vector<PrincipalId>> m_memberOf; // p -> groups
    std::vector<std::vector<PrincipalId>> m_members;  // g -> members
    std::vector<std::vector<PrincipalId>> m_cycles;
    std::size_t m_edgeCount = 0;
    /** Edges added since the last finalize(), packed as (group << 32) | member: one flat vector
     *  sorts and deduplicates far faster than 10^6 small per-principal vectors. */
    std::vector<std::uint64_t> m_pendingEdges;

    static bool parseGuid(std::string_view text, Guid &out);
    std::size_t guidSlot(const Guid &key) const; // the slot holding key, or the empty slot where it goes
    void growGuidTable();
    PrincipalId indexOf(std::string_view objectId, Guid *guid, bool *isGuid) const;
    void index(const std::string &lowerId, const Guid &guid, bool isGuid, PrincipalId id);
    void mergeInto(Principal &existing, Principal &&incoming);
    void buildAdjacency();
    void findCycles();
    void reportCycles(Diagnostics *diagnostics);
    bool orderAsCycle(std::vector<PrincipalId> &component) const;
    std::string describe(PrincipalId id) const;
};

} // namespace clr::entra
