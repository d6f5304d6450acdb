// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: any bytes as a Kubernetes audit log (JSON lines, a JSON array, an EventList).
// Invariants: deterministic; diagnostics name the file and a line of it; every event's line is a
// line of the input; every event can be turned into a request and filtered.
#include "generate/audit.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

[[noreturn]] void fail(const std::string &what)
{
    std::fprintf(stderr, "invariant broken: %s\n", what.c_str());
    std::abort();
}

std::string describe(const clr::gen::AuditLog &log)
{
    std::string out;
    for (const auto &d : log.diagnostics)
        out += d.toString() + '\n';
    for (const auto &e : log.events)
        out += e.auditID + ' ' + e.verb + ' ' + e.user.name + ' ' + e.resource + ' ' + std::to_string(e.line) + '\n';
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string input(reinterpret_cast<const char *>(data), size);
    const clr::gen::AuditLog log = clr::gen::parseAuditLog(input, "audit.log");
    if (describe(log) != describe(clr::gen::parseAuditLog(input, "audit.log")))
        fail("parsing the same bytes twice gave different results");
    const int lines = int(std::count(input.begin(), input.end(), '\n')) + 1;
    for (const auto &d : log.diagnostics) {
        if (d.file != "audit.log" && !d.file.empty())
            fail("a diagnostic names another file: " + d.toString());
        if (d.line < 0 || d.line > lines)
            fail("a diagnostic outside the input: " + d.toString());
    }
    for (const auto &event : log.events) {
        if (event.line < 0 || event.line > lines)
            fail("an event on line " + std::to_string(event.line) + " of " + std::to_string(lines));
        (void)clr::gen::toRequest(event);
    }
    clr::gen::AuditFilter filter;
    filter.user = log.events.empty() ? std::string("alice") : log.events.front().user.name;
    if (!filter.validate())
        (void)clr::gen::selectEvents(log.events, filter);
    return 0;
}
