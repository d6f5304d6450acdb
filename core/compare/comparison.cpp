// SPDX-License-Identifier: GPL-3.0-or-later
// The comparison's result as a value: texts, lookups (what the matrix marks) and the -n filter.
#include "compare/compare.h"

#include <algorithm>

namespace clr::compare {

namespace {

std::string joined(const std::vector<std::string> &v, const char *sep = ", ")
{
    std::string out;
    for (const auto &s : v)
        out += (out.empty() ? "" : sep) + s;
    return out;
}

bool sameTemplate(const k8s::Request &a, const k8s::Request &b)
{
    return a.resourceRequest == b.resourceRequest && a.verb == b.verb && a.apiGroup == b.apiGroup && a.resource == b.resource
        && a.subresource == b.subresource && a.name == b.name && a.path == b.path;
}

} // namespace

std::string requestLabel(const k8s::Request &r)
{
    if (!r.resourceRequest)
        return r.path;
    std::string out = r.resource;
    if (!r.apiGroup.empty())
        out += '.' + r.apiGroup;
    if (!r.subresource.empty())
        out += '/' + r.subresource;
    if (!r.name.empty())
        out += " named " + r.name;
    return out;
}

bool Scope::appliesIn(const std::string &where) const
{
    switch (kind) {
    case Kind::Namespace:
        return where == ns;
    case Kind::AllNamespaces:
        return where.empty() || std::find(except.begin(), except.end(), where) == except.end();
    case Kind::Cluster:
        return true;
    }
    return false;
}

std::string Scope::text() const
{
    switch (kind) {
    case Kind::Namespace:
        return "in namespace " + ns;
    case Kind::AllNamespaces:
        return except.empty() ? std::string("in every namespace") : "in every namespace except " + joined(except);
    case Kind::Cluster:
        return "cluster-wide";
    }
    return {};
}

std::string Permission::text() const
{
    return joined(verbs) + ' ' + joined(resources);
}

std::string PermissionChange::text() const
{
    std::vector<std::string> parts;
    for (const auto &p : permissions)
        parts.push_back(p.text());
    return scope.text() + ": " + joined(parts, "; ");
}

std::size_t Comparison::gainedCount() const
{
    return std::size_t(std::count_if(identities.begin(), identities.end(), [](const IdentityDelta &d) { return !d.gained.empty(); }));
}

std::size_t Comparison::lostCount() const
{
    return std::size_t(std::count_if(identities.begin(), identities.end(), [](const IdentityDelta &d) { return !d.lost.empty(); }));
}

void Comparison::reindex()
{
    m_index.clear();
    for (std::size_t i = 0; i < identities.size(); ++i)
        m_index.emplace_back(identities[i].who.key.toString(), i);
    std::sort(m_index.begin(), m_index.end());
}

const IdentityDelta *Comparison::find(const ObjectRef &party) const
{
    const std::string key = party.toString();
    const auto it = std::lower_bound(m_index.begin(), m_index.end(), key, [](const auto &e, const std::string &k) { return e.first < k; });
    return it != m_index.end() && it->first == key ? &identities[it->second] : nullptr;
}

CellChange Comparison::cellChange(const ObjectRef &party, const k8s::Request &request) const
{
    const IdentityDelta *d = find(party);
    if (!d)
        return CellChange::Unchanged;
    for (const auto *list : {&d->gained, &d->lost}) {
        for (const auto &line : *list) {
            if (!line.scope.appliesIn(request.ns))
                continue;
            for (const auto &r : line.requests)
                if (sameTemplate(r, request))
                    return list == &d->gained ? CellChange::Gained : CellChange::Lost;
        }
    }
    return CellChange::Unchanged;
}

Comparison Comparison::inNamespace(const std::string &ns) const
{
    Comparison out = *this;
    out.identities.clear();
    for (const auto &d : identities) {
        IdentityDelta kept{d.who, {}, {}};
        auto keep = [&ns](const std::vector<PermissionChange> &from, std::vector<PermissionChange> &to) {
            for (const auto &line : from)
                if (line.scope.kind != Scope::Kind::Cluster && line.scope.appliesIn(ns))
                    to.push_back(line);
        };
        keep(d.gained, kept.gained);
        keep(d.lost, kept.lost);
        if (!kept.gained.empty() || !kept.lost.empty())
            out.identities.push_back(std::move(kept));
    }
    out.reindex();
    return out;
}

} // namespace clr::compare
