// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/options.h"

#include <functional>
#include <map>

namespace clr::cli {

namespace {

using Setter = std::function<void(Options &, const std::string &)>;

const std::map<std::string, Setter> &valueFlags()
{
    static const std::map<std::string, Setter> flags = {
        {"-f", [](Options &o, const std::string &v) { o.files.push_back(v); }},
        {"--filename", [](Options &o, const std::string &v) { o.files.push_back(v); }},
        {"-n", [](Options &o, const std::string &v) { o.ns = v; o.nsGiven = true; }},
        {"--namespace", [](Options &o, const std::string &v) { o.ns = v; o.nsGiven = true; }},
        {"--subresource", [](Options &o, const std::string &v) { o.subresource = v; }},
        {"--as", [](Options &o, const std::string &v) { o.as = v; }},
        {"--as-group", [](Options &o, const std::string &v) { o.asGroups.push_back(v); }},
        {"-o", [](Options &o, const std::string &v) { o.output = v; o.outputGiven = true; }},
        {"--output", [](Options &o, const std::string &v) { o.output = v; o.outputGiven = true; }},
        {"--cluster", [](Options &o, const std::string &v) { o.cluster = v; }},
        {"--out-dir", [](Options &o, const std::string &v) { o.outDir = v; }},
        {"--from-audit", [](Options &o, const std::string &v) { o.fromAudit = v; }},
        {"--user", [](Options &o, const std::string &v) { o.user = v; }},
        {"--group", [](Options &o, const std::string &v) { o.group = v; }},
        {"--serviceaccount", [](Options &o, const std::string &v) { o.serviceAccount = v; }},
        {"--allow", [](Options &o, const std::string &v) { o.allow.push_back(v); }},
        {"--what", [](Options &o, const std::string &v) { o.what = v; }},
        {"--replace-binding", [](Options &o, const std::string &v) { o.replaceBinding = v; }},
        {"--name", [](Options &o, const std::string &v) { o.objectName = v; }},
        {"--view", [](Options &o, const std::string &v) { o.view = v; }},
        {"--columns", [](Options &o, const std::string &v) { o.columns.push_back(v); }},
        {"--kind", [](Options &o, const std::string &v) { o.kinds.push_back(v); }},
        {"--plane", [](Options &o, const std::string &v) { o.planes.push_back(v); }},
        {"--member-of", [](Options &o, const std::string &v) { o.memberOf = v; }},
        {"--accounts", [](Options &o, const std::string &v) { o.accounts = v; }},
        {"--sort", [](Options &o, const std::string &v) { o.sort = v; }},
        {"--base", [](Options &o, const std::string &v) { o.base.push_back(v); }},
        {"--head", [](Options &o, const std::string &v) { o.head.push_back(v); }},
        {"--fail-on", [](Options &o, const std::string &v) { o.failOn = v; }},
        {"--refresh", [](Options &o, const std::string &v) { o.refresh = v; }},
        {"--kubeconfig", [](Options &o, const std::string &v) { o.kubeconfig = v; }},
        {"--context", [](Options &o, const std::string &v) { o.context = v; }},
        {"--subscription", [](Options &o, const std::string &v) { o.subscriptions.push_back(v); }},
        {"--auth", [](Options &o, const std::string &v) { o.auth = v; }},
        {"--tenant", [](Options &o, const std::string &v) { o.tenant = v; }},
        {"--client-id", [](Options &o, const std::string &v) { o.clientId = v; }},
        {"--cloud", [](Options &o, const std::string &v) { o.cloud = v; }},
        {"--login-url", [](Options &o, const std::string &v) { o.loginUrl = v; }},
        {"--graph-url", [](Options &o, const std::string &v) { o.graphUrl = v; }},
        {"--arm-url", [](Options &o, const std::string &v) { o.armUrl = v; }},
        {"--ca-file", [](Options &o, const std::string &v) { o.caFile = v; }},
        {"--allow-exec", [](Options &o, const std::string &v) { o.allowExec.push_back(v); }},
        {"--page-size", [](Options &o, const std::string &v) { o.pageSize = v; }},
    };
    return flags;
}

const std::map<std::string, bool Options::*> &boolFlags()
{
    static const std::map<std::string, bool Options::*> flags = {
        {"-A", &Options::allNamespaces}, {"--all-namespaces", &Options::allNamespaces},
        {"--list", &Options::list},      {"-q", &Options::quiet},
        {"--quiet", &Options::quiet},    {"--strict", &Options::strict},
        {"-v", &Options::verbose},       {"--verbose", &Options::verbose},
        {"--no-headers", &Options::noHeaders}, {"--demo", &Options::demo},
        {"--expand-verbs", &Options::expandVerbs},
        {"--only-allowed", &Options::onlyAllowed}, {"--all-rows", &Options::allRows},
        {"--live", &Options::live},      {"--no-kubernetes", &Options::noKubernetes},
        {"--no-graph", &Options::noGraph}, {"--no-arm", &Options::noArm},
        {"-h", &Options::help},          {"--help", &Options::help},
    };
    return flags;
}

} // namespace

std::optional<std::string> parseOptions(const std::vector<std::string> &args, Options &out)
{
    bool flagsDone = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string arg = args[i];
        if (flagsDone || arg == "-" || arg.size() < 2 || arg[0] != '-') {
            if (out.command.empty())
                out.command = arg;
            else
                out.positional.push_back(arg);
            continue;
        }
        if (arg == "--") {
            flagsDone = true;
            continue;
        }
        std::string value;
        bool hasValue = false;
        if (const auto eq = arg.find('='); eq != std::string::npos && arg.rfind("--", 0) == 0) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            hasValue = true;
        }
        if (auto b = boolFlags().find(arg); b != boolFlags().end()) {
            if (hasValue)
                return "flag " + arg + " takes no value";
            out.*(b->second) = true;
            continue;
        }
        auto v = valueFlags().find(arg);
        if (v == valueFlags().end() && arg.size() > 2 && arg[1] != '-') { // -nfoo, -fFILE
            v = valueFlags().find(arg.substr(0, 2));
            if (v != valueFlags().end()) {
                value = arg.substr(2);
                hasValue = true;
            }
        }
        if (v == valueFlags().end())
            return "unknown flag: " + args[i];
        if (!hasValue) {
            if (i + 1 >= args.size())
                return "flag " + arg + " needs a value";
            value = args[++i];
        }
        v->second(out, value);
    }
    return std::nullopt;
}

} // namespace clr::cli
