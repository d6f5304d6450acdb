// SPDX-License-Identifier: GPL-3.0-or-later
#include "matrix/matrixfindbar.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace clr::ui {

MatrixFindBar::MatrixFindBar(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("matrixFindBar"));
    m_edit->setObjectName(QStringLiteral("matrixFind"));
    m_edit->setPlaceholderText(tr("Find an identity by name, sign-in name or object ID"));
    m_edit->setClearButtonEnabled(true);
    m_edit->installEventFilter(this);
    m_status->setObjectName(QStringLiteral("matrixFindStatus"));
    auto *previous = new QToolButton(this);
    previous->setArrowType(Qt::UpArrow);
    previous->setToolTip(tr("Previous match (Shift+Enter)"));
    auto *next = new QToolButton(this);
    next->setArrowType(Qt::DownArrow);
    next->setToolTip(tr("Next match (Enter)"));
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Close (Esc)"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Find:"), this));
    layout->addWidget(m_edit, 1);
    layout->addWidget(previous);
    layout->addWidget(next);
    layout->addWidget(m_status);
    layout->addWidget(close);
    connect(m_edit, &QLineEdit::returnPressed, this, [this] { Q_EMIT findRequested(text(), false); });
    connect(next, &QToolButton::clicked, this, [this] { Q_EMIT findRequested(text(), false); });
    connect(previous, &QToolButton::clicked, this, [this] { Q_EMIT findRequested(text(), true); });
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void MatrixFindBar::activate()
{
    show();
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

QString MatrixFindBar::text() const
{
    return m_edit->text().trimmed();
}

void MatrixFindBar::setStatus(const QString &text, bool found)
{
    m_status->setText(text);
    QPalette p = m_edit->palette();
    p.setColor(QPalette::Base, found || m_edit->text().isEmpty() ? palette().color(QPalette::Base) : QColor(0xfd, 0xe2, 0xe2));
    m_edit->setPalette(p);
}

bool MatrixFindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            hide();
            return true;
        }
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && (key->modifiers() & Qt::ShiftModifier)) {
            Q_EMIT findRequested(text(), true);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace clr::ui
