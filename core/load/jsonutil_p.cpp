// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonutil_p.h"

#include "load/limits.h"

namespace clr::detail {

namespace {

constexpr std::size_t kQuotedValueLength = 40;

std::string lengthProblem(std::size_t length)
{
    return "is " + std::to_string(length) + " bytes long, longer than the limit of " + std::to_string(limits::kMaxNameLength)
        + " bytes for names and IDs; treated as absent";
}

} // namespace

std::string describeType(const Json &v)
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

std::string describeValue(const Json &v)
{
    if (v.is_string())
        return "a string (\"" + shortened(v.get_ref<const std::string &>(), kQuotedValueLength) + "\")";
    if (v.is_boolean() || v.is_number())
        return describeType(v) + " (" + v.dump() + ")";
    return describeType(v);
}

void FieldReader::wrongType(std::string_view path, const Json &v, std::string_view expected, std::string_view consequence) const
{
    std::string message = m_object.empty() ? std::string() : m_object + ": ";
    message += std::string(path) + " is " + describeValue(v) + ", expected " + std::string(expected) + "; "
        + std::string(consequence);
    m_ctx.inputWarning(m_pos, std::move(message));
}

void FieldReader::warn(std::string_view path, std::string_view problem) const
{
    m_ctx.warn(m_pos, (m_object.empty() ? std::string() : m_object + ": ") + std::string(path) + " " + std::string(problem));
}

std::optional<std::string> FieldReader::optionalText(Json *v, std::string_view path, TextKind kind) const
{
    if (!v || v->is_null())
        return std::nullopt;
    std::string out;
    if (v->is_string()) {
        out = std::move(v->get_ref<std::string &>());
    } else if (v->is_boolean() || v->is_number()) {
        out = v->dump();
        wrongType(path, *v, "a string", "read as the text \"" + out + "\"");
    } else {
        wrongType(path, *v, "a string", "treated as absent");
        return std::nullopt;
    }
    if (kind == TextKind::Name && out.size() > limits::kMaxNameLength) {
        m_ctx.inputWarning(m_pos, (m_object.empty() ? std::string() : m_object + ": ") + std::string(path) + " "
                                     + lengthProblem(out.size()));
        return std::nullopt;
    }
    return out;
}

bool FieldReader::flag(Json *v, std::string_view path, bool absent, bool fallback, std::string_view fallbackMeaning) const
{
    if (!v || v->is_null())
        return absent;
    if (v->is_boolean())
        return v->get<bool>();
    if (v->is_string()) {
        const auto &s = v->get_ref<const std::string &>();
        if (iequals(s, "true") || iequals(s, "false")) { // quoted in YAML, or written by a script
            const bool value = iequals(s, "true");
            wrongType(path, *v, "a boolean", std::string("read as ") + (value ? "true" : "false"));
            return value;
        }
    }
    wrongType(path, *v, "a boolean", "treated as " + std::string(fallbackMeaning));
    return fallback;
}

Json *FieldReader::mapping(Json *v, std::string_view path, std::string_view consequence) const
{
    if (!v || v->is_null())
        return nullptr;
    if (v->is_object())
        return v;
    wrongType(path, *v, "a mapping", consequence);
    return nullptr;
}

Json *FieldReader::list(Json *v, std::string_view path, std::string_view consequence) const
{
    if (!v || v->is_null())
        return nullptr;
    if (v->is_array())
        return v;
    wrongType(path, *v, "a list", consequence);
    return nullptr;
}

std::vector<std::string> FieldReader::textList(Json &obj, std::string_view key, std::string_view path, TextKind kind,
                                               bool keepEmpty) const
{
    std::vector<std::string> out;
    Json *v = list(obj, key, path);
    if (!v)
        return out;
    out.reserve(v->size());
    for (std::size_t i = 0; i < v->size(); ++i) {
        Json &item = (*v)[i];
        if (item.is_string() && (kind == TextKind::Text || item.get_ref<const std::string &>().size() <= limits::kMaxNameLength)) {
            if (keepEmpty || !item.get_ref<const std::string &>().empty()) // the common case: no message, no path
                out.push_back(std::move(item.get_ref<std::string &>()));
            continue;
        }
        const std::string itemPath = std::string(path) + "[" + std::to_string(i) + "]";
        if (item.is_object() || item.is_array()) {
            wrongType(itemPath, item, "a string", "entry ignored");
            continue;
        }
        if (item.is_null()) {
            warn(itemPath, "is null; entry ignored");
            continue;
        }
        if (auto s = optionalText(&item, itemPath, kind); s && (keepEmpty || !s->empty()))
            out.push_back(std::move(*s));
    }
    return out;
}

std::map<std::string, std::string> FieldReader::textMap(Json &obj, std::string_view key, std::string_view path,
                                                        TextKind kind) const
{
    std::map<std::string, std::string> out;
    Json *v = mapping(obj, key, path);
    if (!v)
        return out;
    for (auto it = v->begin(); it != v->end(); ++it) {
        const std::string entryPath = joinPath(path, it.key());
        if (it->is_object() || it->is_array()) {
            wrongType(entryPath, *it, "a string", "entry ignored");
            continue;
        }
        if (auto s = optionalText(&*it, entryPath, kind))
            out.emplace(it.key(), std::move(*s));
    }
    return out;
}

} // namespace clr::detail
