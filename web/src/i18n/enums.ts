// The closed value lists of the domain (crm/*.go) with their message keys.
// A unit test checks these lists against web/openapi.json and that every
// value has a label in both languages.

export const accountKinds = ['organization', 'individual'] as const;
export const industries = [
  'agriculture', 'mining', 'manufacturing', 'utilities', 'construction', 'wholesale_retail',
  'transport_logistics', 'hospitality', 'information_technology', 'finance', 'real_estate',
  'business_services', 'research_technology', 'environment_public', 'resident_services',
  'education', 'healthcare', 'culture_media', 'public_administration', 'other',
] as const;
export const companySizes = ['micro', 'small', 'medium', 'large', 'enterprise'] as const;
export const sources = [
  'sales_centre', 'phone', 'call_centre', 'email', 'website', 'forum_seminar', 'exhibition',
  'referral', 'advertisement', 'other',
] as const;
export const creditRatings = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'C'] as const;
export const contactLevels = ['decision', 'management', 'operational'] as const;
export const contactFunctions = ['user', 'technical', 'finance'] as const;
export const consentChannels = ['phone', 'mobile', 'email', 'wechat'] as const;
export const linkKinds = ['supplier', 'distributor', 'partner', 'parent', 'referred_by'] as const;
export const roles = ['admin', 'manager', 'sales', 'finance', 'warehouse', 'service', 'marketing', 'viewer'] as const;
export const fieldTypes = ['text', 'long_text', 'number', 'date', 'boolean', 'select', 'multiselect', 'url', 'email', 'phone'] as const;
export const orderStatuses = ['draft', 'confirmed', 'completed', 'cancelled'] as const;
/** The default pipeline (crm.DefaultStages): the buyer's decision process, then won and lost. Workspaces may add stages; those show their own names. */
export const pipelineStages = [
  'problem_recognition', 'need_determination', 'supplier_search', 'proposal', 'supplier_selection',
  'order_routine', 'performance_review', 'won', 'lost',
] as const;
export const stageKinds = ['open', 'won', 'lost'] as const;
export const segments = [
  'champions', 'loyal', 'potential_loyalist', 'new', 'promising', 'need_attention', 'about_to_sleep',
  'at_risk', 'cant_lose_them', 'hibernating', 'lost', 'unclassified',
] as const;
export const valueTiers = ['important', 'fairly_important', 'minor', 'unimportant', 'to_drop'] as const;
export const lifecycleStages = ['acquisition', 'growth', 'maturity', 'decline', 'exit'] as const;
export const profileFields = [
  'family', 'hometown', 'university', 'sports', 'restaurants', 'pets', 'books', 'last_vacation',
  'next_vacation', 'role', 'colleagues', 'goals', 'development_plan', 'birthday',
] as const;

export type ContactLevel = (typeof contactLevels)[number];
export type ContactFunction = (typeof contactFunctions)[number];
export type LinkKind = (typeof linkKinds)[number];
export type ProfileField = (typeof profileFields)[number];

/** Message-key prefix of each enum, e.g. industry -> "industry.<value>". */
export const enumPrefixes = {
  kind: { values: accountKinds, prefix: 'kind' },
  industry: { values: industries, prefix: 'industry' },
  size: { values: companySizes, prefix: 'size' },
  source: { values: sources, prefix: 'source' },
  credit_rating: { values: creditRatings, prefix: 'creditRating' },
  level: { values: contactLevels, prefix: 'level' },
  function: { values: contactFunctions, prefix: 'function' },
  role: { values: roles, prefix: 'role' },
  roleDesc: { values: roles, prefix: 'roleDesc' },
  fieldType: { values: fieldTypes, prefix: 'fieldType' },
  link: { values: linkKinds, prefix: 'link' },
  consent: { values: consentChannels, prefix: 'consent' },
  profile: { values: profileFields, prefix: 'profile' },
  order_status: { values: orderStatuses, prefix: 'order.status' },
  pipeline_stage: { values: pipelineStages, prefix: 'pipelineStage' },
  stage_kind: { values: stageKinds, prefix: 'stageKind' },
  segment: { values: segments, prefix: 'segment' },
  tier: { values: valueTiers, prefix: 'tier' },
  stage: { values: lifecycleStages, prefix: 'stage' },
} as const;

export type EnumName = keyof typeof enumPrefixes;
