/**
 * The action ids our buttons carry and the interactivity listeners match on: one definition, so
 * a renamed button cannot silently stop working.
 */
export const ACTION_DETAILS = 'hume_jobs.details';
export const ACTION_PAGE_PREV = 'hume_jobs.page_prev';
export const ACTION_PAGE_NEXT = 'hume_jobs.page_next';
/** The buttons on failure and overdue alerts; their value is the job id. */
export const ACTION_TAKE = 'hume_jobs.take';
export const ACTION_MUTE = 'hume_jobs.mute';
