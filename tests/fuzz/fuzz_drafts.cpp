// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: any bytes as a saved drafts file (drafts.json). Invariant: whatever parses is written
// back exactly: fromJson(toJson(set)) == set, and toJson is deterministic.
#include "drafts/draft.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const auto set = clr::drafts::fromJson(input, &error);
    if (!set) {
        if (error.isEmpty()) {
            std::fprintf(stderr, "invariant broken: a refused drafts file without a reason\n");
            std::abort();
        }
        return 0;
    }
    const QByteArray written = clr::drafts::toJson(*set);
    const auto back = clr::drafts::fromJson(written, &error);
    if (!back || !(*back == *set) || clr::drafts::toJson(*back) != written) {
        std::fprintf(stderr, "invariant broken: a drafts file does not survive being written and read back\n");
        std::abort();
    }
    return 0;
}
