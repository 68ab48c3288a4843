import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export type { MessageKey };

/** The languages the UI speaks; zh-CN is the default. */
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';

export const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (locales as readonly string[]).includes(v);
}

export type Vars = Record<string, string | number>;

/** Fills {name} placeholders; unknown placeholders stay as they are. */
export function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** Returns the text of key in locale. */
export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  return format(catalogues[locale][key] ?? zhCN[key] ?? key, vars);
}

/** Reports whether key is in the catalogue (for keys built at run time). */
export function hasKey(key: string): key is MessageKey {
  return key in zhCN;
}
