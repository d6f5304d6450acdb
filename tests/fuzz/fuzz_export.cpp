// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the exporters: the fuzzer's bytes are a name; a ClusterRole, a Role and two
// bindings carrying it (as object name, namespace, label value, resource name, every subject kind,
// display name and header comment), an Azure role assignment whose every field is it, and a
// matrix labelled with it are exported as YAML, a JSON List, an az script, an ARM template, CSV
// and HTML. Each output is read back by an independent reader (yaml-cpp, nlohmann, a bash word
// splitter for the script's form, ARM's literal rule, RFC 4180, HTML entities): exactly one
// document, command or row per object, and the name intact (ill-formed UTF-8 becoming U+FFFD in
// the UTF-8 formats). Any violation aborts, which libFuzzer reports with the input.
// Builds against the core's public headers; links clearance_core, yaml-cpp and nlohmann_json.
// The seed corpus is tests/fuzz/corpus/export/ (tst_exportsafety also runs it as a plain test).
#include "export_roundtrip.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > 8192) // longer names exercise nothing new and only slow the run down
        return 0;
    const std::string name(reinterpret_cast<const char *>(data), size);
    const std::string why = roundtrip::checkAll(name);
    if (!why.empty()) {
        std::fprintf(stderr, "fuzz_export: %s\n", why.c_str());
        std::abort();
    }
    return 0;
}
