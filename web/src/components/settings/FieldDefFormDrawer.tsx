import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Select, Space, Switch } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, call, ifMatch, type Entity, type FieldDefinition } from '../../api/client';
import { keys } from '../../api/queries';
import { useI18n } from '../../i18n/I18nProvider';
import { fieldTypes } from '../../i18n/enums';
import {
  cleanOptions,
  duplicateOptions,
  fieldDefBody,
  fieldDefFieldPath,
  fieldDefToValues,
  fieldKeyPattern,
  hasOptions,
  maxOptionLength,
  maxOptions,
  removedOptions,
  suggestKey,
  type FieldDefFormValues,
} from '../../lib/fieldDefForm';
import { FormBanner } from '../FormBanner';
import { FormDrawer } from '../FormDrawer';
import { useApiFormErrors } from '../useApiFormErrors';

interface Props {
  open: boolean;
  entity: Entity;
  /** The definition to edit; none to add one. */
  def?: FieldDefinition;
  onClose: () => void;
}

/** Defines a custom field of accounts or contacts, or changes one. */
export function FieldDefFormDrawer({ open, entity, def, onClose }: Props) {
  const { t, label, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FieldDefFormValues>();
  const errors = useApiFormErrors(form, fieldDefFieldPath);
  const [base, setBase] = useState<FieldDefinition | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [reloading, setReloading] = useState(false);
  // The key follows the label until the admin types a key of their own.
  const keyTouched = useRef(false);
  const type = Form.useWatch('type', form);
  const options = Form.useWatch('options', form) as (string | undefined)[] | undefined;
  const editing = !!def;
  const { setBanner } = errors;

  const fill = (d?: FieldDefinition) => {
    form.resetFields();
    form.setFieldsValue(fieldDefToValues(d));
  };

  useEffect(() => {
    if (!open) return;
    setBase(def);
    setBanner(null);
    keyTouched.current = false;
    fill(def);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const reload = async () => {
    if (!def) return;
    setReloading(true);
    try {
      const all = await qc.fetchQuery({
        queryKey: keys.fieldDefs(def.entity),
        queryFn: () => call(api.GET('/api/v1/field-definitions', { params: { query: { entity: def.entity } } })),
        staleTime: 0,
      });
      const fresh = (all ?? []).find((d) => d.id === def.id);
      if (!fresh) {
        onClose();
        return;
      }
      setBase(fresh);
      fill(fresh);
      setBanner(null);
    } catch (e) {
      errors.handle(e);
    } finally {
      setReloading(false);
    }
  };

  const submit = async () => {
    const v = form.getFieldsValue(true) as FieldDefFormValues;
    setSaving(true);
    setBanner(null);
    try {
      if (base) {
        await call(
          api.PATCH('/api/v1/field-definitions/{id}', {
            params: { path: { id: base.id }, header: { 'If-Match': ifMatch(base.version) } },
            body: fieldDefBody({ ...v, key: base.key, type: base.type }, base.entity),
          }),
        );
      } else {
        await call(api.POST('/api/v1/field-definitions', { body: fieldDefBody(v, entity) }));
      }
      qc.invalidateQueries({ queryKey: keys.fieldDefs(base?.entity ?? entity) });
      message.success(editing ? t('common.savedOk') : t('common.createdOk'));
      onClose();
    } catch (e) {
      errors.handle(e);
    } finally {
      setSaving(false);
    }
  };

  const onValuesChange = (changed: Partial<FieldDefFormValues>) => {
    if (editing) return;
    if ('key' in changed) keyTouched.current = true;
    if ('label' in changed && !keyTouched.current) form.setFieldValue('key', suggestKey(changed.label ?? ''));
    // A choice field starts with one empty option to fill in.
    if ('type' in changed && hasOptions(changed.type) && !(form.getFieldValue('options') ?? []).length) form.setFieldValue('options', ['']);
  };

  const conflict = errors.banner?.kind === 'conflict';
  const removed = base && hasOptions(base.type) ? removedOptions(base.options, options ?? []) : [];

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      width={560}
      title={editing ? t('cf.edit') : t(entity === 'account' ? 'cf.newAccount' : 'cf.newContact')}
      saving={saving}
      onSave={() => form.submit()}
      saveTestId="cf-save"
      saveDisabled={conflict}
    >
      <FormBanner banner={errors.banner} onReload={reload} reloading={reloading} />
      <Form<FieldDefFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={onValuesChange}
        scrollToFirstError
        disabled={conflict}
        data-testid="cf-form"
      >
        <Form.Item name="label" label={t('cf.label')} rules={[{ required: true, whitespace: true, message: t('reason.required') }, { max: 100, message: t('reason.too_long') }]}>
          <Input maxLength={100} data-testid="cf-label" />
        </Form.Item>
        <Form.Item
          name="key"
          label={t('cf.key')}
          extra={editing ? t('cf.fixedHint') : t('cf.keyHint')}
          rules={editing ? undefined : [{ required: true, message: t('reason.required') }, { pattern: fieldKeyPattern, message: t('cf.keyInvalid') }]}
        >
          <Input maxLength={40} className="gx-mono" disabled={editing} placeholder="erp_system" data-testid="cf-key" />
        </Form.Item>
        <Form.Item name="type" label={t('cf.type')} rules={[{ required: true, message: t('reason.required') }]}>
          <Select disabled={editing} options={fieldTypes.map((x) => ({ value: x, label: label('fieldType', x) }))} data-testid="cf-type" />
        </Form.Item>
        {hasOptions(type) && (
          <Form.Item label={t('cf.options')} required>
            <Form.List
              name="options"
              rules={[
                {
                  validator: async (_, v: (string | undefined)[] | undefined) => {
                    if (cleanOptions(v).length === 0) throw new Error(t('cf.optionsRequired'));
                  },
                },
              ]}
            >
              {(fields, { add, remove, move }, { errors: listErrors }) => (
                <div className="gx-options" data-testid="cf-options">
                  {fields.map((f, i) => (
                    <div className="gx-option-row" key={f.key}>
                      <Form.Item
                        name={f.name}
                        className="gx-option-input"
                        validateTrigger={['onChange', 'onBlur']}
                        rules={[
                          { required: true, whitespace: true, message: t('reason.required') },
                          { max: maxOptionLength, message: t('reason.too_long') },
                          {
                            validator: async () => {
                              if (duplicateOptions(form.getFieldValue('options') ?? []).includes(i)) throw new Error(t('cf.optionDuplicate'));
                            },
                          },
                        ]}
                      >
                        <Input maxLength={maxOptionLength} data-testid="cf-option" />
                      </Form.Item>
                      <Space.Compact>
                        <Button icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('cf.moveUp')} title={t('cf.moveUp')} />
                        <Button icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} aria-label={t('cf.moveDown')} title={t('cf.moveDown')} />
                        <Button icon={<DeleteOutlined />} onClick={() => remove(i)} aria-label={t('cf.removeOption')} title={t('cf.removeOption')} />
                      </Space.Compact>
                    </div>
                  ))}
                  <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add('')} disabled={fields.length >= maxOptions} data-testid="cf-add-option">
                    {t('cf.addOption')}
                  </Button>
                  <Form.ErrorList errors={listErrors} />
                </div>
              )}
            </Form.List>
          </Form.Item>
        )}
        {removed.length > 0 && <Alert className="gx-mb" type="warning" showIcon message={t('cf.removedOptions', { options: removed.join(locale === 'en' ? ', ' : '、') })} />}
        <Form.Item name="required" label={t('cf.required')} valuePropName="checked" extra={t('cf.requiredHint')}>
          <Switch data-testid="cf-required" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
