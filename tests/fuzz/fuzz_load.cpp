// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: any bytes as one input file, through content detection and every loader
// (Kubernetes YAML/JSON, Graph pages, az arrays, ARM pages, AKS clusters).
// Invariants beyond "no crash, no leak, no undefined behaviour, no exception":
//   - loading is deterministic: the same bytes give the same snapshot and diagnostics;
//   - every diagnostic names this file (or no file) and a position inside the input;
//   - every name and ID that was loaded respects limits::kMaxNameLength.
#include "load/limits.h"
#include "load/loader.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace clr;

const char *const kName = "input";

[[noreturn]] void fail(const std::string &what)
{
    std::fprintf(stderr, "invariant broken: %s\n", what.c_str());
    std::abort();
}

clr::Snapshot load(const std::string &content)
{
    SnapshotLoader loader(LoadOptions{false, {}, nullptr});
    loader.addContent(kName, content);
    return loader.finish();
}

/** Everything a snapshot holds that the loaders decide, as text (order included). */
std::string fingerprint(const Snapshot &s)
{
    std::string out;
    for (const auto &d : s.diagnostics)
        out += d.toString() + '\n';
    for (const auto &r : s.kube.roles)
        out += "role " + r.ns + '/' + r.name + ' ' + std::to_string(r.rules.size()) + ' ' + std::to_string(r.source.line) + '\n';
    for (const auto &b : s.kube.bindings) {
        out += "binding " + b.ns + '/' + b.name + ' ' + b.roleRef.kind + '/' + b.roleRef.name;
        for (const auto &subject : b.subjects)
            out += ' ' + subject.name;
        out += '\n';
    }
    out += "sa " + std::to_string(s.kube.serviceAccounts.size()) + " ns " + std::to_string(s.kube.namespaces.size()) + " crd "
        + std::to_string(s.kube.customResources.size()) + '\n';
    for (entra::PrincipalId p = 0; p < s.directory.size(); ++p) {
        const auto &pr = s.directory.at(p);
        out += "principal " + pr.id + ' ' + pr.displayName + ' ' + std::to_string(pr.accountEnabled) + ' '
            + std::to_string(s.directory.directMembers(p).size()) + '\n';
    }
    for (const auto &a : s.azure.assignments)
        out += "assignment " + a.principalId + ' ' + a.scope + ' ' + a.condition + '\n';
    for (const auto &c : s.azure.clusters)
        out += "cluster " + c.name + ' ' + std::to_string(c.enableAzureRbac) + ' ' + std::to_string(c.adminGroupObjectIds.size()) + '\n';
    return out;
}

void checkPositions(const Snapshot &s, std::string_view input)
{
    if (input.size() >= 2 && ((input[0] == '\xff' && input[1] == '\xfe') || (input[0] == '\xfe' && input[1] == '\xff')))
        return; // UTF-16: positions count the converted text
    std::vector<std::size_t> lineLengths{0};
    for (char c : input) {
        if (c == '\n')
            lineLengths.push_back(0);
        else
            ++lineLengths.back();
    }
    for (const auto &d : s.diagnostics) {
        if (!d.file.empty() && d.file != kName)
            fail("a diagnostic names another file: " + d.toString());
        if (d.line == 0) {
            if (d.column != 0)
                fail("a column without a line: " + d.toString());
            continue;
        }
        if (d.line < 0 || std::size_t(d.line) > lineLengths.size())
            fail("a line outside the input (" + std::to_string(lineLengths.size()) + " lines): " + d.toString());
        if (d.column < 1 || std::size_t(d.column) > lineLengths[std::size_t(d.line) - 1] + 1)
            fail("a column outside its line: " + d.toString());
    }
}

void checkName(const std::string &name, const char *what)
{
    if (name.size() > limits::kMaxNameLength)
        fail(std::string(what) + " of " + std::to_string(name.size()) + " bytes was loaded");
}

void checkNameLimits(const Snapshot &s)
{
    for (const auto &r : s.kube.roles) {
        checkName(r.name, "a role name");
        checkName(r.ns, "a namespace");
    }
    for (const auto &b : s.kube.bindings) {
        checkName(b.name, "a binding name");
        checkName(b.roleRef.name, "a roleRef name");
        for (const auto &subject : b.subjects)
            checkName(subject.name, "a subject name");
    }
    for (entra::PrincipalId p = 0; p < s.directory.size(); ++p) {
        checkName(s.directory.at(p).id, "an object ID");
        checkName(s.directory.at(p).displayName, "a display name");
        checkName(s.directory.at(p).userPrincipalName, "a user principal name");
    }
    for (const auto &a : s.azure.assignments) {
        checkName(a.principalId, "a principal ID");
        checkName(a.scope, "a scope");
    }
    for (const auto &c : s.azure.clusters) {
        for (const auto &g : c.adminGroupObjectIds)
            checkName(g, "an admin group ID");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string input(reinterpret_cast<const char *>(data), size);
    const Snapshot first = load(input);
    const Snapshot second = load(input);
    if (fingerprint(first) != fingerprint(second))
        fail("loading the same bytes twice gave different results");
    checkPositions(first, input);
    checkNameLimits(first);
    return 0;
}
