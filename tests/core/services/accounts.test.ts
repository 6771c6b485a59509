import { describe, expect, test } from 'vitest';
import { cableInputSchema } from '../../../electron/core/cables/cableInput';
import { insertCable } from '../../../electron/core/store/cableWriter';
import { seededCoreFixture } from '../../support/tempCore';

const core = seededCoreFixture();

const NEW_TRAINEE = {
  login: 'trainee2',
  displayName: 'Second Trainee',
  post: 'USMISSION USNATO',
  office: 'POL',
  role: 'trainee' as const,
  clearance: 'CONFIDENTIAL' as const,
  categories: [],
  captionRoles: [],
  foreignNational: false,
  passphrase: 'a long enough passphrase',
};

describe('accounts', () => {
  test('an instructor creates a trainee who can sign in and reads the USRO inbox within the clearance', async () => {
    const c = core();
    const created = await c.accounts.create(c.users.byLogin('instructor'), NEW_TRAINEE);
    expect(created).toMatchObject({
      login: 'trainee2',
      post: { plad: 'USMISSION USNATO' },
      office: 'POL',
      clearance: 'CONFIDENTIAL',
    });
    const actor = await c.users.signIn('trainee2', 'a long enough passphrase', 'test');
    const refs = c.inbox.list(actor, { limit: 50 }).rows.map((r) => r.ref);
    expect(refs).toEqual(['TOPOL 593', 'TOPOL 592', 'TOPOL 590']);
    const stored = c.db.prepare("SELECT passphrase_hash FROM users WHERE login = 'trainee2'").pluck().get() as Buffer;
    expect(stored.toString('utf8')).not.toContain('a long enough passphrase');
    const entry = c.audit.list({ limit: 5, action: 'USER_CREATE' })[0]!;
    expect(entry).toMatchObject({ actorLogin: 'instructor', detail: { login: 'trainee2', role: 'trainee' } });
    expect(JSON.stringify(entry)).not.toContain('a long enough passphrase');
  });

  test('raising a clearance takes effect on the next query', async () => {
    const c = core();
    const instructor = c.users.byLogin('instructor');
    await c.accounts.update(instructor, 'trainee', { clearance: 'SECRET' });
    expect(c.inbox.list(c.users.byLogin('trainee'), { limit: 50 }).rows.map((r) => r.ref)).toContain('TOPOL 591');
  });

  test('instructors cannot create or promote instructors and admins; trainees manage nothing', async () => {
    const c = core();
    const instructor = c.users.byLogin('instructor');
    await expect(c.accounts.create(instructor, { ...NEW_TRAINEE, role: 'admin' })).rejects.toThrow(
      'Only admins manage instructors and admins.',
    );
    await expect(c.accounts.update(instructor, 'trainee', { role: 'instructor' })).rejects.toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }),
    );
    expect(() => c.accounts.list(c.users.byLogin('trainee'))).toThrow('Only instructors and admins manage accounts.');
    expect(c.audit.list({ limit: 5, action: 'DENY' })).toHaveLength(3);
  });

  test('bad input gets a clear message and writes nothing', async () => {
    const c = core();
    const instructor = c.users.byLogin('instructor');
    const users = (): number => c.db.prepare('SELECT count(*) FROM users').pluck().get() as number;
    const before = users();
    await expect(c.accounts.create(instructor, { ...NEW_TRAINEE, login: 'finletter' })).rejects.toThrow(
      'The login "finletter" is taken.',
    );
    await expect(c.accounts.create(instructor, { ...NEW_TRAINEE, post: 'AMEMBASSY ATLANTIS' })).rejects.toThrow(
      'Unknown post',
    );
    await expect(c.accounts.create(instructor, { ...NEW_TRAINEE, passphrase: 'short' })).rejects.toThrow(
      /at least 10 characters/,
    );
    await expect(c.accounts.create(instructor, { ...NEW_TRAINEE, foreignNational: true })).rejects.toThrow(
      /nationality/,
    );
    expect(users()).toBe(before);
  });

  test('a disabled account cannot sign in and leaves the sign-in list', async () => {
    const c = core();
    await c.accounts.update(c.users.byLogin('instructor'), 'duty-usro', { disabled: true });
    await expect(c.users.signIn('duty-usro', 'topol-578', 'test')).rejects.toThrow('This account is disabled.');
    expect(c.users.list().map((u) => u.login)).not.toContain('duty-usro');
    // A session or CLI call on behalf of the disabled account is refused too.
    expect(() => c.users.byLogin('duty-usro')).toThrow(expect.objectContaining({ code: 'ACCESS_DENIED' }));
  });
});

describe('EXDIS designation', () => {
  test('the principal designates a reader at the post; others may not; both are audited', () => {
    const c = core();
    const id = insertExdisCable(c);
    expect(() => c.cables.show(c.users.byLogin('duty-usro'), id, 'test')).toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }),
    );
    expect(() => c.accounts.designateExdis(c.users.byLogin('duty-usro'), 'trainee', true)).toThrow(
      /Only the principal/,
    );
    expect(() => c.accounts.designateExdis(c.users.byLogin('bohlen'), 'duty-usro', true)).toThrow(/Only the principal/);
    c.accounts.designateExdis(c.users.byLogin('finletter'), 'duty-usro', true);
    expect(c.cables.show(c.users.byLogin('duty-usro'), id, 'test').captions).toEqual(['EXDIS']);
    c.accounts.designateExdis(c.users.byLogin('finletter'), 'duty-usro', false);
    expect(() => c.cables.show(c.users.byLogin('duty-usro'), id, 'test')).toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }),
    );
    expect(c.audit.list({ limit: 10, action: 'DESIGNATE' }).map((e) => e.detail.designated)).toEqual([false, true]);
  });
});

function insertExdisCable(c: ReturnType<typeof core>): number {
  return insertCable(
    c.db,
    cableInputSchema.parse({
      ref: 'STATE 5150',
      profile: 'FRUS_1960S',
      dtg: '301800Z OCT 62',
      originator: { plad: 'SECSTATE WASHDC' },
      classification: 'SECRET',
      captions: ['EXDIS'],
      subject: 'Exclusive distribution practice',
      transmission: { addressees: [{ plad: 'USMISSION USNATO', role: 'ACTION' }] },
      paragraphs: [{ n: null, portion: 'S', text: 'For the principal and designees.' }],
    }),
  );
}
