import { errorCode, isApiError } from '../api/errors';
import { hasKey, type MessageKey, type Vars } from '../i18n/messages';

type T = (key: MessageKey, vars?: Vars) => string;

/** The user-facing text of an error, by its stable code. */
export function errorText(t: T, error: unknown): string {
  const code = errorCode(error);
  const key = `error.${code}`;
  if (hasKey(key)) return t(key);
  if (isApiError(error) && error.problem?.detail) return error.problem.detail;
  return t('error.unknown');
}

/** The text of a field problem's reason, or undefined to use the API's message. */
export function reasonText(t: T, reason: string): string | undefined {
  const key = `reason.${reason}`;
  return hasKey(key) ? t(key) : undefined;
}
