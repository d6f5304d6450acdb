// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to clearance_core: Kubernetes objects (RBAC, ServiceAccounts, Namespaces, CRDs) from
// parsed manifests, kubectl Lists and API List responses.

#include "loadcontext_p.h"

#include <string>
#include <string_view>
#include <vector>

namespace clr::k8s::detail {

using clr::detail::FileContext;
using clr::detail::Json;
using clr::detail::TextPos;

/** True for a Kubernetes object or List: a string `kind` with an `apiVersion` or `metadata`, or an
 *  apiVersion with `items` (a List whose `kind` came after a truncation point). */
bool isKubernetesObject(const Json &obj);

/**
 * Loads one object into ctx.snapshot.kube, or every item of a List (`kind: List`, `RoleList`...).
 * `itemPositions` are the positions of a top-level List's items. Objects of other kinds are
 * counted in Cluster::skippedKinds. Problems become diagnostics; the object is skipped or loaded
 * without the broken part, as each message says.
 */
void loadKubernetesObject(Json &obj, TextPos pos, FileContext &ctx, const std::vector<TextPos> *itemPositions = nullptr);

/** The kind of the items of a typed List ("RoleList" -> "Role"); empty for a plain `List`. */
std::string listItemKind(std::string_view listKind);

/** One item of a List whose entries are streamed; `itemKind` applies when the item has no kind. */
void loadKubernetesListItem(Json &item, std::string_view itemKind, TextPos pos, FileContext &ctx);

/** After a List's items were streamed (kubectl prints `kind` after `items`): warns when the kind,
 *  once known, is not a List kind, as loadKubernetesObject() does for a List read whole. */
void checkStreamedList(const Json &list, TextPos pos, FileContext &ctx, std::size_t items);

} // namespace clr::k8s::detail
