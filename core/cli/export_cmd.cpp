// SPDX-License-Identifier: GPL-3.0-or-later
// clearance export: the matrix (CSV, HTML), the snapshot's RBAC objects (YAML, JSON, a folder) and
// its Azure role assignments (az script, ARM template).
#include "cli/commands.h"

#include "azure/dataactions.h"
#include "cli/context.h"
#include "generate_p.h"
#include "common/outputsafety.h"
#include "common/strings.h"
#include "generate/export.h"
#include "kubernetes/rules.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QString>

#include <algorithm>
#include <ostream>
#include <set>
#include <utility>

namespace clr::cli {

namespace {

std::string formatOf(const Options &opts, const char *fallback)
{
    return opts.output == "table" ? std::string(fallback) : opts.output;
}

/** Prints `text`, or writes it to DIR/name with --out-dir: atomically (QSaveFile writes a
 *  temporary sibling and renames it), and a folder created for it is removed again on failure. */
int deliver(const Options &opts, const std::string &name, const std::string &text, std::ostream &out, std::ostream &err)
{
    if (opts.outDir.empty()) {
        out << text;
        return 0;
    }
    const QString dir = QDir::cleanPath(QString::fromStdString(opts.outDir));
    const bool existed = QFileInfo::exists(dir);
    QSaveFile file(QDir(dir).filePath(QString::fromStdString(name)));
    if (!QDir().mkpath(dir) || !file.open(QIODevice::WriteOnly)
        || file.write(text.data(), qint64(text.size())) != qint64(text.size()) || !file.commit()) {
        err << "clearance: cannot write " << safe::line(file.fileName().toStdString()) << ": " << safe::line(file.errorString().toStdString())
            << '\n';
        if (!existed)
            QDir().rmdir(dir); // only if still empty
        return 2;
    }
    out << safe::line(file.fileName().toStdString()) << '\n';
    return 0;
}

/** Every identity a namespace matrix lists: Entra users and service principals, then the
 *  Kubernetes users and service accounts that bindings name and Entra does not know. */
std::vector<Identity> matrixIdentities(const PermissionGraph &graph)
{
    std::vector<Identity> out;
    std::set<std::string> seenNames;
    std::vector<std::uint8_t> seenPrincipals(graph.snapshot().directory.size(), 0);
    auto add = [&](Identity who) {
        // One row per identity: a binding may name an Entra principal by another spelling (a guest's
        // #EXT# UPN, its object ID), which resolves to the principal already listed.
        if (who.isEntra() ? std::exchange(seenPrincipals[who.principal], std::uint8_t(1)) : !seenNames.insert(who.user.name).second)
            return;
        out.push_back(std::move(who));
    };
    const auto &dir = graph.snapshot().directory;
    for (entra::PrincipalId p = 0; p < dir.size(); ++p) {
        const auto t = dir.at(p).type;
        if (t == entra::PrincipalType::User || t == entra::PrincipalType::ServicePrincipal)
            add(graph.identityOf(p));
    }
    for (const auto &b : graph.snapshot().kube.bindings) {
        for (const auto &s : b.subjects) {
            std::string name = s.name;
            if (s.kind == k8s::Subject::Kind::Group || (s.kind == k8s::Subject::Kind::ServiceAccount && s.ns.empty() && b.cluster))
                continue;
            if (s.kind == k8s::Subject::Kind::ServiceAccount)
                name = "system:serviceaccount:" + (s.ns.empty() ? b.ns : s.ns) + ':' + s.name;
            add(graph.identityFor(name, {}));
        }
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.user.name < b.user.name; });
    return out;
}

/** Drops identities without any access in the namespace: a report lists who can do something. */
void dropEmptyRows(gen::MatrixTable &t)
{
    std::size_t dropped = 0;
    for (std::size_t r = t.cells.size(); r-- > 0;) {
        const auto &row = t.cells[r];
        if (std::any_of(row.begin(), row.end(), [](const auto &c) { return c.state != MatrixCell::State::Denied; }))
            continue;
        t.cells.erase(t.cells.begin() + std::ptrdiff_t(r));
        t.rowHeaders.erase(t.rowHeaders.begin() + std::ptrdiff_t(r));
        ++dropped;
    }
    if (dropped)
        t.notes.push_back(std::to_string(dropped) + " identities without any of these permissions are not listed.");
}

int exportMatrix(const Options &opts, const PermissionGraph &graph, std::ostream &out, std::ostream &err)
{
    const std::string format = formatOf(opts, "csv");
    if (format != "csv" && format != "html") {
        err << "clearance: the matrix exports as csv or html, not '" << format << "'\n";
        return 2;
    }
    gen::MatrixTable table;
    std::string stem;
    if (!opts.as.empty()) {
        auto who = resolveIdentity(opts, graph, err);
        if (!who)
            return 2;
        std::vector<std::string> rows{""};
        const auto namespaces = opts.nsGiven ? generateNamespaces(opts) : graph.namespaces();
        rows.insert(rows.end(), namespaces.begin(), namespaces.end());
        PrincipalMatrix matrix(graph, *who, defaultMatrixColumns(graph), rows);
        table = gen::tableOf(matrix, "Access of " + who->user.name);
        stem = "matrix-" + gen::sanitizeName(who->user.name);
    } else if (opts.nsGiven) {
        NamespaceMatrix matrix(graph, opts.ns, matrixIdentities(graph), defaultMatrixColumns(graph));
        table = gen::tableOf(matrix, graph, "Access in namespace " + opts.ns);
        dropEmptyRows(table);
        stem = "matrix-" + gen::sanitizeName(opts.ns);
    } else {
        err << "clearance: --what matrix needs --as WHO (a principal's namespaces) or -n NS (a namespace's identities)\n";
        return 2;
    }
    for (auto &c : stem)
        c = c == ':' ? '-' : c;
    return deliver(opts, stem + '.' + format, format == "csv" ? gen::toCsv(table) : gen::toHtml(table), out, err);
}

bool bindingSelected(const Options &opts, const k8s::Binding &b, const Identity *who)
{
    if (opts.nsGiven && (b.cluster || b.ns != opts.ns))
        return false;
    if (!who)
        return true;
    return std::any_of(b.subjects.begin(), b.subjects.end(),
                       [&](const auto &s) { return k8s::subjectMatches(s, who->user, b.cluster ? std::string_view() : std::string_view(b.ns)); });
}

/** The snapshot's bindings that -n / --as select, with the roles they refer to (and, without a filter, every role). */
gen::KubeObjects selectObjects(const Options &opts, const PermissionGraph &graph, const Identity *who)
{
    gen::KubeObjects objects;
    const auto &kube = graph.snapshot().kube;
    std::set<std::pair<std::string, std::string>> wanted; // (namespace or "", name)
    for (const auto &b : kube.bindings) {
        if (!bindingSelected(opts, b, who))
            continue;
        objects.bindings.push_back(b);
        wanted.insert({b.roleRef.kind == "ClusterRole" ? std::string() : b.ns, b.roleRef.name});
    }
    const bool everything = !opts.nsGiven && !who;
    for (const auto &r : kube.roles) {
        const bool inNamespace = opts.nsGiven && !r.cluster && r.ns == opts.ns;
        if (everything || inNamespace || wanted.count({r.cluster ? std::string() : r.ns, r.name}))
            objects.roles.push_back(r);
    }
    objects.displayNames = gen::displayNamesFor(graph, objects.bindings);
    objects.header = {"Kubernetes RBAC exported by Clearance " CLEARANCE_VERSION};
    return objects;
}

int exportYaml(const Options &opts, const PermissionGraph &graph, std::ostream &out, std::ostream &err)
{
    const std::string format = formatOf(opts, "yaml");
    if (format != "yaml" && format != "json") {
        err << "clearance: Kubernetes objects export as yaml or json, not '" << format << "'\n";
        return 2;
    }
    std::optional<Identity> who;
    if (!opts.as.empty() && !(who = resolveIdentity(opts, graph, err)))
        return 2;
    const gen::KubeObjects objects = selectObjects(opts, graph, who ? &*who : nullptr);
    if (!opts.outDir.empty() && format == "yaml") {
        const auto written = gen::writeFolder(objects, opts.outDir);
        for (const auto &f : written.files)
            out << safe::line(f) << '\n';
        if (!written.ok())
            err << "clearance: " << safe::line(written.error) << '\n';
        return written.ok() ? 0 : 2;
    }
    return deliver(opts, "rbac." + format, format == "json" ? gen::toJsonList(objects) : gen::toYaml(objects), out, err);
}

bool assignmentSelected(const PermissionGraph &graph, const azure::RoleAssignment &a, const Identity *who)
{
    if (const auto *cluster = graph.cluster(); cluster && azure::matchScope(a.scope, cluster->id) == azure::ScopeMatch::None)
        return false;
    if (!who)
        return true;
    const auto &dir = graph.snapshot().directory;
    const auto id = dir.find(a.principalId);
    if (id == entra::NoPrincipal)
        return false;
    return id == who->principal || std::find(who->entraGroups.begin(), who->entraGroups.end(), id) != who->entraGroups.end();
}

std::vector<gen::AzureAssignmentDraft> azureDrafts(const PermissionGraph &graph, const Identity *who)
{
    std::vector<gen::AzureAssignmentDraft> drafts;
    const auto &snapshot = graph.snapshot();
    for (const auto &a : snapshot.azure.assignments) {
        if (!assignmentSelected(graph, a, who))
            continue;
        gen::AzureAssignmentDraft d{a.principalId, a.principalType, {}, a.roleDefinitionId, a.roleDefinitionName, a.scope, a.description};
        if (const auto id = snapshot.directory.find(a.principalId); id != entra::NoPrincipal)
            d.displayName = snapshot.directory.at(id).displayName;
        const std::string guid = azure::roleDefinitionGuid(a.roleDefinitionId);
        for (const auto &def : snapshot.azure.roleDefinitions)
            if (d.roleName.empty() && !guid.empty() && toLower(def.name) == guid)
                d.roleName = def.roleName;
        drafts.push_back(std::move(d));
    }
    return drafts;
}

int exportAzure(const Options &opts, const PermissionGraph &graph, std::ostream &out, std::ostream &err)
{
    const std::string format = formatOf(opts, "sh");
    if (format != "sh" && format != "arm") {
        err << "clearance: Azure role assignments export as sh (az CLI script) or arm (ARM template), not '" << format << "'\n";
        return 2;
    }
    std::optional<Identity> who;
    if (!opts.as.empty() && !(who = resolveIdentity(opts, graph, err)))
        return 2;
    const auto drafts = azureDrafts(graph, who ? &*who : nullptr);
    if (!graph.cluster())
        err << "note: no AKS cluster selected: every role assignment of the input is exported\n";
    return format == "sh" ? deliver(opts, "role-assignments.sh", gen::toAzScript(drafts), out, err)
                          : deliver(opts, "role-assignments.json", gen::toArmTemplate(drafts), out, err);
}

} // namespace

int runExport(const Options &opts, std::ostream &out, std::ostream &err)
{
    if (opts.what != "matrix" && opts.what != "yaml" && opts.what != "azure") {
        err << "clearance: say what to export with --what matrix, yaml or azure" << (opts.what.empty() ? "" : " (not '" + opts.what + "')")
            << "\nSee 'clearance --help'.\n";
        return 2;
    }
    if (!opts.positional.empty()) {
        err << "clearance: export takes no positional arguments (got '" << opts.positional.front() << "')\n";
        return 2;
    }
    int code = 0;
    auto graph = loadGraph(opts, err, &code);
    if (!graph)
        return code;
    if (opts.what == "matrix")
        return exportMatrix(opts, *graph, out, err);
    if (opts.what == "yaml")
        return exportYaml(opts, *graph, out, err);
    return exportAzure(opts, *graph, out, err);
}

} // namespace clr::cli
