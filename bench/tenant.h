// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The benchmark tenant: generated once by clearance-gen-tenant into $CLEARANCE_BENCH_TENANT
// (default /tmp/clearance-bench-tenant), then read by every benchmark.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace bench {

inline std::string tenantDir()
{
    const char *env = std::getenv("CLEARANCE_BENCH_TENANT");
    return env && *env ? env : "/tmp/clearance-bench-tenant";
}

/** The tenant's files, generating the tenant first when it is not there yet. */
inline std::vector<std::string> tenantFiles()
{
    namespace fs = std::filesystem;
    const std::string dir = tenantDir();
    if (!fs::exists(fs::path(dir) / ".complete")) {
        const std::string cmd = std::string(CLEARANCE_GEN_TENANT) + " '" + dir + "' > /dev/null && touch '" + dir + "/.complete'";
        if (std::system(cmd.c_str()) != 0) {
            std::fprintf(stderr, "could not generate the tenant with: %s\n", cmd.c_str());
            std::exit(2);
        }
    }
    std::vector<std::string> files;
    for (const auto &e : fs::recursive_directory_iterator(dir)) {
        const auto ext = e.path().extension();
        if (e.is_regular_file() && (ext == ".json" || ext == ".yaml" || ext == ".yml"))
            files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace bench
