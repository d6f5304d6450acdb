// SPDX-License-Identifier: GPL-3.0-or-later
#include "drafts/matrixdropfilter.h"

#include "drafts/identitydrophandler.h"
#include "matrix/matrixpage.h"
#include "models/matrixmodel.h"

#include <QComboBox>
#include <QDropEvent>
#include <QHeaderView>
#include <QTableView>

namespace clr::ui {

MatrixDropFilter::MatrixDropFilter(MatrixPage *page, IdentityDropHandler *handler, QObject *parent)
    : QObject(parent)
    , m_page(page)
    , m_handler(handler)
    , m_combo(page->findChild<QComboBox *>(QStringLiteral("namespaceCombo")))
{
    page->view()->viewport()->setAcceptDrops(true);
    page->view()->viewport()->installEventFilter(this);
    page->view()->verticalHeader()->viewport()->setAcceptDrops(true);
    page->view()->verticalHeader()->viewport()->installEventFilter(this);
    if (m_combo) {
        m_combo->setAcceptDrops(true);
        m_combo->installEventFilter(this);
    }
}

bool MatrixDropFilter::namespaceAt(const QPoint &viewportPos, std::string *ns) const
{
    MatrixModel *model = m_page->currentModel();
    if (!model || model->rowCount() == 0)
        return false;
    if (m_page->mode() != MatrixPage::Mode::OneIdentity) {
        *ns = m_page->namespaceName().toStdString();
        return true;
    }
    const int viewRow = m_page->view()->rowAt(viewportPos.y());
    if (viewRow < 0 || m_page->view()->model()->columnCount() == 0)
        return false;
    const int row = m_page->sourceIndex(m_page->view()->model()->index(viewRow, 0)).row(); // a namespace of the principal's matrix
    if (row < 0)
        return false;
    for (int c = 0; c < model->columnCount(); ++c) {
        if (model->column(c).namespaced) {
            *ns = model->targetAt(model->index(row, c)).request.ns;
            return true;
        }
    }
    return false;
}

bool MatrixDropFilter::eventFilter(QObject *watched, QEvent *event)
{
    const auto type = event->type();
    if (type != QEvent::DragEnter && type != QEvent::DragMove && type != QEvent::Drop)
        return QObject::eventFilter(watched, event);
    auto *drop = static_cast<QDropEvent *>(event);
    std::string ns;
    const bool onCombo = watched == m_combo;
    const bool found = onCombo ? (ns = m_page->namespaceName().toStdString(), true) : namespaceAt(drop->position().toPoint(), &ns);
    const DropTarget target{DropTarget::Kind::Namespace, {}, ns, {}};
    if (!found || !m_handler->canDropIdentities(drop->mimeData(), target)) {
        drop->ignore();
        return type == QEvent::Drop;
    }
    drop->setDropAction(Qt::CopyAction);
    drop->accept();
    if (type == QEvent::Drop)
        m_handler->dropIdentities(drop->mimeData(), target);
    return true;
}

} // namespace clr::ui
