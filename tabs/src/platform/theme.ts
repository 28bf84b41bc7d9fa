import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme } from '@fluentui/react-components';
import type { Theme } from '@fluentui/react-components';

/** The three Teams themes PeerLoop supports. */
export type ThemeName = 'light' | 'dark' | 'contrast';

export const THEME_LABELS: Record<ThemeName, string> = {
  light: 'Light',
  dark: 'Dark',
  contrast: 'High contrast',
};

const FLUENT_THEMES: Record<ThemeName, Theme> = {
  light: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

/** The Fluent theme object for a theme name. */
export function fluentTheme(name: ThemeName): Theme {
  return FLUENT_THEMES[name];
}

/** Maps the Teams host theme ('default' | 'dark' | 'contrast', or anything newer) to ours. */
export function themeFromTeams(teamsTheme: string | undefined): ThemeName {
  if (teamsTheme === 'dark') return 'dark';
  if (teamsTheme === 'contrast') return 'contrast';
  return 'light';
}

/** Reads `?theme=dark|contrast|light` (browser mode); anything else means light. */
export function themeFromUrl(params: URLSearchParams): ThemeName {
  const value = params.get('theme');
  return value === 'dark' || value === 'contrast' ? value : 'light';
}
