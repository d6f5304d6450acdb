// SPDX-License-Identifier: GPL-3.0-or-later
#include "problems/codeview.h"

#include "problems/linenumberarea.h"

#include <QFontDatabase>
#include <QPainter>
#include <QTextBlock>

namespace clr::ui {

CodeView::CodeView(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_margin(new LineNumberArea(this))
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodeView::updateMargin);
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy)
            m_margin->scroll(0, dy);
        else
            m_margin->update(0, rect.y(), m_margin->width(), rect.height());
    });
    updateMargin();
}

int CodeView::lineNumberWidth() const
{
    const int digits = QString::number(qMax(1, blockCount())).size();
    return 10 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits;
}

void CodeView::updateMargin()
{
    setViewportMargins(lineNumberWidth(), 0, 0, 0);
}

void CodeView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_margin->setGeometry(QRect(cr.left(), cr.top(), lineNumberWidth(), cr.height()));
}

void CodeView::paintLineNumbers(QWidget *area, const QRect &rect)
{
    QPainter painter(area);
    painter.fillRect(rect, palette().color(QPalette::AlternateBase));
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    while (block.isValid() && top <= rect.bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        const int number = block.blockNumber() + 1;
        if (block.isVisible() && top + height >= rect.top()) {
            QFont f = font();
            f.setBold(number == m_line);
            painter.setFont(f);
            painter.setPen(number == m_line ? palette().color(QPalette::Text) : palette().color(QPalette::PlaceholderText));
            painter.drawText(0, top, area->width() - 5, height, Qt::AlignRight | Qt::AlignVCenter, QString::number(number));
        }
        top += height;
        block = block.next();
    }
}

void CodeView::highlightLine(int line)
{
    m_line = line;
    QList<QTextEdit::ExtraSelection> selections;
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (line > 0 && block.isValid()) {
        QTextEdit::ExtraSelection sel;
        sel.format.setBackground(QColor(255, 236, 179));
        sel.format.setProperty(QTextFormat::FullWidthSelection, true);
        sel.cursor = QTextCursor(block);
        selections << sel;
        setTextCursor(QTextCursor(block));
        centerCursor();
    }
    setExtraSelections(selections);
    m_margin->update();
}

} // namespace clr::ui
