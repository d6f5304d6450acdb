// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Small accessors over parsed JSON for the loaders. Strings are moved out of the document, not
// copied: each document is read once and dropped, and copying 10^6 strings would double the cost.

#include "common/strings.h"
#include "document_p.h"

#include <optional>
#include <string>
#include <string_view>

namespace clr::detail {

/** The member `key` of an object, or nullptr when absent, null, or `obj` is not an object. */
inline Json *field(Json &obj, std::string_view key)
{
    if (!obj.is_object())
        return nullptr;
    const auto it = obj.find(key);
    return it == obj.end() || it->is_null() ? nullptr : &*it;
}

inline const Json *field(const Json &obj, std::string_view key)
{
    if (!obj.is_object())
        return nullptr;
    const auto it = obj.find(key);
    return it == obj.end() || it->is_null() ? nullptr : &*it;
}

/** Like field(), but falls back to a case-insensitive match: ARM and az spell some keys differently
 *  (enableAzureRBAC / enableAzureRbac, tenantID / tenantId, issuerURL / issuerUrl). */
inline Json *fieldAnyCase(Json &obj, std::string_view key)
{
    if (Json *exact = field(obj, key))
        return exact;
    if (!obj.is_object())
        return nullptr;
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (iequals(it.key(), key))
            return it->is_null() ? nullptr : &*it;
    }
    return nullptr;
}

/** The string member `key`, or empty. Does not move: for classification. */
inline std::string_view stringView(const Json &obj, std::string_view key)
{
    const Json *v = field(obj, key);
    return v && v->is_string() ? std::string_view(v->get_ref<const std::string &>()) : std::string_view();
}

/** A scalar as text (strings moved out; numbers and booleans printed), empty for null and containers. */
inline std::string takeScalar(Json &v)
{
    if (v.is_string())
        return std::move(v.get_ref<std::string &>());
    if (v.is_boolean() || v.is_number())
        return v.dump();
    return {};
}

/** The member `key` as text, moved out of the document; empty when absent or not a scalar. */
inline std::string takeString(Json &obj, std::string_view key)
{
    Json *v = field(obj, key);
    return v ? takeScalar(*v) : std::string();
}

/** A boolean member; the strings "true"/"false" count (YAML quoted them, or a tool wrote them). */
inline std::optional<bool> boolValue(const Json *v)
{
    if (!v)
        return std::nullopt;
    if (v->is_boolean())
        return v->get<bool>();
    if (v->is_string()) {
        const auto &s = v->get_ref<const std::string &>();
        if (iequals(s, "true"))
            return true;
        if (iequals(s, "false"))
            return false;
    }
    return std::nullopt;
}

/** "a string", "a list", ... for messages about wrong types. */
inline std::string describeType(const Json &v)
{
    switch (v.type()) {
    case Json::value_t::null:
        return "null";
    case Json::value_t::object:
        return "a mapping";
    case Json::value_t::array:
        return "a list";
    case Json::value_t::string:
        return "a string";
    case Json::value_t::boolean:
        return "a boolean";
    default:
        return "a number";
    }
}

} // namespace clr::detail
