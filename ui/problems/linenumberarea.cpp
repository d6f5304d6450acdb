// SPDX-License-Identifier: GPL-3.0-or-later
#include "problems/linenumberarea.h"

#include "problems/codeview.h"

#include <QPaintEvent>

namespace clr::ui {

LineNumberArea::LineNumberArea(CodeView *view)
    : QWidget(view)
    , m_view(view)
{
}

QSize LineNumberArea::sizeHint() const
{
    return QSize(m_view->lineNumberWidth(), 0);
}

void LineNumberArea::paintEvent(QPaintEvent *event)
{
    m_view->paintLineNumbers(this, event->rect());
}

} // namespace clr::ui
