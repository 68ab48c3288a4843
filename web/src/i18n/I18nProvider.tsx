import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { enumPrefixes, type EnumName } from './enums';
import { defaultLocale, hasKey, isLocale, translate, type Locale, type MessageKey, type Vars } from './messages';

const storageKey = 'guanxi.locale';

export interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  /** The label of an enum value; the value itself if it has none. */
  label: (name: EnumName, value: string | undefined | null) => string;
}

const Ctx = createContext<I18n | null>(null);

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(storageKey);
    if (isLocale(saved)) return saved;
  } catch {
    // storage may be unavailable; fall back to the default
  }
  return defaultLocale;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  // Before paint, so that the page never shows one language under another's lang.
  useLayoutEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(locale, 'app.name');
  }, [locale]);

  useEffect(() => {
    try {
      localStorage.setItem(storageKey, locale);
    } catch {
      // not remembered on this device; the server remembers it per user
    }
  }, [locale]);

  const setLocale = useCallback((l: Locale) => setLocaleState(l), []);
  const value = useMemo<I18n>(() => {
    // Set before children render so that dates format in the new language.
    dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
    const t = (key: MessageKey, vars?: Vars) => translate(locale, key, vars);
    const label = (name: EnumName, v: string | undefined | null) => {
      if (!v) return '';
      const key = `${enumPrefixes[name].prefix}.${v}`;
      return hasKey(key) ? t(key) : v;
    };
    return { locale, setLocale, t, label };
  }, [locale, setLocale]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
