// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace clr::ui {

/**
 * Find in the matrix (Ctrl+F on the Access matrix tab): a name, sign-in name or object ID, looked for
 * among the rows the view shows. Enter finds the next match, Shift+Enter the previous one, Esc closes.
 */
class MatrixFindBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatrixFindBar)

public:
    explicit MatrixFindBar(QWidget *parent = nullptr);

    /** Shows the bar with its text selected and the focus in it. */
    void activate();
    QLineEdit *edit() const { return m_edit; }
    QString text() const;
    void setStatus(const QString &text, bool found);

Q_SIGNALS:
    void findRequested(const QString &text, bool backwards);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLineEdit *m_edit = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace clr::ui
