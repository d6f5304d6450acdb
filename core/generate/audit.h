// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/diagnostics.h"
#include "kubernetes/request.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clr::gen {

/** The parts of an audit.k8s.io Event (v1, v1beta1) that decide authorization. */
struct AuditEvent
{
    std::string auditID;
    std::string stage;      // RequestReceived, ResponseStarted, ResponseComplete, Panic
    std::string verb;       // RequestInfo verb; for non-resource requests the lower-case HTTP method
    std::string requestURI; // with query string, as logged
    k8s::UserInfo user;     // impersonatedUser when present (the identity that was authorized)
    bool impersonated = false;
    bool resourceRequest = false; // objectRef present
    std::string apiGroup, resource, subresource, ns, name; // objectRef
    int code = 0; // responseStatus.code, 0 when absent
    int line = 0; // 1-based line of the event in its file (JSON lines), 0 when unknown
};

/** Every event of one or more files, plus what could not be read. */
struct AuditLog
{
    std::vector<AuditEvent> events;
    Diagnostics diagnostics;
};

/**
 * Parses audit events: JSON lines (the API server's log backend), a JSON array of events, or an
 * EventList ({"items": [...]}). A line that is not JSON, or JSON that is not an Event, adds a
 * Diagnostic with `fileName`:line and the rest still loads. UTF-8 with or without a byte order
 * mark and UTF-16 with one are accepted, as the snapshot loaders accept them. Never throws.
 */
AuditLog parseAuditLog(std::string_view bytes, const std::string &fileName);

/** Reads a file ("-" = standard input) and parses it; an unreadable file is one Error diagnostic. */
AuditLog loadAuditLog(const std::string &path);

/** Whose requests to keep. Exactly one of user, group, serviceAccount should be set. */
struct AuditFilter
{
    std::string user;           // Kubernetes user name as logged (UPN, object ID, system:...)
    std::string group;          // a group the user had (Entra group object ID, system:...)
    std::string serviceAccount; // NS:NAME
    std::vector<std::string> namespaces; // empty = all; otherwise objectRef.namespace must be one of them

    /** Why the filter cannot be used (none or several subjects, a malformed NS:NAME), or nullopt. */
    std::optional<std::string> validate() const;
    /** The user name the filter stands for ("system:serviceaccount:NS:NAME" for --serviceaccount). */
    std::string userName() const;
    bool matches(const AuditEvent &event) const;
};

/**
 * The events to learn from: one per request. Events sharing an auditID are the stages of one
 * request; the ResponseComplete stage is kept, or the only stage that was logged (an audit policy
 * may omit stages). Events without an auditID are all kept. Then the filter applies.
 */
std::vector<AuditEvent> selectEvents(const std::vector<AuditEvent> &events, const AuditFilter &filter);

/**
 * The authorizer's view of an event: objectRef gives the resource attributes; without objectRef
 * the request is non-resource and its path is requestURI without the query string. The name is
 * dropped for create and deletecollection: the audit log records the new object's name, but the
 * authorizer never sees one for those verbs (a rule with resourceNames would not allow them).
 * A create on a subresource (pods/NAME/exec) keeps it: the name is in the URL.
 */
k8s::Request toRequest(const AuditEvent &event);

} // namespace clr::gen
