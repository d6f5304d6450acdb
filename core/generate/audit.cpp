// SPDX-License-Identifier: GPL-3.0-or-later
// Audit events as the API server's log backend writes them (k8s.io/apiserver pkg/apis/audit/v1
// types.go: Event, ObjectReference, UserInfo) and the authorizer attributes they stand for.
#include "generate/audit.h"

#include "common/strings.h"
#include "common/utf8.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>

namespace clr::gen {

namespace {

using nlohmann::json;

std::string stringAt(const json &obj, const char *key)
{
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

k8s::UserInfo userFrom(const json &u)
{
    k8s::UserInfo info;
    info.name = stringAt(u, "username");
    if (auto g = u.find("groups"); g != u.end() && g->is_array()) {
        for (const auto &group : *g) {
            if (group.is_string())
                info.groups.push_back(group.get<std::string>());
        }
    }
    return info;
}

void readObjectRef(const json &ref, AuditEvent &e)
{
    e.resourceRequest = true;
    e.apiGroup = stringAt(ref, "apiGroup");
    e.resource = stringAt(ref, "resource");
    e.subresource = stringAt(ref, "subresource");
    e.ns = stringAt(ref, "namespace");
    e.name = stringAt(ref, "name");
}

/** Why `j` is not an audit Event, or "" when it is one. */
std::string notAnEvent(const json &j)
{
    if (!j.is_object())
        return "not a JSON object";
    const std::string kind = stringAt(j, "kind");
    if (!kind.empty() && kind != "Event")
        return "kind " + kind + " is not an audit Event";
    const std::string apiVersion = stringAt(j, "apiVersion");
    if (!apiVersion.empty() && !startsWith(apiVersion, "audit.k8s.io/"))
        return "apiVersion " + apiVersion + " is not audit.k8s.io";
    if (stringAt(j, "verb").empty())
        return "audit Event without a verb";
    auto user = j.find("user");
    if (user == j.end() || !user->is_object() || stringAt(*user, "username").empty())
        return "audit Event without user.username";
    return {};
}

AuditEvent eventFrom(const json &j, int line)
{
    AuditEvent e;
    e.line = line;
    e.auditID = stringAt(j, "auditID");
    e.stage = stringAt(j, "stage");
    e.verb = stringAt(j, "verb");
    e.requestURI = stringAt(j, "requestURI");
    e.user = userFrom(j.at("user"));
    // The authorizer ran for the impersonated identity, so that is whose permissions count.
    if (auto imp = j.find("impersonatedUser"); imp != j.end() && imp->is_object() && !stringAt(*imp, "username").empty()) {
        e.user = userFrom(*imp);
        e.impersonated = true;
    }
    if (auto ref = j.find("objectRef"); ref != j.end() && ref->is_object())
        readObjectRef(*ref, e);
    if (auto status = j.find("responseStatus"); status != j.end() && status->is_object()) {
        if (auto code = status->find("code"); code != status->end() && code->is_number_integer())
            e.code = code->get<int>();
    }
    return e;
}

void addEvent(const json &j, int line, const std::string &fileName, AuditLog &log)
{
    const std::string why = notAnEvent(j);
    if (!why.empty()) {
        log.diagnostics.push_back({Diagnostic::Severity::Warning, fileName, line, 0, why + "; skipped"});
        return;
    }
    log.events.push_back(eventFrom(j, line));
}

/** 1-based line and column of a byte offset. */
std::pair<int, int> position(std::string_view text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    int line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return {line, int(offset - lineStart) + 1};
}

void parseLines(std::string_view content, const std::string &fileName, AuditLog &log)
{
    int lineNo = 0;
    std::size_t start = 0;
    while (start <= content.size()) {
        const auto end = std::min(content.find('\n', start), content.size());
        const auto line = content.substr(start, end - start);
        ++lineNo;
        start = end + 1;
        if (trim(line).empty())
            continue;
        try {
            addEvent(json::parse(line), lineNo, fileName, log);
        } catch (const json::parse_error &e) {
            log.diagnostics.push_back({Diagnostic::Severity::Error, fileName, lineNo, int(e.byte),
                                       "not a JSON audit event (" + std::string(e.what()) + "); skipped"});
        }
    }
}

void parseDocument(std::string_view content, const std::string &fileName, AuditLog &log)
{
    json doc;
    try {
        doc = json::parse(content);
    } catch (const json::parse_error &e) {
        const auto [line, column] = position(content, e.byte ? e.byte - 1 : 0);
        log.diagnostics.push_back({Diagnostic::Severity::Error, fileName, line, column, "not JSON: " + std::string(e.what())});
        return;
    }
    const json *items = &doc;
    if (doc.is_object() && doc.contains("items") && doc["items"].is_array())
        items = &doc["items"];
    if (!items->is_array()) {
        addEvent(doc, 1, fileName, log);
        return;
    }
    for (const auto &item : *items)
        addEvent(item, 0, fileName, log);
}

/** JSON lines when the first non-blank line is a complete JSON value on its own. */
bool looksLikeJsonLines(std::string_view content)
{
    const auto first = content.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || content[first] != '{')
        return false;
    const auto end = std::min(content.find('\n', first), content.size());
    return json::accept(content.substr(first, end - first));
}

} // namespace

AuditLog parseAuditLog(std::string_view bytes, const std::string &fileName)
{
    AuditLog log;
    std::string converted; // a UTF-8 BOM or UTF-16 is read like the snapshot loaders read them
    const std::string_view content = textFromBytes(bytes, converted);
    if (looksLikeJsonLines(content))
        parseLines(content, fileName, log);
    else if (!trim(content).empty())
        parseDocument(content, fileName, log);
    return log;
}

AuditLog loadAuditLog(const std::string &path)
{
    std::string content;
    if (path == "-") {
        content.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            AuditLog log;
            log.diagnostics.push_back({Diagnostic::Severity::Error, path, 0, 0, "cannot read the audit log"});
            return log;
        }
        std::ostringstream buffer;
        buffer << in.rdbuf();
        content = buffer.str();
    }
    return parseAuditLog(content, path);
}

