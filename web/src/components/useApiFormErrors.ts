import type { FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { mapFieldErrors, isApiError, errorCode, type NamePath } from '../api/errors';
import type { FieldDefinition } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';
import { hasKey } from '../i18n/messages';
import { errorText, reasonText } from './errorText';
import { competitionHistoryField } from '../lib/competitors';

export type Banner = { kind: 'conflict' } | { kind: 'error'; title: string; messages: string[] } | null;

/** The label of an API field name, for errors the form cannot place. */
export function useFieldLabel(defs: FieldDefinition[] = []) {
  const { t } = useI18n();
  return useCallback(
    (apiField: string) => {
      if (apiField.startsWith('custom.')) return defs.find((d) => `custom.${d.key}` === apiField)?.label ?? apiField.slice(7);
      if (apiField.startsWith('consent.')) {
        const k = `consent.${apiField.slice(8)}`;
        return `${t('field.consent')} · ${hasKey(k) ? t(k) : apiField.slice(8)}`;
      }
      if (apiField.startsWith('personal_profile.')) {
        const k = `profile.${apiField.slice(17)}`;
        return hasKey(k) ? t(k) : apiField;
      }
      const competition = competitionHistoryField(apiField);
      if (competition) {
        const part = competition.kind === 'presence' ? `competitor.presence.${competition.part}` : `dv.line.${competition.part}`;
        const head = competition.kind === 'presence' ? t('field.competitor') : t('dv.title');
        const party = competition.party === 'us' && competition.kind === 'worksheet' ? t('dv.us') : competition.party;
        return `${head} · ${party} · ${hasKey(part) ? t(part) : competition.part}`;
      }
      const k = `field.${apiField}`;
      return hasKey(k) ? t(k) : apiField;
    },
    [defs, t],
  );
}

/**
 * Turns a failed save into what the form shows: per-field errors on the
 * fields (API field names mapped by `known`), a conflict banner for 412,
 * and an error banner for everything else.
 */
export function useApiFormErrors(form: FormInstance, known: (apiField: string) => NamePath | undefined, defs?: FieldDefinition[]) {
  const { t, locale } = useI18n();
  const [banner, setBanner] = useState<Banner>(null);
  const fieldLabel = useFieldLabel(defs);

  const handle = useCallback(
    (e: unknown) => {
      const code = errorCode(e);
      if (code === 'precondition_failed') {
        setBanner({ kind: 'conflict' });
        return;
      }
      const fieldErrors = isApiError(e) ? e.fieldErrors : [];
      if (fieldErrors.length === 0) {
        setBanner({ kind: 'error', title: errorText(t, e), messages: [] });
        return;
      }
      // The API's messages are English: in English they say more than a
      // translated reason does, in Chinese the reason is what we can show.
      const reason = (r: string) => (locale === 'en' && (r === 'invalid' || r === 'unknown_value') ? undefined : reasonText(t, r));
      const mapped = mapFieldErrors(fieldErrors, known, reason, fieldLabel);
      form.setFields(mapped.fields.map((f) => ({ name: f.name, errors: f.errors.map(capitalize) })));
      if (mapped.fields.length) form.scrollToField(mapped.fields[0].name, { behavior: 'smooth', block: 'center' });
      setBanner({ kind: 'error', title: code === 'invalid' ? t('error.invalid') : errorText(t, e), messages: mapped.other });
    },
    [form, known, fieldLabel, locale, t],
  );

  return { banner, setBanner, handle };
}

function capitalize(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
