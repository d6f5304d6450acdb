// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/objectref.h"

#include <array>
#include <utility>

namespace clr {

namespace {
constexpr std::array<std::pair<ObjectRef::Kind, std::string_view>, 11> kKinds{{
    {ObjectRef::Kind::Principal, "principal"},
    {ObjectRef::Kind::User, "user"},
    {ObjectRef::Kind::Group, "group"},
    {ObjectRef::Kind::ServiceAccount, "serviceaccount"},
    {ObjectRef::Kind::Role, "role"},
    {ObjectRef::Kind::ClusterRole, "clusterrole"},
    {ObjectRef::Kind::RoleBinding, "rolebinding"},
    {ObjectRef::Kind::ClusterRoleBinding, "clusterrolebinding"},
    {ObjectRef::Kind::Assignment, "assignment"},
    {ObjectRef::Kind::RoleDefinition, "roledefinition"},
    {ObjectRef::Kind::Namespace, "namespace"},
}};
} // namespace

bool ObjectRef::isNamespaced(Kind kind)
{
    return kind == Kind::ServiceAccount || kind == Kind::Role || kind == Kind::RoleBinding;
}

std::string_view ObjectRef::kindName(Kind kind)
{
    for (const auto &[k, name] : kKinds) {
        if (k == kind)
            return name;
    }
    return {};
}

std::string ObjectRef::toString() const
{
    if (kind == Kind::None)
        return {};
    std::string out(kindName(kind));
    out += ':';
    if (isNamespaced(kind)) {
        out += ns;
        out += '/';
    }
    return out + name;
}

std::optional<ObjectRef> ObjectRef::parse(std::string_view text)
{
    const auto colon = text.find(':');
    if (colon == std::string_view::npos)
        return std::nullopt;
    const std::string_view prefix = text.substr(0, colon), rest = text.substr(colon + 1);
    for (const auto &[kind, name] : kKinds) {
        if (name != prefix)
            continue;
        if (!isNamespaced(kind))
            return ObjectRef(kind, std::string(rest));
        const auto slash = rest.find('/');
        if (slash == std::string_view::npos)
            return std::nullopt;
        return ObjectRef(kind, std::string(rest.substr(0, slash)), std::string(rest.substr(slash + 1)));
    }
    return std::nullopt;
}

} // namespace clr
