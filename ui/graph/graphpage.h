// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/neighbourhood.h"
#include "session.h"

#include <QWidget>

#include <optional>
#include <string>

class QLabel;

namespace clr::ui {

class GraphScene;
class GraphView;

/**
 * The graph tab: the neighbourhood of the selected identity (principal → groups →
 * bindings/assignments → roles → scopes) or of the selected role, binding or assignment. Rebuilt
 * only while visible: selecting identities with the tab hidden costs nothing. Exports to PNG/SVG.
 */
class GraphPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphPage)

public:
    explicit GraphPage(QWidget *parent = nullptr);
    ~GraphPage() override;

    void setSession(SessionPtr session);
    void showSubject(SubjectRef subject);
    /** A PathStep ref of a role, binding, role definition or assignment. */
    void showObject(const QString &ref);
    /** What is drawn (built now if the page is hidden). */
    const Neighbourhood &neighbourhood();

    bool exportPng(const QString &path);
    bool exportSvg(const QString &path);
    GraphView *view() const { return m_view; }
    GraphScene *scene() const { return m_scene; }

Q_SIGNALS:
    void refActivated(const QString &ref);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void rebuild();
    void refreshIfVisible();
    void onNodeActivated(const GraphNode &node);
    void exportDialog(bool svg);

    SessionPtr m_session;
    std::optional<SubjectRef> m_subject;
    std::string m_object;
    bool m_dirty = false;
    Neighbourhood m_neighbourhood;
    QLabel *m_title = nullptr;
    GraphScene *m_scene = nullptr;
    GraphView *m_view = nullptr;
};

} // namespace clr::ui
