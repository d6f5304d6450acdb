// SPDX-License-Identifier: GPL-3.0-or-later
// Kubernetes RBAC objects as kubectl writes them (rbac.authorization.k8s.io/v1), by hand rather
// than through an emitter so that the order, the comments and the quoting are ours and stable.
#include "generate/export.h"

#include "common/outputsafety.h"
#include "common/strings.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QString>

#include <algorithm>
#include <filesystem>
#include <tuple>

namespace clr::gen {

namespace {

using ojson = nlohmann::ordered_json;

const char kApiVersion[] = "apiVersion: rbac.authorization.k8s.io/v1\n";
const char kRbacGroup[] = "rbac.authorization.k8s.io";

std::string scalar(const std::string &s)
{
    return safe::yamlScalar(s);
}

void list(std::string &out, const std::string &indent, const char *key, const std::vector<std::string> &values)
{
    if (values.empty())
        return;
    out += indent + key + ":\n";
    for (const auto &v : values)
        out += indent + "- " + scalar(v) + '\n';
}

void metadata(std::string &out, const std::string &name, const std::string &ns, const std::map<std::string, std::string> &labels)
{
    out += "metadata:\n  name: " + scalar(name) + '\n';
    if (!ns.empty())
        out += "  namespace: " + scalar(ns) + '\n';
    if (labels.empty())
        return;
    out += "  labels:\n";
    for (const auto &[k, v] : labels)
        out += "    " + safe::yamlKey(k, "    ") + ": " + scalar(v) + '\n';
}

void rules(std::string &out, const std::vector<k8s::PolicyRule> &rules)
{
    if (rules.empty()) {
        out += "rules: []\n";
        return;
    }
    out += "rules:\n";
    for (const auto &r : rules) {
        std::string item;
        if (r.nonResourceURLs.empty()) {
            list(item, "  ", "apiGroups", r.apiGroups);
            list(item, "  ", "resources", r.resources);
            list(item, "  ", "resourceNames", r.resourceNames);
        } else {
            list(item, "  ", "nonResourceURLs", r.nonResourceURLs);
        }
        list(item, "  ", "verbs", r.verbs);
        if (item.empty()) {
            out += "- {}\n"; // a rule with no field is still one rule, not a null list
            continue;
        }
        item[0] = '-'; // "  apiGroups:" becomes "- apiGroups:"
        out += item;
    }
}

const char *opName(k8s::LabelRequirement::Op op)
{
    switch (op) {
    case k8s::LabelRequirement::Op::In:
        return "In";
    case k8s::LabelRequirement::Op::NotIn:
        return "NotIn";
    case k8s::LabelRequirement::Op::Exists:
        return "Exists";
    case k8s::LabelRequirement::Op::DoesNotExist:
        return "DoesNotExist";
    }
    return "In";
}

void aggregationRule(std::string &out, const k8s::Role &role)
{
    out += "aggregationRule:\n  clusterRoleSelectors:\n";
    for (const auto &sel : role.clusterRoleSelectors) {
        out += "  - matchLabels:\n";
        if (sel.matchLabels.empty())
            out.replace(out.size() - 1, 1, " {}\n");
        for (const auto &[k, v] : sel.matchLabels)
            out += "      " + safe::yamlKey(k, "      ") + ": " + scalar(v) + '\n';
        if (sel.matchExpressions.empty())
            continue;
        out += "    matchExpressions:\n";
        for (const auto &e : sel.matchExpressions) {
            out += "    - key: " + scalar(e.key) + "\n      operator: " + opName(e.op) + '\n';
            list(out, "      ", "values", e.values);
        }
    }
}

std::string roleDocument(const k8s::Role &role)
{
    std::string out = kApiVersion;
    out += role.cluster ? "kind: ClusterRole\n" : "kind: Role\n";
    metadata(out, role.name, role.cluster ? std::string() : role.ns, role.labels);
    if (role.aggregated)
        aggregationRule(out, role);
    rules(out, role.rules);
    return out;
}

void subject(std::string &out, const k8s::Subject &s, const std::map<std::string, std::string> &displayNames)
{
    out += std::string("- kind: ") + k8s::subjectKindName(s.kind) + '\n';
    if (s.kind != k8s::Subject::Kind::ServiceAccount)
        out += std::string("  apiGroup: ") + kRbacGroup + '\n';
    out += "  name: " + scalar(s.name);
    // The display name may hold anything; comment() keeps it on this line for every YAML parser.
    if (auto it = displayNames.find(s.name); it != displayNames.end() && !trim(it->second).empty())
        out += "  " + safe::comment(trim(it->second));
    out += '\n';
    if (s.kind == k8s::Subject::Kind::ServiceAccount && !s.ns.empty())
        out += "  namespace: " + scalar(s.ns) + '\n';
}

std::map<std::string, std::string> bindingLabels(bool generated)
{
    if (!generated)
        return {}; // k8s::Binding keeps no labels: an exported binding gets none rather than ours
    return {{kManagedByLabel, kManagedByValue}};
}

std::string bindingDocument(const k8s::Binding &b, const KubeObjects &objects)
{
    const auto &displayNames = objects.displayNames;
    std::string out = kApiVersion;
    out += b.cluster ? "kind: ClusterRoleBinding\n" : "kind: RoleBinding\n";
    metadata(out, b.name, b.cluster ? std::string() : b.ns, bindingLabels(objects.generated));
    out += std::string("roleRef:\n  apiGroup: ") + kRbacGroup + "\n  kind: " + scalar(b.roleRef.kind) + "\n  name: " + scalar(b.roleRef.name) + '\n';
    if (b.subjects.empty())
        return out;
    out += "subjects:\n";
    for (const auto &s : b.subjects)
        subject(out, s, displayNames);
    return out;
}

template<typename T>
auto orderKey(const T &o)
{
    return std::make_tuple(!o.cluster, o.ns, o.name); // cluster-wide kinds first
}

template<typename T>
std::vector<const T *> sortedObjects(const std::vector<T> &objects)
{
    std::vector<const T *> out;
    for (const auto &o : objects)
        out.push_back(&o);
    std::stable_sort(out.begin(), out.end(), [](auto a, auto b) { return orderKey(*a) < orderKey(*b); });
    return out;
}

struct Document
{
    std::string kind, ns, name, text;
};

/** ClusterRoles, Roles, ClusterRoleBindings, RoleBindings; each by namespace then name. */
std::vector<Document> documents(const KubeObjects &objects)
{
    std::vector<Document> docs;
    for (const auto *r : sortedObjects(objects.roles))
        docs.push_back({r->cluster ? "clusterrole" : "role", r->cluster ? std::string() : r->ns, r->name, roleDocument(*r)});
    for (const auto *b : sortedObjects(objects.bindings))
        docs.push_back({b->cluster ? "clusterrolebinding" : "rolebinding", b->cluster ? std::string() : b->ns, b->name,
                        bindingDocument(*b, objects)});
    return docs;
}

std::string headerText(const std::vector<std::string> &header)
{
    std::string out;
    for (const auto &line : header)
        out += safe::comment(line) + '\n';
    return out;
}

ojson ruleJson(const k8s::PolicyRule &r)
{
    ojson j = ojson::object();
    if (r.nonResourceURLs.empty()) {
        j["apiGroups"] = r.apiGroups;
        j["resources"] = r.resources;
        if (!r.resourceNames.empty())
            j["resourceNames"] = r.resourceNames;
    } else {
        j["nonResourceURLs"] = r.nonResourceURLs;
    }
    j["verbs"] = r.verbs;
    return j;
}

ojson metadataJson(const std::string &name, const std::string &ns, const std::map<std::string, std::string> &labels)
{
    ojson m{{"name", name}};
    if (!ns.empty())
        m["namespace"] = ns;
    if (!labels.empty())
        m["labels"] = labels;
    return m;
}

ojson aggregationJson(const k8s::Role &r)
{
    ojson selectors = ojson::array();
    for (const auto &sel : r.clusterRoleSelectors) {
        ojson j = ojson::object();
        if (!sel.matchLabels.empty())
            j["matchLabels"] = sel.matchLabels;
        for (const auto &e : sel.matchExpressions) {
            ojson expr{{"key", e.key}, {"operator", opName(e.op)}};
            if (!e.values.empty())
                expr["values"] = e.values;
            j["matchExpressions"].push_back(expr);
        }
        selectors.push_back(j);
    }
    return {{"clusterRoleSelectors", selectors}};
}

ojson roleJson(const k8s::Role &r)
{
    ojson rules = ojson::array();
    for (const auto &rule : r.rules)
        rules.push_back(ruleJson(rule));
    ojson role{{"apiVersion", "rbac.authorization.k8s.io/v1"}, {"kind", r.cluster ? "ClusterRole" : "Role"},
               {"metadata", metadataJson(r.name, r.cluster ? std::string() : r.ns, r.labels)}};
    if (r.aggregated)
        role["aggregationRule"] = aggregationJson(r);
    role["rules"] = rules;
    return role;
}

ojson bindingJson(const k8s::Binding &b, bool generated)
{
    ojson subjects = ojson::array();
    for (const auto &s : b.subjects) {
        ojson j{{"kind", k8s::subjectKindName(s.kind)}};
        if (s.kind != k8s::Subject::Kind::ServiceAccount)
            j["apiGroup"] = kRbacGroup;
        j["name"] = s.name;
        if (s.kind == k8s::Subject::Kind::ServiceAccount && !s.ns.empty())
            j["namespace"] = s.ns;
        subjects.push_back(std::move(j));
    }
    return {{"apiVersion", "rbac.authorization.k8s.io/v1"}, {"kind", b.cluster ? "ClusterRoleBinding" : "RoleBinding"},
            {"metadata", metadataJson(b.name, b.cluster ? std::string() : b.ns, bindingLabels(generated))},
            {"roleRef", {{"apiGroup", kRbacGroup}, {"kind", b.roleRef.kind}, {"name", b.roleRef.name}}}, {"subjects", subjects}};
}

/** A file-name-safe form of a name, at most 80 bytes: with the number, the kind and the namespace
 *  the file name stays well under NAME_MAX (255) even for the longest names; the number keeps
 *  truncated names apart. */
std::string fileStem(const std::string &s)
{
    std::string out;
    for (char c : toLower(s.substr(0, 80)))
        out += ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-') ? c : '-';
    return out;
}

std::string fileNameOf(std::size_t index, std::size_t count, const Document &doc)
{
    std::string number = std::to_string(index + 1);
    const std::size_t width = std::to_string(count).size();
    number.insert(0, width > number.size() ? width - number.size() : 0, '0');
    std::string stem = number + '-' + doc.kind;
    if (!doc.ns.empty())
        stem += '-' + fileStem(doc.ns);
    return stem + '-' + fileStem(doc.name) + ".yaml";
}

bool writeText(const QString &path, const std::string &text)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text.data(), qint64(text.size())) == qint64(text.size()) && file.commit();
}

