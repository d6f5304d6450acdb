// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/commands.h"

#include "cli/context.h"
#include "common/outputsafety.h"
#include "common/strings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <ostream>
#include <set>

namespace clr::cli {

namespace {

using nlohmann::json;

std::string goList(const std::vector<std::string> &v)
{
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i)
        out += (i ? " " : "") + v[i];
    return out + ']';
}

// kubectl's --list printing: break rules down to one group/resource/name each, merge the simple
// ones' verbs, sort by the rule's text form, print resource.group.
std::vector<k8s::PolicyRule> breakdown(const k8s::PolicyRule &rule)
{
    std::vector<k8s::PolicyRule> out;
    for (const auto &g : rule.apiGroups) {
        for (const auto &r : rule.resources) {
            if (rule.resourceNames.empty()) {
                out.push_back({rule.verbs, {g}, {r}, {}, {}});
                continue;
            }
            for (const auto &n : rule.resourceNames)
                out.push_back({rule.verbs, {g}, {r}, {n}, {}});
        }
    }
    for (const auto &u : rule.nonResourceURLs)
        out.push_back({rule.verbs, {}, {}, {}, {u}});
    return out;
}

std::vector<k8s::PolicyRule> compact(const std::vector<k8s::PolicyRule> &rules)
{
    std::vector<k8s::PolicyRule> out;
    std::map<std::tuple<std::string, std::string, std::string>, k8s::PolicyRule> simple;
    for (const auto &rule : rules) {
        const bool isSimple = rule.nonResourceURLs.empty() && rule.resourceNames.size() <= 1 && rule.apiGroups.size() == 1
            && rule.resources.size() == 1;
        if (!isSimple) {
            out.push_back(rule);
            continue;
        }
        const auto key = std::make_tuple(rule.apiGroups[0], rule.resources[0], rule.resourceNames.empty() ? std::string() : rule.resourceNames[0]);
        auto it = simple.find(key);
        if (it == simple.end()) {
            simple.emplace(key, rule);
            continue;
        }
        for (const auto &v : rule.verbs) {
            if (std::find(it->second.verbs.begin(), it->second.verbs.end(), v) == it->second.verbs.end())
                it->second.verbs.push_back(v);
        }
    }
    for (auto &[key, rule] : simple)
        out.push_back(std::move(rule));
    return out;
}

std::string ruleSortKey(const k8s::PolicyRule &r)
{
    return "&PolicyRule{Verbs:" + goList(r.verbs) + ",APIGroups:" + goList(r.apiGroups) + ",Resources:" + goList(r.resources)
        + ",ResourceNames:" + goList(r.resourceNames) + ",NonResourceURLs:" + goList(r.nonResourceURLs) + ",}";
}

std::string combineResourceGroup(const k8s::PolicyRule &r)
{
    if (r.resources.empty())
        return {};
    const auto &res = r.resources[0];
    const auto slash = res.find('/');
    std::string out = res.substr(0, slash);
    if (!r.apiGroups.empty() && !r.apiGroups[0].empty())
        out += '.' + r.apiGroups[0];
    if (slash != std::string::npos)
        out += res.substr(slash);
    return out;
}

int runList(const Options &opts, const PermissionGraph &graph, const Identity &who, std::ostream &out)
{
    const auto &kube = graph.kubernetes().cluster();
    const std::string ns = opts.allNamespaces ? std::string() : opts.ns;
    std::vector<k8s::PolicyRule> broken;
    for (const auto &g : graph.kubernetes().rulesFor(who.user, ns)) {
        auto parts = breakdown(kube.roles[g.role].rules[g.rule]);
        broken.insert(broken.end(), parts.begin(), parts.end());
    }
    auto rules = compact(broken);
    std::stable_sort(rules.begin(), rules.end(), [](const auto &a, const auto &b) { return ruleSortKey(a) < ruleSortKey(b); });
    if (opts.output == "json") {
        json resourceRules = json::array(), nonResourceRules = json::array();
        for (const auto &r : rules) {
            if (!r.nonResourceURLs.empty())
                nonResourceRules.push_back({{"verbs", r.verbs}, {"nonResourceURLs", r.nonResourceURLs}});
            else
                resourceRules.push_back({{"verbs", r.verbs}, {"apiGroups", r.apiGroups}, {"resources", r.resources}, {"resourceNames", r.resourceNames}});
        }
        out << safe::json(json{{"namespace", ns}, {"user", who.user.name}, {"groups", who.user.groups}, {"resourceRules", resourceRules},
                               {"nonResourceRules", nonResourceRules}},
                          2)
            << '\n';
        return 0;
    }
    std::vector<std::vector<std::string>> rows{{"Resources", "Non-Resource URLs", "Resource Names", "Verbs"}};
    for (const auto &r : rules)
        rows.push_back({combineResourceGroup(r), goList(r.nonResourceURLs), goList(r.resourceNames), goList(r.verbs)});
    printTable(out, rows, !opts.noHeaders);
    return 0;
}

json bindingRef(const k8s::Binding &b)
{
    json j{{"kind", b.cluster ? "ClusterRoleBinding" : "RoleBinding"}, {"name", b.name}};
    if (!b.cluster)
        j["namespace"] = b.ns;
    return j;
}

json roleRef(const k8s::Role &r)
{
    json j{{"kind", r.cluster ? "ClusterRole" : "Role"}, {"name", r.name}};
    if (!r.cluster)
        j["namespace"] = r.ns;
    return j;
}

std::string principalType(const entra::Principal &p)
{
    return p.type == entra::PrincipalType::User ? "user" : "servicePrincipal";
}

json requestJson(const k8s::Request &r)
{
    if (!r.resourceRequest)
        return {{"verb", r.verb}, {"nonResourceURL", r.path}};
    return {{"verb", r.verb}, {"group", r.apiGroup}, {"resource", r.resource}, {"subresource", r.subresource}, {"name", r.name}, {"namespace", r.ns}};
}

std::string planesText(Planes planes)
{
    return join(planeNames(planes), ",");
}

} // namespace

