// SPDX-License-Identifier: GPL-3.0-or-later
#include "problems/sourceviewer.h"

#include "problems/codeview.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QVBoxLayout>

namespace clr::ui {

namespace {
constexpr qint64 kMaxBytes = 64 * 1024 * 1024; // a text view of more would be unusable anyway
const QString kDemoPrefix = QStringLiteral("<demo>/");
} // namespace

SourceViewer::SourceViewer(QWidget *parent)
    : QDialog(parent)
    , m_title(new QLabel(this))
    , m_code(new CodeView(this))
{
    setObjectName(QStringLiteral("sourceViewer"));
    setWindowTitle(tr("Source"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_code, 1);
    layout->addWidget(buttons);
    resize(900, 640);
}

QString SourceViewer::readablePath(const QString &file)
{
    if (file.startsWith(kDemoPrefix))
        return QStringLiteral(":/clearance/demo/") + file.mid(kDemoPrefix.size());
    return file;
}

bool SourceViewer::showFile(const QString &file, int line)
{
    m_file = file;
    setWindowTitle(line > 0 ? tr("%1:%2").arg(file).arg(line) : file);
    QFile f(readablePath(file));
    if (!f.open(QIODevice::ReadOnly)) {
        m_title->setText(tr("Cannot open %1: %2").arg(file, f.errorString()));
        m_code->clear();
        return false;
    }
    if (f.size() > kMaxBytes) {
        m_title->setText(tr("%1 is too large to show (%2 MB)").arg(file).arg(f.size() / (1024 * 1024)));
        m_code->clear();
        return false;
    }
    m_title->setText(line > 0 ? tr("<b>%1</b>, line %2").arg(file.toHtmlEscaped()).arg(line) : QStringLiteral("<b>%1</b>").arg(file.toHtmlEscaped()));
    m_code->setPlainText(QString::fromUtf8(f.readAll()));
    m_code->highlightLine(line);
    return true;
}

} // namespace clr::ui