/** Why `target` cannot receive a folder export, or "" when it does not exist or is an empty folder. */
std::string unusableTarget(const QString &target)
{
    const QFileInfo info(target);
    if (!info.exists())
        return {};
    if (!info.isDir())
        return target.toStdString() + " exists and is not a folder";
    if (!QDir(target).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
        return target.toStdString() + " is not empty: `kubectl apply -f` on it would also apply the files already there; "
                                      "give a new or an empty folder";
    return {};
}

/** A new, uniquely named folder next to `target` (same file system, so it can be renamed into place). */
QString makeStagingFolder(const QString &target)
{
    const QFileInfo info(target);
    if (!QDir().mkpath(info.absolutePath()))
        return {};
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString path = info.absolutePath() + QStringLiteral("/.") + info.fileName() + QStringLiteral(".clearance-")
            + QString::number(QRandomGenerator::global()->generate(), 36);
        if (QDir().mkdir(path)) // fails when it exists: the name is ours alone
            return path;
    }
    return {};
}

} // namespace

KubeObjects objectsOf(const GeneratedPolicy &policy)
{
    KubeObjects out;
    out.roles = policy.roles;
    out.bindings = policy.bindings;
    out.generated = true;
    return out;
}

std::map<std::string, std::string> displayNamesFor(const PermissionGraph &graph, const std::vector<k8s::Binding> &bindings)
{
    std::map<std::string, std::string> out;
    const auto &dir = graph.snapshot().directory;
    for (const auto &b : bindings) {
        for (const auto &s : b.subjects) {
            entra::PrincipalId id = entra::NoPrincipal;
            if (s.kind == k8s::Subject::Kind::Group)
                id = dir.find(s.name);
            else if (s.kind == k8s::Subject::Kind::User)
                id = graph.identityFor(s.name, {}).principal;
            if (id != entra::NoPrincipal && !dir.at(id).displayName.empty())
                out[s.name] = dir.at(id).displayName;
        }
    }
    return out;
}

