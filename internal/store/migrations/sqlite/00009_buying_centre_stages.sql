-- +goose Up
-- The buying centre of an opportunity (contacts with a buying role and a
-- stance) and Chinese stage labels, so that admins can rename stages in
-- both languages (the UI used to carry its own labels for the defaults).

ALTER TABLE pipeline_stages ADD COLUMN name_zh TEXT NOT NULL DEFAULT '';
UPDATE pipeline_stages SET name_zh = CASE key
    WHEN 'problem_recognition' THEN '认识问题'
    WHEN 'need_determination' THEN '确定需求'
    WHEN 'supplier_search' THEN '寻找供应商'
    WHEN 'proposal' THEN '方案/报价'
    WHEN 'supplier_selection' THEN '选择供应商'
    WHEN 'order_routine' THEN '签约下单'
    WHEN 'performance_review' THEN '绩效评估'
    WHEN 'won' THEN '赢单'
    WHEN 'lost' THEN '输单'
    ELSE name END;

CREATE TABLE opportunity_contacts (
    workspace_id   TEXT NOT NULL,
    opportunity_id TEXT NOT NULL,
    contact_id     TEXT NOT NULL,
    role           TEXT NOT NULL,
    stance         TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL,
    created_by     TEXT,
    updated_at     TIMESTAMP NOT NULL,
    updated_by     TEXT,
    PRIMARY KEY (workspace_id, opportunity_id, contact_id),
    FOREIGN KEY (workspace_id, opportunity_id) REFERENCES opportunities (workspace_id, id),
    FOREIGN KEY (workspace_id, contact_id) REFERENCES contacts (workspace_id, id)
);
CREATE INDEX opportunity_contacts_contact ON opportunity_contacts (workspace_id, contact_id);

-- +goose Down
DROP TABLE opportunity_contacts;
ALTER TABLE pipeline_stages DROP COLUMN name_zh;
