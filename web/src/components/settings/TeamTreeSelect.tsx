import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { Team } from '../../api/client';
import { useTeams } from '../../api/queries';
import { buildTeamTree, type TeamNode } from '../../lib/teamTree';

interface Props {
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
  placeholder?: string;
  /** Teams that cannot be chosen (e.g. a team and those below it, as its own parent). */
  disabledIds?: Set<string>;
  disabled?: boolean;
  'data-testid'?: string;
}

interface Option {
  value: string;
  title: string;
  disabled?: boolean;
  children: Option[];
}

/** Picks a team from the hierarchy; clearing means "no team". */
export function TeamTreeSelect({ value, onChange, id, placeholder, disabledIds, disabled, ...rest }: Props) {
  const { teams, isLoading } = useTeams();
  const treeData = useMemo(() => {
    const tree = buildTeamTree(teams);
    const toOption = (n: TeamNode<Team>): Option => ({
      value: n.team.id,
      title: n.team.name,
      disabled: disabledIds?.has(n.team.id),
      children: n.children.map(toOption),
    });
    return tree.map(toOption);
  }, [teams, disabledIds]);
  return (
    <TreeSelect<string>
      id={id}
      value={value || undefined}
      onChange={(v) => onChange?.(v || undefined)}
      treeData={treeData}
      treeDefaultExpandAll
      allowClear
      showSearch
      treeNodeFilterProp="title"
      loading={isLoading}
      placeholder={placeholder}
      disabled={disabled}
      className="gx-w-full"
      data-testid={rest['data-testid']}
    />
  );
}