std::string toYaml(const KubeObjects &objects)
{
    std::string out = headerText(objects.header);
    const auto docs = documents(objects);
    if (docs.empty())
        return out + "apiVersion: v1\nkind: List\nitems: []\n"; // nothing to apply, but still a manifest kubectl reads
    for (std::size_t i = 0; i < docs.size(); ++i)
        out += (i ? "---\n" : "") + docs[i].text;
    return out;
}

std::string toJsonList(const KubeObjects &objects)
{
    ojson items = ojson::array();
    for (const auto *r : sortedObjects(objects.roles))
        items.push_back(roleJson(*r));
    for (const auto *b : sortedObjects(objects.bindings))
        items.push_back(bindingJson(*b, objects.generated));
    return safe::json(ojson{{"apiVersion", "v1"}, {"kind", "List"}, {"items", items}}, 2) + '\n';
}

FolderExport writeFolder(const KubeObjects &objects, const std::string &dir)
{
    FolderExport result;
    const QString target = QDir::cleanPath(QString::fromStdString(dir));
    if (auto why = unusableTarget(target); !why.empty()) {
        result.error = why;
        return result;
    }
    // Everything is written into a staging folder first and renamed into place once complete, so
    // a failure (disk full, permissions) never leaves a partial set for `kubectl apply -f DIR`.
    const QString staging = makeStagingFolder(target);
    if (staging.isEmpty()) {
        result.error = "cannot create a folder next to " + target.toStdString();
        return result;
    }
    const auto docs = documents(objects);
    const std::string header = headerText(objects.header);
    std::vector<std::string> files;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const QString name = QString::fromStdString(fileNameOf(i, docs.size(), docs[i]));
        if (!writeText(QDir(staging).filePath(name), header + docs[i].text)) {
            result.error = "cannot write " + QDir(target).filePath(name).toStdString() + "; nothing was written";
            QDir(staging).removeRecursively();
            return result;
        }
        files.push_back(QDir(target).filePath(name).toStdString());
    }
    std::error_code ec;
    std::filesystem::rename(staging.toStdString(), target.toStdString(), ec); // replaces an empty folder (rename(2))
    if (ec) {
        result.error = "cannot move the export into " + target.toStdString() + ": " + ec.message() + "; nothing was written";
        QDir(staging).removeRecursively();
        return result;
    }
    result.files = std::move(files);
    return result;
}

} // namespace clr::gen
