// SPDX-License-Identifier: GPL-3.0-or-later
#include "dispatch_p.h"

#include "azureparse_p.h"
#include "common/strings.h"
#include "entraparse_p.h"
#include "jsonutil_p.h"
#include "kubernetesparse_p.h"

namespace clr::detail {

namespace {

using entra::NoPrincipal;
using entra::PrincipalId;
using entra::detail::Collection;

/** Loads one object whatever it is; returns the principal when it was a directory object. */
PrincipalId loadObject(Json &obj, TextPos pos, FileContext &ctx, Collection hint)
{
    if (!obj.is_object()) {
        ctx.unrecognized(pos, "an entry that is " + describeType(obj));
        return NoPrincipal;
    }
    if (k8s::detail::isKubernetesObject(obj)) {
        k8s::detail::loadKubernetesObject(obj, pos, ctx);
        return NoPrincipal;
    }
    // An @odata.type is explicit; inferring a directory object from its fields comes after the Azure
    // shapes, whose objects also carry "id" and sometimes "appId"-like fields.
    const auto entraClass = entra::detail::classify(obj, hint);
    if (entraClass.byODataType)
        return entra::detail::loadDirectoryObject(obj, entraClass.shape, pos, ctx);
    switch (azure::detail::classify(obj)) {
    case azure::detail::Shape::RoleAssignment:
        azure::detail::loadRoleAssignment(obj, pos, ctx);
        return NoPrincipal;
    case azure::detail::Shape::RoleDefinition:
        azure::detail::loadRoleDefinition(obj, pos, ctx);
        return NoPrincipal;
    case azure::detail::Shape::ManagedCluster:
        azure::detail::loadManagedCluster(obj, pos, ctx);
        return NoPrincipal;
    case azure::detail::Shape::OtherResource:
        azure::detail::skipResource(obj, pos, ctx);
        return NoPrincipal;
    case azure::detail::Shape::None:
        break;
    }
    if (entraClass.shape != entra::detail::Shape::NotDirectoryObject)
        return entra::detail::loadDirectoryObject(obj, entraClass.shape, pos, ctx);
    ctx.unrecognized(pos, "content that is neither a Kubernetes object, Microsoft Graph or az CLI output, nor an ARM "
                          "resource");
    return NoPrincipal;
}

std::string unnamedGroupMessage(std::size_t principals, const char *source)
{
    return std::to_string(principals) + " principal(s) loaded without group membership: " + source
        + " does not say which group they are members of. Export groups with their members instead "
          "(Graph /groups?$expand=members or /groups/delta?$select=displayName,members)";
}

const std::vector<TextPos> *memberPositions(const Document &doc, std::string_view key)
{
    for (const auto &[name, positions] : doc.memberItems) {
        if (name == key)
            return &positions;
    }
    return nullptr;
}

/** A List whose items may stream: kubectl prints apiVersion, items, kind (sorted); the API server
 *  puts kind first. */
bool isListHead(const Json &root)
{
    const std::string_view kind = stringView(root, "kind");
    return !stringView(root, "apiVersion").empty() && (kind.empty() || endsWith(kind, "List"));
}

} // namespace

bool DocumentLoader::streamEntries(const Json &root, std::string_view key)
{
    if (key.empty()) {
        begin(Mode::Array, root);
        return true;
    }
    if (key == "value" && !root.contains("kind") && !root.contains("apiVersion")) {
        begin(Mode::Page, root);
        return true;
    }
    if (key == "items" && isListHead(root)) {
        begin(Mode::List, root);
        return true;
    }
    return false;
}

void DocumentLoader::begin(Mode mode, const Json &root)
{
    m_mode = mode;
    m_hint = entra::detail::collectionOf(stringView(root, "@odata.context"));
    m_itemKind = k8s::detail::listItemKind(stringView(root, "kind"));
    m_principals.clear();
    m_allTyped = true;
    m_entries = 0;
}

bool DocumentLoader::entry(Json &value, TextPos pos)
{
    if (m_ctx.cancelled())
        return false;
    ++m_entries;
    if (m_mode == Mode::List) {
        k8s::detail::loadKubernetesListItem(value, m_itemKind, pos, m_ctx);
        return true;
    }
    m_allTyped = m_allTyped && !stringView(value, "@odata.type").empty();
    const PrincipalId id = loadObject(value, pos, m_ctx, m_mode == Mode::Page ? m_hint : Collection::Unknown);
    if (id != NoPrincipal)
        m_principals.push_back(id);
    return true;
}

void DocumentLoader::document(Document &doc, std::size_t streamed)
{
    ++m_documents;
    if (streamed == 0 && m_mode == Mode::None)
        loadWhole(doc);
    if (m_mode == Mode::Array)
        finishArray(doc);
    else if (m_mode == Mode::Page)
        finishPage(doc);
    else if (m_mode == Mode::List)
        k8s::detail::checkStreamedList(doc.root, doc.pos, m_ctx, m_entries);
    m_mode = Mode::None;
    m_principals.clear();
}

/** A document nothing was streamed from (YAML, a single object, an empty list). */
void DocumentLoader::loadWhole(Document &doc)
{
    Json &root = doc.root;
    if (root.is_array()) {
        begin(Mode::Array, root);
        for (std::size_t i = 0; i < root.size() && entry(root[i], doc.itemPos(i)); ++i) {
        }
        return;
    }
    if (!root.is_object()) {
        m_ctx.warn(doc.pos, "document is " + describeType(root) + ", not a mapping; skipped");
        return;
    }
    if (k8s::detail::isKubernetesObject(root)) {
        k8s::detail::loadKubernetesObject(root, doc.pos, m_ctx, memberPositions(doc, "items"));
        return;
    }
    if (Json *value = field(root, "value"); value && value->is_array()) {
        begin(Mode::Page, root);
        for (std::size_t i = 0; i < value->size() && entry((*value)[i], doc.memberItemPos("value", i)); ++i) {
        }
        return;
    }
    loadObject(root, doc.pos, m_ctx, entra::detail::collectionOf(stringView(root, "@odata.context")));
}

/** `az ad group member list` prints directory objects with their @odata.type; the user, group and
 *  service principal lists do not. */
void DocumentLoader::finishArray(const Document &doc)
{
    if (m_allTyped && m_entries > 0 && !m_principals.empty()) {
        m_ctx.info(doc.pos, unnamedGroupMessage(m_principals.size(),
                                                "this looks like `az ad group member list` output, which"));
    }
}

/** A members page names its group only in the link to the next page, which may follow "value". */
void DocumentLoader::finishPage(Document &doc)
{
    const FieldReader fields(m_ctx, doc.pos, "page");
    const std::string groupId = entra::detail::groupOfMembersLink(fields.text(doc.root, "@odata.nextLink", "@odata.nextLink"));
    if (!groupId.empty()) {
        entra::Directory &directory = m_ctx.snapshot.directory;
        const PrincipalId group = directory.getOrAdd(groupId);
        for (PrincipalId member : m_principals)
            directory.addMembership(group, member);
    } else if (m_hint == Collection::DirectoryObjects && !m_principals.empty()) {
        m_ctx.info(doc.pos, unnamedGroupMessage(m_principals.size(), "a page of directory objects"));
    }
}

} // namespace clr::detail
