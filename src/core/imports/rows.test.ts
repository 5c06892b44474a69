import { describe, expect, it } from 'vitest';
import { parseAcct, parseImportRows } from './rows.js';

describe('parseAcct', () => {
  it('reads the forms Misskey and Mastodon write', () => {
    expect(parseAcct('alice@example.com')).toEqual({ username: 'alice', host: 'example.com' });
    expect(parseAcct('@alice@Example.COM')).toEqual({ username: 'alice', host: 'example.com' });
    expect(parseAcct('alice')).toEqual({ username: 'alice', host: null });
    expect(parseAcct('@alice')).toEqual({ username: 'alice', host: null });
    expect(parseAcct('bob_1@127.0.0.1:3000')).toEqual({ username: 'bob_1', host: '127.0.0.1:3000' });
    expect(parseAcct('a.b-c@social.example')).toEqual({ username: 'a.b-c', host: 'social.example' });
  });

  it('refuses what is not an account', () => {
    for (const text of ['', '@', 'alice@', 'Account address', 'a b@c', 'alice@@x', 'https://example.com/@alice']) expect(parseAcct(text)).toBeNull();
  });
});

describe('parseImportRows', () => {
  it('reads a Misskey following export (no header, LF)', () => {
    expect(parseImportRows('alice@a.example\nbob@b.example\n', 0)).toEqual({ rows: [['alice@a.example'], ['bob@b.example']], unreadable: 0 });
  });

  it('drops a BOM, a Mastodon header and CRLF, and keeps the extra columns', () => {
    const text = '\uFEFFAccount address,Show boosts,Notify on new posts,Languages\r\nalice@a.example,true,false,\r\n\r\nbob@b.example,false,false,\r\n';
    expect(parseImportRows(text, 0).rows).toEqual([['alice@a.example', 'true', 'false', ''], ['bob@b.example', 'false', 'false', '']]);
  });

  it('keeps a first row that is an account, with or without a host', () => {
    expect(parseImportRows('alice\r\n@bob\r', 0).rows).toEqual([['alice'], ['@bob']]);
  });

  it('keeps a first row that is a bad account (counted later as a bad row, not silently taken as a header)', () => {
    expect(parseImportRows('bad@@acct\nalice@x\n', 0).rows).toEqual([['bad@@acct'], ['alice@x']]);
  });

  it('reads user-lists rows: list name (quoted when it holds a comma) then the account', () => {
    expect(parseImportRows('Friends,alice@a.example\n"Work, old",bob@b.example\n', 1).rows)
      .toEqual([['Friends', 'alice@a.example'], ['Work, old', 'bob@b.example']]);
  });

  it('reads mixed line ends and counts a record it cannot read', () => {
    const parsed = parseImportRows('alice@x\r\nbob@x\ncarol@x\r"dave@x\n', 0);
    expect(parsed.rows).toEqual([['alice@x'], ['bob@x'], ['carol@x']]);
    expect(parsed.unreadable).toBe(1);
  });
});
