// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPlainTextEdit>

namespace clr::ui {

/** A read-only text view with line numbers in the left margin and one highlighted line. */
class CodeView final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CodeView)

public:
    explicit CodeView(QWidget *parent = nullptr);

    /** Highlights 1-based `line` and centres it (0 = none). */
    void highlightLine(int line);
    int highlightedLine() const { return m_line; }
    int lineNumberWidth() const;
    /** Paints the line numbers into `area` (called by the margin widget). */
    void paintLineNumbers(QWidget *area, const QRect &rect);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateMargin();
    QWidget *m_margin = nullptr;
    int m_line = 0;
};

} // namespace clr::ui
