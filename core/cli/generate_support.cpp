// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/context.h"
#include "generate_p.h"
#include "common/outputsafety.h"
#include "common/strings.h"
#include "generate/export.h"

#include <algorithm>
#include <ostream>

namespace clr::cli {

namespace {

/** The file name without its folder: generated files do not depend on where the log was. */
std::string fileName(const std::string &path)
{
    const auto slash = path.find_last_of("/\\");
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool looksLikeObjectId(const std::string &s)
{
    return s.size() == 36 && std::count(s.begin(), s.end(), '-') == 4;
}

std::string subjectText(const SubjectChoice &who)
{
    static const char *const kinds[] = {"User", "Group", "ServiceAccount"};
    std::string out = std::string(kinds[int(who.subject.kind)]) + ' '
        + (who.subject.kind == k8s::Subject::Kind::ServiceAccount ? who.subject.ns + ':' : std::string()) + who.subject.name;
    if (!who.displayName.empty())
        out += " (" + who.displayName + ')';
    return out;
}

std::optional<SubjectChoice> groupChoice(const std::string &group, const PermissionGraph &graph, std::ostream &err)
{
    const auto &dir = graph.snapshot().directory;
    SubjectChoice c{gen::groupSubject(group), group, {}};
    auto id = dir.find(group);
    if (id == entra::NoPrincipal && graph.snapshot().hasEntra()) {
        // AKS puts group object IDs in tokens, never names: resolve a display name to its ID.
        std::vector<entra::PrincipalId> groups;
        for (auto p : dir.lookup(group))
            if (dir.at(p).type == entra::PrincipalType::Group)
                groups.push_back(p);
        if (groups.size() > 1) {
            err << "clearance: more than one Entra group is called '" << group << "'; give its object ID\n";
            return std::nullopt;
        }
        if (groups.size() == 1)
            id = groups.front();
    }
    if (id != entra::NoPrincipal && dir.at(id).type == entra::PrincipalType::Group) {
        c.subject.name = dir.at(id).id;
        c.displayName = dir.at(id).displayName;
        c.label = c.displayName.empty() ? c.subject.name : c.displayName;
    }
    return c;
}

std::optional<SubjectChoice> userChoice(const std::string &user, const PermissionGraph &graph, std::ostream &err)
{
    if (k8s::parseServiceAccountUser(user, nullptr, nullptr))
        return SubjectChoice{gen::subjectForUser(user), {}, {}};
    std::string error;
    const Identity who = graph.identityFor(user, {}, &error);
    if (!error.empty()) {
        err << "clearance: " << safe::line(error) << '\n';
        return std::nullopt;
    }
    SubjectChoice c{gen::subjectForUser(who.user.name), who.user.name, {}};
    if (who.isEntra()) {
        c.displayName = graph.snapshot().directory.at(who.principal).displayName;
        // Guests and service principals are known to AKS by object ID: name the objects readably.
        if (looksLikeObjectId(who.user.name) && !c.displayName.empty())
            c.label = c.displayName;
    }
    return c;
}

} // namespace

std::unique_ptr<PermissionGraph> optionalGraph(const Options &opts, std::ostream &err, int *exitCode)
{
    *exitCode = 0;
    if (opts.files.empty() && !opts.demo)
        return std::make_unique<PermissionGraph>(Snapshot{});
    return loadGraph(opts, err, exitCode);
}

std::vector<std::string> generateNamespaces(const Options &opts)
{
    std::vector<std::string> out;
    for (auto ns : split(opts.ns, ','))
        if (!trim(ns).empty())
            out.push_back(trim(ns));
    return out;
}

std::optional<std::string> generateUsageError(const Options &opts)
{
    if (!opts.positional.empty())
        return "generate takes no positional arguments (got '" + opts.positional.front() + "')";
    if (opts.output != "table" && opts.output != "yaml" && opts.output != "json")
        return "unknown output format '" + opts.output + "' for generate (yaml or json)";
    if (opts.fromAudit.empty() == opts.allow.empty())
        return std::string("generate needs either --from-audit FILE or --allow VERB:TYPE[,VERB:TYPE...]");
    if (!opts.replaceBinding.empty() && opts.fromAudit.empty())
        return std::string("--replace-binding needs --from-audit FILE (the requests the subject really makes)");
    if (!opts.replaceBinding.empty() && opts.files.empty() && !opts.demo)
        return std::string("--replace-binding needs the snapshot that holds the binding (-f PATH or --demo)");
    if (opts.nsGiven && generateNamespaces(opts).empty())
        return std::string("-n needs a namespace");
    if (!opts.asGroups.empty())
        return std::string("generate binds one subject: use --group G instead of --as-group");
    return std::nullopt;
}

std::string describeFilter(const gen::AuditFilter &filter)
{
    std::string out = !filter.group.empty() ? "group " + filter.group : "user " + filter.userName();
    if (!filter.namespaces.empty())
        out += " in namespace(s) " + join(filter.namespaces, ", ");
    return out;
}

std::optional<SubjectChoice> chooseSubject(const Options &opts, const PermissionGraph &graph, std::ostream &err)
{
    const int given = int(!opts.as.empty()) + int(!opts.user.empty()) + int(!opts.group.empty()) + int(!opts.serviceAccount.empty());
    if (given != 1) {
        err << "clearance: say who to grant with exactly one of --as PRINCIPAL, --user U, --group G or --serviceaccount NS:NAME\n";
        return std::nullopt;
    }
    if (!opts.serviceAccount.empty()) {
        gen::AuditFilter f;
        f.serviceAccount = opts.serviceAccount;
        if (auto bad = f.validate()) {
            err << "clearance: " << *bad << '\n';
            return std::nullopt;
        }
        return SubjectChoice{gen::subjectForUser(f.userName()), {}, {}};
    }
    if (!opts.group.empty())
        return groupChoice(opts.group, graph, err);
    return userChoice(opts.as.empty() ? opts.user : opts.as, graph, err);
}

std::optional<SubjectChoice> subjectOfBinding(const Options &opts, const PermissionGraph &graph, const k8s::Binding &binding,
                                              std::ostream &err)
{
    if (!opts.as.empty() || !opts.user.empty() || !opts.group.empty() || !opts.serviceAccount.empty())
        return chooseSubject(opts, graph, err);
    if (binding.subjects.size() != 1) {
        err << "clearance: the binding names " << binding.subjects.size()
            << " subjects; choose one with --user, --group or --serviceaccount\n";
        return std::nullopt;
    }
    k8s::Subject s = binding.subjects.front();
    if (s.kind == k8s::Subject::Kind::ServiceAccount && s.ns.empty())
        s.ns = binding.ns;
    if (s.kind == k8s::Subject::Kind::Group)
        return groupChoice(s.name, graph, err);
    if (s.kind == k8s::Subject::Kind::User)
        return userChoice(s.name, graph, err);
    return SubjectChoice{s, {}, {}};
}

gen::GenerateOptions generateOptions(const Options &opts, const SubjectChoice &who)
{
    gen::GenerateOptions o;
    o.subject = who.subject;
    o.subjectLabel = who.label;
    o.name = opts.objectName;
    o.expandVerbs = opts.expandVerbs;
    return o;
}

std::vector<std::string> headerFor(const Options &opts, const SubjectChoice &who, const gen::Proof &proof)
{
    std::vector<std::string> header;
    header.push_back("Least-privilege RBAC generated by Clearance for " + subjectText(who)
                     + (opts.fromAudit.empty() ? std::string(" from --allow") : " from audit log " + fileName(opts.fromAudit)));
    header.push_back("Proof (Kubernetes RBAC authorizer): " + proof.summary());
    return header;
}

int emitObjects(const Options &opts, const PermissionGraph &graph, const gen::GeneratedPolicy &policy,
                const std::vector<std::string> &header, std::ostream &out, std::ostream &err)
{
    gen::KubeObjects objects = gen::objectsOf(policy);
    objects.header = header;
    objects.displayNames = gen::displayNamesFor(graph, objects.bindings);
    if (!opts.outDir.empty()) {
        const auto written = gen::writeFolder(objects, opts.outDir);
        if (!written.ok()) {
            err << "clearance: " << safe::line(written.error) << '\n';
            return 2;
        }
        for (const auto &f : written.files)
            out << safe::line(f) << '\n';
        return 0;
    }
    out << (opts.output == "json" ? gen::toJsonList(objects) : gen::toYaml(objects));
    return 0;
}

void reportReplacement(const gen::Replacement &replacement, std::ostream &err)
{
    err << "clearance: replacing " << safe::line(replacement.oldBinding + " (" + replacement.oldRole + ")") << '\n';
    for (const auto &r : replacement.notFromOldBinding)
        err << "note: not carried over, the old binding never allowed it: " << safe::line(gen::describeRequest(r)) << '\n';
    for (const auto &rule : replacement.removed)
        err << "would remove: " << safe::line(gen::describeRule(rule)) << '\n';
    for (const auto &n : replacement.notes)
        err << "note: " << safe::line(n) << '\n';
}

/** A command to paste into bash or zsh: every name one exact shell word (it lands in a comment,
 *  where safe::comment() keeps it on one line; shellWord() already wrote it on one). */
std::string deleteCommand(const k8s::Binding &binding)
{
    if (binding.cluster)
        return "kubectl delete clusterrolebinding " + safe::shellWord(binding.name);
    return "kubectl delete rolebinding -n " + safe::shellWord(binding.ns) + ' ' + safe::shellWord(binding.name);
}

} // namespace clr::cli
