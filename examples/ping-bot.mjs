// A small streaming bot: answers "pong" to every mention that says "ping".
import { api, Stream } from 'misskey-js';

export function startPingBot({ origin, token }) {
  const client = new api.APIClient({ origin, credential: token });
  const stream = new Stream(origin, { token });
  const main = stream.useChannel('main');
  main.on('mention', async (note) => {
    if (!/\bping\b/i.test(note.text ?? '')) return;
    await client.request('notes/create', { text: 'pong', replyId: note.id });
  });
  const connected = new Promise((resolve) => stream.once('_connected_', resolve));
  return { connected, stop: () => stream.close() };
}
