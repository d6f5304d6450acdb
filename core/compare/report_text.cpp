// SPDX-License-Identifier: GPL-3.0-or-later
// The terminal report of a comparison. Names come from the input: every line goes through safe::line.
#include "compare/report.h"

#include "common/outputsafety.h"

#include <algorithm>

namespace clr::compare {

namespace {

std::string causeList(const Comparison &c, const std::vector<std::size_t> &causes)
{
    if (causes.empty())
        return "no single change identified";
    std::string out;
    for (auto i : causes)
        out += (out.empty() ? "" : "; ") + ('[' + std::to_string(i + 1) + "] ") + c.changes[i].summary;
    return out;
}

void line(std::string &out, const std::string &indent, const std::string &text)
{
    out += indent + safe::line(text) + '\n';
}

void lines(std::string &out, const Comparison &c, const std::vector<PermissionChange> &list, char sign, const char *side)
{
    for (const auto &l : list) {
        line(out, std::string("  ") + sign + ' ', l.text());
        line(out, "      ", "because: " + causeList(c, l.causes));
        if (!l.path.text.empty())
            line(out, "      ", std::string("path in ") + side + ": " + l.path.text);
    }
}

std::string sources(const Change &ch)
{
    std::string out;
    if (!ch.baseSource.empty())
        out += "BASE " + ch.baseSource;
    if (!ch.headSource.empty())
        out += (out.empty() ? "" : ", ") + ("HEAD " + ch.headSource);
    return out.empty() ? out : " (" + out + ')';
}

void changeList(std::string &out, const Comparison &c, bool effective)
{
    for (std::size_t i = 0; i < c.changes.size(); ++i) {
        const Change &ch = c.changes[i];
        if (ch.effective != effective)
            continue;
        line(out, "  ", '[' + std::to_string(i + 1) + "] " + ch.summary + sources(ch));
        for (const auto &d : ch.details)
            line(out, "        ", d);
    }
}

} // namespace

std::string summaryText(const Comparison &c)
{
    const auto effective = std::size_t(std::count_if(c.changes.begin(), c.changes.end(), [](const Change &ch) { return ch.effective; }));
    std::string out = std::to_string(c.gainedCount()) + " identities gained access, " + std::to_string(c.lostCount()) + " lost access ("
        + std::to_string(c.evaluated) + " evaluated); " + std::to_string(c.changes.size()) + " changes, "
        + std::to_string(c.changes.size() - effective) + " without effect";
    if (c.cancelled)
        out += "; cancelled";
    return out;
}

std::string toText(const Comparison &c, const ReportInfo &info)
{
    std::string out;
    line(out, "", "BASE " + info.base);
    line(out, "", "HEAD " + info.head);
    line(out, "", summaryText(c));
    if (!c.identities.empty()) {
        out += "\nWho gained (+) or lost (-) access:\n";
        for (const auto &d : c.identities) {
            std::string who = d.who.label() + " [" + partyKindName(d.who.kind) + ']';
            if (!d.who.inBase)
                who += " (only in HEAD)";
            if (!d.who.inHead)
                who += " (only in BASE)";
            if (d.who.disabled)
                who += " (account disabled: latent access)";
            line(out, "", who);
            lines(out, c, d.gained, '+', "HEAD");
            lines(out, c, d.lost, '-', "BASE");
        }
    }
    const bool anyEffective = std::any_of(c.changes.begin(), c.changes.end(), [](const Change &ch) { return ch.effective; });
    const bool anyIdle = std::any_of(c.changes.begin(), c.changes.end(), [](const Change &ch) { return !ch.effective; });
    if (anyEffective) {
        out += "\nChanges that alter access:\n";
        changeList(out, c, true);
    }
    if (anyIdle) {
        out += "\nChanges with no effect on access:\n";
        changeList(out, c, false);
    }
    if (c.changes.empty())
        out += "\nNo change between BASE and HEAD touches authorization.\n";
    for (const auto &n : c.notes)
        line(out, "note: ", n);
    return out;
}

} // namespace clr::compare
