import { Type } from '@sinclair/typebox';

/** The answer of `server-info`: the machine the server runs on, in bytes where sizes are given. */
export const ServerInfoSchema = Type.Object({
  machine: Type.String(),
  cpu: Type.Object({ model: Type.String(), cores: Type.Number() }),
  mem: Type.Object({ total: Type.Number() }),
  fs: Type.Object({ total: Type.Number(), used: Type.Number() }),
});
