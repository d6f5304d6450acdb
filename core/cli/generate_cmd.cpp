// SPDX-License-Identifier: GPL-3.0-or-later
// clearance generate: least-privilege Roles and bindings from an audit log (as audit2rbac), from
// explicit VERB:TYPE permissions, or as the minimal replacement of an existing binding.
#include "cli/commands.h"

#include "cli/context.h"
#include "generate_p.h"
#include "common/outputsafety.h"
#include "common/strings.h"
#include "generate/audit.h"
#include "generate/export.h"
#include "generate/generator.h"
#include "generate/proof.h"
#include "generate/replace.h"

#include <algorithm>
#include <ostream>

namespace clr::cli {

namespace {

using gen::GeneratedPolicy;

/** One VERB:TARGET item of --allow as requests (one per namespace for namespaced types). */
std::optional<std::vector<k8s::Request>> allowItem(const std::string &item, const Options &opts, const PermissionGraph &graph,
                                                   std::ostream &err)
{
    const auto colon = item.find(':');
    const std::string verb = item.substr(0, colon);
    const std::string target = colon == std::string::npos ? std::string() : item.substr(colon + 1);
    if (verb.empty() || target.empty()) {
        err << "clearance: --allow takes VERB:TYPE[,VERB:TYPE...], not '" << item << "'\n";
        return std::nullopt;
    }
    if (verb.find('*') != std::string::npos || target.find('*') != std::string::npos) {
        err << "clearance: generated roles have no wildcards; name the verb and the type in '" << item << "'\n";
        return std::nullopt;
    }
    if (target[0] == '/')
        return std::vector<k8s::Request>{{verb, false, {}, {}, {}, {}, {}, target}};
    const auto parts = split(target, '/');
    if (parts.size() > 3 || std::any_of(parts.begin(), parts.end(), [](auto p) { return p.empty(); })) {
        err << "clearance: --allow target '" << target << "' is not TYPE, TYPE/SUBRESOURCE, TYPE/NAME or TYPE/NAME/SUBRESOURCE\n";
        return std::nullopt;
    }
    const auto type = graph.resources().resolve(parts[0]);
    if (!type.known)
        err << "Warning: resource type '" << parts[0] << "' is not a standard resource nor a CRD of the input; using it as given\n";
    k8s::Request base{verb, true, type.group, type.resource, {}, {}, {}, {}};
    const auto *info = graph.resources().find(type.group, type.resource);
    if (parts.size() == 2) {
        const std::string second(parts[1]);
        const bool isSub = info && std::find(info->subresources.begin(), info->subresources.end(), second) != info->subresources.end();
        (isSub ? base.subresource : base.name) = second;
    } else if (parts.size() == 3) {
        base.name = std::string(parts[1]);
        base.subresource = std::string(parts[2]);
    }
    if (!type.namespaced || opts.allNamespaces)
        return std::vector<k8s::Request>{base};
    if (!opts.nsGiven) {
        err << "clearance: '" << item << "' is namespaced: say where with -n NS[,NS...] (or -A for every namespace)\n";
        return std::nullopt;
    }
    std::vector<k8s::Request> out;
    for (const auto &ns : generateNamespaces(opts)) {
        base.ns = ns;
        out.push_back(base);
    }
    return out;
}

std::optional<std::vector<k8s::Request>> allowRequests(const Options &opts, const PermissionGraph &graph, std::ostream &err)
{
    std::vector<k8s::Request> out;
    for (const auto &value : opts.allow) {
        for (auto item : split(value, ',')) {
            auto requests = allowItem(trim(item), opts, graph, err);
            if (!requests)
                return std::nullopt;
            out.insert(out.end(), requests->begin(), requests->end());
        }
    }
    return out;
}

std::optional<std::vector<k8s::Request>> auditRequests(const Options &opts, gen::AuditFilter filter, std::ostream &err, int *code)
{
    const gen::AuditLog log = gen::loadAuditLog(opts.fromAudit);
    bool problems = false;
    for (const auto &d : log.diagnostics) {
        err << safe::line(d.toString()) << '\n';
        problems = problems || d.severity != Diagnostic::Severity::Info;
    }
    if ((problems && opts.strict) || (log.events.empty() && problems)) {
        *code = 2;
        return std::nullopt;
    }
    if (opts.nsGiven)
        filter.namespaces = generateNamespaces(opts);
    const auto events = gen::selectEvents(log.events, filter);
    if (events.empty()) {
        err << "clearance: no audit events in " << safe::line(opts.fromAudit) << " matched " << safe::line(describeFilter(filter)) << '\n';
        *code = 1;
        return std::nullopt;
    }
    std::vector<k8s::Request> requests;
    for (const auto &e : events)
        requests.push_back(gen::toRequest(e));
    return requests;
}

void printProof(const GeneratedPolicy &policy, const gen::Proof &proof, std::ostream &err)
{
    if (!policy.skipped.empty())
        err << "note: " << policy.skipped.size()
            << " request(s) need no grant: every authenticated user may make them (discovery, self-reviews)\n";
    err << "clearance: " << safe::line(proof.summary()) << '\n';
}

int generateFrom(const Options &opts, const PermissionGraph &graph, const SubjectChoice &who, std::vector<k8s::Request> requests,
                 std::ostream &out, std::ostream &err)
{
    const GeneratedPolicy policy = gen::generate(std::move(requests), generateOptions(opts, who));
    if (policy.empty()) {
        // A valid answer: the least privilege is no new grant at all.
        const std::vector<std::string> header{"Nothing to grant: every request is already allowed to every authenticated user "
                                              "(discovery, self-reviews), so no Role or binding is needed"};
        const int code = emitObjects(opts, graph, policy, header, out, err);
        err << "clearance: nothing to grant: every request is already allowed to every authenticated user\n";
        return code;
    }
    const gen::Proof proof = gen::verify(policy);
    std::vector<std::string> header = headerFor(opts, who, proof);
    const int code = emitObjects(opts, graph, policy, header, out, err);
    printProof(policy, proof, err);
    return code ? code : (proof.exact() ? 0 : 1);
}

int runReplace(const Options &opts, const PermissionGraph &graph, std::ostream &out, std::ostream &err)
{
    const auto &kube = graph.snapshot().kube;
    const k8s::Binding *binding = gen::findBinding(kube, opts.replaceBinding);
    if (!binding) {
        err << "clearance: --replace-binding: no " << (opts.replaceBinding.find('/') == std::string::npos ? "ClusterRoleBinding " : "RoleBinding ")
            << safe::line(opts.replaceBinding) << " in the input (NS/NAME for a RoleBinding, NAME for a ClusterRoleBinding)\n";
        return 2;
    }
    auto who = subjectOfBinding(opts, graph, *binding, err);
    if (!who)
        return 2;
    int code = 0;
    auto requests = auditRequests(opts, gen::filterFor(who->subject, binding->ns), err, &code);
    if (!requests)
        return code;
    std::string error;
    auto replacement = gen::proposeReplacement(kube, opts.replaceBinding, std::move(*requests), generateOptions(opts, *who), &error);
    if (!replacement) {
        err << "clearance: " << safe::line(error) << '\n';
        return 2;
    }
    reportReplacement(*replacement, err);
    if (replacement->policy.empty()) {
        err << "clearance: the audit log shows no request this binding is needed for: delete it\n";
        return 0;
    }
    const gen::Proof proof = gen::verify(replacement->policy);
    auto header = headerFor(opts, *who, proof);
    header.push_back("Replaces " + replacement->oldBinding + " (" + replacement->oldRole + "); after applying: " + deleteCommand(*binding));
    for (const auto &rule : replacement->removed)
        header.push_back("removes: " + gen::describeRule(rule));
    const int emitted = emitObjects(opts, graph, replacement->policy, header, out, err);
    printProof(replacement->policy, proof, err);
    return emitted ? emitted : (proof.exact() ? 0 : 1);
}

} // namespace

int runGenerate(const Options &opts, std::ostream &out, std::ostream &err)
{
    if (auto usage = generateUsageError(opts)) {
        err << "clearance: " << *usage << "\nSee 'clearance --help'.\n";
        return 2;
    }
    int code = 0;
    auto graph = optionalGraph(opts, err, &code);
    if (!graph)
        return code;
    if (!opts.replaceBinding.empty())
        return runReplace(opts, *graph, out, err);
    auto who = chooseSubject(opts, *graph, err);
    if (!who)
        return 2;
    std::optional<std::vector<k8s::Request>> requests;
    if (!opts.fromAudit.empty())
        requests = auditRequests(opts, gen::filterFor(who->subject), err, &code);
    else if (!(requests = allowRequests(opts, *graph, err)))
        code = 2;
    if (!requests)
        return code;
    return generateFrom(opts, *graph, *who, std::move(*requests), out, err);
}

} // namespace clr::cli
