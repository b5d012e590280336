#pragma once

#include <QCoreApplication>
#include <QMetaType>
#include <QString>

#include <cmath>
#include <limits>
#include <memory>

// The person's answer to a host-key or passphrase question (sources/ssh/hostkeydecision.h).
class HostKeyDecision;

// Where a machine's connection stands, as its panel shows it: connecting, connected, reconnecting in
// N s, failed: reason, or waiting for the person to trust an unknown host key.
struct ConnectionState
{
    enum Kind { Idle, Connecting, Connected, Reconnecting, Failed, AwaitingHostKey, AwaitingPassphrase };
    Kind kind = Idle;
    QString detail;                                              // why it is reconnecting or failed; translated
    int retryInSeconds = 0;                                      // Reconnecting: seconds until the next try
    QString os;                                                  // "Linux", "Darwin" (from `uname -s`) once connected
    double latencyMs = std::numeric_limits<double>::quiet_NaN(); // of the last sample: request to answer

    // AwaitingHostKey: what to show, and where the answer goes.
    QString host;        // as known_hosts names it: "name" or "[name]:port"
    QString keyType;     // e.g. "ED25519"
    QString fingerprint; // "SHA256:…", the way OpenSSH prints it
    QString knownHostsFile;
    // AwaitingPassphrase: the key file whose passphrase is asked for (answer(true, passphrase)).
    QString keyFile;
    std::shared_ptr<HostKeyDecision> decision;

    bool operator==(const ConnectionState &o) const
    {
        return kind == o.kind && detail == o.detail && retryInSeconds == o.retryInSeconds && os == o.os
            && fingerprint == o.fingerprint
            && (latencyMs == o.latencyMs || (std::isnan(latencyMs) && std::isnan(o.latencyMs)));
    }
    bool operator!=(const ConnectionState &o) const { return !(*this == o); }

    // For a log that prints each change once: whether this state says something that `said`, the
    // last one printed, did not. Not the countdown or the latency, and not the "connecting" of a
    // retry, which is part of its "reconnecting (why)": a machine that fails the same way on every
    // try is reported once, until the reason changes or it connects.
    bool isNewsAfter(const ConnectionState &said) const
    {
        if (kind == Connecting && said.kind == Reconnecting)
            return false;
        return kind != said.kind || detail != said.detail;
    }

    // One line for the person, e.g. "reconnecting in 4 s (connection refused)".
    QString text() const
    {
        const auto tr = [](const char *s) { return QCoreApplication::translate("ConnectionState", s); };
        switch (kind) {
        case Idle:
            return tr("not connected");
        case Connecting:
            return tr("connecting");
        case Connected:
            return tr("connected");
        case Reconnecting:
            return detail.isEmpty() ? tr("reconnecting in %1 s").arg(retryInSeconds)
                                    : tr("reconnecting in %1 s (%2)").arg(retryInSeconds).arg(detail);
        case Failed:
            return tr("failed: %1").arg(detail);
        case AwaitingHostKey:
            return tr("waiting for you to trust the host key %1").arg(fingerprint);
        case AwaitingPassphrase:
            return tr("waiting for the passphrase of %1").arg(keyFile);
        }
        return {};
    }
};

Q_DECLARE_METATYPE(ConnectionState)
