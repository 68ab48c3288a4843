// How date and time pickers keep their values in forms: the form holds the
// strings the API takes (a day as YYYY-MM-DD, a time of day as HH:mm, an
// instant as ISO 8601) and the picker sees a dayjs. Spread one of these on
// a Form.Item: <Form.Item name="due" {...dayValue}><DatePicker /></Form.Item>.

import dayjs, { type Dayjs } from 'dayjs';

type PickerValue = {
  getValueProps: (v?: string) => { value: Dayjs | undefined };
  normalize: (d: Dayjs | null) => string | undefined;
};

/** A calendar day, YYYY-MM-DD. */
export const dayValue: PickerValue = {
  getValueProps: (v) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d) => (d ? d.format('YYYY-MM-DD') : undefined),
};

/** A time of day, HH:mm (the picker needs a date; any fixed one does). */
export const timeValue: PickerValue = {
  getValueProps: (v) => ({ value: v ? dayjs(`2000-01-01T${v}`) : undefined }),
  normalize: (d) => (d ? d.format('HH:mm') : undefined),
};

/** An instant, ISO 8601 in UTC. */
export const instantValue: PickerValue = {
  getValueProps: (v) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d) => (d ? d.toISOString() : undefined),
};
