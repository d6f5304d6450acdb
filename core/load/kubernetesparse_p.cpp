// SPDX-License-Identifier: GPL-3.0-or-later
#include "kubernetesparse_p.h"

#include "common/strings.h"
#include "jsonutil_p.h"

#include <map>
#include <optional>
#include <string>

namespace clr::k8s::detail {

using clr::detail::describeType;
using clr::detail::field;
using clr::detail::stringView;
using clr::detail::takeScalar;
using clr::detail::takeString;

namespace {

constexpr int kMaxListNesting = 8;

/** Where a field is, for messages: "ClusterRole 'admin'" plus the position of the object. */
struct Where
{
    FileContext &ctx;
    TextPos pos;
    std::string object;

    void warn(const std::string &path, const std::string &problem) const
    {
        ctx.warn(pos, object + ": " + path + " " + problem);
    }
};

std::vector<std::string> stringList(Json &obj, std::string_view key, const Where &where, const std::string &path)
{
    std::vector<std::string> out;
    Json *v = field(obj, key);
    if (!v)
        return out;
    if (!v->is_array()) {
        where.warn(path + std::string(key), "is " + describeType(*v) + ", expected a list; ignored");
        return out;
    }
    out.reserve(v->size());
    for (Json &item : *v) {
        if (item.is_string() || item.is_boolean() || item.is_number())
            out.push_back(takeScalar(item)); // "" (the core API group) is a real value
        else
            where.warn(path + std::string(key), "has an entry that is " + describeType(item) + "; entry ignored");
    }
    return out;
}

std::map<std::string, std::string> stringMap(Json &obj, std::string_view key, const Where &where,
                                             const std::string &path)
{
    std::map<std::string, std::string> out;
    Json *v = field(obj, key);
    if (!v)
        return out;
    if (!v->is_object()) {
        where.warn(path + std::string(key), "is " + describeType(*v) + ", expected a mapping; ignored");
        return out;
    }
    for (auto it = v->begin(); it != v->end(); ++it)
        out.emplace(it.key(), takeScalar(*it));
    return out;
}

struct Meta
{
    std::string name;
    std::string ns;
    Json *metadata = nullptr;
};

/** metadata.name (required) and, for namespaced kinds, metadata.namespace defaulted as kubectl would. */
std::optional<Meta> readMeta(Json &obj, const std::string &kind, bool namespaced, TextPos pos, FileContext &ctx)
{
    Meta meta;
    meta.metadata = field(obj, "metadata");
    if (meta.metadata)
        meta.name = takeString(*meta.metadata, "name");
    if (meta.name.empty()) {
        ctx.error(pos, kind + " without metadata.name; skipped");
        return std::nullopt;
    }
    if (!namespaced)
        return meta;
    meta.ns = takeString(*meta.metadata, "namespace");
    if (meta.ns.empty()) {
        meta.ns = "default";
        ctx.warn(pos, kind + " '" + meta.name
                          + "' has no metadata.namespace; loaded into namespace 'default', where kubectl apply "
                            "without -n would put it");
    }
    return meta;
}

/** False (and a diagnostic) when an object with the same kind, namespace and name was loaded before. */
bool firstOfItsName(const std::string &kind, const Meta &meta, TextPos pos, FileContext &ctx)
{
    const std::string id = meta.ns.empty() ? meta.name : meta.ns + "/" + meta.name;
    if (ctx.state.kubeObjects.insert(kind + '/' + id).second)
        return true;
    ctx.duplicate(pos, kind + " " + id, /*conflict=*/true);
    return false;
}

std::string describeObject(const std::string &kind, const Meta &meta)
{
    return kind + " '" + (meta.ns.empty() ? meta.name : meta.ns + "/" + meta.name) + "'";
}

std::optional<LabelRequirement::Op> parseOperator(std::string_view op)
{
    if (op == "In")
        return LabelRequirement::Op::In;
    if (op == "NotIn")
        return LabelRequirement::Op::NotIn;
    if (op == "Exists")
        return LabelRequirement::Op::Exists;
    if (op == "DoesNotExist")
        return LabelRequirement::Op::DoesNotExist;
    return std::nullopt;
}

/** A selector we cannot read exactly is dropped whole: ignoring one requirement would widen it. */
std::optional<LabelSelector> parseSelector(Json &json, const Where &where, const std::string &path)
{
    if (!json.is_object()) {
        where.warn(path, "is " + describeType(json) + ", expected a label selector; ignored");
        return std::nullopt;
    }
    LabelSelector selector;
    selector.matchLabels = stringMap(json, "matchLabels", where, path + ".");
    Json *expressions = field(json, "matchExpressions");
    if (!expressions)
        return selector;
    if (!expressions->is_array()) {
        where.warn(path + ".matchExpressions", "is " + describeType(*expressions) + ", expected a list; selector ignored");
        return std::nullopt;
    }
    for (Json &expression : *expressions) {
        if (!expression.is_object()) {
            where.warn(path + ".matchExpressions", "has an entry that is " + describeType(expression) + "; selector ignored");
            return std::nullopt;
        }
        const auto op = parseOperator(stringView(expression, "operator"));
        if (!op) {
            where.warn(path + ".matchExpressions", "has an unknown operator '" + std::string(stringView(expression, "operator"))
                                                       + "' (In, NotIn, Exists, DoesNotExist); selector ignored");
            return std::nullopt;
        }
        LabelRequirement requirement;
        requirement.key = takeString(expression, "key");
        requirement.op = *op;
        requirement.values = stringList(expression, "values", where, path + ".matchExpressions.");
        selector.matchExpressions.push_back(std::move(requirement));
    }
    return selector;
}

std::vector<PolicyRule> parseRules(Json &obj, const Where &where)
{
    std::vector<PolicyRule> rules;
    Json *json = field(obj, "rules");
    if (!json)
        return rules;
    if (!json->is_array()) {
        where.warn("rules", "is " + describeType(*json) + ", expected a list; loaded without rules");
        return rules;
    }
    rules.reserve(json->size());
    for (std::size_t i = 0; i < json->size(); ++i) {
        Json &item = (*json)[i];
        const std::string path = "rules[" + std::to_string(i) + "].";
        if (!item.is_object()) {
            where.warn(path.substr(0, path.size() - 1), "is " + describeType(item) + ", expected a mapping; ignored");
            continue;
        }
        PolicyRule rule;
        rule.verbs = stringList(item, "verbs", where, path);
        rule.apiGroups = stringList(item, "apiGroups", where, path);
        rule.resources = stringList(item, "resources", where, path);
        rule.resourceNames = stringList(item, "resourceNames", where, path);
        rule.nonResourceURLs = stringList(item, "nonResourceURLs", where, path);
        rules.push_back(std::move(rule));
    }
    return rules;
}

void parseAggregation(Json &obj, Role &role, const Where &where)
{
    Json *rule = field(obj, "aggregationRule");
    if (!rule)
        return;
    role.aggregated = true;
    Json *selectors = field(*rule, "clusterRoleSelectors");
    if (!selectors)
        return;
    if (!selectors->is_array()) {
        where.warn("aggregationRule.clusterRoleSelectors", "is " + describeType(*selectors) + ", expected a list; ignored");
        return;
    }
    for (std::size_t i = 0; i < selectors->size(); ++i) {
        auto selector = parseSelector((*selectors)[i], where, "aggregationRule.clusterRoleSelectors[" + std::to_string(i) + "]");
        if (selector)
            role.clusterRoleSelectors.push_back(std::move(*selector));
    }
}

void loadRole(Json &obj, const std::string &kind, TextPos pos, FileContext &ctx)
{
    const bool cluster = kind == "ClusterRole";
    auto meta = readMeta(obj, kind, !cluster, pos, ctx);
    if (!meta || !firstOfItsName(kind, *meta, pos, ctx))
        return;
    const Where where{ctx, pos, describeObject(kind, *meta)};
    Role role;
    role.name = std::move(meta->name);
    role.ns = std::move(meta->ns);
    role.cluster = cluster;
    role.labels = stringMap(*meta->metadata, "labels", where, "metadata.");
    role.rules = parseRules(obj, where);
    if (cluster)
        parseAggregation(obj, role, where);
    role.source = ctx.source(pos);
    ctx.snapshot.kube.roles.push_back(std::move(role));
}

std::optional<Subject> parseSubject(Json &json, const Where &where, const std::string &path)
{
    if (!json.is_object()) {
        where.warn(path, "is " + describeType(json) + ", expected a mapping; subject ignored");
        return std::nullopt;
    }
    Subject subject;
    const std::string_view kind = stringView(json, "kind");
    if (kind == "User") {
        subject.kind = Subject::Kind::User;
    } else if (kind == "Group") {
        subject.kind = Subject::Kind::Group;
    } else if (kind == "ServiceAccount") {
        subject.kind = Subject::Kind::ServiceAccount;
        subject.ns = takeString(json, "namespace"); // kept as given: empty means "the binding's namespace"
    } else {
        where.warn(path, "has unknown subject kind '" + std::string(kind) + "' (User, Group, ServiceAccount); subject ignored");
        return std::nullopt;
    }
    subject.name = takeString(json, "name");
    if (subject.name.empty()) {
        where.warn(path, "has no name; subject ignored");
        return std::nullopt;
    }
    return subject;
}

void loadBinding(Json &obj, const std::string &kind, TextPos pos, FileContext &ctx)
{
    const bool cluster = kind == "ClusterRoleBinding";
    auto meta = readMeta(obj, kind, !cluster, pos, ctx);
    if (!meta)
        return;
    const Where where{ctx, pos, describeObject(kind, *meta)};
    Json *ref = field(obj, "roleRef");
    if (!ref || !ref->is_object() || stringView(*ref, "name").empty()) {
        ctx.error(pos, where.object + " has no roleRef (or no roleRef.name); skipped");
        return;
    }
    if (!firstOfItsName(kind, *meta, pos, ctx))
        return;
    Binding binding;
    binding.roleRef.kind = takeString(*ref, "kind");
    binding.roleRef.name = takeString(*ref, "name");
    if (binding.roleRef.kind != "ClusterRole" && (cluster || binding.roleRef.kind != "Role"))
        where.warn("roleRef.kind", "'" + binding.roleRef.kind + "' is not a role kind this binding can use; it grants nothing");
    if (Json *subjects = field(obj, "subjects")) {
        if (!subjects->is_array()) {
            where.warn("subjects", "is " + describeType(*subjects) + ", expected a list; loaded without subjects");
        } else {
            for (std::size_t i = 0; i < subjects->size(); ++i) {
                if (auto subject = parseSubject((*subjects)[i], where, "subjects[" + std::to_string(i) + "]"))
                    binding.subjects.push_back(std::move(*subject));
            }
        }
    }
    binding.name = std::move(meta->name);
    binding.ns = std::move(meta->ns);
    binding.cluster = cluster;
    binding.source = ctx.source(pos);
    ctx.snapshot.kube.bindings.push_back(std::move(binding));
}

void loadServiceAccount(Json &obj, TextPos pos, FileContext &ctx)
{
    auto meta = readMeta(obj, "ServiceAccount", true, pos, ctx);
    if (!meta || !firstOfItsName("ServiceAccount", *meta, pos, ctx))
        return;
    const Where where{ctx, pos, describeObject("ServiceAccount", *meta)};
    ServiceAccount sa;
    sa.annotations = stringMap(*meta->metadata, "annotations", where, "metadata.");
    sa.labels = stringMap(*meta->metadata, "labels", where, "metadata.");
    sa.name = std::move(meta->name);
    sa.ns = std::move(meta->ns);
    sa.source = ctx.source(pos);
    ctx.snapshot.kube.serviceAccounts.push_back(std::move(sa));
}

void loadNamespace(Json &obj, TextPos pos, FileContext &ctx)
{
    auto meta = readMeta(obj, "Namespace", false, pos, ctx);
    if (!meta || !firstOfItsName("Namespace", *meta, pos, ctx))
        return;
    const Where where{ctx, pos, describeObject("Namespace", *meta)};
    Namespace ns;
    ns.labels = stringMap(*meta->metadata, "labels", where, "metadata.");
    ns.name = std::move(meta->name);
    ns.source = ctx.source(pos);
    ctx.snapshot.kube.namespaces.push_back(std::move(ns));
}

void loadCustomResourceDefinition(Json &obj, TextPos pos, FileContext &ctx)
{
    auto meta = readMeta(obj, "CustomResourceDefinition", false, pos, ctx);
    if (!meta)
        return;
    const Where where{ctx, pos, describeObject("CustomResourceDefinition", *meta)};
    Json *spec = field(obj, "spec");
    Json *names = spec ? field(*spec, "names") : nullptr;
    if (!spec || !names || stringView(*spec, "group").empty() || stringView(*names, "plural").empty()) {
        ctx.warn(pos, where.object + " has no spec.group or spec.names.plural; skipped");
        return;
    }
    if (!firstOfItsName("CustomResourceDefinition", *meta, pos, ctx))
        return;
    CustomResource crd;
    crd.group = takeString(*spec, "group");
    crd.plural = takeString(*names, "plural");
    crd.singular = takeString(*names, "singular");
    crd.kind = takeString(*names, "kind");
    crd.shortNames = stringList(*names, "shortNames", where, "spec.names.");
    crd.namespaced = stringView(*spec, "scope") != "Cluster";
    if (Json *versions = field(*spec, "versions"); versions && versions->is_array()) {
        for (Json &version : *versions) {
            if (std::string name = takeString(version, "name"); !name.empty())
                crd.versions.push_back(std::move(name));
        }
    } else if (std::string version = takeString(*spec, "version"); !version.empty()) { // apiextensions v1beta1
        crd.versions.push_back(std::move(version));
    }
    crd.source = ctx.source(pos);
    ctx.snapshot.kube.customResources.push_back(std::move(crd));
}

std::string_view apiGroupOf(std::string_view apiVersion)
{
    const auto slash = apiVersion.find('/');
    return slash == std::string_view::npos ? std::string_view() : apiVersion.substr(0, slash);
}

bool isList(const Json &obj, std::string_view kind)
{
    const Json *items = field(obj, "items");
    if (kind == "List")
        return true;
    if (!items || !items->is_array())
        return false;
    return endsWith(kind, "List") || (kind.empty() && !stringView(obj, "apiVersion").empty());
}

void loadObject(Json &obj, std::string kind, TextPos pos, FileContext &ctx, const std::vector<TextPos> *itemPositions,
                int depth);

void loadListItem(Json &item, std::string_view itemKind, TextPos pos, FileContext &ctx, int depth)
{
    if (!item.is_object()) {
        ctx.unrecognized(pos, "a List item that is " + describeType(item));
        return;
    }
    std::string ownKind(stringView(item, "kind"));
    loadObject(item, ownKind.empty() ? std::string(itemKind) : std::move(ownKind), pos, ctx, nullptr, depth);
}

void loadList(Json &list, const std::string &kind, TextPos pos, FileContext &ctx,
              const std::vector<TextPos> *itemPositions, int depth)
{
    Json *items = field(list, "items");
    if (!items)
        return; // an empty List prints `items: []` or `items: null`
    if (!items->is_array()) {
        ctx.warn(pos, kind + ": items is " + describeType(*items) + ", expected a list; ignored");
        return;
    }
    const std::string itemKind = listItemKind(kind);
    for (std::size_t i = 0; i < items->size() && !ctx.cancelled(); ++i) {
        const TextPos itemPos = itemPositions && i < itemPositions->size() ? (*itemPositions)[i] : pos;
        loadListItem((*items)[i], itemKind, itemPos, ctx, depth + 1);
    }
}

void loadObject(Json &obj, std::string kind, TextPos pos, FileContext &ctx, const std::vector<TextPos> *itemPositions,
                int depth)
{
    const std::string_view apiVersion = stringView(obj, "apiVersion");
    if (isList(obj, kind)) {
        if (depth < kMaxListNesting)
            loadList(obj, kind.empty() ? std::string("List") : kind, pos, ctx, itemPositions, depth);
        return;
    }
    if (kind.empty()) {
        ctx.unrecognized(pos, "a Kubernetes object without kind");
        return;
    }
    // Other API groups reuse these kind names (a CRD may well define a "Role"): check the group
    // when the object states it.
    const std::string_view group = apiGroupOf(apiVersion);
    const bool anyGroup = apiVersion.empty();
    const bool rbac = anyGroup || group == "rbac.authorization.k8s.io";
    const bool core = anyGroup || apiVersion == "v1";
    const bool extensions = anyGroup || group == "apiextensions.k8s.io";
    if (rbac && (kind == "Role" || kind == "ClusterRole"))
        return loadRole(obj, kind, pos, ctx);
    if (rbac && (kind == "RoleBinding" || kind == "ClusterRoleBinding"))
        return loadBinding(obj, kind, pos, ctx);
    if (core && kind == "ServiceAccount")
        return loadServiceAccount(obj, pos, ctx);
    if (core && kind == "Namespace")
        return loadNamespace(obj, pos, ctx);
    if (extensions && kind == "CustomResourceDefinition")
        return loadCustomResourceDefinition(obj, pos, ctx);
    const bool clash = kind == "Role" || kind == "ClusterRole" || kind == "RoleBinding" || kind == "ClusterRoleBinding"
        || kind == "ServiceAccount" || kind == "Namespace" || kind == "CustomResourceDefinition";
    const std::string label = clash ? kind + " (" + std::string(apiVersion) + ")" : kind;
    ++ctx.snapshot.kube.skippedKinds[label];
    ctx.skipped(pos, label);
}

} // namespace

std::string listItemKind(std::string_view listKind)
{
    // Items of a typed list (RoleList from the API) may omit their kind.
    if (listKind == "List" || !endsWith(listKind, "List"))
        return {};
    return std::string(listKind.substr(0, listKind.size() - 4));
}

void loadKubernetesListItem(Json &item, std::string_view itemKind, TextPos pos, FileContext &ctx)
{
    loadListItem(item, itemKind, pos, ctx, 1);
}

bool isKubernetesObject(const Json &obj)
{
    if (!obj.is_object())
        return false;
    const bool hasVersion = !stringView(obj, "apiVersion").empty();
    if (!stringView(obj, "kind").empty())
        return hasVersion || field(obj, "metadata") != nullptr;
    const Json *items = field(obj, "items");
    return hasVersion && items && items->is_array();
}

void loadKubernetesObject(Json &obj, TextPos pos, FileContext &ctx, const std::vector<TextPos> *itemPositions)
{
    loadObject(obj, std::string(stringView(obj, "kind")), pos, ctx, itemPositions, 0);
}

} // namespace clr::k8s::detail
