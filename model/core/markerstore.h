#pragma once

#include "marker.h"

#include <QList>
#include <QObject>

// The session's markers, in time order. Views and the log writer follow its signals.
class MarkerStore : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    const QList<Marker> &markers() const { return m_markers; }
    const Marker *find(int id) const;
    int indexOf(int id) const;
    // Markers added since the store was made (removed ones still count): ids are given in order.
    int addedTotal() const { return m_nextId - 1; }

    // Stores the marker and returns its id.
    int add(Marker marker);
    bool update(int id, const QString &label, const QString &notes);
    bool remove(int id);
    // Puts back a removed marker as it was (its id and recorded label too), for undo: the log
    // already has its row, so it is announced as added with `restored` set.
    bool restore(const Marker &marker);
    // The markers were written to a new log as they read now: that label is what names each one
    // in the new log's sidecar from now on.
    void rebaseRecordedLabels();

signals:
    // Before the list changes, for item models that must announce rows first.
    void aboutToBeAdded(int index);
    void aboutToBeRemoved(int index);
    // `restored`: the marker was removed before and is back (undo); it is not new to the log.
    void added(const Marker &marker, int index, bool restored = false);
    void changed(const Marker &marker, int index);
    void removed(const Marker &marker, int index);

private:
    QList<Marker> m_markers;
    int insertSorted(const Marker &marker);

    int m_nextId = 1;
};
