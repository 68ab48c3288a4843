import type { components } from './schema';

export type Problem = components['schemas']['Problem'];
export type FieldError = components['schemas']['FieldError'];

/** An error response of the API, or a failure to reach it (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem?: Problem;

  constructor(status: number, problem?: Problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = typeof problem === 'object' && problem ? problem : undefined;
    this.code = this.problem?.code || codeForStatus(status);
  }

  static network(cause: unknown): ApiError {
    const e = new ApiError(0);
    e.cause = cause;
    return e;
  }

  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }
}

function codeForStatus(status: number): string {
  switch (status) {
    case 0:
      return 'network';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 412:
      return 'precondition_failed';
    case 413:
      return 'too_large';
    case 422:
      return 'invalid';
    case 428:
      return 'precondition_required';
    case 429:
      return 'rate_limited';
  }
  return status >= 500 ? 'internal' : 'unknown';
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

export function errorCode(e: unknown): string {
  return isApiError(e) ? e.code : 'unknown';
}

/** A form field's path, as antd Form names it: "personal_profile.birthday" -> ["personal_profile", "birthday"]. */
export type NamePath = (string | number)[];

export interface FormFieldErrors {
  /** Errors that belong to a field shown in the form. */
  fields: { name: NamePath; errors: string[] }[];
  /** Errors for fields the form does not show, as "Label: text". */
  other: string[];
}

/**
 * Maps the API's per-field problems onto form fields. `known` says which
 * API field names the form shows (and may rename them: the API's
 * "credit_limit.amount" is the form's "credit_limit_yuan"); `reasonText`
 * translates a reason and returns undefined for reasons it does not know,
 * in which case the API's message is shown.
 */
export function mapFieldErrors(
  errors: FieldError[],
  known: (apiField: string) => NamePath | undefined,
  reasonText: (reason: string) => string | undefined,
  fieldLabel: (apiField: string) => string,
): FormFieldErrors {
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const other: string[] = [];
  for (const fe of errors) {
    const text = reasonText(fe.reason) ?? fe.message ?? fe.reason;
    const name = fe.field ? known(fe.field) : undefined;
    if (!name) {
      const label = fe.field ? fieldLabel(fe.field) : '';
      const msg = fe.message && reasonText(fe.reason) === undefined ? fe.message : text;
      other.push(label ? `${label}: ${msg}` : msg);
      continue;
    }
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(text)) entry.errors.push(text);
    byField.set(key, entry);
  }
  return { fields: [...byField.values()], other };
}
