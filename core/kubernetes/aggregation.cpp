// SPDX-License-Identifier: GPL-3.0-or-later
// ClusterRole aggregation as pkg/controller/clusterroleaggregation does it, iterated to a fixed point
// because an aggregated ClusterRole may itself be selected by another one.
#include "kubernetes/model.h"
#include "kubernetes/rules.h"

#include <algorithm>

namespace clr::k8s {

bool LabelSelector::matches(const std::map<std::string, std::string> &labels) const
{
    for (const auto &[key, value] : matchLabels) {
        auto it = labels.find(key);
        if (it == labels.end() || it->second != value)
            return false;
    }
    for (const auto &req : matchExpressions) {
        auto it = labels.find(req.key);
        const bool has = it != labels.end();
        const bool inValues = has && std::find(req.values.begin(), req.values.end(), it->second) != req.values.end();
        switch (req.op) {
        case LabelRequirement::Op::In:
            if (!inValues)
                return false;
            break;
        case LabelRequirement::Op::NotIn:
            if (inValues)
                return false;
            break;
        case LabelRequirement::Op::Exists:
            if (!has)
                return false;
            break;
        case LabelRequirement::Op::DoesNotExist:
            if (has)
                return false;
            break;
        }
    }
    return true;
}

namespace {

struct Aggregate
{
    std::vector<PolicyRule> rules;
    std::vector<std::string> origins;
};

Aggregate aggregateOnce(const std::vector<Role> &roles, const Role &target, const std::vector<std::size_t> &clusterRolesByName)
{
    Aggregate out;
    for (const auto &selector : target.clusterRoleSelectors) {
        for (std::size_t idx : clusterRolesByName) { // the controller sorts the selected roles by name
            const Role &other = roles[idx];
            if (other.name == target.name || !selector.matches(other.labels))
                continue;
            for (const auto &rule : other.rules) {
                if (std::find(out.rules.begin(), out.rules.end(), rule) != out.rules.end())
                    continue;
                out.rules.push_back(rule);
                // Chained aggregation: keep the origin of the leaf rule, not the intermediate role.
                const auto pos = std::size_t(&rule - other.rules.data());
                out.origins.push_back(other.aggregated && pos < other.ruleOrigins.size() ? other.ruleOrigins[pos] : other.name);
            }
        }
    }
    return out;
}

} // namespace

void aggregateClusterRoles(std::vector<Role> &roles)
{
    std::vector<std::size_t> clusterRoles;
    for (std::size_t i = 0; i < roles.size(); ++i) {
        if (roles[i].cluster)
            clusterRoles.push_back(i);
    }
    std::stable_sort(clusterRoles.begin(), clusterRoles.end(), [&](auto a, auto b) { return roles[a].name < roles[b].name; });
    for (std::size_t i : clusterRoles) {
        if (roles[i].aggregated) {
            roles[i].rules.clear(); // the controller overwrites the rules field
            roles[i].ruleOrigins.clear();
        }
    }
    // Each round can only add rules (union of finite sets), so this terminates; bound it anyway.
    for (std::size_t round = 0; round <= clusterRoles.size(); ++round) {
        bool changed = false;
        for (std::size_t i : clusterRoles) {
            if (!roles[i].aggregated)
                continue;
            Aggregate next = aggregateOnce(roles, roles[i], clusterRoles);
            if (next.rules != roles[i].rules) {
                roles[i].rules = std::move(next.rules);
                roles[i].ruleOrigins = std::move(next.origins);
                changed = true;
            }
        }
        if (!changed)
            break;
    }
}

} // namespace clr::k8s