int runCanI(const Options &opts, std::ostream &out, std::ostream &err)
{
    int code = 0;
    auto graph = loadGraph(opts, err, &code);
    if (!graph)
        return code;
    if (opts.list) {
        if (!opts.positional.empty()) {
            err << "clearance: can-i --list takes no VERB or TYPE\n";
            return 2;
        }
        Identity who = opts.as.empty() ? Identity{k8s::impersonate("system:anonymous", {}), entra::NoPrincipal, {}, false} : Identity{};
        if (!opts.as.empty()) {
            auto id = resolveIdentity(opts, *graph, err);
            if (!id)
                return 2;
            who = *id;
        }
        return runList(opts, *graph, who, out);
    }
    auto request = parseRequest(opts, *graph, 0, err);
    if (!request)
        return 2;
    auto who = resolveIdentity(opts, *graph, err);
    if (!who)
        return 2;
    const Decision decision = graph->check(*who, *request);
    if (!opts.quiet) {
        out << (decision.allowed ? "yes" : "no");
        if (!decision.allowed && decision.conditional)
            out << " - only under an Azure ABAC condition that Clearance does not evaluate";
        out << '\n';
        if (opts.verbose && decision.allowed)
            out << "allowed by: " << planesText(decision.planes) << (decision.disabledAccount ? " (account disabled: latent access)" : "") << '\n';
    }
    return decision.allowed ? 0 : 1;
}

