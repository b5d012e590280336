#include "serverkind.h"

#include <QCoreApplication>

#include <array>

namespace {

struct KindInfo
{
    ServerKind kind;
    const char *name;        // in the machines file
    const char *displayName; // shown to the person
    bool hasMetrics;
};

constexpr std::array<KindInfo, 9> kKinds { {
    { ServerKind::Auto, "auto", nullptr, true }, // unknown yet: /metrics is worth a try
    { ServerKind::LlamaCpp, "llamacpp", "llama.cpp", true },
    { ServerKind::Vllm, "vllm", "vLLM", true },
    { ServerKind::Sglang, "sglang", "SGLang", true },
    { ServerKind::Tgi, "tgi", "TGI", true },
    { ServerKind::Ollama, "ollama", "Ollama", false },
    { ServerKind::LmStudio, "lmstudio", "LM Studio", false },
    { ServerKind::Mlx, "mlx", "MLX", false }, // mlx_lm.server
    { ServerKind::OpenAi, "openai", nullptr, false },
} };

const KindInfo &infoOf(ServerKind kind)
{
    for (const KindInfo &info : kKinds) {
        if (info.kind == kind)
            return info;
    }
    return kKinds[0];
}

} // namespace

QString serverKindName(ServerKind kind)
{
    return QLatin1String(infoOf(kind).name);
}

std::optional<ServerKind> serverKindFromName(QStringView name)
{
    const QStringView trimmed = name.trimmed();
    for (const KindInfo &info : kKinds) {
        if (trimmed.compare(QLatin1String(info.name), Qt::CaseInsensitive) == 0)
            return info.kind;
    }
    return std::nullopt;
}

QString serverKindDisplayName(ServerKind kind)
{
    const KindInfo &info = infoOf(kind);
    if (info.displayName)
        return QLatin1String(info.displayName);
    if (kind == ServerKind::OpenAi)
        return QCoreApplication::translate("ServerKind", "OpenAI-compatible");
    return QCoreApplication::translate("ServerKind", "Detect automatically");
}

bool serverKindHasMetrics(ServerKind kind)
{
    return infoOf(kind).hasMetrics;
}
