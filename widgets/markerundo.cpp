#include "markerundo.h"

#include "markerstore.h"

#include <QUndoCommand>
#include <QUndoStack>

#include <optional>

namespace {

// One marker going from `before` to `after`; either may be absent (an add, a delete). The change
// has already happened when the command is pushed, so its first redo does nothing.
class MarkerCommand : public QUndoCommand
{
public:
    MarkerCommand(const QString &text, MarkerStore *store, bool *applying, std::optional<Marker> before,
        std::optional<Marker> after)
        : QUndoCommand(text)
        , m_store(store)
        , m_applying(applying)
        , m_before(std::move(before))
        , m_after(std::move(after))
    { }

    void undo() override { apply(m_before, m_after); }
    void redo() override
    {
        if (m_done)
            apply(m_after, m_before);
        m_done = true;
    }

private:
    void apply(const std::optional<Marker> &target, const std::optional<Marker> &current)
    {
        *m_applying = true;
        if (!target)
            m_store->remove(current->id);
        else if (m_store->find(target->id))
            m_store->update(target->id, target->label, target->notes);
        else
            m_store->restore(*target);
        *m_applying = false;
    }

    MarkerStore *m_store;
    bool *m_applying;
    std::optional<Marker> m_before;
    std::optional<Marker> m_after;
    bool m_done = false;
};

} // namespace

MarkerUndo::MarkerUndo(MarkerStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_stack(new QUndoStack(this))
{
    for (const Marker &m : store->markers())
        m_known.insert(m.id, m);
    connect(store, &MarkerStore::added, this, [this](const Marker &m, int, bool restored) { onAdded(m, restored); });
    connect(store, &MarkerStore::changed, this, &MarkerUndo::onChanged);
    connect(store, &MarkerStore::removed, this, &MarkerUndo::onRemoved);
}

void MarkerUndo::onAdded(const Marker &marker, bool restored)
{
    m_known.insert(marker.id, marker);
    if (!restored)
        push(tr("Add marker “%1”").arg(marker.label), nullptr, &marker);
}

void MarkerUndo::onChanged(const Marker &marker)
{
    const Marker before = m_known.value(marker.id, marker);
    m_known.insert(marker.id, marker);
    push(tr("Edit marker “%1”").arg(before.label), &before, &marker);
}

void MarkerUndo::onRemoved(const Marker &marker)
{
    m_known.remove(marker.id);
    push(tr("Delete marker “%1”").arg(marker.label), &marker, nullptr);
}

void MarkerUndo::push(const QString &text, const Marker *before, const Marker *after)
{
    if (m_applying)
        return;
    auto optional = [](const Marker *m) { return m ? std::optional<Marker>(*m) : std::nullopt; };
    m_stack->push(new MarkerCommand(text, m_store, &m_applying, optional(before), optional(after)));
}
