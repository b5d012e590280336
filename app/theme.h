#pragma once

#include <QPalette>

// The window's colors: the system's (the platform theme's palette), or light or dark whatever the
// system says (View → Theme, kept in AppSettings). The charts follow whichever is applied.
namespace Theme {

enum class Choice { System, Light, Dark };

void apply(Choice choice);
QPalette darkPalette();
// "system", "light", "dark" in the settings; anything else is System.
Choice fromName(const QString &name);
QString name(Choice choice);

} // namespace Theme
