import { BellOutlined } from '@ant-design/icons';
import { Badge, Tooltip } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTodo } from '../api/activityQueries';
import { useI18n } from '../i18n/I18nProvider';
import { bellCount } from '../lib/activities';

/** The header's bell: reminders due and own overdue items, from the to-do API (polled each minute). */
export function TodoBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const q = useTodo(true);
  const n = bellCount(q.data);
  return (
    <Tooltip title={t('todo.bell')}>
      <a className="gx-header-action" onClick={() => navigate('/todo')} aria-label={t('todo.bell')} data-testid="todo-bell">
        <Badge count={n} size="small" data-testid="todo-bell-count">
          <BellOutlined className="gx-header-bell" />
        </Badge>
      </a>
    </Tooltip>
  );
}
