// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/dispatch_p.h"

#include "azure/azureparse_p.h"
#include "entra/entraparse_p.h"
#include "graph/jsonutil_p.h"
#include "kubernetes/objects_p.h"

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

/** `az ad group member list` prints directory objects with their @odata.type; the user, group and
 *  service principal lists do not. */
bool isMemberListing(const Json &array)
{
    if (array.empty())
        return false;
    for (const Json &entry : array) {
        if (stringView(entry, "@odata.type").empty())
            return false;
    }
    return true;
}

void loadArray(Document &doc, FileContext &ctx)
{
    Json &root = doc.root;
    const bool memberListing = isMemberListing(root);
    std::size_t principals = 0;
    for (std::size_t i = 0; i < root.size() && !ctx.cancelled(); ++i) {
        if (loadObject(root[i], doc.itemPos(i), ctx, Collection::Unknown) != NoPrincipal)
            ++principals;
    }
    if (memberListing && principals > 0)
        ctx.info(doc.pos, unnamedGroupMessage(principals, "this looks like `az ad group member list` output, which"));
}

/** A Graph page ("@odata.context", "@odata.nextLink") or an ARM page ("nextLink"). */
void loadPage(Document &doc, Json &value, FileContext &ctx)
{
    const Collection hint = entra::detail::collectionOf(stringView(doc.root, "@odata.context"));
    // A members page names its group only in the link to the next page.
    const std::string groupId = entra::detail::groupOfMembersLink(stringView(doc.root, "@odata.nextLink"));
    entra::Directory &directory = ctx.snapshot.directory;
    const PrincipalId group = groupId.empty() ? NoPrincipal : directory.getOrAdd(groupId);
    std::size_t principals = 0;
    for (std::size_t i = 0; i < value.size() && !ctx.cancelled(); ++i) {
        const PrincipalId id = loadObject(value[i], doc.memberItemPos("value", i), ctx, hint);
        if (id == NoPrincipal)
            continue;
        ++principals;
        if (group != NoPrincipal)
            directory.addMembership(group, id);
    }
    if (hint == Collection::DirectoryObjects && group == NoPrincipal && principals > 0)
        ctx.info(doc.pos, unnamedGroupMessage(principals, "a page of directory objects"));
}

const std::vector<TextPos> *memberPositions(const Document &doc, std::string_view key)
{
    for (const auto &[name, positions] : doc.memberItems) {
        if (name == key)
            return &positions;
    }
    return nullptr;
}

} // namespace

void loadDocument(Document &doc, FileContext &ctx)
{
    Json &root = doc.root;
    if (root.is_array())
        return loadArray(doc, ctx);
    if (!root.is_object()) {
        ctx.warn(doc.pos, "document is " + describeType(root) + ", not a mapping; skipped");
        return;
    }
    if (k8s::detail::isKubernetesObject(root)) {
        k8s::detail::loadKubernetesObject(root, doc.pos, ctx, memberPositions(doc, "items"));
        return;
    }
    if (Json *value = field(root, "value"); value && value->is_array())
        return loadPage(doc, *value, ctx);
    loadObject(root, doc.pos, ctx, entra::detail::collectionOf(stringView(root, "@odata.context")));
}

} // namespace clr::detail
