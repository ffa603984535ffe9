/**
 * Job ids as users type them: the full UUID from a details view, or the 8-character short id
 * from a list. Ids are passed on as typed; the source resolves short ones.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** 6–36 hex digits and dashes, starting and ending with a hex digit. */
const HEX_RUN = /^[0-9a-f][0-9a-f-]{4,34}[0-9a-f]$/i;
const VALID_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Whether a bare word is a job id. At least one digit is required so that English words made of
 * hex letters (`deadbeef`, `accede`) are not taken for ids; callers check dates first, since
 * `2026-11-01` is hex and dashes too.
 */
export function looksLikeJobId(text: string): boolean {
  return UUID.test(text) || (HEX_RUN.test(text) && /\d/.test(text));
}

export function isValidId(text: string): boolean {
  return VALID_ID.test(text);
}
