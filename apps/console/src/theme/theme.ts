import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

/**
 * Local fonts only (government intranets have no internet): no Roboto, no web fonts.
 * Latin faces first, then the Chinese system faces of macOS, Windows and Linux.
 */
export const FONT_STACK = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"WenQuanYi Micro Hei"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  'Helvetica',
  'Arial',
  'sans-serif',
].join(', ');

const withLocalFonts = (theme: RaThemeOptions): RaThemeOptions => ({
  ...theme,
  typography: { ...theme.typography, fontFamily: FONT_STACK },
});

export const lightTheme = withLocalFonts(defaultLightTheme);
export const darkTheme = withLocalFonts(defaultDarkTheme);
