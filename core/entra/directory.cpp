// SPDX-License-Identifier: GPL-3.0-or-later
#include "entra/directory.h"

#include "common/strings.h"

#include <algorithm>
#include <array>
#include <utility>

namespace clr::entra {

namespace {

const std::vector<PrincipalId> kNone;
constexpr std::uint32_t kUnvisited = 0xffffffffu;

/** Lower-cases into a reused buffer: object IDs are 36 characters, past the small-string buffer, so a
 *  fresh std::string per lookup would allocate a million times while memberships load. */
const std::string &lowered(std::string_view s)
{
    thread_local std::string buffer;
    buffer.assign(s);
    for (char &c : buffer) {
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    }
    return buffer;
}

/** The splitmix64 finalizer: every input bit affects every output bit. */
std::uint64_t mix64(std::uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

void fillIfEmpty(std::string &target, std::string &source)
{
    if (target.empty() && !source.empty())
        target = std::move(source);
}

} // namespace

bool Directory::parseGuid(std::string_view text, Guid &out)
{
    // 16 = not a hex digit. A table: this runs for every member reference of a large export.
    static constexpr auto kNibble = [] {
        std::array<std::uint8_t, 256> table{};
        table.fill(16);
        for (int c = 0; c < 10; ++c)
            table['0' + c] = std::uint8_t(c);
        for (int c = 0; c < 6; ++c)
            table['a' + c] = table['A' + c] = std::uint8_t(10 + c);
        return table;
    }();
    if (text.size() != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-')
        return false;
    std::uint64_t halves[2] = {0, 0};
    int nibbles = 0;
    std::uint8_t invalid = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23)
            continue;
        const std::uint8_t v = kNibble[static_cast<unsigned char>(text[i])];
        invalid |= v & 16;
        std::uint64_t &half = halves[nibbles++ / 16];
        half = (half << 4) | (v & 15);
    }
    out = {halves[0], halves[1]};
    return invalid == 0;
}

std::size_t Directory::guidSlot(const Guid &key) const
{
    const std::size_t mask = m_guidTable.size() - 1;
    // Entra object IDs are random, but fixtures and some tools use sequential ones: mix all bits.
    std::size_t slot = std::size_t(mix64(key.hi ^ mix64(key.lo))) & mask;
    while (m_guidTable[slot].id != NoPrincipal && (m_guidTable[slot].key.hi != key.hi || m_guidTable[slot].key.lo != key.lo))
        slot = (slot + 1) & mask;
    return slot;
}

void Directory::growGuidTable()
{
    std::vector<GuidSlot> old(std::max<std::size_t>(1024, m_guidTable.size() * 2));
    old.swap(m_guidTable);
    for (const GuidSlot &entry : old) {
        if (entry.id != NoPrincipal)
            m_guidTable[guidSlot(entry.key)] = entry;
    }
}

PrincipalId Directory::indexOf(std::string_view objectId, Guid *guid, bool *isGuid) const
{
    *isGuid = parseGuid(objectId, *guid);
    if (*isGuid) {
        if (m_guidTable.empty())
            return NoPrincipal;
        return m_guidTable[guidSlot(*guid)].id;
    }
    const auto it = m_byId.find(lowered(objectId));
    return it == m_byId.end() ? NoPrincipal : it->second;
}

void Directory::index(const std::string &lowerId, const Guid &guid, bool isGuid, PrincipalId id)
{
    if (!isGuid) {
        m_byId.emplace(lowerId, id);
        return;
    }
    if ((m_guidCount + 1) * 2 > m_guidTable.size())
        growGuidTable();
    m_guidTable[guidSlot(guid)] = {guid, id};
    ++m_guidCount;
}

PrincipalId Directory::getOrAdd(std::string_view objectId)
{
    Guid guid;
    bool isGuid = false;
    if (const PrincipalId known = indexOf(objectId, &guid, &isGuid); known != NoPrincipal)
        return known;
    const auto id = static_cast<PrincipalId>(m_principals.size());
    Principal &p = m_principals.emplace_back();
    p.id = lowered(objectId);
    index(p.id, guid, isGuid, id);
    return id;
}

PrincipalId Directory::upsert(Principal p)
{
    if (p.id.empty())
        return NoPrincipal;
    Guid guid;
    bool isGuid = false;
    if (const PrincipalId known = indexOf(p.id, &guid, &isGuid); known != NoPrincipal) {
        mergeInto(m_principals[known], std::move(p));
        return known;
    }
    for (char &c : p.id) {
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    }
    const auto id = static_cast<PrincipalId>(m_principals.size());
    m_principals.push_back(std::move(p));
    index(m_principals.back().id, guid, isGuid, id);
    return id;
}

void Directory::mergeInto(Principal &existing, Principal &&incoming)
{
    fillIfEmpty(existing.displayName, incoming.displayName);
    fillIfEmpty(existing.userPrincipalName, incoming.userPrincipalName);
    fillIfEmpty(existing.mail, incoming.mail);
    fillIfEmpty(existing.appId, incoming.appId);
    fillIfEmpty(existing.servicePrincipalType, incoming.servicePrincipalType);
    fillIfEmpty(existing.userType, incoming.userType);
    if (existing.type == PrincipalType::Unresolved)
        existing.type = incoming.type;
    // `true` is also the default when an export does not say, so a `false` seen anywhere is the information.
    existing.accountEnabled = existing.accountEnabled && incoming.accountEnabled;
    existing.guest = existing.guest || incoming.guest;
    // A member entry only knows its file; the object's own definition knows its line.
    if ((existing.source.file == 0 && incoming.source.file != 0) || (existing.source.line == 0 && incoming.source.line != 0))
        existing.source = incoming.source;
}

void Directory::addMembership(PrincipalId group, PrincipalId member)
{
    if (group >= m_principals.size() || member >= m_principals.size())
        return;
    m_pendingEdges.push_back((std::uint64_t(group) << 32) | member);
}

void Directory::finalize(Diagnostics *diagnostics)
{
    buildAdjacency();
    findCycles();
    reportCycles(diagnostics);
}

void Directory::buildAdjacency()
{
    // Fold edges of an earlier finalize() back in so that finalize() may run again after more loading.
    for (PrincipalId g = 0; g < m_members.size(); ++g) {
        for (PrincipalId m : m_members[g])
            m_pendingEdges.push_back((std::uint64_t(g) << 32) | m);
    }
    std::sort(m_pendingEdges.begin(), m_pendingEdges.end());
    m_pendingEdges.erase(std::unique(m_pendingEdges.begin(), m_pendingEdges.end()), m_pendingEdges.end());
    m_edgeCount = m_pendingEdges.size();

    const std::size_t n = m_principals.size();
    m_members.assign(n, {});
    m_memberOf.assign(n, {});
    std::vector<std::uint32_t> groupCount(n, 0);
    for (std::uint64_t e : m_pendingEdges)
        ++groupCount[std::uint32_t(e)];
    for (std::size_t p = 0; p < n; ++p)
        m_memberOf[p].reserve(groupCount[p]);
    // Edges are sorted by group then member: each group's members form one run, and pushing
    // member -> group in this order leaves every memberOf list sorted as well.
    for (std::size_t i = 0; i < m_pendingEdges.size();) {
        const auto group = PrincipalId(m_pendingEdges[i] >> 32);
        std::size_t end = i;
        while (end < m_pendingEdges.size() && PrincipalId(m_pendingEdges[end] >> 32) == group)
            ++end;
        auto &members = m_members[group];
        members.reserve(end - i);
        for (; i < end; ++i) {
            const auto member = PrincipalId(m_pendingEdges[i]);
            members.push_back(member);
            m_memberOf[member].push_back(group);
        }
    }
    m_pendingEdges.clear();
    m_pendingEdges.shrink_to_fit();
}

/** Tarjan's strongly connected components over "member of" edges, iteratively: a nesting chain of
 *  thousands of groups must not overflow the stack. Every component with more than one group, or a
 *  group that contains itself, is a cycle. */
void Directory::findCycles()
{
    m_cycles.clear();
    const std::size_t n = m_principals.size();
    std::vector<std::uint32_t> index(n, kUnvisited);
    std::vector<std::uint32_t> low(n, 0);
    std::vector<std::uint8_t> onStack(n, 0);
    std::vector<PrincipalId> stack;
    std::vector<std::pair<PrincipalId, std::uint32_t>> calls; // node, next edge to follow
    std::uint32_t counter = 0;
    auto visit = [&](PrincipalId v) {
        index[v] = low[v] = counter++;
        stack.push_back(v);
        onStack[v] = 1;
        calls.emplace_back(v, 0);
    };
    auto popComponent = [&](PrincipalId root) {
        std::vector<PrincipalId> component;
        PrincipalId w;
        do {
            w = stack.back();
            stack.pop_back();
            onStack[w] = 0;
            component.push_back(w);
        } while (w != root);
        const auto &groups = m_memberOf[root];
        if (component.size() > 1 || std::binary_search(groups.begin(), groups.end(), root))
            m_cycles.push_back(std::move(component));
    };
    for (PrincipalId start = 0; start < n; ++start) {
        if (index[start] != kUnvisited || m_memberOf[start].empty())
            continue;
        visit(start);
        while (!calls.empty()) {
            auto &[v, edge] = calls.back();
            if (edge < m_memberOf[v].size()) {
                const PrincipalId w = m_memberOf[v][edge++];
                if (index[w] == kUnvisited)
                    visit(w); // invalidates v and edge
                else if (onStack[w])
                    low[v] = std::min(low[v], index[w]);
                continue;
            }
            const PrincipalId done = v;
            calls.pop_back();
            if (!calls.empty())
                low[calls.back().first] = std::min(low[calls.back().first], low[done]);
            if (low[done] == index[done])
                popComponent(done);
        }
    }
}

void Directory::reportCycles(Diagnostics *diagnostics)
{
    for (auto &cycle : m_cycles) {
        const bool ring = orderAsCycle(cycle);
        if (!diagnostics)
            continue;
        std::string text;
        for (PrincipalId g : cycle)
            text += describe(g) + (ring ? " -> " : ", ");
        text += ring ? describe(cycle.front()) : std::string("nested in each other");
        diagnostics->push_back({Diagnostic::Severity::Warning, {}, 0, 0,
                                "group membership cycle: " + text + "; every group on it contains all the others"});
    }
}

/** Orders a component as the cycle it is, from its lowest index, when it is one simple ring (each
 *  group a member of exactly one other group of the component); otherwise sorts it. */
bool Directory::orderAsCycle(std::vector<PrincipalId> &component) const
{
    std::sort(component.begin(), component.end());
    auto inComponent = [&](PrincipalId g) { return std::binary_search(component.begin(), component.end(), g); };
    std::vector<PrincipalId> ring;
    ring.reserve(component.size());
    PrincipalId current = component.front();
    do {
        PrincipalId next = NoPrincipal;
        for (PrincipalId g : m_memberOf[current]) {
            if (!inComponent(g))
                continue;
            if (next != NoPrincipal)
                return false; // two ways on within the component: not a single ring
            next = g;
        }
        ring.push_back(current);
        current = next;
    } while (current != component.front() && ring.size() <= component.size());
    if (ring.size() != component.size())
        return false;
    component = std::move(ring);
    return true;
}

std::string Directory::describe(PrincipalId id) const
{
    const Principal &p = m_principals[id];
    return p.displayName.empty() ? p.id : p.displayName + " (" + p.id + ")";
}

PrincipalId Directory::find(std::string_view objectId) const
{
    Guid guid;
    bool isGuid = false;
    return indexOf(objectId, &guid, &isGuid);
}

std::vector<PrincipalId> Directory::lookup(std::string_view text) const
{
    const std::string wanted = trim(text);
    if (wanted.empty())
        return {};
    if (const PrincipalId id = find(wanted); id != NoPrincipal)
        return {id};
    std::vector<PrincipalId> out;
    auto scan = [&](std::string Principal::*field) {
        for (PrincipalId i = 0; i < m_principals.size(); ++i) {
            const std::string &value = m_principals[i].*field;
            if (!value.empty() && iequals(value, wanted))
                out.push_back(i);
        }
        return !out.empty();
    };
    // UPNs and application IDs are unique; display names may not be, so every match is returned.
    if (scan(&Principal::userPrincipalName) || scan(&Principal::appId))
        return out;
    scan(&Principal::displayName);
    return out;
}

const std::vector<PrincipalId> &Directory::directGroups(PrincipalId p) const
{
    return p < m_memberOf.size() ? m_memberOf[p] : kNone;
}

const std::vector<PrincipalId> &Directory::directMembers(PrincipalId g) const
{
    return g < m_members.size() ? m_members[g] : kNone;
}

std::vector<PrincipalId> Directory::transitiveGroups(PrincipalId p) const
{
    std::vector<PrincipalId> out;
    if (p >= m_memberOf.size())
        return out;
    std::vector<bool> seen(m_memberOf.size(), false);
    seen[p] = true; // a cycle through p must not list p as its own group
    for (PrincipalId g : m_memberOf[p]) {
        seen[g] = true;
        out.push_back(g);
    }
    // `out` doubles as the BFS queue: no allocation beyond the result and the bitmap.
    for (std::size_t i = 0; i < out.size(); ++i) {
        for (PrincipalId g : m_memberOf[out[i]]) {
            if (!seen[g]) {
                seen[g] = true;
                out.push_back(g);
            }
        }
    }
    return out;
}

std::vector<PrincipalId> Directory::transitiveMembers(PrincipalId g) const
{
    std::vector<PrincipalId> out;
    if (g >= m_members.size())
        return out;
    std::vector<bool> seen(m_members.size(), false);
    seen[g] = true;
    for (PrincipalId m : m_members[g]) {
        seen[m] = true;
        out.push_back(m);
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        for (PrincipalId m : m_members[out[i]]) {
            if (!seen[m]) {
                seen[m] = true;
                out.push_back(m);
            }
        }
    }
    return out;
}

std::vector<PrincipalId> Directory::groupChain(PrincipalId p, PrincipalId g) const
{
    if (p == g || p >= m_memberOf.size() || g >= m_memberOf.size())
        return {};
    constexpr std::uint32_t kRoot = 0xffffffffu;
    struct Step
    {
        PrincipalId group;
        std::uint32_t parent; // index into the queue, kRoot for a direct group of p
    };
    std::vector<Step> queue;
    std::vector<bool> seen(m_memberOf.size(), false);
    seen[p] = true;
    auto reach = [&](PrincipalId group, std::uint32_t parent) {
        if (seen[group])
            return false;
        seen[group] = true;
        queue.push_back({group, parent});
        return group == g;
    };
    bool found = false;
    for (PrincipalId first : m_memberOf[p])
        found = found || reach(first, kRoot);
    for (std::uint32_t i = 0; !found && i < queue.size(); ++i) {
        for (PrincipalId next : m_memberOf[queue[i].group]) {
            if (reach(next, i)) {
                found = true;
                break;
            }
        }
    }
    if (!found)
        return {};
    std::vector<PrincipalId> chain;
    for (std::uint32_t i = std::uint32_t(queue.size() - 1); i != kRoot; i = queue[i].parent)
        chain.push_back(queue[i].group);
    std::reverse(chain.begin(), chain.end());
    return chain;
}

} // namespace clr::entra
