// SPDX-License-Identifier: GPL-3.0-or-later
// The exporters' round trip, shared by the fuzz target (fuzz_export.cpp) and the property test
// (tst_export): objects carrying one name are exported in every format and each output is read
// back by an independent reader; the name must come back intact, in exactly as many documents,
// commands or rows as there are objects. No Qt Test here, so a fuzzer can use it.
#pragma once

#include "azure/dataactions.h"
#include "common/outputsafety.h"
#include "common/utf8.h"
#include "generate/export.h"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

namespace roundtrip {

using namespace clr;

/** The name as every UTF-8-only format writes it: ill-formed bytes become U+FFFD. */
inline std::string utf8Form(const std::string &name)
{
    return toValidUtf8(name);
}

// ---------------------------------------------------------------- objects carrying the name

/** A ClusterRole, a Role, a ClusterRoleBinding and a RoleBinding named `n`, in namespace `n`,
 *  naming `n` as resource name, label value and every kind of subject, with `n` as display name
 *  and in the header (with a suggested command quoting it). */
inline gen::KubeObjects kubeObjects(const std::string &n)
{
    gen::KubeObjects o;
    k8s::Role clusterRole;
    clusterRole.name = n;
    clusterRole.cluster = true;
    clusterRole.labels = {{"app.kubernetes.io/name", n}};
    clusterRole.rules = {{{"get"}, {""}, {"pods"}, {n}, {}}};
    k8s::Role role;
    role.name = n;
    role.ns = n;
    role.rules = {k8s::PolicyRule{}}; // rules: [{}] must stay one rule
    k8s::Binding clusterBinding;
    clusterBinding.name = n;
    clusterBinding.cluster = true;
    clusterBinding.roleRef = {"ClusterRole", n};
    clusterBinding.subjects = {{k8s::Subject::Kind::Group, n, {}}, {k8s::Subject::Kind::User, n, {}}, {k8s::Subject::Kind::ServiceAccount, n, n}};
    k8s::Binding binding;
    binding.name = n;
    binding.ns = n;
    binding.roleRef = {"Role", n};
    binding.subjects = {{k8s::Subject::Kind::Group, n, {}}};
    o.roles = {clusterRole, role};
    o.bindings = {clusterBinding, binding};
    o.displayNames = {{n, n}};
    o.header = {"Generated for " + n, "after applying: kubectl delete rolebinding -n " + safe::shellWord(n) + ' ' + safe::shellWord(n)};
    return o;
}

inline constexpr int kKubeDocuments = 4;

/** One Azure role assignment whose every field is `n`. */
inline gen::AzureAssignmentDraft azureDraft(const std::string &n)
{
    return {n, n, n, n, n, n, n};
}

/** The argv `az` must see for azureDraft(n), or nullopt when no command can carry it (NUL). */
inline std::optional<std::vector<std::string>> expectedAzArgv(const gen::AzureAssignmentDraft &d)
{
    std::vector<std::string> argv{"role", "assignment", "create", "--assignee-object-id", d.principalId};
    if (!d.principalType.empty())
        argv.insert(argv.end(), {"--assignee-principal-type", d.principalType});
    const std::string guid = azure::roleDefinitionGuid(d.roleDefinitionId);
    argv.insert(argv.end(), {"--role", guid.empty() ? d.roleName : guid, "--scope", d.scope});
    if (!d.description.empty())
        argv.insert(argv.end(), {"--description", d.description});
    for (const auto &a : argv)
        if (!safe::shellRepresentable(a))
            return std::nullopt;
    return argv;
}

/** A one-row matrix whose title, row labels and note are `n`. */
inline gen::MatrixTable matrixTable(const std::string &n)
{
    gen::MatrixTable t;
    t.title = n;
    t.rowHeaderTitles = {"identity", "display name"};
    t.rowHeaders = {{n, n}};
    t.columns = {{"", "pods", "", "get", true, false}};
    t.cells = {{{MatrixCell::State::Allowed, planeBit(Plane::Kubernetes)}}};
    t.notes = {n};
    return t;
}

// ---------------------------------------------------------------- YAML and JSON

/** Every character the YAML holds outside double-quoted escapes is one that kubectl's go-yaml and
 *  yaml-cpp read alike: no line break but \n, no control character, valid UTF-8. */
inline std::string yamlCharacterProblem(const std::string &yaml)
{
    for (std::size_t i = 0; i < yaml.size();) {
        const std::size_t at = i;
        const char32_t c = nextCodePoint(yaml, i);
        if (c == kInvalidUtf8)
            return "ill-formed UTF-8 at byte " + std::to_string(at);
        if ((c < 0x20 && c != '\n') || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0xFEFF)
            return "raw control or line-break character U+" + std::to_string(unsigned(c)) + " at byte " + std::to_string(at);
    }
    return {};
}

inline std::string expectEqual(const std::string &what, const std::string &got, const std::string &want)
{
    return got == want ? std::string() : what + " is '" + safe::line(got) + "', expected '" + safe::line(want) + "'";
}

inline std::string checkKubeDocument(const YAML::Node &doc, int index, const std::string &e)
{
    static const char *const kinds[] = {"ClusterRole", "Role", "ClusterRoleBinding", "RoleBinding"};
    std::string why = expectEqual("kind", doc["kind"].as<std::string>(), kinds[index]);
    if (why.empty())
        why = expectEqual("metadata.name", doc["metadata"]["name"].as<std::string>(), e);
    if (!why.empty())
        return why;
    if (index == 0) {
        why = expectEqual("label", doc["metadata"]["labels"]["app.kubernetes.io/name"].as<std::string>(), e);
        return why.empty() ? expectEqual("resourceNames[0]", doc["rules"][0]["resourceNames"][0].as<std::string>(), e) : why;
    }
    const bool namespaced = index % 2 == 1 && !e.empty(); // an empty namespace is not written
    if (doc["metadata"]["namespace"].IsDefined() != namespaced)
        return "namespace present on the wrong kind";
    if (namespaced && (why = expectEqual("metadata.namespace", doc["metadata"]["namespace"].as<std::string>(), e)) != "")
        return why;
    if (index == 1)
        return doc["rules"].IsSequence() && doc["rules"].size() == 1 && doc["rules"][0].IsMap() ? std::string() : "rules: [{}] was not kept";
    if ((why = expectEqual("roleRef.name", doc["roleRef"]["name"].as<std::string>(), e)) != "")
        return why;
    const YAML::Node subjects = doc["subjects"];
    if (!subjects.IsSequence() || int(subjects.size()) != (index == 2 ? 3 : 1))
        return "wrong number of subjects";
    for (const auto &s : subjects)
        if ((why = expectEqual("subject name", s["name"].as<std::string>(), e)) != "")
            return why;
    if (index != 2 || e.empty())
        return {};
    return expectEqual("service account namespace", subjects[2]["namespace"].as<std::string>(), e);
}

/** toYaml(kubeObjects(name)) read back by yaml-cpp: four documents, the name everywhere intact. */
inline std::string checkYaml(const std::string &yaml, const std::string &name)
{
    if (auto why = yamlCharacterProblem(yaml); !why.empty())
        return why;
    try {
        const auto docs = YAML::LoadAll(yaml);
        if (docs.size() != std::size_t(kKubeDocuments))
            return std::to_string(docs.size()) + " YAML documents, expected " + std::to_string(kKubeDocuments);
        for (int i = 0; i < kKubeDocuments; ++i)
            if (auto why = checkKubeDocument(docs[std::size_t(i)], i, utf8Form(name)); !why.empty())
                return "document " + std::to_string(i + 1) + ": " + why;
    } catch (const YAML::Exception &e) {
        return std::string("yaml-cpp: ") + e.what();
    }
    return {};
}

/** toJsonList(kubeObjects(name)): a List of four items with the name intact. */
inline std::string checkJsonList(const std::string &text, const std::string &name)
{
    try {
        const auto doc = nlohmann::json::parse(text);
        if (doc.at("items").size() != std::size_t(kKubeDocuments))
            return "not a List of " + std::to_string(kKubeDocuments) + " items";
        for (const auto &item : doc.at("items"))
            if (auto why = expectEqual("metadata.name", item.at("metadata").at("name").get<std::string>(), utf8Form(name)); !why.empty())
                return why;
    } catch (const nlohmann::json::exception &e) {
        return e.what();
    }
    return {};
}

// ---------------------------------------------------------------- shell

/** The commands of a script in the form toAzScript() writes, split into words the way bash does
 *  for that form ('...', $'...' with \xHH \\ \', \c, bare words, comments, backslash-newline).
 *  Anything else (an unquoted $, ;, a quote left open...) is an error. */
inline std::optional<std::vector<std::vector<std::string>>> shellCommands(const std::string &script, std::string *why)
{
    std::vector<std::vector<std::string>> commands(1);
    std::string word;
    bool inWord = false;
    auto endWord = [&] {
        if (inWord)
            commands.back().push_back(word);
        word.clear();
        inWord = false;
    };
    auto hex = [](char c) { return (c >= '0' && c <= '9') ? c - '0' : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1; };
    for (std::size_t i = 0; i < script.size(); ++i) {
        const char c = script[i];
        if (c == '#' && !inWord) {
            i = std::min(script.find('\n', i), script.size()) - 1;
        } else if (c == '\\' && i + 1 < script.size() && script[i + 1] == '\n') {
            ++i;
        } else if (c == '\\' && i + 1 < script.size()) { // an escaped character stands for itself ('\'' in '...')
            word += script[++i];
            inWord = true;
        } else if (c == ' ') {
            endWord();
        } else if (c == '\n') {
            endWord();
            if (!commands.back().empty())
                commands.emplace_back();
        } else if (c == '\'') {
            const auto close = script.find('\'', i + 1);
            if (close == std::string::npos)
                return *why = "unclosed single quote", std::nullopt;
            word += script.substr(i + 1, close - i - 1);
            inWord = true;
            i = close;
        } else if (c == '$' && i + 1 < script.size() && script[i + 1] == '\'') {
            for (i += 2; i < script.size() && script[i] != '\''; ++i) {
                if (script[i] != '\\') {
                    word += script[i];
                    continue;
                }
                const char e = i + 1 < script.size() ? script[i + 1] : '\0';
                if (e == '\\' || e == '\'') {
                    word += e;
                    ++i;
                } else if (e == 'x' && i + 3 < script.size() && hex(script[i + 2]) >= 0 && hex(script[i + 3]) >= 0) {
                    word += char(hex(script[i + 2]) * 16 + hex(script[i + 3]));
                    i += 3;
                } else {
                    return *why = "unexpected escape in $'...'", std::nullopt;
                }
            }
            if (i >= script.size())
                return *why = "unclosed $'...'", std::nullopt;
            inWord = true;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '/' || c == '.') {
            word += c;
            inWord = true;
        } else {
            return *why = std::string("unquoted character '") + safe::line(std::string(1, c)) + "' in the script", std::nullopt;
        }
    }
    endWord();
    if (commands.back().empty())
        commands.pop_back();
    return commands;
}

/** toAzScript({azureDraft(name)}): `set -euo pipefail` and exactly the expected az argv. */
inline std::string checkAzScript(const std::string &script, const gen::AzureAssignmentDraft &draft)
{
    std::string why;
    const auto commands = shellCommands(script, &why);
    if (!commands)
        return why;
    const auto expected = expectedAzArgv(draft);
    const std::size_t want = expected ? 2 : 1;
    if (commands->size() != want)
        return std::to_string(commands->size()) + " commands in the script, expected " + std::to_string(want);
    if ((*commands)[0] != std::vector<std::string>{"set", "-euo", "pipefail"})
        return "the script does not start with set -euo pipefail";
    if (!expected)
        return script.find("# skipped: ") == std::string::npos ? "a NUL-holding assignment is not marked as skipped" : std::string();
    std::vector<std::string> got((*commands)[1].begin() + 1, (*commands)[1].end());
    if ((*commands)[1][0] != "az" || got != *expected)
        return "az sees other arguments than intended";
    return {};
}

// ---------------------------------------------------------------- ARM

/** What ARM makes of a string value: a literal (with the "[[" escape undone), or nullopt for an
 *  expression it would evaluate (Microsoft Learn, "Syntax and expressions in ARM templates"). */
inline std::optional<std::string> armLiteralValue(const std::string &v)
{
    if (v.size() >= 2 && v.front() == '[' && v.back() == ']')
        return v.rfind("[[", 0) == 0 ? std::optional<std::string>(v.substr(1)) : std::nullopt;
    return v;
}

inline std::string checkArmResource(const nlohmann::json &r, const gen::AzureAssignmentDraft &d)
{
    const auto &p = r.at("properties");
    auto literal = [&](const nlohmann::json &value, const std::string &want, const char *what) -> std::string {
        const auto got = armLiteralValue(value.get<std::string>());
        if (!got)
            return std::string(what) + " is an ARM expression";
        return expectEqual(what, *got, utf8Form(want));
    };
    std::string why = literal(r.at("scope"), d.scope, "scope");
    if (why.empty())
        why = literal(p.at("principalId"), d.principalId, "principalId");
    if (why.empty() && !d.principalType.empty())
        why = literal(p.at("principalType"), d.principalType, "principalType");
    if (why.empty() && !d.description.empty())
        why = literal(p.at("description"), d.description, "description");
    if (why.empty() && azure::roleDefinitionGuid(d.roleDefinitionId).empty())
        why = literal(p.at("roleDefinitionId"), d.roleDefinitionId, "roleDefinitionId");
    if (why.empty() && r.at("name").get<std::string>() != utf8Form("[guid(" + safe::armExpressionLiteral(d.scope) + ", "
                                                                  + safe::armExpressionLiteral(d.principalId) + ", "
                                                                  + safe::armExpressionLiteral(azure::roleDefinitionGuid(d.roleDefinitionId)) + ")]"))
        why = "the name expression does not quote its literals";
    return why;
}

/** toArmTemplate({draft}): one resource whose every value from the input ARM takes literally. */
inline std::string checkArm(const std::string &text, const gen::AzureAssignmentDraft &d)
{
    try {
        const auto doc = nlohmann::json::parse(text);
        if (doc.at("resources").size() != 1)
            return "not a template with one resource";
        return checkArmResource(doc.at("resources").at(0), d);
    } catch (const nlohmann::json::exception &e) {
        return e.what();
    }
}

// ---------------------------------------------------------------- CSV and HTML

/** RFC 4180 records. */
inline std::vector<std::vector<std::string>> csvRecords(const std::string &csv)
{
    std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
    bool quoted = false;
    for (std::size_t i = 0; i < csv.size(); ++i) {
        const char c = csv[i];
        if (quoted) {
            if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"')
                records.back().back() += '"', ++i;
            else if (c == '"')
                quoted = false;
            else
                records.back().back() += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            records.back().emplace_back();
        } else if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') {
            records.emplace_back(1);
            ++i;
        } else {
            records.back().back() += c;
        }
    }
    if (records.back().size() == 1 && records.back()[0].empty())
        records.pop_back();
    return records;
}