int runWhoCan(const Options &opts, std::ostream &out, std::ostream &err)
{
    int code = 0;
    auto graph = loadGraph(opts, err, &code);
    if (!graph)
        return code;
    auto request = parseRequest(opts, *graph, 0, err);
    if (!request)
        return 2;
    if (opts.output != "table" && opts.output != "json") {
        err << "clearance: unknown output format '" << opts.output << "' (table or json)\n";
        return 2;
    }
    if (!opts.nsGiven && !opts.allNamespaces && graph->isClusterScoped(*request))
        request->ns.clear(); // the default namespace was not asked for: no note that it is ignored
    const WhoCanResult result = graph->whoCan(*request, opts.allNamespaces);
    const auto &kube = graph->kubernetes().cluster();
    const auto &dir = graph->snapshot().directory;
    if (opts.output == "json") {
        json subjects = json::array();
        for (const auto &s : result.subjects) {
            json grants = json::array();
            for (const auto &g : s.grants)
                grants.push_back({{"binding", bindingRef(kube.bindings[g.binding])}, {"role", roleRef(kube.roles[g.role])}, {"ruleIndex", g.rule}});
            json j{{"kind", k8s::subjectKindName(s.subject.kind)}, {"name", s.subject.name}, {"grants", grants}, {"namespaces", s.namespaces}};
            if (s.subject.kind == k8s::Subject::Kind::ServiceAccount)
                j["namespace"] = s.subject.ns;
            subjects.push_back(std::move(j));
        }
        json doc{{"request", requestJson(result.request)}, {"subjects", subjects}};
        if (graph->snapshot().hasEntra()) {
            json principals = json::array();
            for (const auto &p : result.principals) {
                const auto &pr = dir.at(p.principal);
                principals.push_back({{"id", pr.id}, {"type", principalType(pr)}, {"displayName", pr.displayName},
                                      {"userPrincipalName", pr.userPrincipalName}, {"kubernetesUserName", graph->kubernetesUserName(p.principal)},
                                      {"planes", planeNames(p.planes)}, {"conditional", p.conditional}, {"accountEnabled", pr.accountEnabled}});
            }
            doc["principals"] = principals;
        }
        doc["notes"] = result.notes;
        out << safe::json(doc, 2) << '\n';
        return 0;
    }
    std::vector<std::vector<std::string>> rows{{"KIND", "NAME", "NAMESPACE", "WHERE", "GRANTED BY"}};
    for (const auto &s : result.subjects) {
        std::set<std::string> via;
        for (const auto &g : s.grants) {
            const auto &b = kube.bindings[g.binding];
            const auto &r = kube.roles[g.role];
            via.insert((b.cluster ? "ClusterRoleBinding/" : "RoleBinding/") + b.name + " -> " + (r.cluster ? "ClusterRole/" : "Role/") + r.name);
        }
        std::vector<std::string> where;
        for (const auto &n : s.namespaces)
            where.push_back(n.empty() ? "*" : n);
        rows.push_back({k8s::subjectKindName(s.subject.kind), s.subject.name, s.subject.ns.empty() ? "-" : s.subject.ns, join(where, ","),
                        join(std::vector<std::string>(via.begin(), via.end()), "; ")});
    }
    printTable(out, rows, !opts.noHeaders);
    if (graph->snapshot().hasEntra()) {
        out << '\n';
        std::vector<std::vector<std::string>> prow{{"ENTRA PRINCIPAL", "TYPE", "KUBERNETES USER", "PLANES"}};
        for (const auto &p : result.principals) {
            const auto &pr = dir.at(p.principal);
            std::string planes = p.conditional ? std::string("azure (conditional)") : planesText(p.planes);
            if (!pr.accountEnabled)
                planes += " [disabled]";
            prow.push_back({pr.displayName, principalType(pr), graph->kubernetesUserName(p.principal), planes});
        }
        printTable(out, prow, !opts.noHeaders);
    }
    for (const auto &n : result.notes)
        err << "note: " << safe::line(n) << '\n';
    return 0;
}

int runExplain(const Options &opts, std::ostream &out, std::ostream &err)
{
    int code = 0;
    auto graph = loadGraph(opts, err, &code);
    if (!graph)
        return code;
    auto request = parseRequest(opts, *graph, 0, err);
    if (!request)
        return 2;
    auto who = resolveIdentity(opts, *graph, err);
    if (!who)
        return 2;
    const Explanation ex = graph->explain(*who, *request);
    if (opts.output == "json") {
        json paths = json::array();
        for (const auto &p : ex.paths) {
            json steps = json::array();
            for (const auto &s : p.steps)
                steps.push_back({{"label", s.label}, {"ref", s.ref.toString()}});
            paths.push_back({{"plane", planeName(p.plane)}, {"text", p.text}, {"steps", steps}, {"assumption", p.assumption},
                             {"conditional", p.conditional}, {"someNamesOnly", p.someNamesOnly}});
        }
        out << safe::json(json{{"request", requestJson(*request)}, {"user", who->user.name}, {"allowed", ex.decision.allowed},
                               {"planes", planeNames(ex.decision.planes)}, {"paths", paths}, {"misses", ex.misses}, {"notes", ex.notes}},
                          2)
            << '\n';
        return ex.decision.allowed ? 0 : 1;
    }
    // Every line holds names from the input: each goes out terminal-safe (safe::line).
    out << (ex.decision.allowed ? "yes" : "no") << ": " << safe::line(who->user.name + ' ' + request->describe()) << '\n';
    for (const auto &p : ex.paths)
        out << "  [" << planeName(p.plane) << "] " << safe::line(p.text) << '\n';
    if (!ex.misses.empty()) {
        out << "nearest misses:\n";
        for (const auto &m : ex.misses)
            out << "  - " << safe::line(m) << '\n';
    }
    for (const auto &n : ex.notes)
        out << "note: " << safe::line(n) << '\n';
    return ex.decision.allowed ? 0 : 1;
}

} // namespace clr::cli
