import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Popover } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

/** Chooses the visible columns; the name column is always shown. */
export function ColumnPicker({ all, value, onChange, labelOf }: { all: string[]; value: string[]; onChange: (c: string[]) => void; labelOf: (key: string) => string }) {
  const { t } = useI18n();
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('list.columns')}
      content={
        <Checkbox.Group
          className="gx-column-picker"
          value={value}
          onChange={(v) => onChange(all.filter((c) => c === 'name' || (v as string[]).includes(c)))}
          options={all.map((c) => ({ value: c, label: labelOf(c), disabled: c === 'name' }))}
        />
      }
    >
      <Button icon={<SettingOutlined />} data-testid="column-picker">
        {t('list.columns')}
      </Button>
    </Popover>
  );
}
