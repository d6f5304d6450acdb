// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;

namespace clr::ui {

class CodeView;

/**
 * Shows a loaded file at a line: where a problem was found or an object was defined. Understands
 * the demo's "<demo>/name" paths (read from the resources compiled into the binary).
 */
class SourceViewer final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourceViewer)

public:
    explicit SourceViewer(QWidget *parent = nullptr);

    /** Loads `file` and highlights `line` (1-based, 0 = none); false (and a message) when unreadable. */
    bool showFile(const QString &file, int line);
    QString file() const { return m_file; }
    CodeView *codeView() const { return m_code; }

    /** Where a diagnostics path is read from: the demo's resource path or the path itself. */
    static QString readablePath(const QString &file);

private:
    QLabel *m_title = nullptr;
    CodeView *m_code = nullptr;
    QString m_file;
};

} // namespace clr::ui
