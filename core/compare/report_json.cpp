// SPDX-License-Identifier: GPL-3.0-or-later
// The comparison as JSON, schemaVersion 1 (documented in README.md). Change ids are 1-based, as the
// text and HTML reports number them; "causes" lists those ids.
#include "compare/report.h"

#include "common/outputsafety.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace clr::compare {

namespace {

using nlohmann::ordered_json;

const char *scopeKindName(Scope::Kind k)
{
    switch (k) {
    case Scope::Kind::Namespace:
        return "namespace";
    case Scope::Kind::AllNamespaces:
        return "allNamespaces";
    case Scope::Kind::Cluster:
        return "cluster";
    }
    return "";
}

ordered_json requestJson(const k8s::Request &r)
{
    if (!r.resourceRequest)
        return {{"verb", r.verb}, {"nonResourceURL", r.path}};
    return {{"verb", r.verb}, {"group", r.apiGroup}, {"resource", r.resource}, {"subresource", r.subresource}, {"name", r.name}, {"namespace", r.ns}};
}

ordered_json pathJson(const GrantPath &p)
{
    if (p.steps.empty())
        return nullptr;
    ordered_json steps = ordered_json::array();
    for (const auto &s : p.steps)
        steps.push_back({{"label", s.label}, {"ref", s.ref.toString()}});
    return {{"plane", planeName(p.plane)}, {"text", p.text}, {"steps", steps}};
}

ordered_json linesJson(const std::vector<PermissionChange> &list)
{
    ordered_json out = ordered_json::array();
    for (const auto &l : list) {
        ordered_json permissions = ordered_json::array(), requests = ordered_json::array(), causes = ordered_json::array();
        for (const auto &p : l.permissions)
            permissions.push_back({{"verbs", p.verbs}, {"resources", p.resources}});
        for (const auto &r : l.requests)
            requests.push_back(requestJson(r));
        for (auto c : l.causes)
            causes.push_back(c + 1);
        ordered_json scope{{"kind", scopeKindName(l.scope.kind)}};
        if (l.scope.kind == Scope::Kind::Namespace)
            scope["namespace"] = l.scope.ns;
        if (l.scope.kind == Scope::Kind::AllNamespaces)
            scope["except"] = l.scope.except;
        out.push_back({{"scope", scope}, {"text", l.text()}, {"permissions", permissions}, {"requests", requests}, {"causes", causes},
                       {"path", pathJson(l.path)}});
    }
    return out;
}

ordered_json identityJson(const IdentityDelta &d)
{
    ordered_json j{{"kind", partyKindName(d.who.kind)}, {"name", d.who.name}};
    if (d.who.isEntra()) {
        j["objectId"] = d.who.key.name;
        j["displayName"] = d.who.displayName;
        j["accountEnabled"] = !d.who.disabled;
    }
    if (d.who.kind == Party::Kind::ServiceAccount)
        j["namespace"] = d.who.key.ns;
    j["inBase"] = d.who.inBase;
    j["inHead"] = d.who.inHead;
    j["gained"] = linesJson(d.gained);
    j["lost"] = linesJson(d.lost);
    return j;
}

ordered_json changeJson(const Change &c, std::size_t id)
{
    ordered_json j{{"id", id}, {"kind", changeKindName(c.kind)}, {"op", changeOpName(c.op)}, {"ref", c.ref.toString()}};
    if (!c.from.isNull())
        j["from"] = c.from.toString();
    if (!c.member.isNull())
        j["member"] = c.member.toString();
    if (!c.setting.empty())
        j["setting"] = c.setting;
    j["summary"] = c.summary;
    j["details"] = c.details;
    j["base"] = c.baseSource;
    j["head"] = c.headSource;
    j["effect"] = c.effective;
    return j;
}

} // namespace

std::string toJson(const Comparison &c, const ReportInfo &info)
{
    ordered_json identities = ordered_json::array(), changes = ordered_json::array();
    for (const auto &d : c.identities)
        identities.push_back(identityJson(d));
    for (std::size_t i = 0; i < c.changes.size(); ++i)
        changes.push_back(changeJson(c.changes[i], i + 1));
    const auto effective = std::size_t(std::count_if(c.changes.begin(), c.changes.end(), [](const Change &ch) { return ch.effective; }));
    ordered_json doc{{"schemaVersion", 1},
                     {"base", info.base},
                     {"head", info.head},
                     {"summary",
                      {{"evaluated", c.evaluated},
                       {"skipped", c.skipped},
                       {"gained", c.gainedCount()},
                       {"lost", c.lostCount()},
                       {"changes", c.changes.size()},
                       {"noEffect", c.changes.size() - effective},
                       {"cancelled", c.cancelled}}},
                     {"identities", identities},
                     {"changes", changes},
                     {"notes", c.notes}};
    return safe::json(doc, 2) + '\n';
}

} // namespace clr::compare
