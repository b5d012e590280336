#pragma once

#include <QList>
#include <QString>

#include <optional>

// The model servers perfdash knows (SOURCES.md §A): the kinds a machine's server can be set to.
enum class ServerKind { Auto, LlamaCpp, Vllm, Sglang, Tgi, Ollama, LmStudio, Mlx, OpenAi };

// Every kind, in the order the machines dialog offers them.
inline const QList<ServerKind> &allServerKinds()
{
    static const QList<ServerKind> kinds
        = { ServerKind::Auto, ServerKind::LlamaCpp, ServerKind::Vllm, ServerKind::Sglang, ServerKind::Tgi,
              ServerKind::Ollama, ServerKind::LmStudio, ServerKind::Mlx, ServerKind::OpenAi };
    return kinds;
}

QString serverKindName(ServerKind kind);                        // "llamacpp", "vllm", …
std::optional<ServerKind> serverKindFromName(QStringView name); // the names of the machines file
QString serverKindDisplayName(ServerKind kind);                 // "llama.cpp", "vLLM", …
// Ollama, LM Studio, mlx_lm and plain OpenAI-compatible servers expose no metrics: health only.
bool serverKindHasMetrics(ServerKind kind);
