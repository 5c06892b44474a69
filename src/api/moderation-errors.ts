import type { ApiErrorDefinition } from './errors.js';

/**
 * Refusals of moderation endpoints where Misskey throws a bare `Error` (an INTERNAL_ERROR 500 for
 * the moderator): Mikan answers a declared client error instead. Codes and ids are Mikan's own.
 */
export const moderationErrors = {
  noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '0a408057-b583-4d8d-8d22-a615e654e5b0' },
  cannotSuspendModerator: { message: 'Moderators and administrators cannot be suspended.', code: 'CANNOT_SUSPEND_MODERATOR', id: '21142c80-2130-4c02-80d8-3e9c29a1898a' },
  cannotResetRootPassword: { message: 'The root account\'s password cannot be reset.', code: 'CANNOT_RESET_ROOT_PASSWORD', id: 'f3e865d6-8117-418f-a537-931e7697246c' },
  cannotDeleteRoot: { message: 'The root account cannot be deleted.', code: 'CANNOT_DELETE_ROOT', id: '4347ee66-ffa6-45fa-89d8-ad2feee57afb' },
  cannotActOnAdministrator: { message: 'Only an administrator may do this to an administrator.', code: 'CANNOT_ACT_ON_ADMINISTRATOR', id: 'abe943ef-dcb2-4e83-9abb-02ab2ddf1f41', kind: 'permission' },
} as const satisfies Record<string, ApiErrorDefinition>;

export const reportErrors = {
  cannotForwardLocalReport: { message: 'The reported account is local: there is no server to forward to.', code: 'CANNOT_FORWARD_LOCAL_REPORT', id: '9bb0643f-57d9-4f94-adc8-0ac986ccae07' },
  alreadyForwarded: { message: 'This report was already forwarded.', code: 'ALREADY_FORWARDED', id: '77dea8b2-aee2-4ab9-ab73-2262a907b699' },
  emailUnavailable: { message: 'Mail is not configured on this server (admin/update-meta: enableEmail, email, smtpHost): use a webhook recipient.', code: 'EMAIL_NOT_SUPPORTED', id: '3cddcf06-9565-4028-8379-79ad8e7163b4' },
} as const satisfies Record<string, ApiErrorDefinition>;
