import chineseMessages from '@haxqer/ra-language-chinese';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { mergeTranslations, type I18nProvider, type TranslationMessages } from 'react-admin';
import { en } from './en';
import { zh } from './zh';

export type Locale = 'zh' | 'en';
export const DEFAULT_LOCALE: Locale = 'zh';

/**
 * The Chinese pack still titles a record page `%{name} #%{id}` (a raw UUID in the title bar): react-admin 5 names
 * the record by its representation (a notice's 文号, a user's name), as the English pack does.
 */
const chinesePageTitles = {
  ra: { page: { show: '%{name} %{recordRepresentation}', edit: '%{name} %{recordRepresentation}' } },
} as unknown as TranslationMessages;

/** The Chinese pack lacks a few of react-admin 5's keys: laid over the English ones, those fall back to English. */
const messages: Record<Locale, TranslationMessages> = {
  zh: mergeTranslations(englishMessages, chineseMessages as TranslationMessages, chinesePageTitles, zh),
  en: mergeTranslations(englishMessages, en),
};

const htmlLang: Record<Locale, string> = { zh: 'zh-CN', en: 'en' };

function setHtmlLang(locale: string): void {
  document.documentElement.lang = htmlLang[locale as Locale] ?? locale;
}

const polyglot = polyglotI18nProvider((locale) => messages[locale as Locale] ?? messages[DEFAULT_LOCALE], DEFAULT_LOCALE, [
  { locale: 'zh', name: '中文' },
  { locale: 'en', name: 'English' },
]);

/** Keeps `<html lang>` in step with the chosen locale (screen readers, font selection). */
export const i18nProvider: I18nProvider = {
  ...polyglot,
  changeLocale: async (locale, options) => {
    await polyglot.changeLocale(locale, options);
    setHtmlLang(locale);
  },
};

/** The console's language now (the API is asked to answer in it). */
export const currentLocale = (): string => i18nProvider.getLocale();
