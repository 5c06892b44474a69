import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { closeContext, createContext, type AppContext } from '../context.js';
import { signUp, SignupError } from '../core/users/signup.js';
import { signupErrors } from '../api/account-errors.js';

export const CREATE_ADMIN_USAGE = `Usage: mikan create-admin --username NAME --password PASSWORD

Creates an administrator account (the root administrator if it is the server's first account)
and prints its id and a token for its web client. The password may instead come from the
environment variable MIKAN_ADMIN_PASSWORD, which keeps it out of the process list.`;

interface Output { log(message: string): void; error(message: string): void }

/** `mikan create-admin` against an open context; returns the process exit code. */
export async function createAdminCommand(ctx: AppContext, argv: string[], env: NodeJS.ProcessEnv = process.env, out: Output = console): Promise<number> {
  let values: { username?: string; password?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { username: { type: 'string' }, password: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    out.error(`${(error as Error).message}\n\n${CREATE_ADMIN_USAGE}`);
    return 2;
  }
  if (values.help) {
    out.log(CREATE_ADMIN_USAGE);
    return 0;
  }
  const password = values.password ?? env.MIKAN_ADMIN_PASSWORD;
  if (!values.username || !password) {
    out.error(`Both a username and a password are needed.\n\n${CREATE_ADMIN_USAGE}`);
    return 2;
  }

  try {
    // Reserved names (admin, root...) are allowed: this is the operator speaking.
    const { user, token, isFirstUser } = await signUp(ctx, { username: values.username, password }, { isAdmin: true, allowReserved: true, firstRun: 'promote' });
    out.log(`Created ${isFirstUser ? 'the root administrator' : 'administrator'} @${user.username} (id ${user.id}).`);
    out.log(`Web client token: ${token}`);
    return 0;
  } catch (error) {
    if (error instanceof SignupError) {
      out.error(`Cannot create @${values.username}: ${signupErrors[error.code].message} (${error.code})`);
      return 1;
    }
    throw error;
  }
}

/** The whole command: opens the database (migrating it), runs, closes. */
export async function runCreateAdmin(config: Config, argv: string[]): Promise<number> {
  const ctx = await createContext(config);
  try {
    return await createAdminCommand(ctx, argv);
  } finally {
    await closeContext(ctx);
  }
}