std::optional<std::string> AuditFilter::validate() const
{
    const int given = int(!user.empty()) + int(!group.empty()) + int(!serviceAccount.empty());
    if (given != 1)
        return std::string("say whose requests to use with exactly one of --user, --group or --serviceaccount");
    if (!serviceAccount.empty()) {
        const auto parts = split(serviceAccount, ':');
        if (parts.size() != 2 || parts[0].empty() || parts[1].empty())
            return "--serviceaccount takes NAMESPACE:NAME, not '" + serviceAccount + "'";
    }
    return std::nullopt;
}

std::string AuditFilter::userName() const
{
    if (!serviceAccount.empty())
        return "system:serviceaccount:" + serviceAccount;
    return user;
}

bool AuditFilter::matches(const AuditEvent &event) const
{
    if (!namespaces.empty() && std::find(namespaces.begin(), namespaces.end(), event.ns) == namespaces.end())
        return false;
    if (!group.empty())
        return std::find(event.user.groups.begin(), event.user.groups.end(), group) != event.user.groups.end();
    return event.user.name == userName();
}

std::vector<AuditEvent> selectEvents(const std::vector<AuditEvent> &events, const AuditFilter &filter)
{
    // auditID -> index of the event that stands for the request.
    std::map<std::string, std::size_t> chosen;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto &e = events[i];
        if (e.auditID.empty())
            continue;
        auto [it, inserted] = chosen.emplace(e.auditID, i);
        if (!inserted && e.stage == "ResponseComplete" && events[it->second].stage != "ResponseComplete")
            it->second = i;
    }
    std::vector<AuditEvent> out;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto &e = events[i];
        if (!e.auditID.empty() && chosen[e.auditID] != i)
            continue;
        if (filter.matches(e))
            out.push_back(e);
    }
    return out;
}

k8s::Request toRequest(const AuditEvent &event)
{
    k8s::Request r;
    r.verb = event.verb;
    r.resourceRequest = event.resourceRequest;
    if (!event.resourceRequest) {
        r.path = event.requestURI.substr(0, event.requestURI.find('?'));
        return r;
    }
    r.apiGroup = event.apiGroup;
    r.resource = event.resource;
    r.subresource = event.subresource;
    r.ns = event.ns;
    // A create on a subresource (pods/exec, pods/eviction) addresses an existing object by URL: keep it.
    const bool collectionVerb = (event.verb == "create" && event.subresource.empty()) || event.verb == "deletecollection";
    if (!collectionVerb)
        r.name = event.name;
    return r;
}

} // namespace clr::gen
