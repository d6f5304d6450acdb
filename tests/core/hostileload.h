// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers for the hostile-input tests: loading on a worker thread with a deadline (a hang fails the
// test instead of hanging it), and checks of diagnostics (message, file:line:column, severity) and
// of the loaded data (snapshotdump.h facts).

#include "load/loader.h"
#include "snapshotdump.h"

#include <QTest>

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace clr::test::hostile {

using Inputs = std::vector<std::pair<std::string, std::string>>;

/** A valid object loaded next to every hostile input: "the rest still loads". */
inline const char *const kGoodFile = "good.yaml";
inline const char *const kGoodYaml = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: good\nrules: []\n";
inline const char *const kAfterYaml = "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: after\n";

/**
 * Loads in-memory files on a worker thread and waits at most `deadline`: a loader that hangs (as
 * yaml-cpp's LoadAll did on ",") ends the test process with a failure instead of hanging it.
 */
inline Snapshot loadWithin(Inputs inputs, std::chrono::milliseconds deadline = std::chrono::seconds(30))
{
    auto result = std::make_shared<std::promise<Snapshot>>();
    auto done = result->get_future();
    std::thread([result, inputs = std::move(inputs)] {
        SnapshotLoader loader(LoadOptions{false, {}, nullptr});
        for (const auto &[name, content] : inputs)
            loader.addContent(name, content);
        result->set_value(loader.finish());
    }).detach();
    if (done.wait_for(deadline) != std::future_status::ready)
        qFatal("the loader did not return within %lld ms: it hangs on this input", static_cast<long long>(deadline.count()));
    return done.get();
}

inline QStringList diagnosticLines(const Snapshot &s)
{
    QStringList out;
    for (const auto &d : s.diagnostics)
        out.append(QString::fromStdString(d.toString()));
    return out;
}

inline const Diagnostic *findDiagnostic(const Snapshot &s, const QString &message)
{
    for (const auto &d : s.diagnostics) {
        if (QString::fromStdString(d.message).contains(message))
            return &d;
    }
    return nullptr;
}

/** The diagnostic with `message` is there, with this file, line, column and severity. */
inline void verifyDiagnostic(const Snapshot &s, const QString &file, const QString &message, int line, int column,
                             Diagnostic::Severity severity)
{
    const Diagnostic *d = findDiagnostic(s, message);
    if (!d)
        QFAIL(qPrintable(QStringLiteral("no diagnostic with \"%1\" in:\n%2").arg(message, diagnosticLines(s).join(QLatin1Char('\n')))));
    QCOMPARE(QString::fromStdString(d->file), file);
    QCOMPARE(d->line, line);
    QCOMPARE(d->column, column);
    QCOMPARE(int(d->severity), int(severity));
}

inline void verifyFacts(const QStringList &patterns, const QStringList &actual)
{
    for (const QString &pattern : patterns) {
        if (!anyMatches(pattern, actual))
            QFAIL(qPrintable(QStringLiteral("missing: %1\nin:\n%2").arg(pattern, actual.join(QLatin1Char('\n')))));
    }
}

inline void verifyAbsent(const QStringList &patterns, const QStringList &actual)
{
    for (const QString &pattern : patterns) {
        if (anyMatches(pattern, actual))
            QFAIL(qPrintable(QStringLiteral("unexpected: %1\nin:\n%2").arg(pattern, actual.join(QLatin1Char('\n')))));
    }
}

inline QStringList lines(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QString::fromUtf8(item));
    return out;
}

inline std::string repeat(const std::string &s, int n)
{
    std::string out;
    out.reserve(s.size() * std::size_t(n));
    for (int i = 0; i < n; ++i)
        out += s;
    return out;
}

/** Runs `load` on a worker thread; a hang (a pipe opened for reading) fails instead of blocking. */
inline Snapshot runWithin(std::function<Snapshot()> load, std::chrono::milliseconds deadline)
{
    auto result = std::make_shared<std::promise<Snapshot>>();
    auto done = result->get_future();
    std::thread([result, load = std::move(load)] { result->set_value(load()); }).detach();
    if (done.wait_for(deadline) != std::future_status::ready)
        qFatal("the loader did not return within %lld ms", static_cast<long long>(deadline.count()));
    return done.get();
}

} // namespace clr::test::hostile
