#pragma once

#include <QMetaType>
#include <QString>

// What the person sees on a machine's server badge: up, loading or down, since when, and why.
struct ServerState
{
    enum Status { Unknown, Up, Loading, Down };
    Status status = Unknown;
    QString detail;     // e.g. "llama.cpp, /metrics" or "connection refused"
    qint64 sinceMs = 0; // when the status last changed

    bool operator==(const ServerState &o) const { return status == o.status && detail == o.detail; }
    bool operator!=(const ServerState &o) const { return !(*this == o); }
};

Q_DECLARE_METATYPE(ServerState)
