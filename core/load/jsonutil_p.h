// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Typed access to parsed JSON for the loaders. Every value a loader keeps is read through a
// FieldReader, which checks its type and reports a value of the wrong type as a warning at the
// object's position (naming the field, what it is, what was expected and what was done instead),
// so no field can change an answer silently. The fallbacks are the same for every loader:
//   text       a number or boolean is read as its JSON text ("123", "true"); a list or mapping
//              counts as absent;
//   name / ID  as text, and one longer than limits::kMaxNameLength counts as absent;
//   boolean    the strings "true" and "false" (any case) are read as such; anything else gets the
//              field's own fallback, chosen by each loader and named in the message;
//   list       anything else counts as absent; entries as text, entries that are lists or mappings
//              are ignored;
//   mapping    anything else counts as absent.
// Strings are moved out of the document, not copied: each document is read once and dropped, and
// copying 10^6 strings would double the cost.

#include "common/strings.h"
#include "document_p.h"
#include "loadcontext_p.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

/** The string member `key`, or empty. For classifying an object (its kind, type, apiVersion), never
 *  for a value that is loaded: those go through FieldReader. */
inline std::string_view stringView(const Json &obj, std::string_view key)
{
    const Json *v = field(obj, key);
    return v && v->is_string() ? std::string_view(v->get_ref<const std::string &>()) : std::string_view();
}

/** "a string", "a list", ... for messages about wrong types. */
std::string describeType(const Json &v);
/** describeType() plus the value of a scalar, shortened: `a string ("yes")`, `a number (1)`. */
std::string describeValue(const Json &v);

/** Whether a name or ID is limited to limits::kMaxNameLength. */
enum class TextKind : std::uint8_t { Text, Name };

/**
 * Reads the fields of one object, reporting every value of the wrong type at the object's position
 * as "<object>: <field> is <what>, expected <type>; <what was done>".
 */
class FieldReader final
{
public:
    FieldReader(FileContext &ctx, TextPos pos, std::string object) : m_ctx(ctx), m_pos(pos), m_object(std::move(object)) {}

    /** Names the object in later messages, once its name is known ("role assignment 'x'"). */
    void setObject(std::string object) { m_object = std::move(object); }
    const std::string &object() const { return m_object; }
    FileContext &context() const { return m_ctx; }
    TextPos pos() const { return m_pos; }

    /** The text of `v` (moved out), nullopt when null or counted as absent; `path` names the field. */
    std::optional<std::string> optionalText(Json *v, std::string_view path, TextKind kind = TextKind::Text) const;
    std::string text(Json *v, std::string_view path, TextKind kind = TextKind::Text) const
    {
        return optionalText(v, path, kind).value_or(std::string());
    }
    std::string text(Json &obj, std::string_view key, std::string_view path, TextKind kind = TextKind::Text) const
    {
        return text(field(obj, key), path, kind);
    }
    std::string name(Json &obj, std::string_view key, std::string_view path) const
    {
        return text(field(obj, key), path, TextKind::Name);
    }

    /** A boolean: `absent` when null; `fallback` when of another type, with `fallbackMeaning` (such as
     *  "true (Azure RBAC on), which shows the most access") in the warning. */
    bool flag(Json *v, std::string_view path, bool absent, bool fallback, std::string_view fallbackMeaning) const;

    /** A mapping, or nullptr (reported when present with another type; `consequence` says what follows). */
    Json *mapping(Json *v, std::string_view path, std::string_view consequence = "ignored") const;
    Json *mapping(Json &obj, std::string_view key, std::string_view path, std::string_view consequence = "ignored") const
    {
        return mapping(field(obj, key), path, consequence);
    }
    /** A list, or nullptr (reported when present with another type). */
    Json *list(Json *v, std::string_view path, std::string_view consequence = "ignored") const;
    Json *list(Json &obj, std::string_view key, std::string_view path, std::string_view consequence = "ignored") const
    {
        return list(field(obj, key), path, consequence);
    }

    /** A list of text; entries that are lists or mappings are ignored, empty strings are kept only
     *  when `keepEmpty` ("" is the core API group). */
    std::vector<std::string> textList(Json &obj, std::string_view key, std::string_view path, TextKind kind = TextKind::Text,
                                      bool keepEmpty = true) const;
    /** A mapping of text values (labels, annotations); entries of the wrong type are ignored. */
    std::map<std::string, std::string> textMap(Json &obj, std::string_view key, std::string_view path, TextKind kind) const;

    /** Reports `v` at `path` as "is <what>, expected <expected>; <consequence>". */
    void wrongType(std::string_view path, const Json &v, std::string_view expected, std::string_view consequence) const;
    /** Reports a problem with the field that is not its type ("has no name; subject ignored"). */
    void warn(std::string_view path, std::string_view problem) const;

private:
    FileContext &m_ctx;
    TextPos m_pos;
    std::string m_object;
};

/** "key" or "prefix.key", for field paths in messages. */
inline std::string joinPath(std::string_view prefix, std::string_view key)
{
    std::string out(prefix);
    if (!out.empty() && out.back() != '.')
        out += '.';
    out += key;
    return out;
}

} // namespace clr::detail
