// SPDX-License-Identifier: GPL-3.0-or-later
// Building blocks measured on their own, without a tenant: the Azure action pattern matcher on a
// pathological pattern (it must stay polynomial) and the Entra directory at enterprise size.
#include "azure/dataactions.h"
#include "entra/directory.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <random>
#include <string>

using namespace clr;

namespace {

void BM_PatternMatchPathological(benchmark::State &state)
{
    // A backtracking matcher needs ~C(5000, 40) steps for the miss; an iterative one a few million.
    std::string pattern;
    for (int i = 0; i < 40; ++i)
        pattern += "*a";
    const std::string miss = pattern + "b";
    const std::string action(5000, 'a');
    for (auto _ : state) {
        benchmark::DoNotOptimize(azure::actionPatternMatches(miss, action));
        benchmark::DoNotOptimize(azure::actionPatternMatches(pattern, action));
    }
}

/** 200k users, 50k groups, 1.2M memberships nested a few levels deep: build, finalize, and the
 *  transitive groups of 2,000 users. */
void BM_DirectoryBuild(benchmark::State &state)
{
    constexpr int users = 200000;
    constexpr int groups = 50000;
    constexpr int memberships = 1200000;
    std::vector<std::string> ids;
    ids.reserve(users + groups);
    char buf[48];
    for (int i = 0; i < users + groups; ++i) {
        std::snprintf(buf, sizeof buf, "%08x-0000-4000-8000-000000000000", unsigned(i));
        ids.emplace_back(buf);
    }
    std::size_t reached = 0;
    for (auto _ : state) {
        entra::Directory dir;
        for (int i = 0; i < users + groups; ++i) {
            entra::Principal p;
            p.id = ids[std::size_t(i)];
            p.type = i < users ? entra::PrincipalType::User : entra::PrincipalType::Group;
            dir.upsert(std::move(p));
        }
        std::mt19937 random(42);
        for (int i = 0; i < memberships; ++i) {
            const auto group = entra::PrincipalId(users + random() % groups);
            auto member = entra::PrincipalId(random() % users);
            if (i % 50 == 0 && group > users)
                member = entra::PrincipalId(users + random() % (group - users));
            dir.addMembership(group, member);
        }
        dir.finalize();
        reached = 0;
        for (entra::PrincipalId p = 0; p < 2000; ++p)
            reached += dir.transitiveGroups(p).size();
    }
    state.counters["groups_per_user"] = double(reached) / 2000.0;
}

} // namespace

BENCHMARK(BM_PatternMatchPathological)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DirectoryBuild)->Unit(benchmark::kMillisecond)->Iterations(1);
