#pragma once

#include "marker.h"

#include <QHash>
#include <QObject>

class MarkerStore;
class QUndoStack;

// Undo and redo for the markers. Every change the store announces (an add, an edit, a delete,
// from the window or from outside it) goes on one QUndoStack; undoing a delete puts the marker
// back as it was (MarkerStore::restore), so the panel, the charts and the log's sidecar follow
// the store as they do for any change.
class MarkerUndo : public QObject
{
    Q_OBJECT
public:
    explicit MarkerUndo(MarkerStore *store, QObject *parent = nullptr);

    QUndoStack *stack() const { return m_stack; }

private:
    void onAdded(const Marker &marker, bool restored);
    void onChanged(const Marker &marker);
    void onRemoved(const Marker &marker);
    void push(const QString &text, const Marker *before, const Marker *after);

    MarkerStore *m_store;
    QUndoStack *m_stack;
    // The markers as they read now, so that an edit knows what it replaced.
    QHash<int, Marker> m_known;
    bool m_applying = false;
};
