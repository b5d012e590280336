#include "markerstore.h"

#include <algorithm>

const Marker *MarkerStore::find(int id) const
{
    const int i = indexOf(id);
    return i < 0 ? nullptr : &m_markers[i];
}

int MarkerStore::indexOf(int id) const
{
    for (int i = 0; i < m_markers.size(); ++i) {
        if (m_markers[i].id == id)
            return i;
    }
    return -1;
}

int MarkerStore::add(Marker marker)
{
    marker.id = m_nextId++;
    // The doors (the control socket, the HTTP API, the command line) refuse control characters
    // with a reason; what comes from a dialog is cleaned here, so none reaches the log.
    marker.label = MarkerText::cleaned(marker.label).trimmed();
    marker.notes = MarkerText::cleaned(marker.notes);
    if (marker.recordedLabel.isEmpty())
        marker.recordedLabel = marker.label;
    const int index = insertSorted(marker);
    emit added(m_markers[index], index);
    return marker.id;
}

bool MarkerStore::restore(const Marker &marker)
{
    if (marker.id <= 0 || marker.id >= m_nextId || indexOf(marker.id) >= 0)
        return false;
    const int index = insertSorted(marker);
    emit added(m_markers[index], index, true);
    return true;
}

int MarkerStore::insertSorted(const Marker &marker)
{
    const auto pos = std::upper_bound(
        m_markers.begin(), m_markers.end(), marker.timeMs, [](qint64 t, const Marker &m) { return t < m.timeMs; });
    const int index = int(pos - m_markers.begin());
    emit aboutToBeAdded(index);
    m_markers.insert(index, marker);
    return index;
}

bool MarkerStore::update(int id, const QString &label, const QString &notes)
{
    const int i = indexOf(id);
    if (i < 0)
        return false;
    Marker &m = m_markers[i];
    const QString newLabel = MarkerText::cleaned(label).trimmed();
    const QString newNotes = MarkerText::cleaned(notes);
    if (m.label == newLabel && m.notes == newNotes)
        return true;
    m.label = newLabel;
    m.notes = newNotes;
    emit changed(m, i);
    return true;
}

bool MarkerStore::remove(int id)
{
    const int i = indexOf(id);
    if (i < 0)
        return false;
    emit aboutToBeRemoved(i);
    const Marker m = m_markers.takeAt(i);
    emit removed(m, i);
    return true;
}

void MarkerStore::rebaseRecordedLabels()
{
    for (Marker &m : m_markers)
        m.recordedLabel = m.label;
}
