// SPDX-License-Identifier: GPL-3.0-or-later
#include "kubernetesparse_p.h"

#include "common/strings.h"
#include "jsonutil_p.h"
#include "kinds_p.h"

#include <map>
#include <optional>
#include <string>

namespace clr::k8s::detail {

using clr::detail::describeType;
using clr::detail::describeValue;
using clr::detail::field;
using clr::detail::FieldReader;
using clr::detail::stringView;
using clr::detail::TextKind;

namespace {

constexpr int kMaxListNesting = 8;

struct Meta
{
    std::string name;
    std::string ns;
    Json *metadata = nullptr;
};

/** metadata.name (required) and, for namespaced kinds, metadata.namespace defaulted as kubectl would. */
std::optional<Meta> readMeta(Json &obj, const std::string &kind, bool namespaced, FieldReader &fields)
{
    FileContext &ctx = fields.context();
    Meta meta;
    meta.metadata = fields.mapping(obj, "metadata", "metadata");
    if (meta.metadata)
        meta.name = fields.name(*meta.metadata, "name", "metadata.name");
    if (meta.name.empty()) {
        ctx.error(fields.pos(), kind + " without metadata.name; skipped");
        return std::nullopt;
    }
    if (!namespaced)
        return meta;
    meta.ns = fields.name(*meta.metadata, "namespace", "metadata.namespace");
    if (meta.ns.empty()) {
        meta.ns = "default";
        ctx.warn(fields.pos(), kind + " '" + meta.name
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
std::optional<LabelSelector> parseSelector(Json &json, const FieldReader &fields, const std::string &path)
{
    if (!json.is_object()) {
        fields.wrongType(path, json, "a label selector (a mapping)", "ignored");
        return std::nullopt;
    }
    LabelSelector selector;
    selector.matchLabels = fields.textMap(json, "matchLabels", path + ".matchLabels", TextKind::Name);
    Json *expressions = field(json, "matchExpressions");
    if (!expressions)
        return selector;
    if (!fields.list(expressions, path + ".matchExpressions", "selector ignored"))
        return std::nullopt;
    for (std::size_t i = 0; i < expressions->size(); ++i) {
        Json &expression = (*expressions)[i];
        const std::string at = path + ".matchExpressions[" + std::to_string(i) + "]";
        if (!expression.is_object()) {
            fields.wrongType(at, expression, "a mapping", "selector ignored");
            return std::nullopt;
        }
        const std::string op = fields.text(expression, "operator", at + ".operator");
        const auto parsed = parseOperator(op);
        if (!parsed) {
            fields.warn(at + ".operator", "is '" + shortened(op, 100) + "', not one of In, NotIn, Exists, DoesNotExist; selector ignored");
            return std::nullopt;
        }
        LabelRequirement requirement;
        requirement.key = fields.name(expression, "key", at + ".key");
        requirement.op = *parsed;
        requirement.values = fields.textList(expression, "values", at + ".values", TextKind::Name);
        selector.matchExpressions.push_back(std::move(requirement));
    }
    return selector;
}

std::vector<PolicyRule> parseRules(Json &obj, const FieldReader &fields)
{
    std::vector<PolicyRule> rules;
    Json *json = fields.list(obj, "rules", "rules", "loaded without rules");
    if (!json)
        return rules;
    rules.reserve(json->size());
    for (std::size_t i = 0; i < json->size(); ++i) {
        Json &item = (*json)[i];
        const std::string path = "rules[" + std::to_string(i) + "]";
        if (!item.is_object()) {
            fields.wrongType(path, item, "a mapping", "ignored");
            continue;
        }
        PolicyRule rule;
        rule.verbs = fields.textList(item, "verbs", path + ".verbs");
        rule.apiGroups = fields.textList(item, "apiGroups", path + ".apiGroups");
        rule.resources = fields.textList(item, "resources", path + ".resources");
        rule.resourceNames = fields.textList(item, "resourceNames", path + ".resourceNames", TextKind::Name);
        rule.nonResourceURLs = fields.textList(item, "nonResourceURLs", path + ".nonResourceURLs");
        rules.push_back(std::move(rule));
    }
    return rules;
}

void parseAggregation(Json &obj, Role &role, const FieldReader &fields)
{
    Json *rule = fields.mapping(obj, "aggregationRule", "aggregationRule", "ignored (the role keeps its own rules)");
    if (!rule)
        return;
    role.aggregated = true;
    Json *selectors = fields.list(*rule, "clusterRoleSelectors", "aggregationRule.clusterRoleSelectors");
    if (!selectors)
        return;
    for (std::size_t i = 0; i < selectors->size(); ++i) {
        auto selector = parseSelector((*selectors)[i], fields, "aggregationRule.clusterRoleSelectors[" + std::to_string(i) + "]");
        if (selector)
            role.clusterRoleSelectors.push_back(std::move(*selector));
    }
}

void loadRole(Json &obj, const std::string &kind, TextPos pos, FileContext &ctx)
{
    const bool cluster = kind == "ClusterRole";
    FieldReader fields(ctx, pos, kind);
    auto meta = readMeta(obj, kind, !cluster, fields);
    if (!meta || !firstOfItsName(kind, *meta, pos, ctx))
        return;
    fields.setObject(describeObject(kind, *meta));
    Role role;
    role.name = std::move(meta->name);
    role.ns = std::move(meta->ns);
    role.cluster = cluster;
    role.labels = fields.textMap(*meta->metadata, "labels", "metadata.labels", TextKind::Name);
    role.rules = parseRules(obj, fields);
    if (cluster)
        parseAggregation(obj, role, fields);
    role.source = ctx.source(pos);
    ctx.snapshot.kube.roles.push_back(std::move(role));
}

std::optional<Subject> parseSubject(Json &json, const FieldReader &fields, const std::string &path)
{
    if (!json.is_object()) {
        fields.wrongType(path, json, "a mapping", "subject ignored");
        return std::nullopt;
    }
    Subject subject;
    const std::string kind = fields.text(json, "kind", path + ".kind");
    if (kind == "User") {
        subject.kind = Subject::Kind::User;
    } else if (kind == "Group") {
        subject.kind = Subject::Kind::Group;
    } else if (kind == "ServiceAccount") {
        subject.kind = Subject::Kind::ServiceAccount;
        subject.ns = fields.name(json, "namespace", path + ".namespace"); // empty means "the binding's namespace"
    } else {
        fields.warn(path, "has unknown subject kind '" + shortened(kind, 100) + "' (User, Group, ServiceAccount); subject ignored");
        return std::nullopt;
    }
    subject.name = fields.name(json, "name", path + ".name");
    if (subject.name.empty()) {
        fields.warn(path, "has no name; subject ignored");
        return std::nullopt;
    }
    return subject;
}

void loadBinding(Json &obj, const std::string &kind, TextPos pos, FileContext &ctx)
{
    const bool cluster = kind == "ClusterRoleBinding";
    FieldReader fields(ctx, pos, kind);
    auto meta = readMeta(obj, kind, !cluster, fields);
    if (!meta)
        return;
    fields.setObject(describeObject(kind, *meta));
    Json *ref = fields.mapping(obj, "roleRef", "roleRef", "skipped");
    std::string roleName = ref ? fields.name(*ref, "name", "roleRef.name") : std::string();
    if (roleName.empty()) {
        ctx.error(pos, fields.object() + " has no roleRef (or no roleRef.name); skipped");
        return;
    }
    if (!firstOfItsName(kind, *meta, pos, ctx))
        return;
    Binding binding;
    binding.roleRef.kind = fields.text(*ref, "kind", "roleRef.kind");
    binding.roleRef.name = std::move(roleName);
    if (binding.roleRef.kind != "ClusterRole" && (cluster || binding.roleRef.kind != "Role"))
        fields.warn("roleRef.kind", "'" + shortened(binding.roleRef.kind, 100) + "' is not a role kind this binding can use; it grants nothing");
    if (Json *subjects = fields.list(obj, "subjects", "subjects", "loaded without subjects")) {
        for (std::size_t i = 0; i < subjects->size(); ++i) {
            if (auto subject = parseSubject((*subjects)[i], fields, "subjects[" + std::to_string(i) + "]"))
                binding.subjects.push_back(std::move(*subject));
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
    FieldReader fields(ctx, pos, "ServiceAccount");
    auto meta = readMeta(obj, "ServiceAccount", true, fields);
    if (!meta || !firstOfItsName("ServiceAccount", *meta, pos, ctx))
        return;
    fields.setObject(describeObject("ServiceAccount", *meta));
    ServiceAccount sa;
    sa.annotations = fields.textMap(*meta->metadata, "annotations", "metadata.annotations", TextKind::Text);
    sa.labels = fields.textMap(*meta->metadata, "labels", "metadata.labels", TextKind::Name);
    sa.name = std::move(meta->name);
    sa.ns = std::move(meta->ns);
    sa.source = ctx.source(pos);
    ctx.snapshot.kube.serviceAccounts.push_back(std::move(sa));
}

void loadNamespace(Json &obj, TextPos pos, FileContext &ctx)
{
    FieldReader fields(ctx, pos, "Namespace");
    auto meta = readMeta(obj, "Namespace", false, fields);
    if (!meta || !firstOfItsName("Namespace", *meta, pos, ctx))
        return;
    fields.setObject(describeObject("Namespace", *meta));
    Namespace ns;
    ns.labels = fields.textMap(*meta->metadata, "labels", "metadata.labels", TextKind::Name);
    ns.name = std::move(meta->name);
    ns.source = ctx.source(pos);
    ctx.snapshot.kube.namespaces.push_back(std::move(ns));
}

std::vector<std::string> crdVersions(Json &spec, const FieldReader &fields)
{
    std::vector<std::string> out;
    if (Json *versions = fields.list(spec, "versions", "spec.versions")) {
        for (std::size_t i = 0; i < versions->size(); ++i) {
            const std::string path = "spec.versions[" + std::to_string(i) + "]";
            Json &version = (*versions)[i];
            if (!version.is_object())
                fields.wrongType(path, version, "a mapping", "ignored");
            else if (std::string name = fields.name(version, "name", path + ".name"); !name.empty())
                out.push_back(std::move(name));
        }
    } else if (std::string version = fields.name(spec, "version", "spec.version"); !version.empty()) { // v1beta1
        out.push_back(std::move(version));
    }
    return out;
}

void loadCustomResourceDefinition(Json &obj, TextPos pos, FileContext &ctx)
{
    FieldReader fields(ctx, pos, "CustomResourceDefinition");
    auto meta = readMeta(obj, "CustomResourceDefinition", false, fields);
    if (!meta)
        return;
    fields.setObject(describeObject("CustomResourceDefinition", *meta));
    Json *spec = fields.mapping(obj, "spec", "spec");
    Json *names = spec ? fields.mapping(*spec, "names", "spec.names") : nullptr;
    CustomResource crd;
    if (spec && names) {
        crd.group = fields.name(*spec, "group", "spec.group");
        crd.plural = fields.name(*names, "plural", "spec.names.plural");
    }
    if (crd.group.empty() || crd.plural.empty()) {
        ctx.warn(pos, fields.object() + " has no spec.group or spec.names.plural; skipped");
        return;
    }
    if (!firstOfItsName("CustomResourceDefinition", *meta, pos, ctx))
        return;
    crd.singular = fields.name(*names, "singular", "spec.names.singular");
    crd.kind = fields.name(*names, "kind", "spec.names.kind");
    crd.shortNames = fields.textList(*names, "shortNames", "spec.names.shortNames", TextKind::Name, false);
    const std::string scope = fields.text(*spec, "scope", "spec.scope");
    if (!scope.empty() && scope != "Cluster" && scope != "Namespaced")
        fields.warn("spec.scope", "is '" + shortened(scope, 100) + "', not Cluster or Namespaced; read as Namespaced");
    crd.namespaced = scope != "Cluster";
    crd.versions = crdVersions(*spec, fields);
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

/** "ClusterRolebinding 'name'" for messages about an object that is not loaded. */
std::string labelOf(const Json &obj, std::string_view kind)
{
    const Json *metadata = field(obj, "metadata");
    const std::string name = shortened(metadata ? stringView(*metadata, "name") : std::string_view(), 100);
    const std::string shownKind = shortened(kind, 100);
    return name.empty() ? shownKind : shownKind + " '" + name + "'";
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
        ctx.warn(pos, kind + ": items is " + describeValue(*items) + ", expected a list; ignored");
        return;
    }
    const std::string itemKind = listItemKind(kind);
    for (std::size_t i = 0; i < items->size() && !ctx.cancelled(); ++i) {
        const TextPos itemPos = itemPositions && i < itemPositions->size() ? (*itemPositions)[i] : pos;
        loadListItem((*items)[i], itemKind, itemPos, ctx, depth + 1);
    }
}

/** An object of a kind Clearance does not read: counted when Kubernetes has it, a warning when not. */
void skipObject(Json &obj, const std::string &kind, TextPos pos, FileContext &ctx, const std::vector<TextPos> *itemPositions,
                int depth)
{
    const std::string_view apiVersion = stringView(obj, "apiVersion");
    const KindVerdict verdict = checkKind(apiVersion, kind);
    if (verdict.what == KindVerdict::What::UnknownKind || verdict.what == KindVerdict::What::UnknownGroup) {
        const Json *items = field(obj, "items");
        if (verdict.what == KindVerdict::What::UnknownKind && items && items->is_array()) {
            // A List is a client-side wrapper: its items are objects of their own, loaded as such.
            ctx.inputWarning(pos, describeUnknown(verdict, apiVersion, kind) + "; read as a List: its "
                                      + std::to_string(items->size()) + " items were loaded");
            if (depth < kMaxListNesting)
                loadList(obj, kind, pos, ctx, itemPositions, depth);
            return;
        }
        ctx.inputWarning(pos, labelOf(obj, kind) + ": " + describeUnknown(verdict, apiVersion, kind) + "; skipped");
        return;
    }
    const bool clash = kind == "Role" || kind == "ClusterRole" || kind == "RoleBinding" || kind == "ClusterRoleBinding"
        || kind == "ServiceAccount" || kind == "Namespace" || kind == "CustomResourceDefinition";
    const std::string label = clash ? kind + " (" + std::string(apiVersion) + ")" : kind;
    ++ctx.snapshot.kube.skippedKinds[label];
    ctx.skipped(pos, label);
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
    skipObject(obj, kind, pos, ctx, itemPositions, depth);
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

void checkStreamedList(const Json &list, TextPos pos, FileContext &ctx, std::size_t items)
{
    const std::string_view kind = stringView(list, "kind");
    if (kind.empty() || endsWith(kind, "List"))
        return;
    const std::string_view apiVersion = stringView(list, "apiVersion");
    const KindVerdict verdict = checkKind(apiVersion, kind);
    const std::string what = verdict.what == KindVerdict::What::UnknownKind || verdict.what == KindVerdict::What::UnknownGroup
        ? describeUnknown(verdict, apiVersion, kind)
        : "kind '" + std::string(kind) + "' has a list of items";
    ctx.inputWarning(pos, what + "; read as a List: its " + std::to_string(items) + " items were loaded");
}

} // namespace clr::k8s::detail
