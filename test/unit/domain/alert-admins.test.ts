/** Who may change alert settings, from ADMINS and what Slack said about the caller. */
import { decideAccess, NO_FACTS, type AccessDecision, type AdminList, type CallerFacts } from '../../../src/domain/alert-admins';

const ADMINS: AdminList = { users: ['U0ADA'], groups: ['S0OPS', 'S0ML'] };
const facts = (f: Partial<CallerFacts>): CallerFacts => ({ ...NO_FACTS, ...f });

test.each<[string, AdminList | null, string, CallerFacts, AccessDecision]>([
  ['unset: anyone, nothing asked', null, 'U0BOB', NO_FACTS, { allowed: true, why: 'anyone' }],
  ['listed by ID, nothing asked', ADMINS, 'U0ADA', NO_FACTS, { allowed: true, why: 'listed' }],
  ['a workspace admin or owner always may', ADMINS, 'U0BOB', facts({ workspaceAdmin: true }), { allowed: true, why: 'workspace admin' }],
  ['in a listed group', ADMINS, 'U0BOB', facts({ workspaceAdmin: false, inGroup: { S0OPS: false, S0ML: true } }), { allowed: true, why: 'group', group: 'S0ML' }],
  [
    'in a group even though users.info failed',
    ADMINS,
    'U0BOB',
    facts({ workspaceAdmin: null, inGroup: { S0OPS: true }, failures: ['users.info: ratelimited'] }),
    { allowed: true, why: 'group', group: 'S0OPS' },
  ],
  ['nobody said yes: refused', ADMINS, 'U0BOB', facts({ workspaceAdmin: false, inGroup: { S0OPS: false, S0ML: false } }), { allowed: false, why: 'not an admin' }],
  [
    'users.info failed and no group has them: could be an admin, so refused with why',
    ADMINS,
    'U0BOB',
    facts({ workspaceAdmin: null, inGroup: { S0OPS: false, S0ML: false }, failures: ['users.info: fatal_error'] }),
    { allowed: false, why: 'could not check', failures: ['users.info: fatal_error'] },
  ],
  [
    'one group could not be read: refused with why',
    ADMINS,
    'U0BOB',
    facts({ workspaceAdmin: false, inGroup: { S0OPS: false }, failures: ['usergroups.users.list S0ML: missing_scope usergroups:read'] }),
    { allowed: false, why: 'could not check', failures: ['usergroups.users.list S0ML: missing_scope usergroups:read'] },
  ],
  ['people only: users.info saying no is enough', { users: ['U0ADA'], groups: [] }, 'U0BOB', facts({ workspaceAdmin: false }), { allowed: false, why: 'not an admin' }],
  ['nothing asked yet', ADMINS, 'U0BOB', NO_FACTS, { allowed: false, why: 'could not check', failures: [] }],
])('%s', (_name, admins, user, given, expected) => expect(decideAccess(admins, user, given)).toEqual(expected));
