/**
 * The administration API: list users, change a user's role, disable or enable them. Admin
 * role required, read from the store on every call. A change applies at once: a demoted user's
 * next request is refused; a disabled user's sessions end (their tokens get 401 and their
 * desktop sockets close) and, as an agent, they stop being offered work.
 *
 * `DELETE …/{id}/sessions` signs a user out everywhere without disabling them.
 *
 * The hub never lets the last enabled administrator go: nobody could undo that from here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ADMIN_USERS_PATH, AdminUserPatch, type AdminUser, type AdminUserList } from '../../src-common/admin';
import type { AppError } from '../../src-common/result';
import { ADMIN_ROLES } from '../auth/permissions';
import type { Sessions } from '../auth/sessions';
import type { ContactCenter } from '../center/contact-center';
import { iso, type Clock } from '../clock';
import type { HubLogger } from '../log';
import type { HubStore, UserRow } from '../storage/repositories';
import { sendError, sendJson } from './http-replies';
import { readJson } from './http-request';
import { authorize } from './session-routes';

export interface AdminRouteDeps {
  center: Pick<ContactCenter, 'user' | 'markUnreachable'>;
  store: HubStore;
  sessions: Sessions;
  clock: Clock;
  log: HubLogger;
  /** Ids of the users the configuration file names (the only ones the API lists or changes). */
  configuredUserIds(): readonly string[];
}

const MAX_BODY_BYTES = 4 * 1024;
const USER_PATH = new RegExp(`^${ADMIN_USERS_PATH}/([a-z0-9][a-z0-9_-]{0,63})(/sessions)?$`);

function firstIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}` : 'unknown shape';
}

export function createAdminRoutes(deps: AdminRouteDeps): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const view = (user: UserRow): AdminUser => ({
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    disabled: user.disabled,
    activeSessions: user.disabled ? 0 : deps.sessions.openSessionCount(user.id),
  });
  const users = (): UserRow[] => deps.configuredUserIds().flatMap((id) => deps.center.user(id) ?? []);
  const enabledAdmins = (list: readonly UserRow[]): number => list.filter((u) => !u.disabled && u.role === 'admin').length;

  function change(adminId: string, target: UserRow, patch: AdminUserPatch): AppError | UserRow {
    const next: UserRow = { ...target, role: patch.role ?? target.role, disabled: patch.disabled ?? target.disabled };
    const after = users().map((u) => (u.id === target.id ? next : u));
    if (enabledAdmins(after) === 0) return { code: 'conflict', message: 'This would leave the hub without an enabled administrator.' };
    deps.store.users.saveAccess({ userId: target.id, role: next.role, disabled: next.disabled, changedBy: adminId, changedAt: iso(deps.clock.now()) });
    deps.log.info({ by: adminId, userId: target.id, role: next.role, disabled: next.disabled }, 'user access changed');
    if (next.disabled && !target.disabled) {
      deps.sessions.endAllFor(target.id, 'disabled');
      // A disabled agent takes no more offers; work they hold stays theirs until a supervisor moves it.
      deps.center.markUnreachable(target.id);
    }
    return next;
  }

  async function patch(req: IncomingMessage, res: ServerResponse, adminId: string, userId: string): Promise<void> {
    const target = deps.configuredUserIds().includes(userId) ? deps.center.user(userId) : null;
    if (!target) return sendError(res, { code: 'not-found', message: `No user "${userId}" on this hub.` });
    const body = await readJson(req, MAX_BODY_BYTES);
    if (!body.ok) return sendError(res, body.error, body.status);
    const parsed = AdminUserPatch.safeParse(body.value);
    if (!parsed.success) return sendError(res, { code: 'bad-request', message: `Invalid change: ${firstIssue(parsed.error)}` });
    const changed = change(adminId, target, parsed.data);
    if ('code' in changed) return sendError(res, changed);
    sendJson(res, 200, view(changed));
  }

  return async (req, res, url) => {
    const one = USER_PATH.exec(url.pathname);
    if (url.pathname !== ADMIN_USERS_PATH && !one && !url.pathname.startsWith(`${ADMIN_USERS_PATH}/`)) return false;
    const admin = await authorize(deps.sessions, req, ADMIN_ROLES, 'Only an administrator may manage users.');
    if (!admin.ok) {
      sendError(res, admin.error);
      return true;
    }
    if (url.pathname === ADMIN_USERS_PATH && req.method === 'GET') {
      const body: AdminUserList = { users: users().map(view) };
      sendJson(res, 200, body);
    } else if (one?.[1] && !one[2] && req.method === 'PATCH') {
      await patch(req, res, admin.value.userId, one[1]);
    } else if (one?.[1] && one[2] && req.method === 'DELETE') {
      if (!deps.configuredUserIds().includes(one[1])) sendError(res, { code: 'not-found', message: `No user "${one[1]}" on this hub.` });
      else {
        deps.sessions.endAllFor(one[1], 'admin');
        deps.log.info({ by: admin.value.userId, userId: one[1] }, 'user signed out by an administrator');
        res.writeHead(204, { 'cache-control': 'no-store' });
        res.end();
      }
    } else if (!one && url.pathname !== ADMIN_USERS_PATH) {
      sendError(res, { code: 'not-found', message: `No such user path: ${url.pathname}` });
    } else {
      sendError(res, { code: 'bad-request', message: `${req.method ?? 'This method'} is not allowed here.` }, 405);
    }
    return true;
  };
}
