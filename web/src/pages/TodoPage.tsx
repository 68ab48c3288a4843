import { BellOutlined, CheckSquareOutlined, FlagOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Checkbox, Col, Empty, List, Row, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { activityKeys, useTodo } from '../api/activityQueries';
import { api, call, ifMatch } from '../api/client';
import { errorText } from '../components/errorText';
import { TaskFormDrawer } from '../components/TaskFormDrawer';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { othersCount, todoGroups, todoLink, todoOpportunityLink, type TodoGroup, type TodoItem } from '../lib/activities';

const groupColor: Record<TodoGroup, string> = { overdue: '#cf1322', due_today: '#d48806', upcoming: '#1668dc', done: '#389e0d' };

/** The to-do centre (待办): the caller's tasks and key-account plans by due day. */
export function TodoPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useTodo();
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState('');

  const toggle = async (it: TodoItem) => {
    setBusy(it.id);
    try {
      await call(api.PATCH('/api/v1/tasks/{id}', { params: { path: { id: it.id }, header: { 'If-Match': ifMatch(it.version) } }, body: { done: !it.done } }));
      await qc.invalidateQueries({ queryKey: activityKeys.all });
    } catch (e) {
      message.error(errorText(t, e));
      qc.invalidateQueries({ queryKey: activityKeys.todo });
    } finally {
      setBusy('');
    }
  };

  const due = (it: TodoItem) => {
    if (it.due_at) return dayjs(it.due_at).format('YYYY-MM-DD HH:mm');
    return it.due_date || t('todo.noDue');
  };

  const row = (it: TodoItem, group: TodoGroup) => {
    const link = todoLink(it);
    const oppLink = todoOpportunityLink(it);
    return (
      <List.Item key={`${it.kind}-${it.id}`} data-testid="todo-item">
        <div className="gx-todo-item">
          {it.kind === 'task' && it.mine ? (
            <Checkbox
              checked={it.done}
              disabled={busy === it.id}
              onChange={() => toggle(it)}
              aria-label={it.done ? t('todo.markUndone') : t('todo.markDone')}
              data-testid="todo-toggle"
            />
          ) : it.kind === 'plan' ? (
            <FlagOutlined />
          ) : (
            <CheckSquareOutlined />
          )}
          <div className="gx-todo-item-main">
            <Space wrap size={[8, 0]}>
              <Typography.Text strong delete={it.done} data-testid="todo-title">
                {it.title}
              </Typography.Text>
              {it.kind === 'plan' && <Tag color="purple">{it.plan_kind ? t(`plan.kind.${it.plan_kind}` as MessageKey) : t('todo.plan')}</Tag>}
              {!it.mine && (
                <Tag icon={<TeamOutlined />} color="orange" data-testid="todo-owner">
                  {t('todo.of', { name: it.owner_name })}
                </Tag>
              )}
              {it.kind === 'task' && it.remind_at && !it.done && dayjs(it.remind_at).isBefore(dayjs()) && (
                <Tag icon={<BellOutlined />} color="gold">
                  {t('todo.reminder', { time: dayjs(it.remind_at).format('MM-DD HH:mm') })}
                </Tag>
              )}
            </Space>
            <div>
              <Typography.Text type={group === 'overdue' ? 'danger' : 'secondary'}>{due(it)}</Typography.Text>
              {link && (
                <>
                  {' · '}
                  <Link to={link}>{it.account_name}</Link>
                </>
              )}
              {oppLink && (
                <>
                  {' · '}
                  <Link to={oppLink} data-testid="todo-opportunity">
                    {t('todo.opportunity')}
                  </Link>
                </>
              )}
            </div>
          </div>
        </div>
      </List.Item>
    );
  };

  const todo = q.data;
  const others = othersCount(todo);
  return (
    <div className="gx-page">
      <div className="gx-page-head">
        <Space direction="vertical" size={0}>
          <Typography.Title level={3} className="gx-page-title">
            {t('todo.title')}
          </Typography.Title>
          {todo && <Typography.Text type="secondary">{t('todo.today', { day: todo.today })}</Typography.Text>}
        </Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="todo-new-task">
          {t('todo.newTask')}
        </Button>
      </div>
      {others > 0 && <Alert className="gx-mt" type="info" showIcon message={t('todo.teamHint', { n: others })} />}
      {q.isLoading ? (
        <Spin className="gx-page-spin" size="large" />
      ) : q.isError ? (
        <Alert type="error" showIcon message={errorText(t, q.error)} />
      ) : (
        <Row gutter={[16, 16]} className="gx-mt">
          {todoGroups.map((g) => {
            const items = todo?.[g] ?? [];
            return (
              <Col key={g} xs={24} lg={12}>
                <Card
                  className="gx-card gx-todo-group"
                  data-testid={`todo-group-${g}`}
                  title={
                    <>
                      <span style={{ color: groupColor[g] }}>{t(`todo.group.${g}`)}</span>
                      <Badge count={items.length} showZero color={items.length > 0 ? groupColor[g] : '#bfbfbf'} />
                    </>
                  }
                >
                  {items.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('todo.empty')} />
                  ) : (
                    <List size="small" dataSource={items} renderItem={(it) => row(it, g)} />
                  )}
                </Card>
              </Col>
            );
          })}
        </Row>
      )}
      <TaskFormDrawer open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}
