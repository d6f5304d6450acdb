// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <string>

class QPoint;
class QTableView;
class QWidget;

namespace clr::ui {

class IdentityDropHandler;
class MatrixPage;

/**
 * Makes the access matrix a drop target for identities without changing the matrix page: an
 * identity dropped on a row drafts access in that row's namespace (the page's namespace, or the
 * row's in the one-identity view), dropped on the namespace selector in the selected namespace.
 * The handler asks which role (least privilege preselected).
 */
class MatrixDropFilter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatrixDropFilter)

public:
    MatrixDropFilter(MatrixPage *page, IdentityDropHandler *handler, QObject *parent = nullptr);

    /** The namespace a drop at `viewportPos` targets (false when none).*/
    bool namespaceAt(const QPoint &viewportPos, std::string *ns) const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    MatrixPage *m_page;
    IdentityDropHandler *m_handler;
    QWidget *m_combo = nullptr;
};

} // namespace clr::ui
