// SPDX-License-Identifier: GPL-3.0-or-later
// The comparison as one self-contained HTML page for review: no script, no external resource, every
// name from the input through safe::html.
#include "compare/report.h"

#include "common/outputsafety.h"

#include <algorithm>

namespace clr::compare {

namespace {

using safe::html;

constexpr const char *kStyle = R"(body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; font-size: 0.92em; }
th { background: #f2f2f2; }
tr.gained td.sign { background: #c8f0d0; color: #1b5e20; font-weight: bold; }
tr.lost td.sign { background: #ffd6d6; color: #b71c1c; font-weight: bold; }
.path { color: #555; font-size: 0.88em; }
.who { font-weight: bold; }
.muted { color: #777; }
ul.details { margin: 0.2em 0 0 1em; padding: 0; color: #555; }
)";

std::string causeLinks(const Comparison &c, const std::vector<std::size_t> &causes)
{
    if (causes.empty())
        return "<span class=\"muted\">no single change identified</span>";
    std::string out;
    for (auto i : causes)
        out += (out.empty() ? "" : "<br>") + ("<a href=\"#change-" + std::to_string(i + 1) + "\">[" + std::to_string(i + 1) + "]</a> ")
            + html(c.changes[i].summary);
    return out;
}

void identityRows(std::string &out, const Comparison &c, const IdentityDelta &d)
{
    const std::size_t span = d.gained.size() + d.lost.size();
    bool first = true;
    for (const auto *list : {&d.gained, &d.lost}) {
        const bool gained = list == &d.gained;
        for (const auto &l : *list) {
            out += std::string("<tr class=\"") + (gained ? "gained" : "lost") + "\">";
            if (first) {
                std::string who = "<span class=\"who\">" + html(d.who.label()) + "</span><br><span class=\"muted\">"
                    + html(partyKindName(d.who.kind)) + (d.who.inBase ? "" : ", only in HEAD") + (d.who.inHead ? "" : ", only in BASE")
                    + (d.who.disabled ? ", account disabled" : "") + "</span>";
                out += "<td rowspan=\"" + std::to_string(span) + "\">" + who + "</td>";
                first = false;
            }
            out += std::string("<td class=\"sign\">") + (gained ? "+" : "&minus;") + "</td><td>" + html(l.text()) + "</td><td>"
                + causeLinks(c, l.causes);
            if (!l.path.text.empty())
                out += std::string("<div class=\"path\">") + (gained ? "HEAD: " : "BASE: ") + html(l.path.text) + "</div>";
            out += "</td></tr>\n";
        }
    }
}

void changeRows(std::string &out, const Comparison &c, bool effective)
{
    out += "<table>\n<tr><th>#</th><th>Change</th><th>Where</th></tr>\n";
    for (std::size_t i = 0; i < c.changes.size(); ++i) {
        const Change &ch = c.changes[i];
        if (ch.effective != effective)
            continue;
        out += "<tr id=\"change-" + std::to_string(i + 1) + "\"><td>" + std::to_string(i + 1) + "</td><td>" + html(ch.summary);
        if (!ch.details.empty()) {
            out += "<ul class=\"details\">";
            for (const auto &d : ch.details)
                out += "<li>" + html(d) + "</li>";
            out += "</ul>";
        }
        out += "</td><td>";
        if (!ch.baseSource.empty())
            out += "BASE " + html(ch.baseSource);
        if (!ch.headSource.empty())
            out += (ch.baseSource.empty() ? "" : "<br>") + ("HEAD " + html(ch.headSource));
        out += "</td></tr>\n";
    }
    out += "</table>\n";
}

} // namespace

std::string toHtml(const Comparison &c, const ReportInfo &info)
{
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Clearance: access changes</title>\n<style>\n";
    out += kStyle;
    out += "</style>\n</head>\n<body>\n<h1>Who gains and who loses access</h1>\n";
    out += "<p>BASE: <code>" + html(info.base) + "</code><br>HEAD: <code>" + html(info.head) + "</code></p>\n";
    out += "<p>" + html(summaryText(c)) + "</p>\n";
    if (!c.identities.empty()) {
        out += "<h2>Access gained (+) and lost (&minus;)</h2>\n<table>\n<tr><th>Who</th><th></th><th>What</th><th>Why</th></tr>\n";
        for (const auto &d : c.identities)
            identityRows(out, c, d);
        out += "</table>\n";
    } else {
        out += "<p>Nobody gains or loses access.</p>\n";
    }
    const bool anyEffective = std::any_of(c.changes.begin(), c.changes.end(), [](const Change &ch) { return ch.effective; });
    const bool anyIdle = std::any_of(c.changes.begin(), c.changes.end(), [](const Change &ch) { return !ch.effective; });
    if (anyEffective) {
        out += "<h2>Changes that alter access</h2>\n";
        changeRows(out, c, true);
    }
    if (anyIdle) {
        out += "<h2>Changes with no effect on access</h2>\n";
        changeRows(out, c, false);
    }
    for (const auto &n : c.notes)
        out += "<p class=\"muted\">" + html(n) + "</p>\n";
    out += "<p class=\"muted\">Generated by Clearance " CLEARANCE_VERSION ".</p>\n</body>\n</html>\n";
    return out;
}

} // namespace clr::compare
