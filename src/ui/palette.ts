// Series colours as literal hex, so charts drawn into a standalone SVG or PNG keep them
// (CSS variables do not survive export). One place for every chart that draws bands or groups.

/** Poor, average, good (BANDS order). */
export const BAND_FILLS = ['#d64545', '#e0a526', '#2f9e6b'] as const;

/** Strangers, butterflies, barnacles, true friends (GROUPS order). */
export const GROUP_FILLS = ['#8a93a6', '#7a5cf0', '#e0a526', '#2f9e6b'] as const;

/** Customers in no group (a missing axis value). */
export const NO_GROUP_FILL = '#8a93a6';