inline std::string checkCsv(const std::string &csv, const std::string &name)
{
    const auto records = csvRecords(csv);
    if (records.size() != 2 || records[1].size() != 3)
        return std::to_string(records.size()) + " CSV records, expected a header and one row of three fields";
    const bool formula = !name.empty() && std::string("=+-@\t\r").find(name[0]) != std::string::npos;
    const std::string want = formula ? '\'' + name : name;
    std::string why = expectEqual("CSV identity", records[1][0], want);
    return why.empty() ? expectEqual("CSV display name", records[1][1], want) : why;
}

inline std::string htmlUnescape(const std::string &s)
{
    static const std::pair<const char *, char> entities[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        bool replaced = false;
        for (const auto &[entity, c] : entities) {
            if (s.compare(i, std::char_traits<char>::length(entity), entity) == 0) {
                out += c;
                i += std::char_traits<char>::length(entity);
                replaced = true;
                break;
            }
        }
        if (!replaced)
            out += s[i++];
    }
    return out;
}

/** The texts between `open` and the next "<" (escaped text holds no "<"). */
inline std::vector<std::string> htmlTexts(const std::string &html, const std::string &open)
{
    std::vector<std::string> out;
    for (auto at = html.find(open); at != std::string::npos; at = html.find(open, at + 1)) {
        const auto start = at + open.size();
        out.push_back(htmlUnescape(html.substr(start, html.find('<', start) - start)));
    }
    return out;
}

