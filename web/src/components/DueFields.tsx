import { DatePicker, Form, TimePicker } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { dayValue, timeValue } from '../lib/dateValues';

/**
 * A due day and an optional time of day, as the API's due values take
 * them (see dueValue); the time opens once a day is picked. For use inside
 * a Form, next to other fields in a Space.
 */
export function DueFields({ day, time, dayLabel, dayTestId }: { day: string; time: string; dayLabel: string; dayTestId: string }) {
  const { t } = useI18n();
  const picked = Form.useWatch(day, Form.useFormInstance());
  return (
    <>
      <Form.Item name={day} label={dayLabel} {...dayValue}>
        <DatePicker data-testid={dayTestId} />
      </Form.Item>
      <Form.Item name={time} label={t('task.dueTime')} {...timeValue}>
        <TimePicker format="HH:mm" minuteStep={5} disabled={!picked} />
      </Form.Item>
    </>
  );
}
