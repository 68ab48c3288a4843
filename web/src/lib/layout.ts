/** Columns of a details table per screen width: two side by side, one on phones. */
export const descriptionColumns = { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 } as const;