inline std::string checkHtml(const std::string &html, const std::string &name)
{
    const std::string e = utf8Form(name);
    if (!isValidUtf8(html))
        return "the HTML is not UTF-8";
    std::size_t rows = 0;
    for (auto at = html.find("<tr>"); at != std::string::npos; at = html.find("<tr>", at + 1))
        ++rows;
    if (rows != 3)
        return std::to_string(rows) + " table rows, expected 3";
    const auto cells = htmlTexts(html, "<th class=\"row\">");
    if (cells != std::vector<std::string>{e, e})
        return "the row labels do not read back as the name";
    const auto titles = htmlTexts(html, "<title>");
    if (titles.size() != 1 || titles[0] != e)
        return "the title does not read back as the name";
    const auto notes = htmlTexts(html, "<p class=\"notes\">");
    if (notes.empty() || notes[0] != e)
        return "the note does not read back as the name";
    return {};
}

// ---------------------------------------------------------------- all of it

/** Every exporter on objects carrying `name`; the first broken invariant, or "" when all hold. */
inline std::string checkAll(const std::string &name)
{
    const gen::KubeObjects objects = kubeObjects(name);
    if (auto why = checkYaml(gen::toYaml(objects), name); !why.empty())
        return "YAML: " + why;
    if (auto why = checkJsonList(gen::toJsonList(objects), name); !why.empty())
        return "JSON: " + why;
    const auto draft = azureDraft(name);
    if (auto why = checkAzScript(gen::toAzScript({draft}), draft); !why.empty())
        return "az script: " + why;
    if (auto why = checkArm(gen::toArmTemplate({draft}), draft); !why.empty())
        return "ARM: " + why;
    const auto table = matrixTable(name);
    if (auto why = checkCsv(gen::toCsv(table), name); !why.empty())
        return "CSV: " + why;
    if (auto why = checkHtml(gen::toHtml(table), name); !why.empty())
        return "HTML: " + why;
    return {};
}

} // namespace roundtrip
